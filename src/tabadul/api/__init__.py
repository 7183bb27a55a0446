"""The REST API (FastAPI): a thin layer over the service layer, OpenAPI at /docs.

The screening index is made ready when the application starts, *before* it accepts
requests (uvicorn runs the lifespan's start-up before it listens): from its snapshot in
seconds, or from the store (about two minutes a million persons) the first time or when
the snapshot no longer fits. An officer's first screening then never waits for a build,
and a server that is up is ready. When the application stops, the index is saved again
if writes changed it, so that the next start has less to catch up.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import APIRouter, FastAPI

from tabadul import __version__, _native
from tabadul.api._collector import Collector, RequestTracker
from tabadul.api.errors import install_error_handlers
from tabadul.api.routers import audit, auth, directory, exchange, records, screening, sharing
from tabadul.service import Tabadul
from tabadul.settings import Settings

__all__ = ["create_app", "create_server_app"]

_log = logging.getLogger("uvicorn.error")


def create_app(
    settings: Settings | None = None,
    *,
    app: Tabadul | None = None,
    load_index: bool = True,
    pages: bool = True,
    pace_collector: bool = False,
) -> FastAPI:
    """The ASGI application for an installation (built from ``settings`` when no
    service object is given): the API under ``/api/v1`` and, unless ``pages`` is false,
    the web interface. ``load_index=False`` leaves the screening index to be loaded on
    first use. ``pace_collector`` (what ``tabadul serve`` asks for) has the server run the
    garbage collector's full collections between requests (:mod:`tabadul.api._collector`);
    it changes the process's collector, so tests and scripts leave it off."""
    service = app or Tabadul(settings or Settings())
    collector = Collector(service.settings.gc_full_seconds) if pace_collector else None

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if load_index:
            # compiled or plain Python (tabadul._native): the same answers, not the same pace
            _log.info("name analysis and scorer: %s", _native.status())
            _log.info("screening index: loading ...")
            report = await to_thread.run_sync(service.screening.load)
            _log.info(
                "screening index: %d persons from the %s in %.1f s%s",
                report.persons,
                report.source,
                report.seconds,
                f" (snapshot not used: {report.snapshot_problem})"
                if report.snapshot_problem
                else "",
            )
        if collector is not None:
            collector.start()
        try:
            yield
        finally:
            if collector is not None:
                collector.stop()
                _log.info(
                    "garbage collector: %d full collections, the longest %.0f ms; %d of everything",
                    collector.full_collections,
                    collector.longest_pause * 1000,
                    collector.thorough_collections,
                )
        if service.screening.changed_since_snapshot:
            await to_thread.run_sync(service.screening.save_snapshot)

    api = FastAPI(
        lifespan=lifespan,
        title="tabadul",
        version=__version__,
        description="Exchange of police and judicial information. Every answer obeys the "
        "owners' exchange rules; errors share one JSON shape.",
        openapi_url="/api/v1/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    api.state.tabadul = service
    install_error_handlers(api, pages=pages)
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
    if pages:
        from tabadul.web import install_web

        install_web(api)
    if collector is not None:
        api.add_middleware(RequestTracker, collector=collector)
    return api


def create_server_app() -> FastAPI:
    """The application ``tabadul serve`` runs (from the environment's settings): as
    :func:`create_app`, and the server runs its garbage collector's full collections."""
    return create_app(pace_collector=True)
