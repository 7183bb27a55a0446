"""Reading and verifying the audit trail (compliance officers, admins, the operator).

Reading the trail is itself audited (``audit_read``, with the filters used): who looked
at what others did is as much a part of the record as the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from tabadul.audit import AuditAction, ChainBreak, append, verify
from tabadul.domain.enums import Purpose, Role
from tabadul.policy import Viewer
from tabadul.service.errors import FieldError, Forbidden, InvalidInput
from tabadul.store.tables import AuditEvent

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = ["MAX_ENTRIES", "AuditEntryInfo", "AuditTrail", "Verification"]

MAX_ENTRIES = 1000
"""The most entries one call returns; page on with ``offset``."""
AUDITORS = frozenset({Role.COMPLIANCE, Role.ADMIN})


@dataclass(frozen=True)
class Verification:
    checked: int
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


@dataclass(frozen=True)
class AuditEntryInfo:
    """One entry as stored: references (logins, agency codes, record ids), never
    personal data beyond what the acting user typed (a search's query)."""

    id: int
    at: datetime
    actor: str
    agency: str | None
    action: str
    purpose: str | None
    targets: list[str] | None
    detail: dict[str, Any] | None
    hash: str


def _utc(at: datetime) -> datetime:
    """SQLite hands back naive datetimes (stored as UTC); filters may come naive too."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _info(row: AuditEvent) -> AuditEntryInfo:
    return AuditEntryInfo(
        id=row.id,
        at=_utc(row.at),
        actor=row.actor,
        agency=row.agency,
        action=row.action,
        purpose=row.purpose,
        targets=row.targets,
        detail=row.detail,
        hash=row.hash,
    )


class AuditTrail:
    def __init__(self, app: Tabadul) -> None:
        self._app = app

    @staticmethod
    def _require_auditor(viewer: Viewer, doing: str) -> None:
        if not (viewer.operator or viewer.role in AUDITORS):
            raise Forbidden(f"only compliance officers and administrators {doing}")

    def verify(self, viewer: Viewer) -> Verification:
        self._require_auditor(viewer, "verify the audit trail")
        with self._app.transaction() as session:
            checked, broken = verify(session)
            return Verification(checked, broken)

    def entries(
        self,
        viewer: Viewer,
        *,
        actor: str | None = None,
        agency: str | None = None,
        action: AuditAction | None = None,
        purpose: Purpose | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> list[AuditEntryInfo]:
        """Entries matching every filter given, newest first: by ``actor`` (login),
        the acting user's ``agency`` (code), ``action``, ``purpose``, and time from
        ``since`` up to ``until`` (both included; naive times are UTC).

        Compliance officers and administrators of the secretariat (and the operator)
        read the whole trail; those of a member agency read their own agency's entries.
        """
        self._require_auditor(viewer, "read the audit trail")
        errors: list[FieldError] = []
        try:
            action = AuditAction(action) if action is not None else None
        except ValueError:
            known = ", ".join(a.value for a in AuditAction)
            errors.append(FieldError(("action",), f"unknown action; use one of: {known}"))
        try:
            purpose = Purpose(purpose) if purpose is not None else None
        except ValueError:
            known = ", ".join(p.value for p in Purpose)
            errors.append(FieldError(("purpose",), f"unknown purpose; use one of: {known}"))
        if since is not None and until is not None and _utc(since) > _utc(until):
            errors.append(FieldError(("until",), "must not be before 'since'"))
        if errors:
            raise InvalidInput(errors)
        offset = max(0, offset)
        limit = max(1, min(limit, MAX_ENTRIES))
        filters: dict[str, Any] = {
            "actor": actor.strip().lower() if actor else None,
            "agency": agency.strip().upper() if agency else None,
            "action": action.value if action else None,
            "purpose": purpose.value if purpose else None,
            "since": _utc(since).isoformat() if since else None,
            "until": _utc(until).isoformat() if until else None,
        }
        filters = {k: v for k, v in filters.items() if v is not None}
        query = select(AuditEvent)
        if not (viewer.operator or viewer.is_secretariat):
            query = query.where(AuditEvent.agency == viewer.agency_code)
        if "actor" in filters:
            query = query.where(AuditEvent.actor == filters["actor"])
        if "agency" in filters:
            query = query.where(AuditEvent.agency == filters["agency"])
        if action is not None:
            query = query.where(AuditEvent.action == action.value)
        if purpose is not None:
            query = query.where(AuditEvent.purpose == purpose.value)
        if since is not None:
            query = query.where(AuditEvent.at >= _utc(since))
        if until is not None:
            query = query.where(AuditEvent.at <= _utc(until))
        with self._app.transaction() as session:
            rows = session.scalars(
                query.order_by(AuditEvent.id.desc()).offset(offset).limit(limit)
            ).all()
            found = [_info(row) for row in rows]
            append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.AUDIT_READ,
                detail={
                    "filters": filters,
                    "offset": offset,
                    "limit": limit,
                    "returned": len(found),
                },
            )
            return found
