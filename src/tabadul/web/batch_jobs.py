"""Passenger lists screened in the background for the web pages, their progress and
their results.

**Why files, not memory.** ``tabadul serve --workers N`` runs several processes: the
upload lands in one of them, and the progress polls, the results page and the
downloads in any. So everything about a job lives on disk, under
``<data_dir>/batches/``: ``<id>.json`` holds its state (owner, purpose, progress, the
lines that could not be read), rewritten whole and atomically after every chunk;
``<id>.results.jsonl`` gets one line per screened query, appended chunk by chunk. The
screening itself runs in a thread of the process that took the upload, a chunk of
:data:`CHUNK` queries per call to the service (each call is audited like any other
screening), so the progress moves and a list never holds one transaction for minutes.
A job whose state stops moving for :data:`STALLED` (its process was stopped) is shown
as stopped, never as running forever.

**Who may read a job.** Only the user who uploaded it: its id is random (128 bits) and
its owner's login is recorded; anyone else is told there is no such job (404), as for
a record they may not see.

**Why the files go after a day.** They hold screening results — whom an officer
screened and which records matched — a working copy that the exchange rules do not let
linger (the audit trail keeps the fact of every screening). Files older than
:data:`KEPT` are deleted when a new job starts; results are for downloading the same day.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import secrets
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tabadul.api.routers.screening import result_json
from tabadul.domain.enums import Purpose
from tabadul.policy import Viewer
from tabadul.service import NotFound, Tabadul
from tabadul.service.passenger_list import BrokenLine, QueryLine

__all__ = [
    "CHUNK",
    "KEPT",
    "RESULTS_PER_QUERY",
    "STALLED",
    "BatchJob",
    "BatchJobs",
    "csv_download",
    "jsonl_download",
]

CHUNK = 25
"""Queries screened per call to the service; progress is written after each."""
RESULTS_PER_QUERY = 10
"""Results kept per query, best first (as ``tabadul screen --batch`` by default)."""
KEPT = timedelta(hours=24)
"""How long a job's files are kept."""
STALLED = timedelta(minutes=5)
"""A job whose state has not moved for this long is no longer running."""

_ID = re.compile(r"^[0-9a-f]{32}$")
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchJob:
    """A job's state, as its file holds it."""

    id: str
    owner: str
    purpose: str
    filename: str
    created: datetime
    updated: datetime
    total: int  # queries to screen (the lines that could be read)
    done: int
    hits: int
    finished: bool
    stopped: bool  # ended before the last query: an error, or its process stopped
    line_errors: list[dict[str, Any]]  # BrokenLine.as_json() of each line not read

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "owner": self.owner,
            "purpose": self.purpose,
            "filename": self.filename,
            "created": self.created.isoformat(),
            "updated": self.updated.isoformat(),
            "total": self.total,
            "done": self.done,
            "hits": self.hits,
            "finished": self.finished,
            "stopped": self.stopped,
            "line_errors": self.line_errors,
        }

    @classmethod
    def of(cls, data: dict[str, Any]) -> BatchJob:
        return cls(
            id=data["id"],
            owner=data["owner"],
            purpose=data["purpose"],
            filename=data["filename"],
            created=datetime.fromisoformat(data["created"]),
            updated=datetime.fromisoformat(data["updated"]),
            total=data["total"],
            done=data["done"],
            hits=data["hits"],
            finished=data["finished"],
            stopped=data["stopped"],
            line_errors=data["line_errors"],
        )


