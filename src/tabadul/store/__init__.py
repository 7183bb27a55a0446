"""Storage: the relational schema, engines, sessions and migrations."""

from tabadul.store.db import make_engine, make_sessionmaker
from tabadul.store.migrate import upgrade

__all__ = ["make_engine", "make_sessionmaker", "upgrade"]
