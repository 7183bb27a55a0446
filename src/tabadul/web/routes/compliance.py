"""Compliance pages (compliance officers and administrators): the audit trail with its
filters, verifying that nobody altered it, and the records due for review in every
agency.

Reading the trail is itself audited by the service (each page of entries adds an
``audit_read`` entry with the filters used), so the page reads it only when asked: one
read per page shown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import Response

from tabadul.service import FieldError, Forbidden, InvalidInput
from tabadul.service.audit_trail import AUDITORS, AuditEntryInfo, audit_filters
from tabadul.web.i18n import N_
from tabadul.web.page import Page, UserPage, form_errors

__all__ = ["PAGE_SIZE", "router"]

router = APIRouter(prefix="/compliance")

PAGE_SIZE = 50
"""Audit entries per page."""
RETENTION_WINDOWS = (0, 30, 90, 365)
"""The choices of "due within" on the retention page, in days (0: overdue or due today)."""

_FILTERS = ("actor", "agency", "action", "purpose", "since", "until")
_DETAIL_ITEMS = 6
_DETAIL_TEXT = 80


def _require_auditor(page: Page) -> None:
    """The pages that only show a form or references (verify's button, retention
    across agencies) are for the same roles as the trail itself (``AUDITORS``)."""
    viewer = page.user
    if not (viewer.operator or viewer.role in AUDITORS):
        raise Forbidden(page.gettext(N_("Only compliance officers and administrators see this.")))


@dataclass(frozen=True)
class Entry:
    """An audit entry as the table shows it, its details summed up in a few items."""

    info: AuditEntryInfo
    details: list[tuple[str, str]]


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _DETAIL_TEXT else text[: _DETAIL_TEXT - 1] + "…"


def _summary(detail: dict[str, Any] | None) -> list[tuple[str, str]]:
    """The first few details, each cut to a line; empty values left out."""
    if not detail:
        return []
    items = [(k, _short(v)) for k, v in detail.items() if v not in (None, "", [], {})]
    if len(items) > _DETAIL_ITEMS:
        items = [*items[: _DETAIL_ITEMS - 1], ("…", f"+{len(items) - _DETAIL_ITEMS + 1}")]
    return items


def _page_number(value: str) -> int:
    try:
        return max(1, min(int(value), 1_000_000))
    except ValueError:
        return 1


@router.get("/audit")
def audit(
    page: UserPage,
    actor: Annotated[str, Query(max_length=200)] = "",
    agency: Annotated[str, Query(max_length=64)] = "",
    action: Annotated[str, Query(max_length=64)] = "",
    purpose: Annotated[str, Query(max_length=64)] = "",
    since: Annotated[str, Query(max_length=64)] = "",
    until: Annotated[str, Query(max_length=64)] = "",
    number: Annotated[str, Query(alias="page", max_length=12)] = "1",
) -> Response:
    form = {
        "actor": actor,
        "agency": agency,
        "action": action,
        "purpose": purpose,
        "since": since,
        "until": until,
    }
    current = _page_number(number)
    values: dict[str, Any] = {
        "form": form,
        "errors": {},
        "entries": [],
        "current": current,
        "previous_url": None,
        "next_url": None,
        "agencies": page.app.directory.agencies(),
    }
    try:
        filters = audit_filters(**form)
    except InvalidInput as exc:
        _require_auditor(page)  # a wrong filter tells others nothing either
        values["errors"] = form_errors(exc, _FILTERS, "since")
        return page.render("compliance/audit.html", status=422, **values)
    found = page.app.audit.entries(
        page.user, filters, offset=(current - 1) * PAGE_SIZE, limit=PAGE_SIZE + 1
    )
    values["entries"] = [Entry(info, _summary(info.detail)) for info in found[:PAGE_SIZE]]
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in form.items() if v)
    base = "/compliance/audit?" + (query + "&" if query else "")
    if current > 1:
        values["previous_url"] = f"{base}page={current - 1}"
    if len(found) > PAGE_SIZE:
        values["next_url"] = f"{base}page={current + 1}"
    return page.render("compliance/audit.html", **values)


@router.get("/verify")
def verify_form(page: UserPage) -> Response:
    _require_auditor(page)
    return page.render("compliance/verify.html", verification=None)


@router.post("/verify")
def verify(page: UserPage) -> Response:
    """Walk the whole chain and show what was found (on the answer page: verifying
    changes nothing, and the result is of this moment only)."""
    verification = page.app.audit.verify(page.user)
    return page.render("compliance/verify.html", verification=verification)


@router.get("/retention")
def retention(page: UserPage, within: Annotated[str, Query(max_length=8)] = "30") -> Response:
    _require_auditor(page)
    try:
        days = int(within)
        if days not in RETENTION_WINDOWS:
            raise ValueError(within)
    except ValueError:
        message = page.gettext(N_("Choose one of the periods offered."))
        raise InvalidInput([FieldError(("within",), message)]) from None
    due = page.app.retention.due(page.user, within_days=days)
    by_agency: dict[str, list[Any]] = {}
    for record in due:
        by_agency.setdefault(record.owner, []).append(record)
    names = {a.code: a.name for a in page.app.directory.agencies()}
    return page.render(
        "compliance/retention.html",
        by_agency=by_agency,
        names=names,
        within=days,
        windows=RETENTION_WINDOWS,
        overdue=sum(1 for r in due if r.overdue),
        total=len(due),
    )
