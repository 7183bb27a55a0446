"""Retention (exchange rule 5): review dates, renewals and what is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from tabadul.audit import AuditAction, append
from tabadul.domain.enums import Role
from tabadul.policy import Action, Viewer
from tabadul.service.errors import FieldError, Forbidden, InvalidInput
from tabadul.service.records import not_found
from tabadul.store.tables import Agency, Record

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = ["DueRecord", "Retention"]


@dataclass(frozen=True)
class DueRecord:
    owner: str
    record_id: str
    kind: str
    review_date: date
    overdue: bool


class Retention:
    def __init__(self, app: Tabadul) -> None:
        self._app = app

    def due(
        self, viewer: Viewer, *, agency: str | None = None, within_days: int = 30
    ) -> list[DueRecord]:
        """Records whose review date is past or within ``within_days``: an agency's own
        for its users; every agency's for compliance officers, admins and the operator
        (references only)."""
        overseer = viewer.operator or viewer.role in (Role.COMPLIANCE, Role.ADMIN)
        today = self._app.today()
        with self._app.transaction() as session:
            query = (
                select(Agency.code, Record.external_id, Record.kind, Record.review_date)
                .join(Agency, Agency.id == Record.owner_id)
                .where(Record.review_date <= today + timedelta(days=max(0, within_days)))
            )
            if agency is not None:
                query = query.where(Agency.code == agency.strip().upper())
            if not overseer:
                if viewer.agency_id is None:
                    return []
                query = query.where(Record.owner_id == viewer.agency_id)
            return [
                DueRecord(code, ext, kind, review, review < today)
                for code, ext, kind, review in session.execute(
                    query.order_by(Agency.code, Record.review_date, Record.external_id)
                )
            ]

    def renew(self, viewer: Viewer, *, owner: str, external_id: str, reason: str) -> date:
        """Set a new review date (the configured years from today), with a reason."""
        reason = reason.strip()
        if not reason or len(reason) > 2000:
            raise InvalidInput([FieldError(("reason",), "say why, in 1 to 2000 characters")])
        with self._app.transaction() as session:
            row = self._app.records.row(session, owner, external_id)
            policy = self._app.records.policy(session, viewer)
            if row is None or not policy.allowed(Action.VIEW, row):
                raise not_found(owner, external_id)
            if not policy.allowed(Action.UPDATE, row):
                raise Forbidden("only the owner agency's bureau officers and admins renew records")
            from tabadul.service.records import review_date_from

            previous = row.review_date
            row.review_date = review_date_from(self._app.today(), self._app.settings.review_years)
            row.updated_at = self._app.now()
            append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.RECORD_RENEW,
                targets=[f"{row.owner.code}/{row.external_id}"],
                detail={
                    "reason": reason,
                    "from": previous.isoformat(),
                    "to": row.review_date.isoformat(),
                },
            )
            return row.review_date
