"""The ``tabadul`` command line: a thin layer over the service layer.

Every command works against ``TABADUL_DATABASE_URL`` (default: a SQLite file in
``TABADUL_DATA_DIR``). Exit status: 0 success, 1 rejected input or failed check,
2 invalid arguments, 3 not found, 4 not allowed, 5 conflict.
"""

from __future__ import annotations

import typer

from tabadul.cli.admin import agency_app, audit_app, init, user_app
from tabadul.cli.data import export, generate, import_
from tabadul.cli.exchange import hits_app, release_app, retention_app, search
from tabadul.cli.run import demo, serve
from tabadul.cli.screen import screen
from tabadul.cli.sharing import sharing_app

__all__ = ["app", "main"]

app = typer.Typer(
    name="tabadul",
    help="tabadul: exchange of police and judicial information between members of a region.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("init")(init)
app.add_typer(agency_app, name="agency")
app.add_typer(user_app, name="user")
app.add_typer(audit_app, name="audit")
app.command("import")(import_)
app.command("export")(export)
app.command("generate")(generate)
app.add_typer(sharing_app, name="sharing")
app.command("search")(search)
app.command("screen")(screen)
app.add_typer(release_app, name="release")
app.add_typer(hits_app, name="hits")
app.add_typer(retention_app, name="retention")
app.command("demo")(demo)
app.command("serve")(serve)


def main() -> None:
    app()
