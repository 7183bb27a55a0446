"""The REST API (FastAPI): a thin layer over the service layer, OpenAPI at /docs."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from tabadul import __version__
from tabadul.api.errors import install_error_handlers
from tabadul.api.routers import audit, auth, directory, exchange, records, screening, sharing
from tabadul.service import Tabadul
from tabadul.settings import Settings

__all__ = ["create_app"]


def create_app(settings: Settings | None = None, *, app: Tabadul | None = None) -> FastAPI:
    """The ASGI application for an installation (built from ``settings`` when no
    service object is given)."""
    service = app or Tabadul(settings or Settings())
    api = FastAPI(
        title="tabadul",
        version=__version__,
        description="Exchange of police and judicial information. Every answer obeys the "
        "owners' exchange rules; errors share one JSON shape.",
        openapi_url="/api/v1/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    api.state.tabadul = service
    install_error_handlers(api)
    v1 = APIRouter(prefix="/api/v1")
    v1.include_router(auth.router)
    v1.include_router(records.router)
    v1.include_router(directory.router)
    v1.include_router(sharing.router)
    v1.include_router(exchange.router)
    v1.include_router(screening.router)
    v1.include_router(audit.router)

    @v1.get("/health", tags=["health"])
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    api.include_router(v1)
    return api
