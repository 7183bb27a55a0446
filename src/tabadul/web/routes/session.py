"""Logging in and out, the language, the home page and the user's own account page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import RedirectResponse, Response

from tabadul.service import AuthenticationFailed
from tabadul.service.directory import LANGUAGES
from tabadul.web.i18n import N_
from tabadul.web.page import (
    LANGUAGE_COOKIE,
    NOTICES,
    SESSION_COOKIE,
    PageDep,
    UserPage,
    secure_cookies,
)

__all__ = ["router"]

router = APIRouter()

NOTICES.update({"welcome": N_("You are logged in.")})


def _safe_next(target: str | None) -> str | None:
    """Only a path of this site: never send a user elsewhere after login."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@router.get("/")
def home(page: PageDep) -> Response:
    if page.viewer is None:
        return RedirectResponse("/login", status_code=303)
    return RedirectResponse(page.home(), status_code=303)


@router.get("/login")
def login_form(page: PageDep, next: str | None = None) -> Response:
    if page.viewer is not None:
        return RedirectResponse(_safe_next(next) or page.home(), status_code=303)
    return page.render("login.html", next=_safe_next(next) or "", failed=False, login="")


@router.post("/login")
def login(
    page: PageDep,
    login: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    try:
        viewer, issued = page.app.auth.login(login, password)
    except AuthenticationFailed:
        return page.render(
            "login.html", status=401, next=_safe_next(next) or "", failed=True, login=login
        )
    page.viewer, page.token = viewer, issued.token
    chosen = page.app.directory.language(viewer)
    if chosen is None:  # the language the user logged in with becomes theirs
        page.app.directory.set_language(viewer, page.lang)
    response = page.redirect(_safe_next(next) or page.home(), notice="welcome")
    response.set_cookie(
        SESSION_COOKIE,
        issued.token,
        max_age=page.app.settings.token_ttl_minutes * 60,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(page),
        path="/",
    )
    return response


@router.post("/logout")
def logout(page: PageDep) -> Response:
    if page.token is not None:
        page.app.auth.logout(page.token)
    response = page.redirect("/login", notice="logged-out")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/language")
def choose_language(
    page: PageDep,
    language: Annotated[str, Form(max_length=8)] = "",
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Switch the interface's language: remembered for the user, and in a cookie for
    the login page."""
    code = language if language in LANGUAGES else page.lang
    if page.viewer is not None:
        page.app.directory.set_language(page.viewer, code)
    response = page.redirect(_safe_next(next) or "/", notice="language")
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(page),
        path="/",
    )
    return response


@router.get("/account")
def account(page: UserPage) -> Response:
    return page.render("account.html")
