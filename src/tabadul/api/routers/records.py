"""Records: list, read, create, replace, delete. Every call goes through the service
layer's policy checks; a hidden record is a 404, exactly like a missing one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from tabadul.api.deps import AppDep, CurrentViewer
from tabadul.domain.enums import Purpose, RecordKind
from tabadul.model.records import RecordIn, RecordOut
from tabadul.service import FieldError, InvalidInput
from tabadul.service.records import MAX_PAGE, RecordFilter

__all__ = ["router"]

router = APIRouter(prefix="/records", tags=["records"])


_PURPOSE = "Why you read (exchange rule 4): records limited to other purposes are left out."


class RecordPage(BaseModel):
    items: list[RecordOut]
    total: int
    offset: int
    limit: int


class Deleted(BaseModel):
    deleted: list[str]


@router.get("", response_model=RecordPage)
def list_records(
    app: AppDep,
    viewer: CurrentViewer,
    kind: RecordKind | None = None,
    owner: Annotated[str | None, Query(max_length=32)] = None,
    name: Annotated[str | None, Query(max_length=200, description="Part of a name.")] = None,
    nationality: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    purpose: Annotated[Purpose | None, Query(description=_PURPOSE)] = None,
) -> Any:
    """Records the caller may see in full, filtered, oldest first."""
    page = app.records.page(
        viewer,
        RecordFilter(kind=kind, owner=owner, name=name, nationality=nationality),
        offset=offset,
        limit=limit,
        purpose=purpose,
    )
    return {"items": page.items, "total": page.total, "offset": page.offset, "limit": page.limit}


@router.get("/{owner}/{external_id}", response_model=RecordOut)
def get_record(
    app: AppDep,
    viewer: CurrentViewer,
    owner: str,
    external_id: str,
    purpose: Annotated[Purpose | None, Query(description=_PURPOSE)] = None,
) -> Any:
    """One record in full, if the caller may see it (for ``purpose``); else 404."""
    return app.records.get(viewer, owner=owner, external_id=external_id, purpose=purpose)


@router.post("", response_model=RecordOut, status_code=201)
def create_record(
    app: AppDep,
    viewer: CurrentViewer,
    record: RecordIn,
    response: Response,
) -> Any:
    """Create a record owned by the caller's agency (bureau officers and admins)."""
    saved = app.records.save(viewer, record, create=True)
    response.headers["Location"] = f"/api/v1/records/{saved.owner}/{saved.external_id}"
    return saved


@router.put("/{owner}/{external_id}", response_model=RecordOut)
def replace_record(
    app: AppDep, viewer: CurrentViewer, owner: str, external_id: str, record: RecordIn
) -> Any:
    """Replace a record of the caller's agency with the body (same id, same kind)."""
    if record.external_id != external_id:
        raise InvalidInput([FieldError(("external_id",), "must match the id in the path")])
    return app.records.save(viewer, record, owner=owner, create=False)


@router.delete("/{owner}/{external_id}", response_model=Deleted)
def delete_record(app: AppDep, viewer: CurrentViewer, owner: str, external_id: str) -> Any:
    """Delete a record (and the antecedents, notices and links that depend on it)."""
    return {"deleted": app.records.delete(viewer, owner=owner, external_id=external_id)}
