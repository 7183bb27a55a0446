"""Agencies and users (administration)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from tabadul.api.deps import AppDep, CurrentViewer
from tabadul.domain.enums import HandlingCode, Role, Visibility

__all__ = ["router"]

router = APIRouter(tags=["directory"])


class AgencyPublic(BaseModel):
    code: str
    name: str
    country: str | None
    is_secretariat: bool
    default_visibility: Visibility
    default_handling: HandlingCode


class AgencyCreate(BaseModel):
    code: str = Field(min_length=2, max_length=32)
    name: str = Field(min_length=1, max_length=200)
    country: str | None = Field(default=None, min_length=2, max_length=2)
    is_secretariat: bool = False
    default_visibility: Visibility = Visibility.FULL
    default_handling: HandlingCode = HandlingCode.H0


class UserPublic(BaseModel):
    login: str
    role: Role
    agency: str
    active: bool


class UserCreate(BaseModel):
    login: str = Field(min_length=2, max_length=64)
    agency: str = Field(min_length=2, max_length=32)
    role: Role
    password: str | None = Field(default=None, min_length=12, max_length=1024)


class UserCreated(UserPublic):
    password: str | None = Field(description="The generated password, shown once.")


def _agency(a: Any) -> AgencyPublic:
    return AgencyPublic(
        code=a.code,
        name=a.name,
        country=a.country,
        is_secretariat=a.is_secretariat,
        default_visibility=a.default_visibility,
        default_handling=a.default_handling,
    )


@router.get("/agencies", response_model=list[AgencyPublic])
def list_agencies(app: AppDep, _viewer: CurrentViewer) -> Any:
    return [_agency(a) for a in app.directory.agencies()]


@router.post("/agencies", response_model=AgencyPublic, status_code=201)
def create_agency(app: AppDep, viewer: CurrentViewer, body: AgencyCreate) -> Any:
    return _agency(app.directory.add_agency(viewer=viewer, **body.model_dump()))


@router.post("/users", response_model=UserCreated, status_code=201)
def create_user(app: AppDep, viewer: CurrentViewer, body: UserCreate) -> Any:
    info, secret = app.directory.add_user(
        viewer=viewer, login=body.login, agency=body.agency, role=body.role, password=body.password
    )
    return UserCreated(
        login=info.login,
        role=info.role,
        agency=info.agency,
        active=info.active,
        password=None if body.password else secret,
    )
