"""What every page handler works with: who is logged in, in which language, the CSRF
token of their session, and how a page is rendered or a form's answer redirected.

Sessions. Logging in through the web gives the same session token as the API's login
(``Auth.login``: random, only its SHA-256 stored, expiring after one shift). The
browser keeps it in the ``tabadul_session`` cookie: ``HttpOnly`` (no script reads it),
``SameSite=Lax`` (other sites' forms do not carry it) and ``Secure`` in production or
over HTTPS. Logging out revokes the token in the store, not only in the browser.

CSRF. Every POST form carries a token that a page of tabadul put there: for a logged-in
user an HMAC of their session token under ``TABADUL_SECRET_KEY``; before login, a
random value also held in a strict cookie (double submit). :func:`check_csrf` is a
dependency of the whole web router, so no form can be added without it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, partial
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from tabadul import __version__
from tabadul.domain.enums import Purpose, Role
from tabadul.names import romanize
from tabadul.policy import Viewer
from tabadul.service import AuthenticationFailed, InvalidInput, Tabadul
from tabadul.web.i18n import (
    LANGUAGES,
    N_,
    best_language,
    countries,
    formatters,
    language,
    translations,
)
from tabadul.web.labels import LABELS
from tabadul.web.messages import say_error

__all__ = [
    "CSRF_COOKIE",
    "LANGUAGE_COOKIE",
    "NAV",
    "NOTICES",
    "SESSION_COOKIE",
    "CsrfFailed",
    "LoginRequired",
    "Page",
    "PageDep",
    "UserPage",
    "check_csrf",
    "environment",
    "form_errors",
    "page_for",
]

SESSION_COOKIE = "tabadul_session"
CSRF_COOKIE = "tabadul_csrf"
LANGUAGE_COOKIE = "tabadul_lang"
CSRF_FIELD = "csrf"


class LoginRequired(Exception):
    """The page needs a logged-in user; answered by a redirect to the login page."""


class CsrfFailed(Exception):
    """A form came without the token its page gave it."""


@dataclass(frozen=True)
class NavItem:
    path: str
    label: str  # a catalogue message
    roles: frozenset[Role]


_ALL = frozenset(Role)
NAV: tuple[NavItem, ...] = (
    NavItem("/screen", N_("Screening"), frozenset({Role.OFFICER, Role.BUREAU, Role.ANALYST})),
    NavItem(
        "/screen/batch",
        N_("Passenger list"),
        frozenset({Role.OFFICER, Role.BUREAU, Role.ANALYST}),
    ),
    NavItem("/hits", N_("My hits"), frozenset({Role.OFFICER, Role.BUREAU, Role.ANALYST})),
    NavItem("/bureau/records", N_("Our records"), frozenset({Role.BUREAU, Role.ADMIN})),
    NavItem("/bureau/notifications", N_("Hits on our records"), frozenset({Role.BUREAU})),
    NavItem("/bureau/releases", N_("Release requests"), frozenset({Role.BUREAU, Role.OFFICER})),
    NavItem("/bureau/retention", N_("Review due"), frozenset({Role.BUREAU})),
    NavItem("/compliance/audit", N_("Audit trail"), frozenset({Role.COMPLIANCE, Role.ADMIN})),
    NavItem("/compliance/retention", N_("Retention"), frozenset({Role.COMPLIANCE})),
    NavItem("/admin/users", N_("Users"), frozenset({Role.ADMIN})),
    NavItem("/admin/agencies", N_("Agencies"), frozenset({Role.ADMIN})),
)
"""The navigation, in the order it is shown; each role sees its own entries. A page
not listed here is still reachable by link; what a user may do is decided by the
service layer, never by the menu."""

NOTICES: dict[str, str] = {
    "logged-out": N_("You have logged out."),
    "language": N_("Language changed."),
}
"""Messages shown once after a form's redirect (``?notice=KEY``); modules of pages add
their own at import."""


@cache
def environment(code: str) -> Environment:
    """The template environment of one language (one per language, so rendering never
    switches a shared environment's translations under another request)."""
    env = Environment(
        loader=PackageLoader("tabadul.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(code), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(formatters(code))
    env.filters["romanize"] = romanize
    env.filters["error"] = partial(say_error, gettext=translations(code).gettext)
    env.globals.update(
        lang=language(code),
        languages=[language(c) for c in LANGUAGES],
        version=__version__,
        labels=LABELS,
        countries=countries(code),
        purposes=[p.value for p in Purpose],
    )
    # the macros every template uses, as ``m.name(...)`` (no import in each template)
    env.globals["m"] = env.get_template("_macros.html").module
    return env


def _csrf_for_session(secret: str, token: str) -> str:
    return hmac.new(secret.encode(), b"csrf:" + token.encode(), hashlib.sha256).hexdigest()


@dataclass
class Page:
    """One request to a page: the installation, the viewer (None before login), the
    language and the CSRF token its forms carry."""

    request: Request
    app: Tabadul
    viewer: Viewer | None
    token: str | None
    lang: str
    new_csrf_cookie: str | None = None

    @property
    def user(self) -> Viewer:
        """The logged-in viewer (pages taking :data:`UserPage` always have one)."""
        if self.viewer is None:
            raise LoginRequired
        return self.viewer

    @property
    def csrf(self) -> str:
        if self.token is not None:
            return _csrf_for_session(self.app.settings.secret_key, self.token)
        cookie = self.request.cookies.get(CSRF_COOKIE)
        if cookie and len(cookie) >= 32:
            return cookie
        if self.new_csrf_cookie is None:
            self.new_csrf_cookie = secrets.token_urlsafe(32)
        return self.new_csrf_cookie

    def gettext(self, message: str, **values: Any) -> str:
        text = translations(self.lang).gettext(message)
        return text % values if values else text

    @property
    def nav(self) -> list[NavItem]:
        role = self.viewer.role if self.viewer else None
        return [item for item in NAV if role in item.roles]

    def home(self) -> str:
        """Where a user lands after login: the first page of their menu."""
        nav = self.nav
        return nav[0].path if nav else "/account"

    def render(
        self,
        template: str,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        **values: Any,
    ) -> HTMLResponse:
        notice_key = self.request.query_params.get("notice")
        context = {
            "page": self,
            "viewer": self.viewer,
            "csrf": self.csrf,
            "nav": self.nav,
            "path": self.request.url.path,
            "here": _here(self.request),
            "notice": NOTICES.get(notice_key) if notice_key else None,
            **values,
        }
        html = environment(self.lang).get_template(template).render(context)
        response = HTMLResponse(html, status_code=status, headers=dict(headers or {}))
        if self.new_csrf_cookie is not None:
            response.set_cookie(
                CSRF_COOKIE,
                self.new_csrf_cookie,
                httponly=True,
                samesite="strict",
                secure=secure_cookies(self),
                path="/",
            )
        return response

    def redirect(self, url: str, *, notice: str | None = None, **query: str) -> RedirectResponse:
        """The answer to a form: see the page again (303), with a message shown once."""
        if notice is not None:
            assert notice in NOTICES, notice
            query["notice"] = notice
        if query:
            url += ("&" if "?" in url else "?") + urlencode(query)
        return RedirectResponse(url, status_code=303)


def form_errors(
    exc: InvalidInput, fields: Mapping[str, str] | Iterable[str], default: str
) -> dict[str, list[str]]:
    """A service's field errors by the form fields that show them: the first part of
    each error's path that names a form field (``fields`` maps the service's names to
    the form's where they differ); any other error is shown at ``default``."""
    names = dict(fields) if isinstance(fields, Mapping) else {f: f for f in fields}
    out: dict[str, list[str]] = {}
    for error in exc.errors:
        field = next((names[str(p)] for p in error.loc if str(p) in names), default)
        out.setdefault(field, []).append(error.message)
    return out


def _here(request: Request) -> str:
    """This page's path and query, to come back to (after a language change)."""
    query = "&".join(
        f"{quote(k)}={quote(v)}" for k, v in request.query_params.multi_items() if k != "notice"
    )
    return request.url.path + (f"?{query}" if query else "")


def secure_cookies(page: Page) -> bool:
    return page.app.settings.environment == "production" or page.request.url.scheme == "https"


def _app(request: Request) -> Tabadul:
    app: Tabadul = request.app.state.tabadul
    return app


def page_for(request: Request) -> Page:
    """The page context of a request: its user (from the session cookie, if the
    session is still valid) and its language (the user's choice, else the language
    cookie, else the browser's)."""
    app = _app(request)
    token = request.cookies.get(SESSION_COOKIE)
    viewer: Viewer | None = None
    if token:
        try:
            viewer = app.auth.authenticate(token)
        except AuthenticationFailed:
            token = None
    lang = app.directory.language(viewer) if viewer is not None else None
    if lang not in LANGUAGES:
        cookie = request.cookies.get(LANGUAGE_COOKIE)
        lang = (
            cookie if cookie in LANGUAGES else best_language(request.headers.get("accept-language"))
        )
    return Page(request=request, app=app, viewer=viewer, token=token, lang=lang)


def _page(request: Request) -> Page:
    return page_for(request)


def _user_page(request: Request) -> Page:
    page = page_for(request)
    if page.viewer is None:
        raise LoginRequired
    return page


PageDep = Annotated[Page, Depends(_page)]
"""A page anyone may open (login, errors)."""
UserPage = Annotated[Page, Depends(_user_page)]
"""A page for logged-in users; others are sent to the login page."""


async def check_csrf(request: Request) -> None:
    """Refuses a POST whose form does not carry its page's token (all web forms)."""
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    if not isinstance(sent, str) or not sent:
        raise CsrfFailed
    app = _app(request)
    token = request.cookies.get(SESSION_COOKIE)
    expected = [request.cookies.get(CSRF_COOKIE) or ""]
    if token:
        expected.append(_csrf_for_session(app.settings.secret_key, token))
    if not any(e and hmac.compare_digest(sent, e) for e in expected):
        raise CsrfFailed
