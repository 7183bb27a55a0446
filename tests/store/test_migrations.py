from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tabadul.service import Tabadul
from tabadul.store.migrate import current_revision, head_revision
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
