"""Logins and bearer tokens.

A login exchanges a password for a session token that expires after
``token_ttl_minutes``; an API token for a system lasts until revoked. Tokens are random
(256 bits) and only their SHA-256 is stored, so a copy of the database gives no usable
token.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, select

from tabadul.audit import AuditAction, append
from tabadul.domain.enums import Role
from tabadul.policy import Viewer
from tabadul.service.directory import viewer_of
from tabadul.service.errors import AuthenticationFailed
from tabadul.service.passwords import verify_password
from tabadul.store.tables import Agency, ApiToken, User

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = ["Auth", "IssuedToken"]


# What authentication reads of a token and the user and agency it stands for
# (as :func:`tabadul.service.directory.viewer_of` builds a viewer from a user).
_TOKEN_HOLDER = (
    select(
        ApiToken.revoked_at,
        ApiToken.expires_at,
        User.active,
        User.id,
        User.login,
        User.role,
        User.agency_id,
        Agency.code,
        Agency.country,
        Agency.is_secretariat,
    )
    .join(User, User.id == ApiToken.user_id)
    .join(Agency, Agency.id == User.agency_id)
    .where(ApiToken.token_hash == bindparam("digest"))
)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: str
    kind: str
    expires_at: datetime | None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class Auth:
    def __init__(self, app: Tabadul) -> None:
        self._app = app

    def login(self, login: str, password: str) -> tuple[Viewer, IssuedToken]:
        """Check a password and open a session; every attempt is audited."""
        name = login.strip().lower()
        with self._app.transaction() as session:
            user = session.scalar(select(User).where(User.login == name))
            ok = verify_password(user.password_hash if user else None, password)
            if user is None or not ok or not user.active:
                append(
                    session,
                    actor=name[:64] or "?",
                    agency=None,
                    action=AuditAction.LOGIN_FAILED,
                )
                failed = True
            else:
                failed = False
                issued = self._issue(session_user=user, kind="session", name="login")
                session.add(issued[1])
                append(
                    session,
                    actor=user.login,
                    agency=user.agency.code,
                    action=AuditAction.LOGIN,
                )
                viewer = viewer_of(user)
        if failed:
            raise AuthenticationFailed("wrong login or password")
        return viewer, issued[0]

    def _issue(self, *, session_user: User, kind: str, name: str) -> tuple[IssuedToken, ApiToken]:
        token = secrets.token_urlsafe(32)
        now = self._app.now()
        expires = (
            now + timedelta(minutes=self._app.settings.token_ttl_minutes)
            if kind == "session"
            else None
        )
        row = ApiToken(
            user_id=session_user.id,
            token_hash=_digest(token),
            kind=kind,
            name=name,
            created_at=now,
            expires_at=expires,
        )
        return IssuedToken(token, kind, expires), row

    def create_api_token(self, viewer: Viewer, *, name: str) -> IssuedToken:
        """A long-lived token for a system acting as ``viewer``'s user."""
        if viewer.user_id is None:
            raise AuthenticationFailed("API tokens belong to users")
        with self._app.transaction() as session:
            user = session.get(User, viewer.user_id)
            assert user is not None
            issued, row = self._issue(session_user=user, kind="api", name=name[:200])
            session.add(row)
            append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.TOKEN_CREATE,
                detail={"name": name[:200]},
            )
            return issued

    def authenticate(self, token: str) -> Viewer:
        """The viewer a bearer token stands for, or :class:`AuthenticationFailed`. One
        query, below the ORM: every API request asks it."""
        with self._app.transaction() as session:
            row = session.execute(_TOKEN_HOLDER, {"digest": _digest(token)}).first()
        if row is None:
            raise AuthenticationFailed("invalid or expired token")
        revoked, expires, active, user_id, login, role, agency_id, code, country, secretariat = row
        if revoked is not None or not active:
            raise AuthenticationFailed("invalid or expired token")
        if expires is not None and _aware(expires) <= self._app.now():
            raise AuthenticationFailed("invalid or expired token")
        return Viewer(
            login=login,
            role=Role(role),
            agency_id=agency_id,
            agency_code=code,
            country=country,
            user_id=user_id,
            is_secretariat=secretariat,
        )

    def logout(self, token: str) -> None:
        with self._app.transaction() as session:
            row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
            if row is None or row.revoked_at is not None:
                return
            row.revoked_at = self._app.now()
            user = session.get(User, row.user_id)
            append(
                session,
                actor=user.login if user else "?",
                agency=user.agency.code if user else None,
                action=AuditAction.LOGOUT,
            )
