"""``tabadul demo`` and ``tabadul serve``."""

from __future__ import annotations

from contextlib import suppress
from typing import Annotated

import typer
import uvicorn
from sqlalchemy import func, select

from tabadul.cli._common import console, fail, installation, service_errors
from tabadul.domain.enums import Role
from tabadul.policy import Viewer
from tabadul.service import Conflict, Tabadul
from tabadul.service.synthetic import load_region
from tabadul.settings import Settings
from tabadul.store.tables import Record
from tabadul.synth import generate_region

__all__ = ["DEMO_USERS", "demo", "serve"]

# Demo accounts (development only: `tabadul demo` refuses to run in production).
# (login, role, agency country or None for the secretariat, password)
DEMO_USERS: tuple[tuple[str, Role, str | None, str], ...] = (
    ("officer", Role.OFFICER, "MA", "officer-demo-pass"),
    ("bureau", Role.BUREAU, "DZ", "bureau-demo-pass"),
    ("analyst", Role.ANALYST, None, "analyst-demo-pass"),
    ("compliance", Role.COMPLIANCE, None, "compliance-demo-pass"),
    ("admin", Role.ADMIN, None, "admin-demo-pass"),
)


def _run_server(settings: Settings, host: str, port: int, workers: int = 1) -> None:
    from tabadul.api import create_app

    if workers == 1:
        app = create_app(settings, pace_collector=True)
        uvicorn.run(app, host=host, port=port, log_level="info")
        return
    # Each worker process builds the application from the environment (the settings
    # were checked above) and loads its own screening index.
    uvicorn.run(
        "tabadul.api:create_server_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes. Each holds its own screening index (about 0.7 GB a "
            "million persons) and screens on its own core; writes reach every "
            "process's index through the changes journal.",
        ),
    ] = 1,
) -> None:
    """Serve the REST API (OpenAPI at /docs) on HOST:PORT."""
    with installation(migrate=True) as app:
        settings = app.settings
    _run_server(settings, host, port, workers)


def ensure_demo(app: Tabadul, *, persons: int, seed: int) -> None:
    """Generate the demo region once and create the demo users (idempotent)."""
    with app.transaction() as session:
        empty = (session.scalar(select(func.count()).select_from(Record)) or 0) == 0
    if empty:
        console.print(f"creating the demo region: {persons} synthetic persons (seed {seed}) ...")
        load_region(
            app, Viewer.installation_operator(), generate_region(persons=persons, seed=seed)
        )
    agencies = app.directory.agencies()
    by_country = {a.country: a.code for a in agencies if a.country}
    secretariat = next((a.code for a in agencies if a.is_secretariat), None)
    operator = Viewer.installation_operator()
    for login, role, country, password in DEMO_USERS:
        agency = by_country.get(country) if country else secretariat
        if agency is None:
            fail(f"the demo region has no agency for {country or 'the secretariat'}")
        with suppress(Conflict):  # already there from an earlier run
            app.directory.add_user(
                viewer=operator, login=login, agency=agency, role=role, password=password
            )


def demo(
    persons: Annotated[
        int, typer.Option(min=10, help="Synthetic persons in the demo region.")
    ] = 5000,
    seed: Annotated[int, typer.Option(help="Random seed of the demo region.")] = 2026,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    no_serve: Annotated[bool, typer.Option(help="Prepare the demo, do not serve.")] = False,
) -> None:
    """Create (once) a demo database with a synthetic region and demo users, print the
    logins and serve the API. Development only."""
    with installation(migrate=True) as app, service_errors():
        if app.settings.environment != "development":
            fail("the demo is for development installations only (TABADUL_ENVIRONMENT)", 2)
        ensure_demo(app, persons=persons, seed=seed)
        users = {u.login: u for u in app.directory.users()}
        settings = app.settings
        url = app.engine.url.render_as_string(hide_password=True)
    console.print(f"\ndemo database: {url}")
    console.print("demo logins (synthetic data only; no real person):")
    for login, role, _country, password in DEMO_USERS:
        console.print(
            f"  {role.value:<11} login [bold]{login:<11}[/] "
            f"password {password:<22} ({users[login].agency})"
        )
    console.print(f"\nOpen http://{host}:{port} in a browser and log in with one of them.")
    console.print(f"API: http://{host}:{port}/api/v1  (OpenAPI: http://{host}:{port}/docs)\n")
    if not no_serve:
        _run_server(settings, host, port)
