"""Import and export of whole files, over the policy layer and the record writer.

An import runs in one transaction. By default any invalid line rolls the whole file
back (nothing changes); with ``skip_invalid`` the valid lines are stored and the
rejected ones are written, each with its line number, field and reason, to
``FILE.rejected.jsonl`` beside the input. Either way every rejected line is reported.

References may point forward in a file (a passport before its holder): records whose
references do not resolve yet are held back and written after the rest.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

from tabadul.audit import AuditAction, append
from tabadul.export import write_ftm
from tabadul.ingest import LineError, ParsedRecord, read_csv, read_ftm
from tabadul.policy import Action, Viewer
from tabadul.service._write import RecordWriter
from tabadul.service.errors import Forbidden

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = ["ImportReport", "Transfer"]

BATCH = 5000
Format = Literal["ftm", "csv"]


@dataclass
class ImportReport:
    path: Path
    owner: str
    lines_read: int = 0
    created: int = 0
    updated: int = 0
    errors: list[LineError] = field(default_factory=list)
    committed: bool = False
    rejected_file: Path | None = None
    ignored: dict[str, int] = field(default_factory=dict)  # property -> lines it was on

    @property
    def ok(self) -> bool:
        return not self.errors


class _RolledBack(Exception):
    """Raised inside the import transaction to undo it."""


class _CountingReader:
    """Wraps a binary file to report progress in bytes."""

    def __init__(self, raw: IO[bytes], progress: Callable[[int], None] | None) -> None:
        self._raw = raw
        self._progress = progress

    def __iter__(self) -> Iterator[bytes]:
        for line in self._raw:
            if self._progress is not None:
                self._progress(len(line))
            yield line

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        if self._progress is not None:
            self._progress(len(data))
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self._raw.readline(size)
        if self._progress is not None:
            self._progress(len(data))
        return data


class Transfer:
    def __init__(self, app: Tabadul) -> None:
        self._app = app

    # -- import ---------------------------------------------------------------------

    def import_file(
        self,
        viewer: Viewer,
        path: Path,
        *,
        owner: str,
        fmt: Format = "ftm",
        skip_invalid: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ImportReport:
        """Import ``path`` as records of agency ``owner`` (see the module docstring).
        Raises :class:`NotFound` for an unknown owner before reading anything."""
        report = ImportReport(path=path, owner=owner.strip().upper())
        with self._app.transaction() as session:
            agency = self._app.directory.agency(session, owner)
            if not viewer.may_write_for(agency.id):
                raise Forbidden(
                    "only the owner agency's bureau officers and admins import its records"
                )
        reader = read_ftm if fmt == "ftm" else read_csv
        try:
            with self._app.transaction() as session:
                agency = self._app.directory.agency(session, owner)
                writer = self._app.records.writer(session, agency)
                with path.open("rb") as raw:
                    self._run(reader(_CountingReader(raw, progress)), writer, report)  # type: ignore[arg-type]
                if report.errors and not skip_invalid:
                    raise _RolledBack
                append(
                    session,
                    actor=viewer.login,
                    agency=viewer.agency_code,
                    action=AuditAction.IMPORT,
                    targets=[agency.code],
                    detail=self._audit_detail(report, fmt),
                )
                report.committed = True
        except _RolledBack:
            report.created = report.updated = 0
            with self._app.transaction() as session:
                append(
                    session,
                    actor=viewer.login,
                    agency=viewer.agency_code,
                    action=AuditAction.IMPORT,
                    targets=[report.owner],
                    detail=self._audit_detail(report, fmt),
                )
        report.errors.sort(key=lambda e: (e.line, e.field or ""))
        if report.errors and skip_invalid:
            report.rejected_file = self._write_rejected(path, report.errors)
        return report

    @staticmethod
    def _audit_detail(report: ImportReport, fmt: str) -> dict[str, object]:
        return {
            "file": report.path.name,
            "format": fmt,
            "lines": report.lines_read,
            "created": report.created,
            "updated": report.updated,
            "rejected": len(report.errors),
            "committed": report.committed or not report.errors,
        }

    def _run(
        self,
        parsed: Iterator[ParsedRecord | LineError],
        writer: RecordWriter,
        report: ImportReport,
    ) -> None:
        seen: dict[str, int] = {}  # external id -> line it was first read on
        rejected_ids: dict[str, int] = {}
        batch: list[ParsedRecord] = []
        deferred: list[ParsedRecord] = []

        def flush(items: list[ParsedRecord], *, final: bool) -> None:
            outcome = writer.write([p.record for p in items])
            report.created += outcome.created
            report.updated += outcome.updated
            for bad in outcome.rejected:
                item = items[bad.index]
                if bad.unresolved and not final:
                    deferred.append(item)
                    continue
                reason = bad.reason
                field_name = bad.field
                # Name the field as the file does (an FtM Membership's "member", not "source").
                for user_field, ref in item.references:
                    if ref == bad.reference:
                        field_name = user_field
                        break
                if bad.reference is not None and bad.reference in rejected_ids:
                    line = rejected_ids[bad.reference]
                    reason = f"refers to {bad.reference!r}, which was rejected on line {line}"
                report.errors.append(
                    LineError(item.line, field_name, reason, item.record.external_id)
                )
                rejected_ids.setdefault(item.record.external_id, item.line)

        for entry in parsed:
            if isinstance(entry, LineError):
                report.errors.append(entry)
                report.lines_read = max(report.lines_read, entry.line)
                if entry.entity_id:
                    rejected_ids.setdefault(entry.entity_id, entry.line)
                continue
            report.lines_read = max(report.lines_read, entry.line)
            for name in entry.ignored:
                report.ignored[name] = report.ignored.get(name, 0) + 1
            ext = entry.record.external_id
            if ext in seen:
                report.errors.append(
                    LineError(
                        entry.line, "id", f"id {ext!r} already appears on line {seen[ext]}", ext
                    )
                )
                continue
            seen[ext] = entry.line
            batch.append(entry)
            if len(batch) >= BATCH:
                flush(batch, final=False)
                batch = []
        if batch:
            flush(batch, final=False)
        if deferred:
            pending = list(deferred)
            deferred.clear()
            for start in range(0, len(pending), BATCH):
                flush(pending[start : start + BATCH], final=True)

    @staticmethod
    def _write_rejected(path: Path, errors: list[LineError]) -> Path:
        target = path.with_name(path.name + ".rejected.jsonl")
        wanted = {e.line for e in errors}
        originals: dict[int, str] = {}
        with path.open("rb") as raw:
            for number, line in enumerate(raw, start=1):
                if number in wanted:
                    originals[number] = line.rstrip(b"\r\n").decode("utf-8", "backslashreplace")
        with target.open("w", encoding="utf-8") as out:
            for error in errors:
                out.write(
                    json.dumps(
                        {
                            "line": error.line,
                            "field": error.field,
                            "reason": error.reason,
                            "id": error.entity_id,
                            "input": originals.get(error.line),
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
        return target

    # -- export ---------------------------------------------------------------------

    def export_ftm(self, viewer: Viewer, out: IO[str]) -> int:
        """Write every record the viewer may export as FtM JSON lines; returns the
        number of records written. The audit entry names the viewer (``operator``
        for the local CLI without ``--as``)."""
        with self._app.transaction() as session:
            count = 0

            def counted() -> Iterator[object]:
                nonlocal count
                for record in self._app.records.iterate(session, viewer, Action.EXPORT):
                    count += 1
                    yield record

            write_ftm(counted(), out)  # type: ignore[arg-type]
            append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.EXPORT,
                detail={"format": "ftm", "records": count},
            )
            return count
