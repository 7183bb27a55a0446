"""The exchange rules through the service layer: rules, releases, hits, purposes,
retention. (The property tests in tests/policy hunt for leaks across all of them.)"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from tabadul.domain.enums import Purpose, Visibility
from tabadul.service import Conflict, Forbidden, InvalidInput, NotFound, Tabadul
from tabadul.service.search import THRESHOLD
from tabadul.service.sharing import RuleIn
from tabadul.store.tables import AuditEvent, Record, SharingRule
from tests.factory import OPERATOR, World, person, world

BORDER = Purpose.BORDER_CONTROL


def setup(app: Tabadul) -> World:
    w = world(app)
    app.directory.set_region(
        viewer=OPERATOR, code="MAGHREB", name="Maghreb", members=["DZ", "MA", "TN"]
    )
    app.records.save(w.dz_bureau, person(), create=True)
    return w


def test_hit_only_for_a_region_full_for_an_agency(app: Tabadul) -> None:
    w = setup(app)
    app.sharing.set_record(
        w.dz_bureau,
        owner="DZ-NCB",
        external_id="p-1",
        visibility=Visibility.NONE,
        rules=[RuleIn(subject="region", code="maghreb", level=Visibility.HIT_ONLY)],
    )
    [result] = app.search.names(w.ma_officer, name="Youcef Ben Amrani", purpose=BORDER)
    assert result.access is Visibility.HIT_ONLY and result.score is None and result.kind is None
    with pytest.raises(NotFound):
        app.records.get(w.ma_officer, owner="DZ-NCB", external_id="p-1")
    app.sharing.set_record(
        w.dz_bureau,
        owner="DZ-NCB",
        external_id="p-1",
        rules=[
            RuleIn(subject="region", code="MAGHREB", level=Visibility.HIT_ONLY),
            RuleIn(subject="agency", code="MA-NCB", level=Visibility.FULL),
        ],
    )
    assert app.records.get(w.ma_officer, owner="DZ-NCB", external_id="p-1")


def test_denial_wins_over_grants(app: Tabadul) -> None:
    w = setup(app)
    app.sharing.set_record(
        w.dz_bureau,
        owner="DZ-NCB",
        external_id="p-1",
        rules=[
            RuleIn(subject="agency", code="MA-NCB", level=Visibility.FULL),
            RuleIn(subject="member", code="MA", level=Visibility.NONE),
        ],
    )
    assert app.search.names(w.ma_officer, name="Youcef Ben Amrani", purpose=BORDER) == []


def test_unknown_subjects_are_refused_and_nothing_changes(app: Tabadul) -> None:
    w = setup(app)
    with pytest.raises(InvalidInput) as exc:
        app.sharing.set_record(
            w.dz_bureau,
            owner="DZ-NCB",
            external_id="p-1",
            visibility=Visibility.NONE,
            rules=[
                RuleIn(subject="agency", code="MA-NCB", level=Visibility.FULL),
                RuleIn(subject="region", code="ATLANTIS", level=Visibility.FULL),
            ],
        )
    assert exc.value.errors[0].loc == ("rules", 1, "code")
    with app.transaction() as session:
        assert session.scalars(select(SharingRule)).all() == []
        assert session.scalars(select(Record.visibility)).one() == "full"


def test_only_the_owner_sets_rules(app: Tabadul) -> None:
    w = setup(app)
    with pytest.raises(Forbidden):
        app.sharing.set_record(
            w.ma_bureau, owner="DZ-NCB", external_id="p-1", visibility=Visibility.FULL
        )
    with pytest.raises(Forbidden):
        app.sharing.set_record(
            w.dz_officer, owner="DZ-NCB", external_id="p-1", visibility=Visibility.FULL
        )
    app.sharing.set_record(
        w.dz_bureau, owner="DZ-NCB", external_id="p-1", visibility=Visibility.NONE
    )
    with pytest.raises(NotFound):  # hidden from MA now: it answers as missing
        app.sharing.set_record(
            w.ma_bureau, owner="DZ-NCB", external_id="p-1", visibility=Visibility.FULL
        )


def test_rule_changes_are_audited_with_before_and_after(app: Tabadul) -> None:
    w = setup(app)
    app.sharing.set_record(
        w.dz_bureau,
        owner="DZ-NCB",
        external_id="p-1",
        visibility=Visibility.HIT_ONLY,
        rules=[RuleIn(subject="member", code="TN", level=Visibility.FULL)],
    )
    with app.transaction() as session:
        entry = session.scalars(select(AuditEvent).where(AuditEvent.action == "rule_change")).one()
    assert entry.actor == "dz.bureau" and entry.targets == ["DZ-NCB/p-1"]
    assert entry.detail is not None
    assert entry.detail["before"]["visibility"] == "full"
    assert entry.detail["after"]["rules"] == ["full:member:TN"]


def test_agency_defaults_apply_to_records_without_rules_of_their_own(app: Tabadul) -> None:
    w = setup(app)
    app.sharing.set_defaults(
        w.dz_bureau,
        agency="DZ-NCB",
        rules=[RuleIn(subject="member", code="MA", level=Visibility.NONE)],
    )
    with pytest.raises(NotFound):
        app.records.get(w.ma_officer, owner="DZ-NCB", external_id="p-1")
    app.sharing.set_record(w.dz_bureau, owner="DZ-NCB", external_id="p-1", rules=[])
    assert app.records.get(w.ma_officer, owner="DZ-NCB", external_id="p-1")  # own (empty) rules
    app.sharing.set_record(w.dz_bureau, owner="DZ-NCB", external_id="p-1", use_agency_defaults=True)
    with pytest.raises(NotFound):
        app.records.get(w.ma_officer, owner="DZ-NCB", external_id="p-1")


def test_secretariat_sees_unless_the_owner_says_no(app: Tabadul) -> None:
    w = setup(app)
    app.sharing.set_record(
        w.dz_bureau, owner="DZ-NCB", external_id="p-1", visibility=Visibility.NONE
    )
    assert app.records.get(w.sec_compliance, owner="DZ-NCB", external_id="p-1")
    app.sharing.set_defaults(w.dz_bureau, agency="DZ-NCB", secretariat_access=False)
    with pytest.raises(NotFound):
        app.records.get(w.sec_compliance, owner="DZ-NCB", external_id="p-1")


def test_purpose_limited_records(app: Tabadul) -> None:
    w = setup(app)
    app.sharing.set_record(
        w.dz_bureau, owner="DZ-NCB", external_id="p-1", purposes=[Purpose.COUNTER_TERRORISM]
    )
    assert app.search.names(w.ma_officer, name="Youcef Ben Amrani", purpose=BORDER) == []
    found = app.search.names(
        w.ma_officer, name="Youcef Ben Amrani", purpose=Purpose.COUNTER_TERRORISM
    )
    assert [r.record_id for r in found] == ["p-1"]
    with pytest.raises(NotFound):  # no purpose declared
        app.records.get(w.ma_officer, owner="DZ-NCB", external_id="p-1")
    assert app.records.get(
        w.ma_officer, owner="DZ-NCB", external_id="p-1", purpose=Purpose.COUNTER_TERRORISM
    )
    with pytest.raises(InvalidInput):
        app.search.names(w.ma_officer, name="x", purpose="tourism")  # type: ignore[arg-type]


def test_release_flow(app: Tabadul) -> None:
    w = setup(app)
    app.sharing.set_record(
        w.dz_bureau, owner="DZ-NCB", external_id="p-1", visibility=Visibility.HIT_ONLY
    )
    with pytest.raises(NotFound):
        app.releases.request(
            w.ma_officer,
            owner="DZ-NCB",
            external_id="nope",
            reason="traveller at Oujda",
            purpose=BORDER,
        )
    request = app.releases.request(
        w.ma_officer, owner="DZ-NCB", external_id="p-1", reason="traveller at Oujda", purpose=BORDER
    )
    with pytest.raises(Conflict):
        app.releases.request(
            w.ma_officer, owner="DZ-NCB", external_id="p-1", reason="again", purpose=BORDER
        )
    with pytest.raises(Forbidden):
        app.releases.decide(w.ma_bureau, request.id, release=True)
    with pytest.raises(NotFound):
        app.releases.decide(w.sec_compliance, request.id, release=True)
    assert [r.id for r in app.releases.list(w.dz_bureau, status="pending")] == [request.id]
    decided = app.releases.decide(w.dz_bureau, request.id, release=True, note="ok")
    assert decided.status == "released"
    assert app.records.get(w.ma_officer, owner="DZ-NCB", external_id="p-1")
    with pytest.raises(Conflict):  # seen in full now: nothing to release
        app.releases.request(
            w.ma_officer, owner="DZ-NCB", external_id="p-1", reason="again", purpose=BORDER
        )


def test_hits_notify_the_owner_and_the_officer_decides(app: Tabadul) -> None:
    w = setup(app)
    [result] = app.search.names(w.ma_officer, name="Youcef Ben Amrani", purpose=BORDER)
    assert result.hit and result.hit_id is not None
    assert result.score is not None and result.score >= THRESHOLD
    [note] = app.hits.notifications(w.dz_bureau)  # with the score the officer saw
    assert (note.searching_agency, note.purpose, note.score) == (
        "MA-NCB",
        "border-control",
        result.score,
    )
    assert app.hits.notifications(w.ma_bureau) == []
    with pytest.raises(Forbidden):
        app.hits.notifications(w.dz_officer)
    with pytest.raises(NotFound):
        app.hits.decide(w.dz_bureau, result.hit_id, confirmed=True)
    app.hits.decide(w.ma_officer, result.hit_id, confirmed=True, note="same passport")
    assert app.hits.notifications(w.dz_bureau)[0].outcome == "confirmed"
    with pytest.raises(Conflict):
        app.hits.decide(w.ma_officer, result.hit_id, confirmed=False)


def test_retention_due_renew_and_delete(app: Tabadul) -> None:
    w = setup(app)
    with app.transaction() as session:
        session.execute(update(Record).values(review_date=app.today() - timedelta(days=1)))
    due = app.retention.due(w.dz_bureau)
    assert [(d.owner, d.record_id, d.overdue) for d in due] == [("DZ-NCB", "p-1", True)]
    assert app.retention.due(w.ma_bureau) == []
    assert len(app.retention.due(w.sec_compliance)) == 1
    with pytest.raises(NotFound):
        app.records.get(w.ma_officer, owner="DZ-NCB", external_id="p-1")
    with pytest.raises(InvalidInput):
        app.retention.renew(w.dz_bureau, owner="DZ-NCB", external_id="p-1", reason=" ")
    new_date = app.retention.renew(
        w.dz_bureau, owner="DZ-NCB", external_id="p-1", reason="investigation still open"
    )
    assert new_date.year == app.today().year + 5
    assert app.records.get(w.ma_officer, owner="DZ-NCB", external_id="p-1")


def test_an_agency_is_not_notified_of_its_own_searches(app: Tabadul) -> None:
    w = setup(app)
    [result] = app.search.names(w.dz_bureau, name="Youcef Ben Amrani", purpose=BORDER)
    assert result.hit and result.hit_id is None
    assert app.hits.notifications(w.dz_bureau) == []
