"""The append-only, hash-chained audit log.

Each entry's ``hash`` is the SHA-256 of its canonical JSON (time, actor, agency,
action, purpose, targets, detail) together with the previous entry's hash; the first
entry chains from sixty-four zeros. Editing, removing, inserting or reordering entries
therefore breaks the chain at the first entry touched, which :func:`verify` reports.

Entries hold references (external ids, logins), never copies of personal data. An
entry is written in the caller's transaction, so a change and its audit entry commit
(or roll back) together.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session

from tabadul.audit.events import AuditAction
from tabadul.store.tables import AuditEvent

__all__ = ["GENESIS", "ChainBreak", "NewEntry", "append", "append_many", "entry_hash", "verify"]

GENESIS = "0" * 64


def _utc_text(at: datetime) -> str:
    if at.tzinfo is None:  # SQLite hands back naive datetimes; they were stored as UTC
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def entry_hash(
    *,
    prev_hash: str,
    at: datetime,
    actor: str,
    agency: str | None,
    action: str,
    purpose: str | None,
    targets: Sequence[str] | None,
    detail: dict[str, Any] | None,
) -> str:
    payload = json.dumps(
        {
            "prev": prev_hash,
            "at": _utc_text(at),
            "actor": actor,
            "agency": agency,
            "action": action,
            "purpose": purpose,
            "targets": list(targets) if targets is not None else None,
            "detail": detail,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _lock_chain(session: Session) -> None:
    """Serialise appends so that two transactions never chain from the same entry."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(7305419)"))
    # SQLite allows one writer at a time; the first write of the transaction takes the lock.


@dataclass(frozen=True, slots=True)
class NewEntry:
    """One entry to append (:func:`append_many`); ``at`` defaults to now."""

    actor: str
    agency: str | None
    action: AuditAction
    purpose: str | None = None
    targets: Sequence[str] | None = None
    detail: dict[str, Any] | None = None
    at: datetime | None = None


def append(
    session: Session,
    *,
    actor: str,
    agency: str | None,
    action: AuditAction,
    purpose: str | None = None,
    targets: Iterable[str] | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Add one entry to the log in ``session``'s transaction."""
    entry = NewEntry(
        actor, agency, action, purpose, list(targets) if targets is not None else None, detail, at
    )
    event = AuditEvent(**_chained(session, [entry])[0])
    session.add(event)
    session.flush()
    return event


def append_many(session: Session, entries: Sequence[NewEntry]) -> list[int]:
    """Add entries to the log, in this order, in ``session``'s transaction, and return
    their ids: the chain's last hash is read once and the entries are written in one
    insert, below the ORM (a screening's entry, or a passenger list's: the ORM's
    bookkeeping was a tenth of a screening's time). Raises ``RuntimeError`` (the
    transaction must roll back) should the database number them out of order — the
    chain follows the ids."""
    if not entries:
        return []
    table = cast(Table, AuditEvent.__table__)
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids = list(session.scalars(statement, _chained(session, entries)))
    if ids != sorted(ids):
        raise RuntimeError("audit entries were numbered out of order; nothing was written")
    return ids


def _chained(session: Session, entries: Sequence[NewEntry]) -> list[dict[str, Any]]:
    """The entries' columns, each chained to the one before, the first to the log's last
    entry (read under the chain's lock)."""
    _lock_chain(session)
    last = session.scalars(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    prev = last or GENESIS
    now = datetime.now(UTC)
    rows = []
    for new in entries:
        fields: dict[str, Any] = {
            "at": new.at or now,
            "actor": new.actor,
            "agency": new.agency,
            "action": str(new.action),
            "purpose": new.purpose,
            "targets": list(new.targets) if new.targets is not None else None,
            "detail": new.detail,
        }
        digest = entry_hash(prev_hash=prev, **fields)
        rows.append({**fields, "prev_hash": prev, "hash": digest})
        prev = digest
    return rows


@dataclass(frozen=True)
class ChainBreak:
    """Where the chain first fails: the entry id and what is wrong with it."""

    entry_id: int | None
    reason: str


def verify(session: Session, *, batch: int = 5000) -> tuple[int, ChainBreak | None]:
    """Walk the whole log in order; return the number of entries checked and the first
    break, or ``None`` when the chain is intact."""
    prev = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).all()
        if not rows:
            return checked, None
        for row in rows:
            if row.prev_hash != prev:
                return checked, ChainBreak(
                    row.id, "does not follow the entry before it (removed, inserted or reordered)"
                )
            expected = entry_hash(
                prev_hash=row.prev_hash,
                at=row.at,
                actor=row.actor,
                agency=row.agency,
                action=row.action,
                purpose=row.purpose,
                targets=row.targets,
                detail=row.detail,
            )
            if row.hash != expected:
                return checked, ChainBreak(row.id, "its content was changed after it was written")
            prev = row.hash
            checked += 1
            last_id = row.id
