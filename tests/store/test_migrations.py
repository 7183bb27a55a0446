from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from tabadul.service import Tabadul
from tabadul.store.db import make_engine
from tabadul.store.migrate import alembic_config, current_revision, head_revision, upgrade
from tabadul.store.tables import Base


def test_migrations_create_exactly_the_declared_schema(app: Tabadul) -> None:
    with app.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_migrate_is_safe_to_run_twice(app: Tabadul) -> None:
    app.migrate()
    app.migrate()
    assert current_revision(app.engine) == head_revision()


def test_upgrade_keeps_the_data_of_an_older_schema(tmp_path: Path) -> None:
    """A database with records at the first revision migrates to the newest one."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO members (code, name) VALUES ('DZ', 'Algeria')"))
        connection.execute(
            text(
                "INSERT INTO agencies (id, code, name, country, is_secretariat, "
                "default_visibility, default_handling, created_at) VALUES "
                "(1, 'DZ-NCB', 'Bureau Alger', 'DZ', 0, 'full', 'H0', '2026-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO records (id, kind, owner_id, external_id, handling_code, "
                "visibility, created_at, updated_at, review_date) VALUES "
                "(1, 'person', 1, 'p-1', 'H0', 'full', '2026-01-01', '2026-01-01', '2031-01-01')"
            )
        )
        connection.execute(text("INSERT INTO persons (record_id) VALUES (1)"))
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT own_rules FROM records")).scalar_one() in (0, False)
        assert connection.execute(text("SELECT secretariat_access FROM agencies")).scalar_one()
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
    engine.dispose()


def test_ddl_is_transactional(app: Tabadul) -> None:
    """A failed migration must leave nothing half done: DDL rolls back like data."""
    with app.engine.connect() as connection:
        connection.execute(text("CREATE TABLE half_done (x INTEGER)"))
        connection.rollback()
    with app.engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
    assert "half_done" not in names
