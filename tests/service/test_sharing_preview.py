"""Previewing a sharing change (``Sharing.preview``): what every agency would see before
and after, answered by the policy itself, with nothing stored and nothing audited."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tabadul.domain.enums import Purpose, Role
from tabadul.domain.enums import Visibility as V
from tabadul.policy import Policy, Viewer
from tabadul.service import Forbidden, InvalidInput, NotFound, Tabadul
from tabadul.service.sharing import AgencyView, RuleIn
from tabadul.store.tables import AuditEvent, Record
from tests.factory import OPERATOR, PASSWORD, World, person, world

DZ = "DZ-NCB"
AGENCIES = ["DZ-NCB", "EG-NCB", "MA-NCB", "ORG-SEC", "TN-NCB"]


def setup(app: Tabadul) -> World:
    """The factory's world, a region MAGHREB (DZ, MA, TN), a Tunisian agency in it and an
    Egyptian one outside it; DZ's person p-1 under the default rules (full for all)."""
    w = world(app)
    d = app.directory
    d.set_region(viewer=OPERATOR, code="MAGHREB", name="Maghreb", members=["DZ", "MA", "TN"])
    d.add_agency(viewer=OPERATOR, code="TN-NCB", name="Bureau Tunis", country="TN")
    d.add_agency(viewer=OPERATOR, code="EG-NCB", name="Bureau Le Caire", country="EG")
    d.add_user(
        viewer=OPERATOR, login="tn.officer", agency="TN-NCB", role=Role.OFFICER, password=PASSWORD
    )
    app.records.save(w.dz_bureau, person("p-1"), create=True)
    return w


@dataclass(frozen=True)
class Change:
    """The arguments ``preview`` and ``set_record`` share."""

    visibility: V | None = None
    rules: list[RuleIn] | None = None
    purposes: list[Purpose] | None = None
    clear_purposes: bool = False
    use_agency_defaults: bool = False

    def arguments(self) -> dict[str, object]:
        return {
            "visibility": self.visibility,
            "rules": self.rules,
            "purposes": self.purposes,
            "clear_purposes": self.clear_purposes,
            "use_agency_defaults": self.use_agency_defaults,
        }


def audit_count(app: Tabadul) -> int:
    with app.transaction() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def stored(app: Tabadul) -> tuple[object, ...]:
    """Everything about p-1 a preview might touch, as stored."""
    with app.transaction() as session:
        row = app.records.row(session, DZ, "p-1")
        assert row is not None
        return (row.visibility, row.own_rules, row.purposes, row.updated_at)


def policy_says(app: Tabadul, purpose: Purpose | None) -> dict[str, V]:
    """What an officer of each agency is granted of p-1 by the policy, as stored now.
    Real users where the world has them; the others stand in as officers."""
    users = {"DZ-NCB": "dz.officer", "MA-NCB": "ma.officer", "TN-NCB": "tn.officer"}
    out: dict[str, V] = {}
    for agency in app.directory.agencies():
        if agency.code in users:
            viewer = app.directory.viewer(users[agency.code])
        else:
            viewer = Viewer.of_agency(agency, "someone")
        with app.transaction() as session:
            row = app.records.row(session, DZ, "p-1")
            assert row is not None
            policy = Policy.for_viewer(session, viewer, purpose=purpose, today=app.today())
            out[agency.code] = policy.access(row)
    return out


def first_purpose(app: Tabadul) -> Purpose | None:
    sharing = app.sharing.get(OPERATOR, owner=DZ, external_id="p-1")
    return sharing.purposes[0] if sharing.purposes else None


def test_preview_lists_every_agency_before_and_after(app: Tabadul) -> None:
    w = setup(app)
    views = app.sharing.preview(
        w.dz_bureau,
        owner=DZ,
        external_id="p-1",
        visibility=V.NONE,
        rules=[
            RuleIn(subject="region", code="maghreb", level=V.HIT_ONLY),
            RuleIn(subject="agency", code="TN-NCB", level=V.FULL),
        ],
    )
    assert [v.agency for v in views] == AGENCIES
    by_code = {v.agency: v for v in views}
    assert by_code["MA-NCB"] == AgencyView("MA-NCB", "Bureau Rabat", V.FULL, V.HIT_ONLY)
    assert (by_code["TN-NCB"].before, by_code["TN-NCB"].after) == (V.FULL, V.FULL)
    assert (by_code["EG-NCB"].before, by_code["EG-NCB"].after) == (V.FULL, V.NONE)
    assert by_code["DZ-NCB"].after is V.FULL  # the owner always reads its own records
    assert by_code["ORG-SEC"].after is V.FULL  # the secretariat, while DZ allows it
    assert [v.agency for v in views if v.changed] == ["EG-NCB", "MA-NCB"]


