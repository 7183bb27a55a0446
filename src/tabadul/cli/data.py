"""``tabadul import``, ``export`` and ``generate``."""

from __future__ import annotations

import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from tabadul.cli._common import console, err, fail, installation, service_errors, viewer_for
from tabadul.service.synthetic import load_region
from tabadul.synth import generate_region

__all__ = ["export", "generate", "import_"]

MAX_REPORTED = 50


class ImportFormat(StrEnum):
    FTM = "ftm"
    CSV = "csv"


class ExportFormat(StrEnum):
    FTM = "ftm"


def import_(
    file: Annotated[Path, typer.Argument(help="FtM JSON lines or CSV file to import.")],
    owner: Annotated[str, typer.Option(help="Code of the agency that will own the records.")],
    format: Annotated[
        ImportFormat | None,
        typer.Option(help="File format; default: from the extension (.csv is CSV, else FtM)."),
    ] = None,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            help="Import the valid lines and write the rejected ones, with reasons, to "
            "FILE.rejected.jsonl. Without it, any invalid line leaves the database unchanged."
        ),
    ] = False,
    as_user: Annotated[
        str | None, typer.Option("--as", help="Act as this user (default: the operator).")
    ] = None,
) -> None:
    """Import records for an agency. Re-importing a file updates records by their ids.

    Exit status: 0 when every line was imported; 1 when lines were rejected (with
    --skip-invalid the others were imported, without it nothing was); 2-5 for usage
    errors (unknown owner, ...)."""
    if not file.is_file():
        fail(f"{file}: no such file", 2)
    fmt = format or (ImportFormat.CSV if file.suffix.lower() == ".csv" else ImportFormat.FTM)
    with installation(migrate=True) as app, service_errors():
        viewer = viewer_for(app, as_user)
        app.directory.get_agency(owner)  # unknown owner: a clear error before any work
        size = file.stat().st_size
        started = time.perf_counter()
        with Progress(
            TextColumn("importing {task.description}"),
            BarColumn(),
            DownloadColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=size < 1_000_000,
        ) as bar:
            task = bar.add_task(file.name, total=size)
            report = app.transfer.import_file(
                viewer,
                file,
                owner=owner,
                fmt=fmt.value,
                skip_invalid=skip_invalid,
                progress=lambda n: bar.advance(task, n),
            )
        elapsed = time.perf_counter() - started
    if report.ignored:
        kept_out = ", ".join(f"{name} ({n} lines)" for name, n in sorted(report.ignored.items()))
        err.print(f"accepted but not stored (see docs/import-export.md): {kept_out}")
    for error in report.errors[:MAX_REPORTED]:
        err.print(f"{file}:{error}")
    if len(report.errors) > MAX_REPORTED:
        err.print(f"... and {len(report.errors) - MAX_REPORTED} more rejected lines")
    if report.committed:
        console.print(
            f"imported {file}: {report.created} created, {report.updated} updated "
            f"for {report.owner} in {elapsed:.1f}s"
        )
    if report.errors:
        if report.committed:
            err.print(
                f"{len(report.errors)} lines rejected; "
                f"written with reasons to {report.rejected_file}"
            )
        else:
            err.print(
                f"[bold red]{len(report.errors)} invalid lines: nothing imported[/] "
                "(fix them, or use --skip-invalid to import the valid lines)"
            )
        raise typer.Exit(1)


def export(
    format: Annotated[ExportFormat, typer.Option(help="Output format.")] = ExportFormat.FTM,
    as_user: Annotated[
        str | None,
        typer.Option(
            "--as",
            help="Export what this user may see; without it, everything, as the operator.",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option(help="File to write; default: standard output.")
    ] = None,
) -> None:
    """Export the records the acting user may export (never others' H2 records)."""
    with installation(migrate=True) as app, service_errors():
        viewer = viewer_for(app, as_user)
        if output is None:
            count = app.transfer.export_ftm(viewer, sys.stdout)
        else:
            with output.open("w", encoding="utf-8") as out:
                count = app.transfer.export_ftm(viewer, out)
    err.print(f"exported {count} records" + (f" to {output}" if output else ""))


def generate(
    persons: Annotated[int, typer.Option(min=1, max=5_000_000, help="Number of persons.")] = 1000,
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed gives the same region.")
    ] = 1,
) -> None:
    """Generate a synthetic region (members, agencies, persons, documents, notices,
    groups, links, events) into the database. No real person is in it."""
    with installation(migrate=True) as app, service_errors():
        region = generate_region(persons=persons, seed=seed)
        started = time.perf_counter()
        with Progress(
            TextColumn("generating"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as bar:
            task = bar.add_task("records", total=None)
            report = load_region(
                app, viewer_for(app, None), region, progress=lambda n: bar.advance(task, n)
            )
        elapsed = time.perf_counter() - started
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(report.by_kind.items()))
    console.print(f"generated {report.records} records ({kinds}) in {elapsed:.1f}s")
