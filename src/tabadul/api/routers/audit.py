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
from tabadul.service import InvalidInput
from tabadul.service.audit_trail import MAX_ENTRIES, TIME_FORMS, audit_filters

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


ACTIONS = ", ".join(a.value for a in AuditAction)
PURPOSES = ", ".join(p.value for p in Purpose)


@router.get("/audit", response_model=list[AuditEntryPublic])
def list_audit(
    app: AppDep,
    viewer: CurrentViewer,
    actor: Annotated[str | None, Query(max_length=64, description="Login.")] = None,
    agency: Annotated[str | None, Query(max_length=32, description="Actor's agency.")] = None,
    action: Annotated[str | None, Query(max_length=64, description=f"One of: {ACTIONS}.")] = None,
    purpose: Annotated[str | None, Query(max_length=64, description=f"One of: {PURPOSES}.")] = None,
    since: Annotated[str | None, Query(max_length=64, description=f"From: {TIME_FORMS}.")] = None,
    until: Annotated[
        str | None, Query(max_length=64, description="Up to (included); a day includes all of it.")
    ] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_ENTRIES)] = 100,
) -> Any:
    """Audit entries matching every filter given, newest first."""
    try:
        filters = audit_filters(
            actor=actor, agency=agency, action=action, purpose=purpose, since=since, until=until
        )
    except InvalidInput as exc:  # query parameters, named as such
        raise RequestValidationError(
            [
                {"loc": ("query", *e.loc), "msg": e.message, "type": "value_error"}
                for e in exc.errors
            ]
        ) from None
    return app.audit.entries(viewer, filters, offset=offset, limit=limit)
