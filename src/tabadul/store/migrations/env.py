"""Alembic environment: runs against the engine handed over in ``config.attributes``
(see ``tabadul.store.migrate``), or ``TABADUL_DATABASE_URL`` for the alembic CLI.

Every migration runs in one transaction on both databases (``store/db.py`` makes
SQLite's transactions real ones), so a failed migration changes nothing.
"""

from alembic import context
from sqlalchemy import Connection

from tabadul.settings import Settings
from tabadul.store.db import make_engine
from tabadul.store.tables import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    engine = make_engine(Settings().resolved_database_url)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copes
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


with engine.connect() as connection:
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        # A batch migration copies a table and drops the old one; with foreign keys
        # enforced, SQLite refuses to drop a table that others reference. The pragma
        # only works outside a transaction, so it goes to the driver before BEGIN.
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
    try:
        _run(connection)
        connection.commit()
    finally:
        if sqlite:
            connection.rollback()
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
