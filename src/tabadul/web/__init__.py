"""The web interface: server-rendered pages in Arabic, French and English, served by the
same process as the API.

Pages are Jinja templates (``templates/``) rendered by the handlers in ``routes/``;
each handler calls the service layer, exactly as the API and the CLI do, so the
exchange rules decide what a page shows. Forms work without JavaScript; the little
script there is (``static/tabadul.js``) only follows a batch's progress and asks before
an irreversible click.

Everything a page loads comes from this server: the style sheet and script in
``static/``, and the fonts from the npm packages the setup installs
(``TABADUL_ASSETS_DIR``). The Content-Security-Policy header tells browsers to load
nothing from anywhere else.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tabadul.api.errors import error_body
from tabadul.service import (
    AuthenticationFailed,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceError,
)
from tabadul.settings import Settings
from tabadul.web.i18n import N_
from tabadul.web.page import CsrfFailed, LoginRequired, check_csrf, page_for

__all__ = [
    "FONT_PACKAGES",
    "assets_dir",
    "install_web",
    "is_web_path",
    "service_error_status",
    "web_error",
]

_log = logging.getLogger("uvicorn.error")
_STATIC = Path(__file__).parent / "static"

FONT_PACKAGES = ("noto-sans", "noto-sans-arabic")
"""The ``@fontsource`` packages of ``package.json``, served under ``/assets/fonts/``."""

_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)

_API_PREFIXES = ("/api/", "/docs")


def is_web_path(path: str) -> bool:
    """Whether a path belongs to the pages (errors answer in HTML) or to the API."""
    return not path.startswith(_API_PREFIXES)


def assets_dir(settings: Settings) -> Path | None:
    """Where the npm packages are: the setting, else ``node_modules`` beside the
    project's ``package.json`` (a checkout, as ``scripts/demo`` installs it)."""
    if settings.assets_dir is not None:
        return settings.assets_dir
    for parent in Path(__file__).resolve().parents:
        if (parent / "package.json").is_file() and (parent / "node_modules").is_dir():
            return parent / "node_modules"
    return None


_STATUS_TITLES = {
    400: N_("The request could not be carried out"),
    401: N_("Please log in"),
    403: N_("Not allowed"),
    404: N_("Not found"),
    405: N_("Not allowed"),
    409: N_("Conflict with what is stored"),
    422: N_("The form has errors"),
    500: N_("Something went wrong on the server"),
}
_STATUS_ADVICE = {
    400: N_("Check what you entered and try again."),
    401: N_("Your session has ended. Log in again."),
    403: N_("Your role does not allow this. Ask your bureau or an administrator."),
    404: N_("There is no such page or record, or its owner does not share it with you."),
    405: N_("Use the forms of the pages to do this."),
    409: N_("Someone else changed the same thing. Reload the page and try again."),
    422: N_("Correct the fields named below and try again."),
    500: N_("The error was logged. Try again; if it persists, tell your administrator."),
}
_CSRF_ADVICE = N_(
    "The form had expired or did not come from this page. Open the page again and resend."
)


def web_error(request: Request, status: int, message: str | None = None) -> Response:
    """The error page for a status, in the user's language."""
    page = page_for(request)
    return page.render(
        "error.html",
        status=status,
        title=_STATUS_TITLES.get(status, _STATUS_TITLES[400]),
        advice=_STATUS_ADVICE.get(status, _STATUS_ADVICE[400]),
        message=message,
    )


def install_web(api: FastAPI) -> None:
    """Add the pages, their assets, their error pages and security headers to ``api``."""
    from tabadul.web.routes import ROUTERS

    web = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)
    for router in ROUTERS:
        web.include_router(router)
    api.include_router(web)
    api.mount("/static", StaticFiles(directory=_STATIC), name="static")
    settings: Settings = api.state.tabadul.settings
    modules = assets_dir(settings)
    for package in FONT_PACKAGES:
        folder = modules / "@fontsource" / package if modules else None
        if folder is not None and folder.is_dir():
            api.mount(f"/assets/fonts/{package}", StaticFiles(directory=folder))
        else:
            _log.warning(
                "web fonts: @fontsource/%s not found (run the setup's `npm ci`, or set "
                "TABADUL_ASSETS_DIR); pages use the browser's fonts",
                package,
            )

    @api.exception_handler(LoginRequired)
    async def _login(request: Request, _exc: LoginRequired) -> Response:
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        if request.method != "GET":
            target = "/"
        return RedirectResponse(f"/login?next={quote(target, safe='/')}", status_code=303)

    @api.exception_handler(CsrfFailed)
    async def _csrf(request: Request, _exc: CsrfFailed) -> Response:
        return _csrf_page(request)

    @api.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        """An unexpected error: logged in full; the officer gets a page that says what
        to do, the API its JSON error. Never a stack trace in an answer."""
        _log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        if is_web_path(request.url.path):
            try:
                return web_error(request, 500)
            except Exception:  # the page itself failed (the database is down)
                _log.exception("the error page failed too")
                return PlainTextResponse("tabadul: internal error", status_code=500)
        return JSONResponse(error_body(500, "internal error; it was logged"), status_code=500)

    api.add_middleware(_SecurityHeaders)


class _SecurityHeaders:
    """The pages' security headers, added to the start of each page's response.

    A plain ASGI middleware rather than ``@app.middleware("http")``: Starlette's
    ``BaseHTTPMiddleware`` runs every request, the API's too, through a task group and
    a memory stream of the body, about a tenth of a millisecond a request."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_web_path(scope["path"]):
            await self._app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", ()))
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", _CSP)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "same-origin")
                headers.setdefault("X-Frame-Options", "DENY")
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self._app(scope, receive, send_with_headers)


def _csrf_page(request: Request) -> Response:
    page = page_for(request)
    return page.render(
        "error.html",
        status=403,
        title=_STATUS_TITLES[403],
        advice=_CSRF_ADVICE,
        message=None,
    )


def service_error_status(exc: ServiceError) -> int:
    if isinstance(exc, InvalidInput):
        return 422
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, AuthenticationFailed):
        return 401
    if isinstance(exc, Forbidden):
        return 403
    if isinstance(exc, Conflict):
        return 409
    return 400
