"""Release requests: a viewer with hit-only access asks the owner to release a record;
the owner releases it to that agency (which then sees it in full) or refuses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import or_, select

from tabadul.audit import AuditAction, append
from tabadul.domain.enums import Purpose, Visibility
from tabadul.policy import Viewer
from tabadul.service.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound
from tabadul.service.records import not_found
from tabadul.store.tables import Agency, Record, ReleaseRequest

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = ["ReleaseInfo", "Releases"]

Status = Literal["pending", "released", "refused"]


@dataclass(frozen=True)
class ReleaseInfo:
    id: int
    owner: str
    record_id: str
    requesting_agency: str
    requested_by: str
    reason: str
    requested_at: datetime
    status: Status
    decided_by: str | None
    decided_at: datetime | None
    note: str | None


def _info(req: ReleaseRequest, record: Record, requester: Agency) -> ReleaseInfo:
    return ReleaseInfo(
        id=req.id,
        owner=record.owner.code,
        record_id=record.external_id,
        requesting_agency=requester.code,
        requested_by=req.requested_by,
        reason=req.reason,
        requested_at=req.requested_at,
        status=req.status,  # type: ignore[arg-type]
        decided_by=req.decided_by,
        decided_at=req.decided_at,
        note=req.note,
    )


class Releases:
    def __init__(self, app: Tabadul) -> None:
        self._app = app

    def request(
        self, viewer: Viewer, *, owner: str, external_id: str, reason: str, purpose: Purpose
    ) -> ReleaseInfo:
        """Ask the owner to release a record the viewer sees as hit-only (for
        ``purpose``). A record the viewer cannot see at all answers as a missing one."""
        reason = reason.strip()
        if not reason or len(reason) > 2000:
            raise InvalidInput([FieldError(("reason",), "say why, in 1 to 2000 characters")])
        if viewer.agency_id is None:
            raise Forbidden("release requests are made by an agency's users")
        with self._app.transaction() as session:
            row = self._app.records.row(session, owner, external_id)
            policy = self._app.records.policy(session, viewer, purpose)
            seen = policy.access(row) if row is not None else Visibility.NONE
            if row is None or seen is Visibility.NONE:
                raise not_found(owner, external_id)
            if seen is Visibility.FULL:
                raise Conflict("you already see this record in full: there is nothing to release")
            pending = session.scalar(
                select(ReleaseRequest).where(
                    ReleaseRequest.record_id == row.id,
                    ReleaseRequest.agency_id == viewer.agency_id,
                    ReleaseRequest.status == "pending",
                )
            )
            if pending is not None:
                raise Conflict(f"your agency's request {pending.id} for this record is pending")
            req = ReleaseRequest(
                record_id=row.id,
                agency_id=viewer.agency_id,
                requested_by=viewer.login,
                reason=reason,
                requested_at=self._app.now(),
                status="pending",
            )
            session.add(req)
            session.flush()
            append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.RELEASE_REQUEST,
                purpose=purpose.value,
                targets=[f"{row.owner.code}/{row.external_id}"],
                detail={"request": req.id},
            )
            requester = session.get(Agency, viewer.agency_id)
            assert requester is not None
            return _info(req, row, requester)

    def list(self, viewer: Viewer, *, status: Status | None = None) -> list[ReleaseInfo]:
        """Requests on the viewer's agency's records (to answer) and by it (to follow)."""
        with self._app.transaction() as session:
            query = (
                select(ReleaseRequest, Record, Agency)
                .join(Record, Record.id == ReleaseRequest.record_id)
                .join(Agency, Agency.id == ReleaseRequest.agency_id)
            )
            if not viewer.operator:
                query = query.where(
                    or_(
                        Record.owner_id == viewer.agency_id,
                        ReleaseRequest.agency_id == viewer.agency_id,
                    )
                )
            if status is not None:
                query = query.where(ReleaseRequest.status == status)
            return [
                _info(req, record, agency)
                for req, record, agency in session.execute(query.order_by(ReleaseRequest.id))
            ]

    def decide(
        self, viewer: Viewer, request_id: int, *, release: bool, note: str = ""
    ) -> ReleaseInfo:
        """The owner releases the record to the requesting agency, or refuses."""
        with self._app.transaction() as session:
            req = session.get(ReleaseRequest, request_id)
            record = session.get(Record, req.record_id) if req is not None else None
            if (
                req is None
                or record is None
                or not (viewer.operator or viewer.agency_id in (record.owner_id, req.agency_id))
            ):
                raise NotFound(f"no release request {request_id}")
            if not viewer.may_write_for(record.owner_id):
                raise Forbidden("only the owner agency's bureau officers and admins decide")
            if req.status != "pending":
                raise Conflict(f"request {request_id} was already {req.status}")
            req.status = "released" if release else "refused"
            req.decided_by = viewer.login
            req.decided_at = self._app.now()
            req.note = note.strip()[:2000] or None
            requester = session.get(Agency, req.agency_id)
            assert requester is not None
            append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.RELEASE_DECISION,
                targets=[f"{record.owner.code}/{record.external_id}", requester.code],
                detail={"request": req.id, "decision": req.status},
            )
            return _info(req, record, requester)
