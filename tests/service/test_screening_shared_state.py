"""What screening keeps between queries (the policy's SQL conditions, the rules-check
statement) is never stale, and writes made by another process of the installation
reach this one's index before its next screening (the changes journal)."""

from __future__ import annotations

from sqlalchemy import delete

from tabadul.domain.enums import Purpose, Visibility
from tabadul.service import Tabadul
from tabadul.service.screening import ScreenQuery
from tabadul.service.sharing import RuleIn
from tabadul.store.tables import RegionMember
from tests.factory import OPERATOR, World, person, world

BORDER = Purpose.BORDER_CONTROL


def shown(app: Tabadul, w: World, name: str) -> list[tuple[str, str]]:
    results = app.screening.screen(w.ma_officer, ScreenQuery(name=name), purpose=BORDER)
    return [(r.record_id, r.access.value) for r in results if r.hit]


def test_another_process_changing_the_defaults_is_seen_at_once(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person("p-1", "Youcef Ben Amrani"), create=True)
    assert shown(app, w, "Youcef Ben Amrani") == [("p-1", "full")]
    other = Tabadul(app.settings)  # another process: this one's caches know nothing of it
    other.sharing.set_defaults(
        w.dz_bureau, agency="DZ-NCB", rules=[RuleIn(subject="member", code="MA", level="none")]
    )
    assert shown(app, w, "Youcef Ben Amrani") == []
    other.sharing.set_defaults(w.dz_bureau, agency="DZ-NCB", rules=[])
    assert shown(app, w, "Youcef Ben Amrani") == [("p-1", "full")]
    other.dispose()


def test_a_region_left_or_a_record_hidden_is_seen_at_once(app: Tabadul) -> None:
    w = world(app)
    app.directory.set_region(viewer=OPERATOR, code="MAGHREB", name="Maghreb", members=["DZ", "MA"])
    app.records.save(
        w.dz_bureau,
        person("p-1", "Youcef Ben Amrani", visibility="none"),
        create=True,
    )
    app.sharing.set_record(
        w.dz_bureau,
        owner="DZ-NCB",
        external_id="p-1",
        rules=[RuleIn(subject="region", code="MAGHREB", level=Visibility.HIT_ONLY)],
    )
    assert shown(app, w, "Youcef Ben Amrani") == [("p-1", "hit_only")]
    other = Tabadul(app.settings)
    with other.transaction() as session:  # behind the service's back
        session.execute(delete(RegionMember).where(RegionMember.member_code == "MA"))
    other.dispose()
    assert shown(app, w, "Youcef Ben Amrani") == []


def test_another_process_writing_reaches_this_index_before_the_next_query(
    app: Tabadul,
) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person("p-1", "Youcef Ben Amrani"), create=True)
    app.screening.load()
    other = Tabadul(app.settings)  # a second server worker, or the CLI
    other.records.save(w.dz_bureau, person("p-2", "Karima Haddad"), create=True)
    other.records.save(w.dz_bureau, person("p-1", "Said Mansouri"), create=False)
    other.dispose()
    assert shown(app, w, "Karima Haddad") == [("p-2", "full")]
    assert shown(app, w, "Said Mansouri") == [("p-1", "full")]
    assert shown(app, w, "Youcef Ben Amrani") == []
    # its own writes are refreshed once, not again from the journal
    index = app.screening.index
    app.records.save(w.dz_bureau, person("p-3", "Nadia Belkacem"), create=True)
    assert app.screening.journal_path.stat().st_size == app.screening._journal_at
    assert shown(app, w, "Nadia Belkacem") == [("p-3", "full")] and len(index) == 3


def test_several_hits_of_one_query_are_each_notified(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person("p-1", "Youcef Ben Amrani"), create=True)
    app.records.save(w.dz_bureau, person("p-2", "Youcef Ben Amrani"), create=True)
    results = app.screening.screen(
        w.ma_officer, ScreenQuery(name="Youcef Ben Amrani"), purpose=BORDER
    )
    ids = {r.record_id: r.hit_id for r in results if r.hit}
    assert set(ids) == {"p-1", "p-2"} and len(set(ids.values())) == 2
    notified = {n.record_id: n.id for n in app.hits.notifications(w.dz_bureau)}
    assert notified == ids
