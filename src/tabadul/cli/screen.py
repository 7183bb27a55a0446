"""``tabadul screen``: the contract scripts rely on.

    tabadul screen "NAME" [--dob D] [--nationality XX] [--document N] --as USER --purpose P [--json]
    tabadul screen --batch QUERIES.jsonl --as USER --purpose P --output RESULTS.jsonl

A query line is ``{"id", "name", "birthDate"?, "nationality"?, "document"?}``; a result
line is ``{"query_id", "results": [{"record_id", "owner", "score", "hit",
"explanation", ...}]}`` best first, or ``{"query_id", "line", "errors": [...]}`` for a
line that could not be read, each error naming its ``field`` (``(line)`` for a line that
is not a JSON object) — the rest are still answered; the exit status is then 1. A line
without an ``id`` is answered under its line number. Blank lines are skipped.
A hit-only result carries only ``record_id``, ``owner``, ``owner_name``,
``handling_code``, ``access``, ``hit`` and ``hit_id``: never a score or a reason.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.markup import escape

from tabadul.api.routers.screening import field_errors, result_json
from tabadul.cli._common import console, err, fail, installation, service_errors, viewer_for
from tabadul.cli._present import AsUser, show_table
from tabadul.domain.enums import Purpose
from tabadul.matching.scoring import THRESHOLD
from tabadul.service.passenger_list import QueryLine, read_jsonl
from tabadul.service.screening import ScreenQuery

__all__ = ["screen"]

BATCH = 200


def screen(
    name: Annotated[str | None, typer.Argument(help="The name, in any script.")] = None,
    purpose: Annotated[Purpose | None, typer.Option(help="Why you screen (required).")] = None,
    dob: Annotated[
        str | None, typer.Option(help="Date of birth: YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    nationality: Annotated[str | None, typer.Option(help="ISO country code, e.g. MR.")] = None,
    document: Annotated[str | None, typer.Option(help="Travel-document number.")] = None,
    batch: Annotated[
        Path | None, typer.Option(help="JSON lines of queries (a passenger list).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option(help="With --batch: where to write the results (JSON lines).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=100, help="Results per query.")] = 10,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON, not a table.")] = False,
    as_user: AsUser = None,
) -> None:
    """Screen a person (or a batch file) against every record the rules let you screen,
    and say why each result matched. A hit is a lead, not an identification."""
    if purpose is None:
        fail("say why you screen: --purpose " + "|".join(p.value for p in Purpose), 2)
    if (name is None) == (batch is None):
        fail("give either a NAME or --batch FILE", 2)
    with installation(migrate=True) as app, service_errors():
        viewer = viewer_for(app, as_user)
        if batch is not None:
            code = _batch(app, viewer, batch, output, purpose, limit)
            raise typer.Exit(code)
        try:
            query = ScreenQuery.model_validate(
                {"name": name, "birthDate": dob, "nationality": nationality, "document": document}
            )
        except ValidationError as exc:
            for e in field_errors(exc):
                err.print(f"[bold red]error:[/] {escape(e['field'])}: {escape(e['message'])}")
            raise typer.Exit(2) from None
        results = [
            result_json(r)
            for r in app.screening.screen(viewer, query, purpose=purpose, limit=limit)
        ]
    if json_out:
        sys.stdout.write(
            json.dumps({"query_id": query.id, "results": results}, ensure_ascii=False, indent=2)
            + "\n"
        )
        return
    rows = []
    for r in results:
        if r["access"] == "hit_only":
            why = f"hit-only: ask {r['owner']} ({r['owner_name']}) to release it"
            rows.append((r["record_id"], r["owner"], "-", "HIT", why, r["handling_code"]))
        else:
            why = "\n".join(r.get("explanation", []))
            rows.append(
                (
                    r["record_id"],
                    r["owner"],
                    f"{r['score']:.2f}",
                    "HIT" if r["hit"] else "",
                    why,
                    r["handling_code"],
                )
            )
    show_table(
        "Record|Owner|Score|Hit|Why|Handling",
        rows,
        empty="no record matches (among those the rules let you screen)",
        title=f"screening for {purpose.value}: a hit scores {THRESHOLD} or more",
    )


def _batch(
    app: Any, viewer: Any, path: Path, output: Path | None, purpose: Purpose, limit: int
) -> int:
    if not path.is_file():
        fail(f"{path}: no such file", 2)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    failed = 0
    answered = 0
    # Lines in input order: a query to screen, or the errors of a line that is wrong.
    pending: list[ScreenQuery | dict[str, Any]] = []

    def flush() -> None:
        nonlocal answered
        queries = [p for p in pending if isinstance(p, ScreenQuery)]
        found = iter(app.screening.screen_batch(viewer, queries, purpose=purpose, limit=limit))
        for item in pending:
            if isinstance(item, ScreenQuery):
                line = {"query_id": item.id, "results": [result_json(r) for r in next(found)]}
                answered += 1
            else:
                line = item
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        pending.clear()

    try:
        with path.open("rb") as raw:
            for item in read_jsonl(raw):
                if isinstance(item, QueryLine):
                    pending.append(item.query)
                    if len(pending) >= BATCH:
                        flush()
                    continue
                failed += 1
                answer = item.as_json()
                pending.append(answer)
                where = f"{path}:line {item.line} (query {item.query_id})"
                for e in answer["errors"]:
                    err.print(f"{where}, field {e['field']}: {e['message']}", markup=False)
        if pending:
            flush()
    finally:
        if output:
            out.close()
    if output:
        refused = f", {failed} refused" if failed else ""
        console.print(f"screened {answered} queries{refused}; results in {output}")
    return 1 if failed else 0
