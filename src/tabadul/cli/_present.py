"""Options and output shared by the exchange commands: tables for people, JSON for
scripts."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.table import Table

from tabadul.cli._common import console

__all__ = [
    "SUBJECT_HELP",
    "AsUser",
    "IdArg",
    "JsonOut",
    "OwnerArg",
    "one_of",
    "print_json",
    "show_table",
    "when",
]

AsUser = Annotated[
    str | None,
    typer.Option(
        "--as",
        metavar="LOGIN",
        help="Act as this user; without it, as the installation's operator.",
    ),
]
JsonOut = Annotated[bool, typer.Option("--json", help="Print a JSON list instead of a table.")]
OwnerArg = Annotated[str, typer.Argument(metavar="OWNER", help="Owner agency, e.g. DZ-NCB.")]
IdArg = Annotated[str, typer.Argument(metavar="ID", help="The record's id.")]
SUBJECT_HELP = "member:DZ, region:SAHEL or agency:MA-NCB; repeat for more."


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def print_json(items: Iterable[Any]) -> None:
    """Dataclasses or dicts, as one JSON list on standard output."""
    rows = [i if isinstance(i, dict) else dataclasses.asdict(i) for i in items]
    sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=_jsonable) + "\n")


def show_table(
    columns: str, rows: Iterable[Sequence[object]], *, empty: str, title: str = ""
) -> None:
    """A table (``columns`` separated by ``|``) for people, or ``empty`` without rows."""
    table = Table(title=title or None, title_justify="left")
    for column in columns.split("|"):
        table.add_column(column, overflow="fold")  # cut nothing: folded, never "…"
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    if table.row_count:
        console.print(table)
    else:
        console.print(empty)


def one_of(values: tuple[str, ...], help: str) -> Any:
    """An option taking one of ``values`` (typer has no ``Literal`` choices)."""

    def parse(value: str) -> str:
        if value not in values:
            raise typer.BadParameter(f"{value!r}: use one of {', '.join(values)}")
        return value

    return typer.Option(parser=parse, metavar=f"[{'|'.join(values)}]", help=help)


def when(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M") if at else ""
