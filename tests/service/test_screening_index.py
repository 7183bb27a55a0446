"""The screening index's life in the service: built from the store and snapshotted,
restored from the snapshot and caught up with writes made since (by this process or
another), rebuilt when the snapshot is damaged or made for something else, and
loaded at server start-up."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from tabadul.api import create_app
from tabadul.domain.enums import Purpose
from tabadul.service import Tabadul
from tabadul.service.screening import ScreenQuery
from tabadul.settings import Settings
from tabadul.store.tables import Record
from tests.factory import World, document, person, world

BORDER = Purpose.BORDER_CONTROL


def found(app: Tabadul, w: World, name: str, **query: str) -> list[str]:
    results = app.screening.screen(w.ma_officer, ScreenQuery(name=name, **query), purpose=BORDER)
    return [r.record_id for r in results if r.hit]


def restart(app: Tabadul) -> Tabadul:
    """Another process on the same database and data directory."""
    return Tabadul(app.settings)


def test_built_from_the_store_then_restored_from_the_snapshot(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person("p-1", "Youcef Ben Amrani"), create=True)
    report = app.screening.load()
    assert (report.source, report.persons) == ("store", 1)
    assert app.screening.snapshot_path.exists()
    again = restart(app)
    report = again.screening.load()
    assert (report.source, report.persons, report.refreshed) == ("snapshot", 1, 0)
    assert found(again, w, "Yusuf bin Amrani") == ["p-1"]
    again.dispose()


def test_a_write_updates_the_index_without_a_rebuild(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person("p-1", "Youcef Ben Amrani"), create=True)
    index = app.screening.index
    app.records.save(w.dz_bureau, person("p-2", "Karima Haddad"), create=True)
    app.records.save(w.dz_bureau, person("p-1", "Said Mansouri"), create=False)
    assert app.screening.index is index  # the same index, updated record by record
    assert found(app, w, "Karima Haddad") == ["p-2"]
    assert found(app, w, "Said Mansouri") == ["p-1"]
    assert found(app, w, "Youcef Ben Amrani") == []
    app.records.delete(w.dz_bureau, owner="DZ-NCB", external_id="p-2")
    assert found(app, w, "Karima Haddad") == [] and len(index) == 1


def test_a_document_written_later_is_found_through_its_holder(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person("p-1", "Youcef Ben Amrani"), create=True)
    app.screening.load()
    app.records.save(w.dz_bureau, document("d-1", holder="p-1"), create=True)
    assert found(app, w, "Unknown Traveller", document="AB123456") == ["p-1"]


def test_writes_made_after_the_snapshot_are_caught_up(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person("p-1", "Youcef Ben Amrani"), create=True)
    app.records.save(w.dz_bureau, person("p-2", "Karima Haddad"), create=True)
    app.screening.load()  # the snapshot knows p-1 and p-2
    other = restart(app)  # meanwhile another process, without the index, writes
    other.records.save(w.dz_bureau, person("p-3", "Said Mansouri"), create=True)
    other.records.save(w.dz_bureau, person("p-1", "Nadia Belkacem"), create=False)
    other.records.delete(w.dz_bureau, owner="DZ-NCB", external_id="p-2")
    other.records.save(w.dz_bureau, document("d-1", holder="p-3"), create=True)
    other.dispose()
    later = restart(app)
    report = later.screening.load()
    assert report.source == "snapshot" and report.persons == 2
    assert report.refreshed == 3  # p-1 renamed, p-3 new (with its document), p-2 gone
    assert found(later, w, "Said Mansouri") == ["p-3"]
    assert found(later, w, "x", document="AB 123 456") == ["p-3"]
    assert found(later, w, "Nadia Belkacem") == ["p-1"]
    assert found(later, w, "Youcef Ben Amrani") == found(later, w, "Karima Haddad") == []
    later.dispose()


def test_a_person_changed_behind_the_service_is_seen_by_its_version(app: Tabadul) -> None:
    """Whatever the clocks say: a different ``updated_at`` is a different version."""
    w = world(app)
    app.records.save(w.dz_bureau, person("p-1", "Youcef Ben Amrani"), create=True)
    app.screening.load()
    other = restart(app)
    other.records.save(w.dz_bureau, person("p-1", "Nadia Belkacem"), create=False)
    with other.transaction() as session:  # a clock far behind
        session.execute(update(Record).values(updated_at=app.now().replace(year=2001)))
    other.dispose()
    later = restart(app)
    assert later.screening.load().refreshed == 1
    assert found(later, w, "Nadia Belkacem") == ["p-1"]
    later.dispose()


@pytest.mark.parametrize(
    "damage",
    [b"", b"garbage", None],
    ids=["empty-file", "garbage", "flipped-byte"],
)
def test_a_damaged_snapshot_is_rebuilt_not_trusted(app: Tabadul, damage: bytes | None) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person("p-1", "Youcef Ben Amrani"), create=True)
    app.screening.load()
    path = app.screening.snapshot_path
    data = path.read_bytes()
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 0xFF]) if damage is None else damage)
    later = restart(app)
    report = later.screening.load()
    assert report.source == "store" and report.snapshot_problem
    assert found(later, w, "Yusuf bin Amrani") == ["p-1"]
    assert later.screening.load().source == "snapshot"  # and a sound one was written
    later.dispose()


def test_a_snapshot_of_another_analysis_or_database_is_rebuilt(
    app: Tabadul, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person("p-1", "Youcef Ben Amrani"), create=True)
    app.screening.load()
    monkeypatch.setattr(
        "tabadul.service.screening.analysis_fingerprint", lambda: "another dictionary"
    )
    later = restart(app)
    report = later.screening.load()
    assert report.source == "store" and "analysis" in (report.snapshot_problem or "")
    later.dispose()
    # the snapshot of one database is never read for another, even in one data directory
    elsewhere = Tabadul(
        Settings(database_url=f"sqlite:///{tmp_path}/x.db", data_dir=app.settings.data_dir)
    )
    assert elsewhere.screening.snapshot_path != app.screening.snapshot_path
    elsewhere.dispose()


def test_reset_ignores_the_snapshot(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person("p-1", "Youcef Ben Amrani"), create=True)
    app.screening.load()
    app.screening.reset()
    assert len(app.screening.index) == 1 and app.screening.last_load is not None
    assert app.screening.last_load.source == "store"


def test_the_server_loads_the_index_before_it_answers(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person("p-1", "Youcef Ben Amrani"), create=True)
    service = restart(app)
    with TestClient(create_app(app=service)):
        assert service.screening.last_load is not None  # ready before the first request
        assert service.screening.last_load.persons == 1
        service.records.save(w.dz_bureau, person("p-2", "Karima Haddad"), create=True)
        assert service.screening.changed_since_snapshot
    assert not service.screening.changed_since_snapshot  # saved when the server stopped
    later = restart(app)
    report = later.screening.load()
    assert (report.source, report.persons, report.refreshed) == ("snapshot", 2, 0)
    later.dispose()
    service.dispose()
