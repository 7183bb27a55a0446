"""SQLite transactions: a plain one takes the write lock only when it first writes; an
immediate one (screening's audit entries and hits) takes it as it begins, so it is never
refused for having read before another connection's commit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from tabadul.service import Tabadul
from tabadul.settings import Settings


def _other_writer_waits(path: Path) -> bool:
    other = sqlite3.connect(path, timeout=0.05, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return True
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
    return False


def test_an_immediate_transaction_holds_the_write_lock_from_its_start(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    app = Tabadul(Settings(database_url=f"sqlite:///{path}", data_dir=tmp_path))
    app.migrate()
    try:
        with app.transaction() as session:
            session.execute(text("SELECT 1"))
            assert not _other_writer_waits(path)  # reading takes no write lock
        with app.transaction(immediate=True) as session:
            session.execute(text("SELECT 1"))
            assert _other_writer_waits(path)
        assert not _other_writer_waits(path)  # released at the end
    finally:
        app.dispose()


@pytest.mark.parametrize("immediate", [False, True])
def test_either_kind_rolls_back_on_error(tmp_path: Path, immediate: bool) -> None:
    path = tmp_path / "t.db"
    app = Tabadul(Settings(database_url=f"sqlite:///{path}", data_dir=tmp_path))
    app.migrate()
    try:
        with pytest.raises(RuntimeError), app.transaction(immediate=immediate) as session:
            session.execute(text("CREATE TABLE scratch (x INTEGER)"))
            raise RuntimeError("stop")
        with app.transaction() as session:
            found = session.execute(
                text("SELECT count(*) FROM sqlite_master WHERE name = 'scratch'")
            ).scalar()
        assert found == 0
        assert not _other_writer_waits(path)
    finally:
        app.dispose()
