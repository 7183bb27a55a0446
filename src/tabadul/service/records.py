"""Reading and changing records, always through the policy layer."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Select, delete, func, or_, select
from sqlalchemy.orm import Session

from tabadul.audit import AuditAction, append
from tabadul.domain.enums import Purpose, RecordKind
from tabadul.policy import Action, Policy, Viewer
from tabadul.service._read import AnyRecordOut, load_records
from tabadul.service._write import AnyRecordIn, RecordWriter
from tabadul.service.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound
from tabadul.store.tables import (
    Agency,
    Antecedent,
    EventParticipant,
    Group,
    GroupAlias,
    Link,
    Nationality,
    Notice,
    PersonName,
    Record,
)

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = ["MAX_PAGE", "Page", "RecordFilter", "Records", "not_found", "review_date_from"]

MAX_PAGE = 500


def review_date_from(start: date, years: int) -> date:
    """``years`` after ``start`` (29 February falls back to the 28th)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


@dataclass(frozen=True)
class RecordFilter:
    kind: RecordKind | None = None
    owner: str | None = None
    name: str | None = None  # substring of a person's or group's name, any script
    nationality: str | None = None


@dataclass(frozen=True)
class Page:
    items: list[AnyRecordOut]
    total: int
    offset: int
    limit: int


def not_found(owner: str, external_id: str) -> NotFound:
    # The same words whether the record is missing or hidden: probing reveals nothing.
    return NotFound(f"no record {external_id!r} of agency {owner!r}")


