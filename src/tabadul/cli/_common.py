"""What every CLI command shares: the installation, the acting viewer, error output."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console

from tabadul.policy import Viewer
from tabadul.service import (
    AuthenticationFailed,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceError,
    Tabadul,
)
from tabadul.settings import Settings

__all__ = ["console", "err", "fail", "installation", "service_errors", "viewer_for"]

console = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


@contextmanager
def installation(*, migrate: bool = False) -> Iterator[Tabadul]:
    """The installation named by the environment (``TABADUL_DATABASE_URL`` ...)."""
    try:
        settings = Settings()
    except ValidationError as exc:
        fail("invalid settings: " + "; ".join(e["msg"] for e in exc.errors()), 2)
    app = Tabadul(settings)
    try:
        if migrate:
            app.migrate()
        yield app
    finally:
        app.dispose()


@contextmanager
def service_errors() -> Iterator[None]:
    """Turn service errors into one clear line on standard error and an exit code."""
    try:
        yield
    except InvalidInput as exc:
        for error in exc.errors:
            err.print(f"[bold red]error:[/] {error}")
        raise typer.Exit(2) from None
    except NotFound as exc:
        fail(str(exc), 3)
    except (Forbidden, AuthenticationFailed) as exc:
        fail(str(exc), 4)
    except Conflict as exc:
        fail(str(exc), 5)
    except ServiceError as exc:
        fail(str(exc), 1)


def viewer_for(app: Tabadul, login: str | None) -> Viewer:
    """``--as LOGIN``, or the installation's operator when absent (audited as such)."""
    if login is None:
        return Viewer.installation_operator()
    return app.directory.viewer(login)


def is_tty() -> bool:
    return sys.stderr.isatty()