def test_preview_changes_nothing_and_audits_nothing(app: Tabadul) -> None:
    w = setup(app)
    sharing_before = app.sharing.get(w.dz_bureau, owner=DZ, external_id="p-1")
    row_before = stored(app)
    entries = audit_count(app)
    app.sharing.preview(
        w.dz_bureau,
        owner=DZ,
        external_id="p-1",
        visibility=V.NONE,
        rules=[RuleIn(subject="agency", code="MA-NCB", level=V.NONE)],
        purposes=[Purpose.COUNTER_TERRORISM],
    )
    app.sharing.preview(w.dz_bureau, owner=DZ, external_id="p-1", use_agency_defaults=True)
    assert audit_count(app) == entries
    assert stored(app) == row_before
    assert app.sharing.get(w.dz_bureau, owner=DZ, external_id="p-1") == sharing_before
    # and the record is still served as before
    assert app.records.get(w.ma_officer, owner=DZ, external_id="p-1").external_id == "p-1"


CHANGES = [
    Change(visibility=V.NONE),
    Change(visibility=V.HIT_ONLY, rules=[RuleIn(subject="member", code="EG", level=V.FULL)]),
    Change(
        visibility=V.FULL,
        rules=[
            RuleIn(subject="region", code="MAGHREB", level=V.NONE),
            RuleIn(subject="agency", code="MA-NCB", level=V.FULL),  # the denial wins
        ],
    ),
    Change(
        purposes=[Purpose.COUNTER_TERRORISM, Purpose.BORDER_CONTROL],
        visibility=V.NONE,
        rules=[RuleIn(subject="agency", code="TN-NCB", level=V.HIT_ONLY)],
    ),
    Change(use_agency_defaults=True, clear_purposes=True),
]


@pytest.mark.parametrize("change", CHANGES, ids=range(len(CHANGES)))
def test_after_is_what_the_policy_says_once_saved(app: Tabadul, change: Change) -> None:
    w = setup(app)
    before = policy_says(app, first_purpose(app))
    views = app.sharing.preview(w.dz_bureau, owner=DZ, external_id="p-1", **change.arguments())
    assert {v.agency: v.before for v in views} == before
    app.sharing.set_record(w.dz_bureau, owner=DZ, external_id="p-1", **change.arguments())
    assert {v.agency: v.after for v in views} == policy_says(app, first_purpose(app))


def test_a_purpose_limit_is_read_for_the_purpose_it_allows(app: Tabadul) -> None:
    w = setup(app)
    views = app.sharing.preview(
        w.dz_bureau, owner=DZ, external_id="p-1", purposes=[Purpose.MISSING_PERSONS]
    )
    # limited to one purpose, the record is still served to all for that purpose
    assert all(v.after is V.FULL for v in views)


def test_preview_follows_the_agency_defaults_when_asked(app: Tabadul) -> None:
    w = setup(app)
    app.sharing.set_defaults(
        w.dz_bureau, agency=DZ, rules=[RuleIn(subject="member", code="MA", level=V.NONE)]
    )
    app.sharing.set_record(w.dz_bureau, owner=DZ, external_id="p-1", rules=[])
    [ma] = [
        v
        for v in app.sharing.preview(
            w.dz_bureau, owner=DZ, external_id="p-1", use_agency_defaults=True
        )
        if v.agency == "MA-NCB"
    ]
    assert (ma.before, ma.after) == (V.FULL, V.NONE)


def test_only_the_owners_bureau_previews(app: Tabadul) -> None:
    w = setup(app)
    with pytest.raises(Forbidden):
        app.sharing.preview(w.dz_officer, owner=DZ, external_id="p-1", visibility=V.NONE)
    with pytest.raises(Forbidden):  # another agency that may read the record
        app.sharing.preview(w.ma_bureau, owner=DZ, external_id="p-1", visibility=V.NONE)
    app.sharing.set_record(w.dz_bureau, owner=DZ, external_id="p-1", visibility=V.NONE)
    with pytest.raises(NotFound):  # ... or may not: the record does not exist for it
        app.sharing.preview(w.ma_bureau, owner=DZ, external_id="p-1", visibility=V.FULL)
    with pytest.raises(NotFound):
        app.sharing.preview(w.dz_bureau, owner=DZ, external_id="p-404", visibility=V.FULL)


