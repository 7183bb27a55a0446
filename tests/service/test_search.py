"""Name search as a name-only screening of persons, with groups scored by the same
scorer: cross-script, the hit-only rules, one audit entry per part, room for group hits.
(The property tests in tests/policy compare search with the rules' oracle.)"""

from __future__ import annotations

from sqlalchemy import func, select

from tabadul.domain.enums import Purpose, Visibility
from tabadul.model.records import Sharing
from tabadul.service import Tabadul
from tabadul.service.search import THRESHOLD
from tabadul.store.tables import AuditEvent, Hit
from tests.factory import World, group, person, world

BORDER = Purpose.BORDER_CONTROL
GROUP = "Katibat al-Furqan"


def _entries(app: Tabadul) -> list[AuditEvent]:
    with app.transaction() as session:
        entries = list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        session.expunge_all()
        return entries


def _count(app: Tabadul) -> int:
    with app.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)


def _with_group(app: Tabadul, visibility: str = "full") -> World:
    w = world(app)
    app.records.save(w.dz_bureau, person(), create=True)
    app.records.save(
        w.dz_bureau,
        group(
            name=GROUP,
            aliases=["كتيبة الفرقان"],
            sharing=Sharing.model_validate({"visibility": visibility}),
        ),
        create=True,
    )
    return w


def test_a_person_is_found_from_any_script_or_spelling(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person(aliases=("Abou Yahia",)), create=True)
    for query in ("يوسف بن عمراني", "Yusuf bin Amrani", "AMRANI, Youcef"):
        [result] = app.search.names(w.ma_officer, name=query, purpose=BORDER)
        assert (result.record_id, result.kind, result.access) == ("p-1", "person", Visibility.FULL)
        assert result.hit and result.score is not None and result.score >= THRESHOLD
        assert result.matched_name == "Youcef Ben Amrani"  # the name that agrees, not the alias
        assert result.explanation and "Amrani" in result.explanation[0]


def test_a_search_of_persons_is_audited_once_by_screening(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person(), create=True)
    before = _count(app)
    [result] = app.search.names(w.ma_officer, name="Youcef Ben Amrani", purpose=BORDER)
    [entry] = _entries(app)[before:]
    assert (entry.action, entry.actor, entry.purpose) == ("screen", "ma.officer", BORDER.value)
    assert entry.targets == ["DZ-NCB/p-1"]
    assert entry.detail is not None
    assert entry.detail["query"] == {"id": "search", "name": "Youcef Ben Amrani"}
    [note] = app.hits.notifications(w.dz_bureau)  # one hit, tied to that entry
    assert note.id == result.hit_id


def test_groups_are_found_by_the_same_scorer_in_either_script(app: Tabadul) -> None:
    w = _with_group(app)
    before = _count(app)
    [found] = app.search.names(w.ma_officer, name="Katibat al Furqan", purpose=BORDER)
    assert (found.record_id, found.kind, found.access, found.hit) == (
        "g-1",
        "group",
        Visibility.FULL,
        True,
    )
    assert found.matched_name == GROUP and found.explanation and found.hit_id is not None
    [arabic] = app.search.names(w.ma_officer, name="كتيبة الفرقان", purpose=BORDER)
    assert arabic.record_id == "g-1" and arabic.matched_name == "كتيبة الفرقان"
    screen, search = _entries(app)[before : before + 2]
    assert screen.action == "screen" and screen.targets == []  # no person of that name
    assert search.action == "search" and search.targets == ["DZ-NCB/g-1"]
    assert search.detail == {"query": "Katibat al Furqan", "kind": "group", "results": 1, "hits": 1}
    with app.transaction() as session:  # the group hit is tied to the search entry
        assert session.scalar(select(Hit.audit_id).where(Hit.id == found.hit_id)) == search.id
    assert [n.record_id for n in app.hits.notifications(w.dz_bureau)] == ["g-1", "g-1"]
    # a weak match is shown to whoever sees the group in full, not as a hit
    [weak] = app.search.names(w.ma_officer, name="Furqan", purpose=BORDER)
    assert weak.record_id == "g-1" and not weak.hit and weak.hit_id is None


def test_a_hit_only_group_appears_only_as_a_hit(app: Tabadul) -> None:
    w = _with_group(app, visibility="hit_only")
    [found] = app.search.names(w.ma_officer, name=GROUP, purpose=BORDER)
    assert found.access is Visibility.HIT_ONLY and found.hit and found.hit_id is not None
    assert (found.kind, found.score, found.matched_name, found.explanation) == (None,) * 4
    assert app.search.names(w.ma_officer, name="Furqan", purpose=BORDER) == []
    [note] = app.hits.notifications(w.dz_bureau)
    assert note.access == "hit_only" and note.score >= THRESHOLD


def test_a_hidden_group_is_never_scored_counted_or_audited(app: Tabadul) -> None:
    w = _with_group(app, visibility="none")
    before = _count(app)
    assert app.search.names(w.ma_officer, name=GROUP, purpose=BORDER) == []
    [entry] = _entries(app)[before:]  # screening's, for persons; nothing about groups
    assert entry.action == "screen" and entry.targets == []
    assert app.hits.notifications(w.dz_bureau) == []


def test_group_hits_keep_their_room_and_full_results_come_first(app: Tabadul) -> None:
    w = world(app)
    for i in range(3):
        app.records.save(
            w.dz_bureau,
            person(f"p-{i}", name=f"Sand Vipers {'Network' if i else 'Network Hamdi'}"),
            create=True,
        )
    app.records.save(
        w.dz_bureau,
        group(
            name="Sand Vipers Network", sharing=Sharing.model_validate({"visibility": "hit_only"})
        ),
        create=True,
    )
    results = app.search.names(w.ma_officer, name="Sand Vipers Network", purpose=BORDER, limit=2)
    assert [(r.kind, r.access) for r in results] == [
        ("person", Visibility.FULL),
        (None, Visibility.HIT_ONLY),
    ]
    assert results[1].record_id == "g-1"
    every = app.search.names(w.ma_officer, name="Sand Vipers Network", purpose=BORDER)
    assert [r.access for r in every] == [Visibility.FULL] * 3 + [Visibility.HIT_ONLY]
    scores = [r.score or 0.0 for r in every[:3]]
    assert scores == sorted(scores, reverse=True)
