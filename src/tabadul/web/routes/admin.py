"""Administration (administrators): users and agencies.

A new user's password is shown once, on the page that answers the form — never put in
a link or a redirect, where browsers, proxies and logs would keep it. The administrator
hands it over; the user should change it at first login.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import Response

from tabadul.domain.enums import HandlingCode, Role, Visibility
from tabadul.service import Conflict, Forbidden, InvalidInput, NotFound
from tabadul.service.directory import UserInfo
from tabadul.web.i18n import N_
from tabadul.web.page import NOTICES, Page, UserPage, form_errors

__all__ = ["router"]

router = APIRouter(prefix="/admin")

NOTICES.update({"agency-added": N_("The agency is registered.")})


def _require_admin(page: Page) -> None:
    """The pages that list users and agencies are the administrators'. The service
    checks its writes itself; its listings take no viewer (the command line's operator
    reads them too), so these pages apply the same rule to what they show."""
    viewer = page.user
    if not (viewer.operator or viewer.role is Role.ADMIN):
        raise Forbidden(page.gettext(N_("Only administrators manage users and agencies.")))


# -- users ------------------------------------------------------------------------------

_USER_FIELDS = ("login", "agency", "role", "password")


def _users_page(
    page: Page,
    *,
    form: dict[str, str],
    errors: dict[str, list[str]],
    status: int = 200,
    created: UserInfo | None = None,
    password: str | None = None,
) -> Response:
    return page.render(
        "admin/users.html",
        status=status,
        users=page.app.directory.users(),
        agencies=page.app.directory.agencies(),
        roles=[r.value for r in Role],
        form=form,
        errors=errors,
        created=created,
        password=password,
    )


@router.get("/users")
def users(page: UserPage) -> Response:
    _require_admin(page)
    return _users_page(page, form={"role": Role.OFFICER.value}, errors={})


@router.post("/users")
def add_user(
    page: UserPage,
    login: Annotated[str, Form(max_length=200)] = "",
    agency: Annotated[str, Form(max_length=64)] = "",
    role: Annotated[str, Form(max_length=32)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    """Create the user and answer with the page itself, showing the password once."""
    _require_admin(page)
    form = {"login": login, "agency": agency, "role": role}  # never the password
    errors: dict[str, list[str]] = {}
    try:
        chosen = Role(role)
    except ValueError:
        errors["role"] = [page.gettext(N_("Choose the user's role."))]
    if not agency.strip():
        errors["agency"] = [page.gettext(N_("Choose the user's agency."))]
    if errors:
        return _users_page(page, form=form, errors=errors, status=422)
    try:
        created, secret = page.app.directory.add_user(
            viewer=page.user, login=login, agency=agency, role=chosen, password=password or None
        )
    except InvalidInput as exc:
        errors = form_errors(exc, _USER_FIELDS, _USER_FIELDS[0])
        return _users_page(page, form=form, errors=errors, status=422)
    except NotFound:
        errors = {"agency": [page.gettext(N_("There is no such agency."))]}
        return _users_page(page, form=form, errors=errors, status=422)
    except Conflict:
        errors = {"login": [page.gettext(N_("This login is already taken. Choose another."))]}
        return _users_page(page, form=form, errors=errors, status=409)
    return _users_page(
        page,
        form={"role": Role.OFFICER.value},
        errors={},
        created=created,
        password=None if password else secret,
    )


# -- agencies ---------------------------------------------------------------------------

_AGENCY_FIELDS = ("code", "name", "country", "default_visibility", "default_handling")


def _agencies_page(
    page: Page, *, form: dict[str, str], errors: dict[str, list[str]], status: int = 200
) -> Response:
    return page.render(
        "admin/agencies.html",
        status=status,
        agencies=page.app.directory.agencies(),
        visibilities=[v.value for v in Visibility],
        handlings=[h.value for h in HandlingCode],
        form=form,
        errors=errors,
    )


_NEW_AGENCY = {
    "default_visibility": Visibility.FULL.value,
    "default_handling": HandlingCode.H0.value,
}


@router.get("/agencies")
def agencies(page: UserPage) -> Response:
    _require_admin(page)
    return _agencies_page(page, form=dict(_NEW_AGENCY), errors={})


@router.post("/agencies")
def add_agency(
    page: UserPage,
    code: Annotated[str, Form(max_length=64)] = "",
    name: Annotated[str, Form(max_length=400)] = "",
    country: Annotated[str, Form(max_length=64)] = "",
    secretariat: Annotated[str, Form(max_length=8)] = "",
    default_visibility: Annotated[str, Form(max_length=32)] = "",
    default_handling: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    _require_admin(page)
    form = {
        "code": code,
        "name": name,
        "country": country,
        "secretariat": secretariat,
        "default_visibility": default_visibility,
        "default_handling": default_handling,
    }
    errors: dict[str, list[str]] = {}
    try:
        visibility = Visibility(default_visibility)
    except ValueError:
        errors["default_visibility"] = [page.gettext(N_("Choose who sees new records."))]
    try:
        handling = HandlingCode(default_handling)
    except ValueError:
        errors["default_handling"] = [page.gettext(N_("Choose the handling code."))]
    if errors:
        return _agencies_page(page, form=form, errors=errors, status=422)
    try:
        page.app.directory.add_agency(
            viewer=page.user,
            code=code,
            name=name,
            country=country.strip() or None,
            is_secretariat=bool(secretariat),
            default_visibility=visibility,
            default_handling=handling,
        )
    except InvalidInput as exc:
        errors = form_errors(exc, _AGENCY_FIELDS, _AGENCY_FIELDS[0])
        return _agencies_page(page, form=form, errors=errors, status=422)
    except Conflict:
        errors = {"code": [page.gettext(N_("An agency with this code is already registered."))]}
        return _agencies_page(page, form=form, errors=errors, status=409)
    return page.redirect("/admin/agencies", notice="agency-added")
