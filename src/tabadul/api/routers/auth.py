"""Login, logout, API tokens and who am I."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field

from tabadul.api.deps import AppDep, CurrentViewer, TokenDep

__all__ = ["router"]

router = APIRouter(prefix="/auth", tags=["auth"])


class LoginRequest(BaseModel):
    login: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


class TokenPublic(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_at: datetime | None


class ApiTokenCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200, description="Which system uses it.")


class ViewerPublic(BaseModel):
    login: str
    role: str | None
    agency: str | None
    country: str | None


@router.post("/login", response_model=TokenPublic)
def login(app: AppDep, body: LoginRequest) -> TokenPublic:
    """Exchange a login and password for a session token (expires after the
    configured time)."""
    _viewer, issued = app.auth.login(body.login, body.password)
    return TokenPublic(access_token=issued.token, expires_at=issued.expires_at)


@router.post("/logout", status_code=204)
def logout(app: AppDep, token: TokenDep) -> None:
    """Revoke the token used for this request."""
    app.auth.logout(token)


@router.post("/tokens", response_model=TokenPublic, status_code=201)
def create_token(app: AppDep, viewer: CurrentViewer, body: ApiTokenCreate) -> TokenPublic:
    """A long-lived API token for a system acting as the current user."""
    issued = app.auth.create_api_token(viewer, name=body.name)
    return TokenPublic(access_token=issued.token, expires_at=issued.expires_at)


@router.get("/me", response_model=ViewerPublic)
def me(viewer: CurrentViewer) -> ViewerPublic:
    return ViewerPublic(
        login=viewer.login,
        role=viewer.role.value if viewer.role else None,
        agency=viewer.agency_code,
        country=viewer.country,
    )
