"""One JSON shape for every error the API returns.

``{"error": {"status": 404, "code": "not_found", "message": "...", "fields": [...]}}``
where ``fields`` (422 only) lists ``{"loc": ["body", "names", 0, "full_name"],
"message": "..."}``. A record the rules hide answers exactly like one that does not
exist: 404, same code, same message form.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from tabadul.service import (
    AuthenticationFailed,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceError,
)

__all__ = ["error_body", "install_error_handlers"]

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid_input",
    500: "internal_error",
}


def error_body(
    status: int, message: str, fields: Sequence[dict[str, Any]] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "status": status,
        "code": _CODES.get(status, "error"),
        "message": message,
    }
    if fields is not None:
        body["fields"] = list(fields)
    return {"error": body}


def _respond(
    status: int,
    message: str,
    fields: Sequence[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(error_body(status, message, fields), status_code=status, headers=headers)


def install_error_handlers(app: FastAPI, *, pages: bool = False) -> None:
    """JSON errors for the API; with ``pages``, the web interface's paths get its HTML
    error pages instead."""

    def page(request: Request, status: int, message: str | None) -> Response | None:
        if not pages:
            return None
        from tabadul.web import is_web_path, web_error

        return web_error(request, status, message) if is_web_path(request.url.path) else None

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if (html := page(request, 422, None)) is not None:
            return html
        fields = [
            {
                "loc": [
                    p
                    for p in e.get("loc", ())
                    if not isinstance(p, str) or not p.startswith("function-")
                ],
                "message": e.get("msg", "invalid"),
            }
            for e in exc.errors()
        ]
        return _respond(422, "the request is invalid; see fields", fields)

    @app.exception_handler(ServiceError)
    async def _service(request: Request, exc: ServiceError) -> Response:
        if pages:
            from tabadul.web import service_error_status

            status = service_error_status(exc)
            if (html := page(request, status, str(exc))) is not None:
                return html
        if isinstance(exc, InvalidInput):
            fields = [{"loc": ["body", *e.loc], "message": e.message} for e in exc.errors]
            return _respond(422, "the request is invalid; see fields", fields)
        if isinstance(exc, NotFound):
            return _respond(404, str(exc))
        if isinstance(exc, AuthenticationFailed):
            return _respond(401, str(exc), headers={"WWW-Authenticate": "Bearer"})
        if isinstance(exc, Forbidden):
            return _respond(403, str(exc))
        if isinstance(exc, Conflict):
            return _respond(409, str(exc))
        return _respond(400, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if (html := page(request, exc.status_code, None)) is not None:
            return html
        return _respond(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))