class BatchJobs:
    """The jobs of one installation (see the module's docstring)."""

    def __init__(self, app: Tabadul) -> None:
        self._app = app
        self.folder: Path = app.settings.data_dir / "batches"

    # -- files ----------------------------------------------------------------------

    def _state_path(self, job_id: str) -> Path:
        return self.folder / f"{job_id}.json"

    def _results_path(self, job_id: str) -> Path:
        return self.folder / f"{job_id}.results.jsonl"

    def _write(self, job: BatchJob) -> None:
        """Replace the state file whole, so a reader in another process never sees
        half of it."""
        target = self._state_path(job.id)
        partial = target.with_name(f".{job.id}.{threading.get_ident()}.tmp")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(job.as_json(), out, ensure_ascii=False)
        os.replace(partial, target)

    def _forget_old(self) -> None:
        """Delete the files of jobs older than :data:`KEPT` (see the module's docstring)."""
        limit = time.time() - KEPT.total_seconds()
        for path in self.folder.iterdir():
            try:
                if path.is_file() and path.stat().st_mtime < limit:
                    path.unlink()
            except OSError as exc:  # another process deleted it first, or cannot
                _log.debug("batch file %s not deleted: %s", path, exc)

    # -- jobs -----------------------------------------------------------------------

    def start(
        self,
        viewer: Viewer,
        lines: Sequence[QueryLine | BrokenLine],
        *,
        purpose: Purpose,
        filename: str,
    ) -> BatchJob:
        """Record a job for ``viewer`` and screen its queries in a background thread."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._forget_old()
        queries = [item for item in lines if isinstance(item, QueryLine)]
        now = self._app.now()
        job = BatchJob(
            id=secrets.token_hex(16),
            owner=viewer.login,
            purpose=purpose.value,
            filename=filename[:200],
            created=now,
            updated=now,
            total=len(queries),
            done=0,
            hits=0,
            finished=not queries,
            stopped=False,
            line_errors=[item.as_json() for item in lines if isinstance(item, BrokenLine)],
        )
        fd = os.open(self._results_path(job.id), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        self._write(job)
        if queries:
            threading.Thread(
                target=self._run,
                args=(job, viewer, queries, purpose),
                name=f"batch-{job.id[:8]}",
                daemon=True,
            ).start()
        return job

    def _run(
        self, job: BatchJob, viewer: Viewer, queries: list[QueryLine], purpose: Purpose
    ) -> None:
        try:
            for start in range(0, len(queries), CHUNK):
                chunk = queries[start : start + CHUNK]
                found = self._app.screening.screen_batch(
                    viewer, [q.query for q in chunk], purpose=purpose, limit=RESULTS_PER_QUERY
                )
                hits = 0
                with self._results_path(job.id).open("a", encoding="utf-8") as out:
                    for item, results in zip(chunk, found, strict=True):
                        answers = [result_json(r) for r in results]
                        hits += sum(1 for r in results if r.hit)
                        line = {
                            "query_id": item.query.id,
                            "line": item.line,
                            "query": item.query.model_dump(by_alias=True, exclude_none=True),
                            "results": answers,
                        }
                        out.write(json.dumps(line, ensure_ascii=False) + "\n")
                job = replace(
                    job, done=job.done + len(chunk), hits=job.hits + hits, updated=self._app.now()
                )
                self._write(job)
            job = replace(job, finished=True, updated=self._app.now())
        except Exception:
            _log.exception("batch screening %s stopped", job.id)
            job = replace(job, finished=True, stopped=True, updated=self._app.now())
        self._write(job)

    def get(self, viewer: Viewer, job_id: str) -> BatchJob:
        """The job, for its owner; :class:`NotFound` for anyone else or an unknown id."""
        missing = NotFound("there is no such passenger list; it may be older than a day")
        if not _ID.match(job_id):
            raise missing
        try:
            data = json.loads(self._state_path(job_id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise missing from None
        job = BatchJob.of(data)
        if job.owner != viewer.login:
            raise missing
        if not job.finished and self._app.now() - job.updated > STALLED:
            job = replace(job, finished=True, stopped=True)
        return job

    def answers(self, job: BatchJob) -> Iterator[dict[str, Any]]:
        """The screened queries of a job (read :meth:`get` first), in line order:
        ``{"query_id", "line", "query", "results"}``."""
        try:
            with self._results_path(job.id).open(encoding="utf-8") as source:
                for text in source:
                    if text.endswith("\n"):  # a line still being written waits
                        yield json.loads(text)
        except FileNotFoundError:
            return


def jsonl_download(answers: Iterator[dict[str, Any]]) -> str:
    """The results as ``tabadul screen --batch`` writes them: a line per query,
    ``{"query_id", "results": [...]}``."""
    return "".join(
        json.dumps({"query_id": a["query_id"], "results": a["results"]}, ensure_ascii=False) + "\n"
        for a in answers
    )


CSV_HEADER = (
    "query_id",
    "query_name",
    "record_id",
    "owner",
    "owner_name",
    "access",
    "hit",
    "hit_id",
    "score",
    "handling_code",
    "handling_conditions",
    "explanation",
)


def _cell(value: Any) -> str:
    """A cell as a spreadsheet shows it: text that a spreadsheet would take for a
    formula (``=``, ``+``, ``-``, ``@`` first) is quoted with an apostrophe, so a name
    or an id in a list can never run in the officer's spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def csv_download(answers: Iterator[dict[str, Any]]) -> str:
    """The results as CSV: a row per result, the query's id and name first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for answer in answers:
        for r in answer["results"]:
            row = {
                **r,
                "query_id": answer["query_id"],
                "query_name": answer["query"].get("name"),
                "explanation": " | ".join(r.get("explanation") or []) or None,
            }
            writer.writerow([_cell(row.get(column)) for column in CSV_HEADER])
    return out.getvalue()