def test_an_unknown_subject_names_its_field_and_changes_nothing(app: Tabadul) -> None:
    w = setup(app)
    row_before, entries = stored(app), audit_count(app)
    with pytest.raises(InvalidInput) as error:
        app.sharing.preview(
            w.dz_bureau,
            owner=DZ,
            external_id="p-1",
            rules=[
                RuleIn(subject="agency", code="MA-NCB", level=V.NONE),
                RuleIn(subject="agency", code="XX-NOPE", level=V.FULL),
            ],
        )
    assert [e.loc for e in error.value.errors] == [("rules", 1, "code")]
    assert (stored(app), audit_count(app)) == (row_before, entries)


def test_a_release_outranks_the_rules_on_both_sides(app: Tabadul) -> None:
    w = setup(app)
    app.sharing.set_record(w.dz_bureau, owner=DZ, external_id="p-1", visibility=V.HIT_ONLY)
    request = app.releases.request(
        w.ma_officer, owner=DZ, external_id="p-1", reason="case 12", purpose=Purpose.BORDER_CONTROL
    )
    app.releases.decide(w.dz_bureau, request.id, release=True)
    [ma] = [
        v
        for v in app.sharing.preview(w.dz_bureau, owner=DZ, external_id="p-1", visibility=V.NONE)
        if v.agency == "MA-NCB"
    ]
    assert (ma.before, ma.after) == (V.FULL, V.FULL)


SUBJECTS = [
    ("agency", "MA-NCB"),
    ("agency", "TN-NCB"),
    ("member", "MA"),
    ("member", "EG"),
    ("region", "MAGHREB"),
]
rules = st.lists(
    st.builds(
        lambda subject, level: RuleIn(subject=subject[0], code=subject[1], level=level),
        st.sampled_from(SUBJECTS),
        st.sampled_from(list(V)),
    ),
    max_size=3,
)
changes = st.builds(
    lambda visibility, rules, purposes, defaults: Change(
        visibility=visibility,
        rules=rules,
        purposes=purposes,
        clear_purposes=purposes is None,
        use_agency_defaults=defaults,
    ),
    st.none() | st.sampled_from(list(V)),
    st.none() | rules,
    st.none() | st.lists(st.sampled_from(list(Purpose)), min_size=1, max_size=2),
    st.booleans(),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first=changes, second=changes)
def test_preview_agrees_with_the_policy_on_random_changes(
    app: Tabadul, first: Change, second: Change
) -> None:
    """Any change from any starting point: the preview's "before" is the policy on what
    is stored, its "after" the policy once the change is saved; nothing is audited."""
    if not app.directory.agencies():
        setup(app)
    dz_bureau = app.directory.viewer("dz.bureau")
    app.sharing.set_record(dz_bureau, owner=DZ, external_id="p-1", **first.arguments())
    entries = audit_count(app)
    views = app.sharing.preview(dz_bureau, owner=DZ, external_id="p-1", **second.arguments())
    assert audit_count(app) == entries
    assert {v.agency: v.before for v in views} == policy_says(app, first_purpose(app))
    app.sharing.set_record(dz_bureau, owner=DZ, external_id="p-1", **second.arguments())
    assert {v.agency: v.after for v in views} == policy_says(app, first_purpose(app))


def test_the_record_row_is_untouched_by_a_failed_preview(app: Tabadul) -> None:
    """A savepoint rolled back leaves the surrounding data as it was: the next change
    and read work as if no preview had happened."""
    w = setup(app)
    with pytest.raises(InvalidInput):
        app.sharing.preview(
            w.dz_bureau,
            owner=DZ,
            external_id="p-1",
            visibility=V.NONE,
            rules=[RuleIn(subject="region", code="NOWHERE", level=V.FULL)],
        )
    app.sharing.set_record(w.dz_bureau, owner=DZ, external_id="p-1", visibility=V.HIT_ONLY)
    with app.transaction() as session:
        assert session.scalar(select(Record.visibility).where(Record.external_id == "p-1")) == (
            "hit_only"
        )
