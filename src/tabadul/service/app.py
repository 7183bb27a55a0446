"""The service layer: one object that every interface (API, CLI, web) talks to.

It owns transactions: each public method opens one, does its change and writes the
audit entry in it, and commits both together.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tabadul.settings import Settings
from tabadul.store.db import IMMEDIATE, make_engine, make_sessionmaker
from tabadul.store.migrate import upgrade

if TYPE_CHECKING:
    from tabadul.service.transfer import Transfer

__all__ = ["Tabadul"]


class Tabadul:
    """The running installation: settings, database and the service components.

    Components are reached as attributes, so calls read as
    ``tabadul.records.get(viewer, ...)`` or ``tabadul.directory.add_agency(...)``.
    """

    def __init__(self, settings: Settings, *, engine: Engine | None = None) -> None:
        self.settings = settings
        self.engine = engine or make_engine(settings.resolved_database_url)
        self.sessions: sessionmaker[Session] = make_sessionmaker(self.engine)

    # -- infrastructure -------------------------------------------------------------

    def migrate(self) -> None:
        """Create or upgrade the schema (safe to run twice)."""
        upgrade(self.engine)

    @contextmanager
    def transaction(self, *, immediate: bool = False) -> Iterator[Session]:
        """A session whose work commits at the end of the block, or rolls back on error.

        ``immediate``: on SQLite, the transaction takes the write lock as it begins
        (``BEGIN IMMEDIATE``), for a short transaction that will write: it then cannot
        be refused for having read before another connection's commit. No effect on
        PostgreSQL.

        Records written in it (``session.info["written"]``, kept by the record writer
        and by deletions) are brought up to date in the screening index once the
        transaction has committed — never before, so the index never shows what the
        store does not hold. They are also published to the other processes of the
        installation (see :meth:`Screening.publish`)."""
        with self.sessions() as session:
            with session.begin():
                if immediate:
                    session.connection(execution_options={IMMEDIATE: True})
                yield session
            written = session.info.pop("written", None)
        if written:
            ids = sorted(written)
            if "screening" in self.__dict__:
                self.screening.refresh(ids)
            # and for the other processes of this installation (server workers, the CLI)
            self.screening.publish(ids)

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().date()

    def dispose(self) -> None:
        if "screening" in self.__dict__:
            self.screening.close()
        self.engine.dispose()

    # -- components -----------------------------------------------------------------

    @cached_property
    def directory(self) -> Directory:
        return Directory(self)

    @cached_property
    def auth(self) -> Auth:
        return Auth(self)

    @cached_property
    def records(self) -> Records:
        return Records(self)

    @cached_property
    def dossiers(self) -> Dossiers:
        return Dossiers(self)

    @cached_property
    def transfer(self) -> Transfer:
        from tabadul.service.transfer import Transfer  # the importers load only when used

        return Transfer(self)

    @cached_property
    def sharing(self) -> Sharing:
        return Sharing(self)

    @cached_property
    def releases(self) -> Releases:
        return Releases(self)

    @cached_property
    def search(self) -> Search:
        return Search(self)

    @cached_property
    def hits(self) -> Hits:
        return Hits(self)

    @cached_property
    def retention(self) -> Retention:
        return Retention(self)

    @cached_property
    def screening(self) -> Screening:
        return Screening(self)

    @cached_property
    def audit(self) -> AuditTrail:
        return AuditTrail(self)


from tabadul.service.audit_trail import AuditTrail  # noqa: E402
from tabadul.service.auth import Auth  # noqa: E402
from tabadul.service.directory import Directory  # noqa: E402
from tabadul.service.dossier import Dossiers  # noqa: E402
from tabadul.service.hits import Hits  # noqa: E402
from tabadul.service.records import Records  # noqa: E402
from tabadul.service.releases import Releases  # noqa: E402
from tabadul.service.retention import Retention  # noqa: E402
from tabadul.service.screening import Screening  # noqa: E402
from tabadul.service.search import Search  # noqa: E402
from tabadul.service.sharing import Sharing  # noqa: E402
