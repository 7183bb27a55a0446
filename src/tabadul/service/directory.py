"""Members, regions, agencies and users."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from tabadul.audit import AuditAction, append
from tabadul.domain.countries import InvalidCountry, country_name, normalize_country
from tabadul.domain.enums import HandlingCode, Role, Visibility
from tabadul.policy import Viewer
from tabadul.service.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound
from tabadul.service.passwords import hash_password
from tabadul.store.tables import Agency, Member, Region, RegionMember, User

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = ["LANGUAGES", "AgencyInfo", "Directory", "UserInfo", "generate_password"]

AGENCY_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,31}$")
LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 12


def generate_password() -> str:
    """A strong random password: 20 URL-safe characters (about 120 bits)."""
    return secrets.token_urlsafe(15)


@dataclass(frozen=True)
class AgencyInfo:
    id: int
    code: str
    name: str
    country: str | None
    is_secretariat: bool
    default_visibility: Visibility
    default_handling: HandlingCode

    @classmethod
    def of(cls, row: Agency) -> AgencyInfo:
        return cls(
            id=row.id,
            code=row.code,
            name=row.name,
            country=row.country,
            is_secretariat=row.is_secretariat,
            default_visibility=Visibility(row.default_visibility),
            default_handling=HandlingCode(row.default_handling),
        )


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    role: Role
    agency: str
    active: bool


LANGUAGES = ("ar", "fr", "en")
"""The languages of the web interface, as ISO 639-1 codes."""


def _require_admin(viewer: Viewer) -> None:
    if not (viewer.operator or viewer.role is Role.ADMIN):
        raise Forbidden("only an administrator may change agencies and users")


class Directory:
    """Who takes part in the exchange."""

    def __init__(self, app: Tabadul) -> None:
        self._app = app

    # -- members and regions --------------------------------------------------------

    def ensure_member(self, session: Session, code: str, name: str | None = None) -> Member:
        iso = normalize_country(code)
        member = session.get(Member, iso)
        if member is None:
            member = Member(code=iso, name=name or country_name(iso))
            session.add(member)
            session.flush()
        return member

    def set_region(self, *, viewer: Viewer, code: str, name: str, members: list[str]) -> None:
        _require_admin(viewer)
        with self._app.transaction() as session:
            region = session.get(Region, code)
            if region is None:
                region = Region(code=code, name=name)
                session.add(region)
            region.name = name
            region.members.clear()
            session.flush()
            for member in members:
                self.ensure_member(session, member)
                region.members.append(RegionMember(member_code=normalize_country(member)))

    def regions(self) -> dict[str, list[str]]:
        with self._app.transaction() as session:
            return {
                r.code: sorted(m.member_code for m in r.members)
                for r in session.scalars(select(Region).order_by(Region.code))
            }

    # -- agencies -------------------------------------------------------------------

    def add_agency(
        self,
        *,
        viewer: Viewer,
        code: str,
        name: str,
        country: str | None,
        is_secretariat: bool = False,
        default_visibility: Visibility = Visibility.FULL,
        default_handling: HandlingCode = HandlingCode.H0,
    ) -> AgencyInfo:
        """Register an agency. ``country`` is required unless it is the secretariat."""
        _require_admin(viewer)
        default_visibility = Visibility(default_visibility)
        default_handling = HandlingCode(default_handling)
        errors: list[FieldError] = []
        code = code.strip().upper()
        if not AGENCY_CODE.match(code):
            errors.append(
                FieldError(("code",), "use 2-32 capital letters, digits and dashes, e.g. MA-NCB")
            )
        if not name.strip() or len(name) > 200:
            errors.append(FieldError(("name",), "give a name of 1 to 200 characters"))
        iso: str | None = None
        if country is not None:
            try:
                iso = normalize_country(country)
            except InvalidCountry as exc:
                errors.append(FieldError(("country",), str(exc)))
        elif not is_secretariat:
            errors.append(FieldError(("country",), "a member agency needs its country"))
        if errors:
            raise InvalidInput(errors)
        with self._app.transaction() as session:
            if session.scalar(select(Agency.id).where(Agency.code == code)) is not None:
                raise Conflict(f"agency {code} already exists")
            if iso is not None:
                self.ensure_member(session, iso)
            agency = Agency(
                code=code,
                name=name.strip(),
                country=iso,
                is_secretariat=is_secretariat,
                default_visibility=default_visibility.value,
                default_handling=default_handling.value,
                created_at=self._app.now(),
            )
            session.add(agency)
            session.flush()
            append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.AGENCY_CREATE,
                targets=[code],
            )
            return AgencyInfo.of(agency)

    def agency(self, session: Session, code: str) -> Agency:
        agency = session.scalar(select(Agency).where(Agency.code == code.strip().upper()))
        if agency is None:
            raise NotFound(f"there is no agency {code!r} (see `tabadul agency list`)")
        return agency

    def get_agency(self, code: str) -> AgencyInfo:
        with self._app.transaction() as session:
            return AgencyInfo.of(self.agency(session, code))

    def agencies(self) -> list[AgencyInfo]:
        with self._app.transaction() as session:
            return [AgencyInfo.of(a) for a in session.scalars(select(Agency).order_by(Agency.code))]

    # -- users ----------------------------------------------------------------------

    def add_user(
        self, *, viewer: Viewer, login: str, agency: str, role: Role, password: str | None = None
    ) -> tuple[UserInfo, str]:
        """Create a user; returns it with its password (generated when none is given)."""
        _require_admin(viewer)
        role = Role(role)
        errors: list[FieldError] = []
        login = login.strip().lower()
        if not LOGIN.match(login):
            errors.append(
                FieldError(("login",), "use 2-64 lower-case letters, digits, dots, dashes")
            )
        if password is not None and len(password) < MIN_PASSWORD:
            errors.append(
                FieldError(("password",), f"a password needs at least {MIN_PASSWORD} characters")
            )
        if errors:
            raise InvalidInput(errors)
        secret = password if password is not None else generate_password()
        with self._app.transaction() as session:
            agency_row = self.agency(session, agency)
            if session.scalar(select(User.id).where(User.login == login)) is not None:
                raise Conflict(f"user {login} already exists")
            user = User(
                login=login,
                agency_id=agency_row.id,
                role=role.value,
                password_hash=hash_password(secret),
                active=True,
                created_at=self._app.now(),
            )
            session.add(user)
            session.flush()
            append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.USER_CREATE,
                targets=[login],
                detail={"role": role.value, "agency": agency_row.code},
            )
            return UserInfo(user.id, login, role, agency_row.code, True), secret

    def users(self) -> list[UserInfo]:
        with self._app.transaction() as session:
            return [
                UserInfo(u.id, u.login, Role(u.role), u.agency.code, u.active)
                for u in session.scalars(select(User).order_by(User.login))
            ]

    def language(self, viewer: Viewer) -> str | None:
        """The language the user chose for the web interface (None: not chosen)."""
        if viewer.user_id is None:
            return None
        with self._app.transaction() as session:
            user = session.get(User, viewer.user_id)
            return user.language if user is not None else None

    def set_language(self, viewer: Viewer, language: str) -> None:
        """Remember the user's language; one of ``LANGUAGES``."""
        if language not in LANGUAGES:
            allowed = ", ".join(LANGUAGES)
            raise InvalidInput([FieldError(("language",), f"use one of: {allowed}")])
        if viewer.user_id is None:
            return
        with self._app.transaction() as session:
            user = session.get(User, viewer.user_id)
            if user is not None:
                user.language = language

    def viewer(self, login: str) -> Viewer:
        """The viewer for an existing, active user (the CLI's ``--as``)."""
        with self._app.transaction() as session:
            user = session.scalar(select(User).where(User.login == login.strip().lower()))
            if user is None or not user.active:
                raise NotFound(f"there is no active user {login!r}")
            return viewer_of(user)


def viewer_of(user: User) -> Viewer:
    return Viewer(
        login=user.login,
        role=Role(user.role),
        agency_id=user.agency_id,
        agency_code=user.agency.code,
        country=user.agency.country,
        user_id=user.id,
        is_secretariat=user.agency.is_secretariat,
    )
