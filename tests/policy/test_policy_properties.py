"""Hypothesis hunts for leaks: over random agencies, records and viewers, the SQL filter
every list and export uses selects exactly what the per-record decision allows, and
every read path returns nothing more."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tabadul.domain.enums import HandlingCode, Role, Visibility
from tabadul.policy import Action, Policy, Viewer
from tabadul.service import NotFound, Tabadul
from tabadul.service.records import RecordFilter
from tabadul.store.tables import Record
from tests.factory import OPERATOR, person

AGENCIES = ["DZ-NCB", "MA-NCB", "TN-NCB"]
TODAY = date.today()

record_spec = st.tuples(
    st.sampled_from(AGENCIES),
    st.sampled_from(list(Visibility)),
    st.sampled_from([HandlingCode.H0, HandlingCode.H1, HandlingCode.H2]),
    st.booleans(),  # past its review date
)
viewer_spec = st.tuples(st.sampled_from([*AGENCIES, None]), st.sampled_from(list(Role)))


def _setup(app: Tabadul) -> None:
    for code in AGENCIES:
        app.directory.add_agency(viewer=OPERATOR, code=code, name=code, country=code[:2])


def _viewer(app: Tabadul, spec: tuple[str | None, Role]) -> Viewer:
    agency, role = spec
    if agency is None:
        return OPERATOR
    info = app.directory.get_agency(agency)
    return Viewer(login="v", role=role, agency_id=info.id, agency_code=agency, country=info.country)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    records=st.lists(record_spec, min_size=1, max_size=8),
    viewers=st.lists(viewer_spec, min_size=1, max_size=4),
)
def test_sql_filter_and_read_paths_agree_with_the_decision(
    app: Tabadul,
    records: list[tuple[str, Visibility, HandlingCode, bool]],
    viewers: list[tuple[str | None, Role]],
) -> None:
    with app.transaction() as session:
        session.execute(Record.__table__.delete())
    if not app.directory.agencies():
        _setup(app)
    for i, (owner, visibility, handling, expired) in enumerate(records):
        app.records.save(
            OPERATOR,
            person(f"p-{i}", visibility=visibility.value, handling_code=handling.value),
            owner=owner,
            create=True,
        )
        if expired:
            with app.transaction() as session:
                row = session.scalars(select(Record).where(Record.external_id == f"p-{i}")).one()
                row.review_date = TODAY - timedelta(days=1)
    for spec in viewers:
        viewer = _viewer(app, spec)
        with app.transaction() as session:
            rows = session.scalars(select(Record)).all()
            for action in (Action.VIEW, Action.LIST, Action.EXPORT, Action.SEARCH):
                by_sql = set(
                    session.scalars(
                        select(Record.id).where(visible_clause(viewer, action, today=TODAY))
                    )
                )
                by_rule = {r.id for r in rows if allowed(viewer, action, r, today=TODAY)}
                assert by_sql == by_rule, (viewer, action)
            full = {
                (r.owner.code, r.external_id)
                for r in rows
                if allowed(viewer, Action.VIEW, r, today=TODAY)
            }
            exportable = {
                (r.owner.code, r.external_id)
                for r in rows
                if allowed(viewer, Action.EXPORT, r, today=TODAY)
            }
        listed = {
            (r.owner, r.external_id)
            for r in app.records.page(viewer, RecordFilter(), limit=500).items
        }
        assert listed == full
        for owner, ext in {(r.owner.code, r.external_id) for r in rows}:
            try:
                app.records.get(viewer, owner=owner, external_id=ext)
                assert (owner, ext) in full
            except NotFound:
                assert (owner, ext) not in full
        with app.transaction() as session:
            exported = {
                (r.owner, r.external_id)
                for r in app.records.iterate(session, viewer, Action.EXPORT)
            }
        assert exported == exportable
        if not viewer.operator:  # H2 never leaves its owner
            for owner, ext in exported:
                row = next(r for r in rows if r.owner.code == owner and r.external_id == ext)
                assert row.handling_code != "H2" or row.owner_id == viewer.agency_id
