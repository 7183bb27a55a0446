"""Reading and verifying the audit trail (compliance officers, admins, the operator).

Reading the trail is itself audited (``audit_read``, with the filters used): who looked
at what others did is as much a part of the record as the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from tabadul.audit import AuditAction, ChainBreak, append, verify
from tabadul.domain.enums import Purpose, Role
from tabadul.policy import Viewer
from tabadul.service.errors import FieldError, Forbidden, InvalidInput
from tabadul.store.tables import AuditEvent

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = [
    "MAX_ENTRIES",
    "AuditEntryInfo",
    "AuditFilters",
    "AuditTrail",
    "Verification",
    "audit_filters",
]

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


@dataclass(frozen=True)
class AuditFilters:
    """Which entries to read; every filter is optional. Made by :func:`audit_filters`."""

    actor: str | None = None  # login, lower case
    agency: str | None = None  # agency code, upper case
    action: AuditAction | None = None
    purpose: Purpose | None = None
    since: datetime | None = None  # UTC, included
    until: datetime | None = None  # UTC, included

    def as_detail(self) -> dict[str, str]:
        """The filters given, as the ``audit_read`` entry records them."""
        values = {
            "actor": self.actor,
            "agency": self.agency,
            "action": self.action.value if self.action else None,
            "purpose": self.purpose.value if self.purpose else None,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }
        return {k: v for k, v in values.items() if v is not None}


TIME_FORMS = "YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], in UTC unless a zone such as +01:00 is given"


def _time(value: str | datetime | None, *, end_of_day: bool) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return None if value is None else _utc(value)
    text = value.strip()
    if not text:
        return None
    try:
        if len(text) == 10:  # a day: from its first moment, or up to its last
            day = date.fromisoformat(text)
            return datetime.combine(day, time.max if end_of_day else time.min, UTC)
        return _utc(datetime.fromisoformat(text))
    except ValueError:
        raise ValueError(f"{value[:40]!r} is not a time; use {TIME_FORMS}") from None


def audit_filters(
    *,
    actor: str | None = None,
    agency: str | None = None,
    action: str | None = None,
    purpose: str | None = None,
    since: str | datetime | None = None,
    until: str | datetime | None = None,
) -> AuditFilters:
    """The audit filters as the API and the CLI receive them (text), checked and typed.

    ``action`` and ``purpose`` are names (``search``, ``border-control``); ``since`` and
    ``until`` are ISO 8601 times (naive ones are UTC) or days: a day as ``since`` starts
    at its first moment, as ``until`` includes the whole day. Blank text is no filter.
    Raises :class:`InvalidInput` naming every field at fault."""
    errors: list[FieldError] = []
    try:
        action_value = AuditAction(action.strip()) if action and action.strip() else None
    except ValueError:
        known = ", ".join(a.value for a in AuditAction)
        errors.append(FieldError(("action",), f"unknown action; use one of: {known}"))
        action_value = None
    try:
        purpose_value = Purpose(purpose.strip()) if purpose and purpose.strip() else None
    except ValueError:
        known = ", ".join(p.value for p in Purpose)
        errors.append(FieldError(("purpose",), f"unknown purpose; use one of: {known}"))
        purpose_value = None
    times: dict[str, datetime | None] = {}
    for name, value in (("since", since), ("until", until)):
        try:
            times[name] = _time(value, end_of_day=name == "until")
        except ValueError as exc:
            errors.append(FieldError((name,), str(exc)))
            times[name] = None
    start, end = times["since"], times["until"]
    if start is not None and end is not None and start > end:
        errors.append(FieldError(("until",), "must not be before 'since'"))
    if errors:
        raise InvalidInput(errors)
    return AuditFilters(
        actor=(actor.strip().lower() or None) if actor else None,
        agency=(agency.strip().upper() or None) if agency else None,
        action=action_value,
        purpose=purpose_value,
        since=start,
        until=end,
    )


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
        filters: AuditFilters | None = None,
        *,
        offset: int = 0,
        limit: int = 100,
    ) -> list[AuditEntryInfo]:
        """Entries matching every filter given (see :func:`audit_filters`), newest first.

        Compliance officers and administrators of the secretariat (and the operator)
        read the whole trail; those of a member agency read their own agency's entries.
        """
        self._require_auditor(viewer, "read the audit trail")
        filters = filters or AuditFilters()
        offset = max(0, offset)
        limit = max(1, min(limit, MAX_ENTRIES))
        query = select(AuditEvent)
        if not (viewer.operator or viewer.is_secretariat):
            query = query.where(AuditEvent.agency == viewer.agency_code)
        if filters.actor is not None:
            query = query.where(AuditEvent.actor == filters.actor)
        if filters.agency is not None:
            query = query.where(AuditEvent.agency == filters.agency)
        if filters.action is not None:
            query = query.where(AuditEvent.action == filters.action.value)
        if filters.purpose is not None:
            query = query.where(AuditEvent.purpose == filters.purpose.value)
        if filters.since is not None:
            query = query.where(AuditEvent.at >= filters.since)
        if filters.until is not None:
            query = query.where(AuditEvent.at <= filters.until)
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
                    "filters": filters.as_detail(),
                    "offset": offset,
                    "limit": limit,
                    "returned": len(found),
                },
            )
            return found
