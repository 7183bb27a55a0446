"""Hypothesis hunts for leaks.

Over random agencies' default rules, records with their own rules, purposes, review
dates, releases and secretariat settings, and random viewers and purposes, every read
path — record get and list, search, screening, export, hit lists — returns exactly what an
independent re-reading of the documented order (``oracle`` below, written from
DESIGN.md and ``tabadul.policy``'s docstring, not from its code) allows: nothing more,
nothing less; the SQL filter agrees with the per-record decision; and a hit-only answer
never carries a field beyond the reference, the owner and the handling code.

Records are persons and groups of one name. Search answers for both (persons through
screening, name only; groups scored by the same scorer) and must return every record the
oracle allows, each at its level: the full name is a hit on every record, so each
hit-only one appears. Screening answers for persons only.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, update

from tabadul.domain.enums import HandlingCode, Purpose, Role, Visibility
from tabadul.model.records import Sharing
from tabadul.policy import Action, Policy, Viewer
from tabadul.service import NotFound, Tabadul
from tabadul.service.records import RecordFilter
from tabadul.service.screening import ScreenQuery
from tabadul.service.sharing import RuleIn
from tabadul.store.tables import Hit, Record, ReleaseRequest, SharingRule
from tests.factory import OPERATOR, group, person

AGENCIES = {"DZ-NCB": "DZ", "MA-NCB": "MA", "TN-NCB": "TN", "EG-NCB": "EG", "ML-NCB": "ML"}
SECRETARIAT = "ORG-SEC"
REGIONS = {"MAGHREB": {"DZ", "MA", "TN"}, "SAHEL": {"ML", "DZ"}, "AIMC": {"DZ", "MA", "TN", "EG"}}
OWNERS = sorted(AGENCIES)
RANK = {Visibility.NONE: 0, Visibility.HIT_ONLY: 1, Visibility.FULL: 2}
NAME = "Zaydan Qasimi"  # every record answers the same search
HIT_ONLY_KEYS = {"record_id", "owner", "owner_name", "handling_code", "access", "hit", "hit_id"}

subjects = st.one_of(
    st.tuples(st.just("agency"), st.sampled_from([*OWNERS, SECRETARIAT])),
    st.tuples(st.just("member"), st.sampled_from(sorted(set(AGENCIES.values())))),
    st.tuples(st.just("region"), st.sampled_from(sorted(REGIONS))),
)
rules = st.lists(
    st.tuples(subjects, st.sampled_from(list(Visibility))).map(lambda t: (*t[0], t[1])),
    max_size=3,
)


@dataclass(frozen=True)
class Rec:
    owner: str
    base: Visibility
    own_rules: list[tuple[str, str, Visibility]] | None
    purposes: list[Purpose] | None
    handling: HandlingCode
    expired: bool
    released_to: frozenset[str]
    group: bool = False


records = st.builds(
    Rec,
    owner=st.sampled_from(OWNERS),
    base=st.sampled_from(list(Visibility)),
    own_rules=st.none() | rules,
    purposes=st.none() | st.lists(st.sampled_from(list(Purpose)), min_size=1, max_size=2),
    handling=st.sampled_from([HandlingCode.H0, HandlingCode.H2]),
    expired=st.booleans(),
    released_to=st.frozensets(st.sampled_from(OWNERS), max_size=2),
    group=st.booleans(),
)
viewer_specs = st.tuples(
    st.sampled_from([*OWNERS, SECRETARIAT, "operator"]), st.sampled_from(list(Role))
)


def oracle(
    viewer: Viewer,
    purpose: Purpose | None,
    rec: Rec,
    defaults: dict[str, list[tuple[str, str, Visibility]]],
    secretariat_access: dict[str, bool],
) -> Visibility:
    """The documented order, read independently of the implementation."""
    if viewer.operator or rec.owner == viewer.agency_code:
        return Visibility.FULL
    if rec.expired:
        return Visibility.NONE
    if rec.purposes and purpose not in rec.purposes:
        return Visibility.NONE
    if viewer.is_secretariat and secretariat_access[rec.owner]:
        return Visibility.FULL
    if viewer.agency_code in rec.released_to:
        return Visibility.FULL
    in_force = rec.own_rules if rec.own_rules is not None else defaults[rec.owner]
    matching = [
        level
        for kind, code, level in in_force
        if (kind == "agency" and code == viewer.agency_code)
        or (kind == "member" and code == viewer.country)
        or (kind == "region" and viewer.country in REGIONS[code])
    ]
    if Visibility.NONE in matching:
        return Visibility.NONE
    return max([rec.base, *matching], key=RANK.__getitem__)


def _universe(app: Tabadul) -> None:
    directory = app.directory
    for code, country in AGENCIES.items():
        directory.add_agency(viewer=OPERATOR, code=code, name=f"Bureau {country}", country=country)
    directory.add_agency(
        viewer=OPERATOR, code=SECRETARIAT, name="Secretariat", country=None, is_secretariat=True
    )
    for code, members in REGIONS.items():
        directory.set_region(viewer=OPERATOR, code=code, name=code.title(), members=sorted(members))


def _viewer(app: Tabadul, agency: str, role: Role) -> Viewer:
    if agency == "operator":
        return OPERATOR
    info = app.directory.get_agency(agency)
    return Viewer(
        login=f"{agency.lower()}.{role.value}",
        role=role,
        agency_id=info.id,
        agency_code=agency,
        country=info.country,
        is_secretariat=info.is_secretariat,
    )


def _as_rules(items: list[tuple[str, str, Visibility]]) -> list[RuleIn]:
    return [RuleIn(subject=k, code=c, level=lvl) for k, c, lvl in items]  # type: ignore[arg-type]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    recs=st.lists(records, min_size=1, max_size=7),
    defaults=st.fixed_dictionaries({owner: rules for owner in OWNERS}),
    secretariat_access=st.fixed_dictionaries({owner: st.booleans() for owner in OWNERS}),
    viewers=st.lists(viewer_specs, min_size=1, max_size=3),
    purpose=st.none() | st.sampled_from(list(Purpose)),
)
@pytest.mark.parametrize("inline_releases", [2000, 0], ids=["inline", "lookup"])
def test_every_read_path_returns_exactly_what_the_rules_allow(
    app: Tabadul,
    monkeypatch: pytest.MonkeyPatch,
    inline_releases: int,
    recs: list[Rec],
    defaults: dict[str, list[tuple[str, str, Visibility]]],
    secretariat_access: dict[str, bool],
    viewers: list[tuple[str, Role]],
    purpose: Purpose | None,
) -> None:
    # Both ways the SQL filter finds releases: a list of ids, or a lookup per record.
    monkeypatch.setattr("tabadul.policy._decide._INLINE_RELEASES", inline_releases)
    with app.transaction() as session:  # each example starts from an empty store
        session.execute(delete(Hit))
        session.execute(delete(Record))
        session.execute(delete(SharingRule))
    app.screening.reset()  # the store was emptied behind the service's back
    if not app.directory.agencies():
        _universe(app)
    today = app.today()
    for owner in OWNERS:
        app.sharing.set_defaults(
            OPERATOR,
            agency=owner,
            rules=_as_rules(defaults[owner]),
            secretariat_access=secretariat_access[owner],
        )
    for i, rec in enumerate(recs):
        ext = f"r-{i}"
        shared = {"visibility": rec.base.value, "handling_code": rec.handling.value}
        app.records.save(
            OPERATOR,
            group(ext, name=f"{NAME} {i}", sharing=Sharing.model_validate(shared))
            if rec.group
            else person(ext, name=f"{NAME} {i}", **shared),
            owner=rec.owner,
            create=True,
        )
        app.sharing.set_record(
            OPERATOR,
            owner=rec.owner,
            external_id=ext,
            rules=_as_rules(rec.own_rules) if rec.own_rules is not None else None,
            purposes=rec.purposes,
        )
        with app.transaction() as session:
            row = session.scalars(select(Record).where(Record.external_id == ext)).one()
            if rec.expired:
                session.execute(
                    update(Record)
                    .where(Record.id == row.id)
                    .values(review_date=today - timedelta(days=1))
                )
            for agency in rec.released_to:
                session.add(
                    ReleaseRequest(
                        record_id=row.id,
                        agency_id=app.directory.agency(session, agency).id,
                        requested_by="someone",
                        reason="test",
                        requested_at=app.now(),
                        status="released",
                    )
                )
    keyed = {(rec.owner, f"r-{i}"): rec for i, rec in enumerate(recs)}

    for agency, role in viewers:
        viewer = _viewer(app, agency, role)
        expected = {
            key: oracle(viewer, purpose, rec, defaults, secretariat_access)
            for key, rec in keyed.items()
        }
        full = {k for k, v in expected.items() if v is Visibility.FULL}
        hit_only = {k for k, v in expected.items() if v is Visibility.HIT_ONLY}
        persons = {k for k, rec in keyed.items() if not rec.group}

        # the per-record decision and the SQL filter agree with each other and the oracle
        with app.transaction() as session:
            policy = Policy.for_viewer(session, viewer, purpose=purpose, today=today)
            rows = session.scalars(select(Record)).all()
            for row in rows:
                assert policy.access(row) is expected[(row.owner.code, row.external_id)]
            for action in (Action.VIEW, Action.LIST, Action.EXPORT, Action.SEARCH):
                by_sql = set(session.scalars(select(Record.id).where(policy.clause(action))))
                by_rule = {r.id for r in rows if policy.allowed(action, r)}
                assert by_sql == by_rule, (viewer, action)

        # record list and get
        page = app.records.page(viewer, RecordFilter(), limit=500, purpose=purpose)
        assert {(r.owner, r.external_id) for r in page.items} == full
        assert page.total == len(full)
        for owner, ext in keyed:
            try:
                app.records.get(viewer, owner=owner, external_id=ext, purpose=purpose)
                assert (owner, ext) in full
            except NotFound:
                assert (owner, ext) not in full

        # export: full, less others' H2 records
        out = io.StringIO()
        app.transfer.export_ftm(viewer, out)
        exported = {
            (json.loads(line).get("tabadul", {}).get("owner"), json.loads(line)["id"])
            for line in out.getvalue().splitlines()
        }
        exportable_no_purpose = {
            k
            for k, rec in keyed.items()
            if oracle(viewer, None, rec, defaults, secretariat_access) is Visibility.FULL
            and (
                rec.handling is not HandlingCode.H2 or k[0] == viewer.agency_code or viewer.operator
            )
        }
        assert {ext for _, ext in exported} == {ext for _, ext in exportable_no_purpose}

        # search (persons and groups): full results only where full; hit-only ones
        # carry nothing more; screening (persons only): the same, persons only
        if purpose is not None:
            results = app.search.names(viewer, name=f"{NAME}", purpose=purpose, limit=200)
            seen_full = {(r.owner, r.record_id) for r in results if r.access is Visibility.FULL}
            seen_hit = {(r.owner, r.record_id) for r in results if r.access is Visibility.HIT_ONLY}
            assert seen_full == full
            assert seen_hit == hit_only
            for r in results:
                if r.access is Visibility.HIT_ONLY:
                    present = {k for k, v in vars(r).items() if v is not None}
                    assert present <= HIT_ONLY_KEYS, present
            screened = app.screening.screen(
                viewer, ScreenQuery(name=NAME), purpose=purpose, limit=100
            )
            by_access = {
                access: {(r.owner, r.record_id) for r in screened if r.access is access}
                for access in (Visibility.FULL, Visibility.HIT_ONLY)
            }
            assert by_access[Visibility.FULL] == full & persons
            assert by_access[Visibility.HIT_ONLY] <= hit_only & persons
            for r in screened:
                if r.access is Visibility.HIT_ONLY:
                    present = {k for k, v in vars(r).items() if v is not None}
                    assert present <= HIT_ONLY_KEYS, present
            if viewer.login != "operator":
                mine = app.hits.mine(viewer)
                assert {(h.owner, h.record_id) for h in mine} <= full | hit_only
