"""Sharing rules of a record and an agency's defaults (exchange rule 2).

Only the owner agency sees and sets them; a record the caller may not see at all
answers 404, exactly like a missing one.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from tabadul.api.deps import AppDep, CurrentViewer
from tabadul.domain.enums import Purpose, Visibility
from tabadul.service import FieldError, InvalidInput
from tabadul.service.sharing import RuleIn

__all__ = ["router"]

router = APIRouter(tags=["sharing"])

MAX_RULES = 200


class RecordSharingPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    owner: str
    external_id: str
    visibility: Visibility = Field(description="What everyone not named by a rule gets.")
    own_rules: bool = Field(
        description="True: the record's own rules apply; false: its agency's defaults."
    )
    rules: list[RuleIn] = Field(description="The rules in force (own, or agency defaults).")
    purposes: list[Purpose] | None = Field(description="Limited to these purposes; null: all.")
    handling_code: str
    handling_conditions: str | None


class RecordSharingUpdate(BaseModel):
    """Absent or null fields stay as they are."""

    model_config = ConfigDict(extra="forbid")
    visibility: Visibility | None = None
    rules: list[RuleIn] | None = Field(
        default=None,
        max_length=MAX_RULES,
        description="Replaces the record's own rules ([]: own rules, none of them).",
    )
    purposes: list[Purpose] | None = Field(
        default=None,
        max_length=len(Purpose),
        description="Limit the record to these purposes; [] lifts the limit.",
    )
    use_agency_defaults: bool = Field(
        default=False, description="Drop the record's own rules: the agency defaults apply."
    )


class AgencySharingPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    agency: str
    default_visibility: Visibility = Field(description="Base visibility of its new records.")
    secretariat_access: bool = Field(description="Whether the secretariat sees its records.")
    rules: list[RuleIn] = Field(description="Default rules of records without their own.")


class AgencySharingUpdate(BaseModel):
    """Absent or null fields stay as they are."""

    model_config = ConfigDict(extra="forbid")
    default_visibility: Visibility | None = None
    rules: list[RuleIn] | None = Field(default=None, max_length=MAX_RULES)
    secretariat_access: bool | None = None


@router.get("/records/{owner}/{external_id}/sharing", response_model=RecordSharingPublic)
def get_record_sharing(app: AppDep, viewer: CurrentViewer, owner: str, external_id: str) -> Any:
    """The record's sharing rules (owner agency only)."""
    return app.sharing.get(viewer, owner=owner, external_id=external_id)


@router.put("/records/{owner}/{external_id}/sharing", response_model=RecordSharingPublic)
def set_record_sharing(
    app: AppDep, viewer: CurrentViewer, owner: str, external_id: str, body: RecordSharingUpdate
) -> Any:
    """Change the record's sharing (owner agency's bureau officers and admins); applies
    from the next request on, and is audited with the rules before and after."""
    if body.use_agency_defaults and body.rules is not None:
        raise InvalidInput(
            [FieldError(("use_agency_defaults",), "give rules or use the agency defaults")]
        )
    return app.sharing.set_record(
        viewer,
        owner=owner,
        external_id=external_id,
        visibility=body.visibility,
        rules=body.rules,
        purposes=body.purposes or None,
        clear_purposes=body.purposes == [],
        use_agency_defaults=body.use_agency_defaults,
    )


@router.get("/agencies/{code}/sharing", response_model=AgencySharingPublic)
def get_agency_sharing(app: AppDep, viewer: CurrentViewer, code: str) -> Any:
    """The agency's default sharing (the agency itself only)."""
    return app.sharing.get_defaults(viewer, agency=code)


@router.put("/agencies/{code}/sharing", response_model=AgencySharingPublic)
def set_agency_sharing(
    app: AppDep, viewer: CurrentViewer, code: str, body: AgencySharingUpdate
) -> Any:
    """Change the agency's defaults: the base visibility of its new records, the rules
    of all its records without rules of their own, and secretariat access."""
    return app.sharing.set_defaults(
        viewer,
        agency=code,
        visibility=body.default_visibility,
        rules=body.rules,
        secretariat_access=body.secretariat_access,
    )
