"""Screening a person (officer): one form, answered on the same page; the officer's
hits, confirmed or rejected in one click; asking an owner to release a hit-only record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from pydantic import ValidationError

from tabadul.domain.enums import Purpose, Role, Visibility
from tabadul.service import FieldError, InvalidInput
from tabadul.service.dossier import Brief
from tabadul.service.screening import ScreenQuery, ScreenResult, invalid_query
from tabadul.web.explain import Reason, read_reason
from tabadul.web.i18n import N_
from tabadul.web.page import NOTICES, Page, UserPage, form_errors

__all__ = ["router"]

router = APIRouter()

NOTICES.update(
    {
        "hit-confirmed": N_("The hit is confirmed; the owner is told."),
        "hit-rejected": N_("The hit is rejected; the owner is told."),
        "release-requested": N_("Your request was sent to the owner."),
    }
)

RESULTS = 20
"""Results asked for one screening: the best twenty the rules let the officer see."""

SHOWN_FROM = 0.25
"""Below this score a result is not shown unless it is a hit: a list of namesakes
scored near zero hides the results that matter on a small screen. The API and the CLI
still give every result; the page says how many weaker ones it left out."""

# The form's fields, by the names the screening's errors use for them.
_FIELDS = {
    "name": "name",
    "birthDate": "birth_date",
    "birth_date": "birth_date",
    "nationality": "nationality",
    "document": "document",
    "purpose": "purpose",
}


@dataclass(frozen=True)
class Shown:
    """One result as the page shows it: the screening's answer and, for a record the
    officer may see in full, its names and notices."""

    rank: int
    result: ScreenResult
    brief: Brief | None
    reasons: list[Reason]

    @property
    def hit_only(self) -> bool:
        return self.result.access == Visibility.HIT_ONLY


def default_purpose(page: Page) -> str:
    viewer = page.user
    if viewer.role is Role.OFFICER:
        return Purpose.BORDER_CONTROL.value
    return Purpose.CRIMINAL_INVESTIGATION.value


@router.get("/screen")
def screen_form(page: UserPage) -> Response:
    return page.render(
        "screen.html",
        form={"purpose": default_purpose(page)},
        errors={},
        shown=None,
        weaker=0,
    )


@router.post("/screen")
def screen(
    page: UserPage,
    name: Annotated[str, Form()] = "",
    birth_date: Annotated[str, Form()] = "",
    nationality: Annotated[str, Form()] = "",
    document: Annotated[str, Form()] = "",
    purpose: Annotated[str, Form()] = "",
) -> Response:
    form = {
        "name": name,
        "birth_date": birth_date,
        "nationality": nationality,
        "document": document,
        "purpose": purpose,
    }
    errors: dict[str, list[str]] = {}
    try:
        query = ScreenQuery.model_validate(
            {
                "name": name,
                "birthDate": birth_date.strip() or None,
                "nationality": nationality.strip() or None,
                "document": document.strip() or None,
            }
        )
        results = page.app.screening.screen(
            page.user, query, purpose=chosen_purpose(purpose), limit=RESULTS
        )
    except ValidationError as exc:
        errors = form_errors(invalid_query(exc), _FIELDS, "name")
    except InvalidInput as exc:
        errors = form_errors(exc, _FIELDS, "name")
    if errors:
        return page.render(
            "screen.html", status=422, form=form, errors=errors, shown=None, weaker=0
        )
    strong = [r for r in results if r.hit or (r.score or 0.0) >= SHOWN_FROM]
    weaker, results = len(results) - len(strong), strong
    full = [(r.owner, r.record_id) for r in results if r.access == Visibility.FULL]
    briefs = page.app.dossiers.briefs(page.user, full, purpose=Purpose(purpose)) if full else {}
    shown = [
        Shown(
            rank,
            r,
            briefs.get((r.owner, r.record_id)),
            [read_reason(line, page.gettext) for line in r.explanation or ()],
        )
        for rank, r in enumerate(results, start=1)
    ]
    return page.render("screen.html", form=form, errors={}, shown=shown, weaker=weaker)


def chosen_purpose(value: str) -> Purpose:
    """The purpose a form names, or an error on its field."""
    try:
        return Purpose(value)
    except ValueError:
        raise InvalidInput([FieldError(("purpose",), "choose the purpose of the search")]) from None


@router.get("/hits")
def my_hits(page: UserPage) -> Response:
    hits = page.app.hits.mine(page.user)
    return page.render("hits.html", hits=hits)


@router.post("/hits/{hit_id}/decide")
def decide_hit(
    request: Request,
    page: UserPage,
    hit_id: int,
    outcome: Annotated[str, Form()] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Confirm or reject a hit. From the screening page's script (``fetch``) the answer
    is an empty 204, and the page marks the result in place; without a script, the
    officer lands on the list of their hits."""
    if outcome not in {"confirmed", "rejected"}:
        raise InvalidInput([FieldError(("outcome",), "choose confirmed or rejected")])
    page.app.hits.decide(page.user, hit_id, confirmed=outcome == "confirmed", note=note)
    if request.headers.get("x-requested-with") == "fetch":
        return Response(status_code=204)
    return page.redirect("/hits", notice=f"hit-{outcome}")


@router.post("/releases/request")
def request_release(
    page: UserPage,
    owner: Annotated[str, Form(max_length=64)] = "",
    record_id: Annotated[str, Form(max_length=400)] = "",
    purpose: Annotated[str, Form(max_length=64)] = "",
    reason: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    """Ask the owner of a hit-only record to release it to the officer's agency."""
    page.app.releases.request(
        page.user,
        owner=owner,
        external_id=record_id,
        reason=reason,
        purpose=chosen_purpose(purpose),
    )
    return page.redirect("/bureau/releases", notice="release-requested")
