"""Alembic environment: runs against the engine handed over in ``config.attributes``
(see ``tabadul.store.migrate``), or ``TABADUL_DATABASE_URL`` for the alembic CLI."""

from alembic import context

from tabadul.settings import Settings
from tabadul.store.db import make_engine
from tabadul.store.tables import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    engine = make_engine(Settings().resolved_database_url)

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copes
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
