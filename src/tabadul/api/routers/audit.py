"""Reading the audit trail (compliance officers and administrators); reading it is
audited too."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict

from tabadul.api.deps import AppDep, CurrentViewer
from tabadul.audit import AuditAction
from tabadul.domain.enums import Purpose
from tabadul.service.audit_trail import MAX_ENTRIES

__all__ = ["router"]

router = APIRouter(tags=["audit"])


class AuditEntryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    at: datetime
    actor: str
    agency: str | None
    action: str
    purpose: str | None
    targets: list[str] | None
    detail: dict[str, Any] | None
    hash: str


@router.get("/audit", response_model=list[AuditEntryPublic])
def list_audit(
    app: AppDep,
    viewer: CurrentViewer,
    actor: Annotated[str | None, Query(max_length=64, description="Login.")] = None,
    agency: Annotated[str | None, Query(max_length=32, description="Actor's agency.")] = None,
    action: AuditAction | None = None,
    purpose: Purpose | None = None,
    since: Annotated[datetime | None, Query(description="From (UTC when no zone).")] = None,
    until: Annotated[datetime | None, Query(description="Up to (included).")] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_ENTRIES)] = 100,
) -> Any:
    """Audit entries matching every filter given, newest first."""
    if since is not None and until is not None and since > until:
        raise RequestValidationError(
            [
                {
                    "loc": ("query", "until"),
                    "msg": "must not be before 'since'",
                    "type": "value_error",
                }
            ]
        )
    return app.audit.entries(
        viewer,
        actor=actor,
        agency=agency,
        action=action,
        purpose=purpose,
        since=since,
        until=until,
        offset=offset,
        limit=limit,
    )
