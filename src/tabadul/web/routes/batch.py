"""Screening a passenger list (officer): upload a CSV or JSON-lines file, follow its
progress, see the hits on one page and download every result.

The file is read here, line by line, by the same reader as ``tabadul screen --batch``
(:mod:`tabadul.service.passenger_list`): a line that cannot be read is reported with its
number and field, and the others are screened. The screening runs in the background
(:mod:`tabadul.web.batch_jobs`), so the officer sees a progress bar, not a page that
hangs for minutes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import JSONResponse, Response

from tabadul.domain.enums import Purpose
from tabadul.service import FieldError, InvalidInput, NotFound
from tabadul.service.passenger_list import (
    CSV_COLUMNS,
    BrokenLine,
    QueryLine,
    read_csv,
    read_jsonl,
)
from tabadul.web.batch_jobs import BatchJob, BatchJobs, csv_download, jsonl_download
from tabadul.web.i18n import N_, formatters
from tabadul.web.page import Page, UserPage
from tabadul.web.routes.screening import chosen_purpose, default_purpose

__all__ = ["MAX_BYTES", "MAX_LINES", "router"]

router = APIRouter()

MAX_BYTES = 5 * 1024 * 1024
"""The largest file taken: 5 MB, several times the longest flight's list."""
MAX_LINES = 5000
"""The most passengers in one file."""

_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@dataclass(frozen=True)
class HitRow:
    """One hit as the results page lists it."""

    query_id: str
    query_name: str
    line: int
    result: dict[str, Any]

    @property
    def arabic(self) -> bool:
        return any("\u0600" <= ch <= "\u06ff" for ch in self.query_name)


def _form(page: Page, *, purpose: str, errors: dict[str, list[str]], status: int = 200) -> Response:
    return page.render(
        "batch.html",
        status=status,
        purpose=purpose,
        errors=errors,
        columns=",".join(CSV_COLUMNS),
        max_lines=MAX_LINES,
        max_megabytes=MAX_BYTES // (1024 * 1024),
    )


@router.get("/screen/batch")
def batch_form(page: UserPage) -> Response:
    return _form(page, purpose=default_purpose(page), errors={})


def _read_list(page: Page, upload: UploadFile) -> Sequence[QueryLine | BrokenLine]:
    """The lines of the uploaded file; :class:`InvalidInput` on ``file`` (translated)
    when the file as a whole cannot be taken."""

    def refuse(message: str, **values: Any) -> InvalidInput:
        return InvalidInput([FieldError(("file",), page.gettext(message, **values))])

    name = (upload.filename or "").strip()
    if not name:
        raise refuse(N_("Choose the passenger list to upload."))
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    kind = _FORMATS.get(suffix)
    if kind is None:
        raise refuse(N_("Upload a CSV file (.csv) or a JSON lines file (.jsonl)."))
    data = upload.file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise refuse(
            N_("The file is larger than %(size)s MB. Split the list into smaller files."),
            size=MAX_BYTES // (1024 * 1024),
        )
    lines = io.BytesIO(data).readlines()
    filled = sum(1 for line in lines if line.strip())
    if not filled:
        raise refuse(N_("The file holds no passengers."))
    if filled - (1 if kind == "csv" else 0) > MAX_LINES:
        raise refuse(
            N_("The file has more than %(lines)s passengers. Split the list into smaller files."),
            lines=formatters(page.lang)["number"](MAX_LINES),
        )
    try:
        found = read_csv(lines) if kind == "csv" else list(read_jsonl(lines))
    except InvalidInput as exc:  # the header row of a CSV file
        reason = exc.errors[0].message
        raise refuse(N_("The file cannot be read: %(reason)s"), reason=reason) from None
    if not found:
        raise refuse(N_("The file holds no passengers."))
    return found


@router.post("/screen/batch")
def batch_upload(
    page: UserPage,
    file: Annotated[UploadFile | None, File()] = None,
    purpose: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """Take the list, start its screening, and show its page (303)."""
    errors: dict[str, list[str]] = {}
    chosen: Purpose | None = None
    try:
        chosen = chosen_purpose(purpose)
    except InvalidInput:
        errors["purpose"] = [page.gettext(N_("Choose the purpose of the screening."))]
    lines: Sequence[QueryLine | BrokenLine] = []
    if file is None:
        errors["file"] = [page.gettext(N_("Choose the passenger list to upload."))]
    else:
        try:
            lines = _read_list(page, file)
        except InvalidInput as exc:
            errors["file"] = [e.message for e in exc.errors]
    if errors or chosen is None or file is None:
        return _form(page, purpose=purpose, errors=errors, status=422)
    job = BatchJobs(page.app).start(page.user, lines, purpose=chosen, filename=file.filename or "")
    return page.redirect(f"/screen/batch/{job.id}")


def _job(page: Page, job_id: str) -> tuple[BatchJobs, BatchJob]:
    jobs = BatchJobs(page.app)
    return jobs, jobs.get(page.user, job_id)


@router.get("/screen/batch/{job_id}")
def batch_job(page: UserPage, job_id: str) -> Response:
    jobs, job = _job(page, job_id)
    hits: list[HitRow] = []
    if job.finished:
        for answer in jobs.answers(job):
            name = str(answer["query"].get("name", ""))
            hits.extend(
                HitRow(str(answer["query_id"]), name, int(answer["line"]), r)
                for r in answer["results"]
                if r.get("hit")
            )
    return page.render("batch_job.html", job=job, hits=hits)


@router.get("/screen/batch/{job_id}/status")
def batch_status(page: UserPage, job_id: str) -> Response:
    _, job = _job(page, job_id)
    return JSONResponse(
        {"done": job.done, "total": job.total, "finished": job.finished},
        headers={"Cache-Control": "no-store"},
    )


def _download(page: Page, job_id: str, kind: str) -> Response:
    jobs, job = _job(page, job_id)
    if not job.finished:
        raise NotFound("the results can be downloaded once the screening has finished")
    if kind == "csv":
        # with a byte-order mark, so that spreadsheets read Arabic names as UTF-8
        body = "\ufeff" + csv_download(jobs.answers(job))
        media = "text/csv; charset=utf-8"
    else:
        body = jsonl_download(jobs.answers(job))
        media = "application/x-ndjson; charset=utf-8"
    filename = f"passenger-list-{job.id[:8]}-results.{kind}"
    return Response(
        body.encode("utf-8"),
        media_type=media,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/screen/batch/{job_id}/results.jsonl")
def batch_results_jsonl(page: UserPage, job_id: str) -> Response:
    return _download(page, job_id, "jsonl")


@router.get("/screen/batch/{job_id}/results.csv")
def batch_results_csv(page: UserPage, job_id: str) -> Response:
    return _download(page, job_id, "csv")