class Records:
    def __init__(self, app: Tabadul) -> None:
        self._app = app

    # -- reads ----------------------------------------------------------------------

    def row(self, session: Session, owner: str, external_id: str) -> Record | None:
        """The stored row, whatever the rules: callers must ask the policy about it."""
        return session.scalar(
            select(Record)
            .join(Agency, Agency.id == Record.owner_id)
            .where(Agency.code == owner.strip().upper(), Record.external_id == external_id)
        )

    def policy(self, session: Session, viewer: Viewer, purpose: Purpose | None = None) -> Policy:
        return Policy.for_viewer(session, viewer, purpose=purpose, today=self._app.today())

    def get(
        self,
        viewer: Viewer,
        *,
        owner: str,
        external_id: str,
        purpose: Purpose | None = None,
    ) -> AnyRecordOut:
        """One record in full, if the viewer may see it; otherwise :class:`NotFound`."""
        with self._app.transaction() as session:
            policy = self.policy(session, viewer, purpose)
            row = self.row(session, owner, external_id)
            if row is None or not policy.allowed(Action.VIEW, row):
                raise not_found(owner, external_id)
            append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.RECORD_VIEW,
                purpose=policy.purpose,
                targets=[f"{row.owner.code}/{row.external_id}"],
            )
            loaded = self._load(session, policy, [row.id])
            if not loaded:  # it depends on a record the viewer may not see
                raise not_found(owner, external_id)
            return loaded[0]

    def _load(self, session: Session, policy: Policy, ids: Sequence[int]) -> list[AnyRecordOut]:
        return load_records(session, ids, references=policy.clause(Action.VIEW))

    def _filtered(self, policy: Policy, action: Action, flt: RecordFilter) -> Select[int]:
        query = select(Record.id).where(policy.clause(action))
        if flt.kind is not None:
            query = query.where(Record.kind == str(flt.kind))
        if flt.owner is not None:
            query = query.join(Agency, Agency.id == Record.owner_id).where(
                Agency.code == flt.owner.strip().upper()
            )
        if flt.name:
            pattern = f"%{flt.name.strip().lower()}%"
            query = query.where(
                or_(
                    Record.id.in_(
                        select(PersonName.person_id).where(
                            func.lower(PersonName.full_name).like(pattern)
                        )
                    ),
                    Record.id.in_(
                        select(Group.record_id).where(func.lower(Group.name).like(pattern))
                    ),
                    Record.id.in_(
                        select(GroupAlias.group_id).where(func.lower(GroupAlias.name).like(pattern))
                    ),
                )
            )
        if flt.nationality:
            query = query.where(
                Record.id.in_(
                    select(Nationality.person_id).where(
                        Nationality.country == flt.nationality.strip().upper()
                    )
                )
            )
        return query

    def page(
        self,
        viewer: Viewer,
        flt: RecordFilter,
        *,
        offset: int = 0,
        limit: int = 50,
        purpose: Purpose | None = None,
    ) -> Page:
        """A page of the records the viewer may see in full, oldest first."""
        limit = max(1, min(limit, MAX_PAGE))
        offset = max(0, offset)
        with self._app.transaction() as session:
            policy = self.policy(session, viewer, purpose)
            query = self._filtered(policy, Action.LIST, flt)
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            ids = list(session.scalars(query.order_by(Record.id).offset(offset).limit(limit)))
            items = self._load(session, policy, ids)
            append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.RECORD_LIST,
                purpose=policy.purpose,
                detail={
                    "filter": {k: v for k, v in vars(flt).items() if v is not None},
                    "returned": len(items),
                },
            )
            return Page(items, total, offset, limit)

    def iterate(
        self,
        session: Session,
        viewer: Viewer,
        action: Action,
        *,
        batch: int = 2000,
        purpose: Purpose | None = None,
    ) -> Iterator[AnyRecordOut]:
        """Every record ``action`` allows the viewer, in id order, loaded in batches
        (exports)."""
        last = 0
        policy = self.policy(session, viewer, purpose)
        clause = policy.clause(action)
        while True:
            ids = list(
                session.scalars(
                    select(Record.id)
                    .where(clause, Record.id > last)
                    .order_by(Record.id)
                    .limit(batch)
                )
            )
            if not ids:
                return
            yield from self._load(session, policy, ids)
            last = ids[-1]

    # -- writes ---------------------------------------------------------------------

    def writer(self, session: Session, owner: Agency) -> RecordWriter:
        today = self._app.today()
        return RecordWriter(
            session,
            owner=owner,
            now=self._app.now(),
            review_date=review_date_from(today, self._app.settings.review_years),
        )

    def _owner_for_write(self, session: Session, viewer: Viewer, owner: str | None) -> Agency:
        code = owner or viewer.agency_code
        if code is None:
            raise InvalidInput([FieldError(("owner",), "say which agency owns the record")])
        agency = self._app.directory.agency(session, code)
        if not viewer.may_write_for(agency.id):
            raise Forbidden("only the owner agency's bureau officers and admins write its records")
        return agency

    def save(
        self, viewer: Viewer, record: AnyRecordIn, *, owner: str | None = None, create: bool
    ) -> AnyRecordOut:
        """Create (``create=True``; the id must be new) or replace a record of the
        viewer's agency (or of ``owner`` for the operator)."""
        with self._app.transaction() as session:
            policy = self.policy(session, viewer)
            if not create:
                code = owner or viewer.agency_code or ""
                row = self.row(session, code, record.external_id)
                if row is None or not policy.allowed(Action.VIEW, row):
                    raise not_found(code, record.external_id)
                if not policy.allowed(Action.UPDATE, row):
                    raise Forbidden(
                        "only the owner agency's bureau officers and admins change its records"
                    )
            agency = self._owner_for_write(session, viewer, owner)
            existing = self.row(session, agency.code, record.external_id)
            if create and existing is not None:
                raise Conflict(f"agency {agency.code} already has a record {record.external_id!r}")
            if not create and existing is None:
                raise not_found(agency.code, record.external_id)
            outcome = self.writer(session, agency).write([record])
            if outcome.rejected:
                bad = outcome.rejected[0]
                raise InvalidInput([FieldError((bad.field or "id",), bad.reason)])
            append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.RECORD_CREATE if create else AuditAction.RECORD_UPDATE,
                targets=[f"{agency.code}/{record.external_id}"],
                detail={"kind": record.kind},
            )
            return self._load(session, policy, [outcome.ids[record.external_id]])[0]

    def delete(self, viewer: Viewer, *, owner: str, external_id: str) -> list[str]:
        """Delete a record and what only makes sense with it: a person takes its
        antecedents, the notices on it and its links along. The personal data is gone;
        the audit entry (references only) stays. Returns the external ids deleted."""
        with self._app.transaction() as session:
            policy = self.policy(session, viewer)
            row = self.row(session, owner, external_id)
            if row is None or not policy.allowed(Action.VIEW, row):
                raise not_found(owner, external_id)
            if not policy.allowed(Action.DELETE, row):
                raise Forbidden(
                    "only the owner agency's bureau officers and admins delete its records"
                )
            doomed = [row.id, *self._dependents(session, [row.id])]
            names: dict[int, str] = {
                rid: ext
                for rid, ext in session.execute(
                    select(Record.id, Record.external_id).where(Record.id.in_(doomed))
                )
            }
            session.execute(
                delete(EventParticipant).where(EventParticipant.participant_id.in_(doomed))
            )
            session.execute(delete(Record).where(Record.id.in_(doomed)))
            session.info.setdefault("written", set()).update(doomed)
            deleted = [names[i] for i in doomed]
            append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.RECORD_DELETE,
                targets=[f"{row.owner.code}/{ext}" for ext in deleted],
                detail={"kind": row.kind},
            )
            return deleted

    def _dependents(self, session: Session, ids: Sequence[int]) -> list[int]:
        found: set[int] = set()
        for query in (
            select(Antecedent.record_id).where(Antecedent.person_id.in_(ids)),
            select(Notice.record_id).where(Notice.subject_id.in_(ids)),
            select(Link.record_id).where(or_(Link.source_id.in_(ids), Link.target_id.in_(ids))),
        ):
            found.update(session.scalars(query))
        return sorted(found - set(ids))
