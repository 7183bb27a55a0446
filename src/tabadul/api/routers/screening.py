"""Screening: one person, or a passenger list in one call."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tabadul.api.deps import AppDep, CurrentViewer
from tabadul.domain.enums import Purpose
from tabadul.matching.scoring import DEFAULT_ALGORITHM, THRESHOLD
from tabadul.service.hits import HIT_ONLY_FIELDS
from tabadul.service.passenger_list import errors_json, printable_id
from tabadul.service.screening import ScreenQuery, ScreenResult, invalid_query

__all__ = ["field_errors", "printable_id", "result_json", "router"]

router = APIRouter(prefix="/screen", tags=["screening"])
MAX_BATCH = 1000


def result_json(result: ScreenResult) -> dict[str, Any]:
    """A result as the API and the CLI write it: a hit-only result carries only its
    reference, owner (and whom to contact), handling code and hit id."""
    data = {k: v for k, v in vars(result).items() if v is not None}
    data["access"] = result.access.value
    if result.access.value == "hit_only":
        data = {k: data[k] for k in HIT_ONLY_FIELDS if k in data}
    return data


def field_errors(exc: ValidationError) -> list[dict[str, str]]:
    """A refused query's errors as the batch answers give them: the field, and what is
    wrong with it."""
    return errors_json(invalid_query(exc).errors)


class ScreenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    purpose: Purpose
    name: str = Field(max_length=20_000)
    birth_date: str | None = Field(default=None, alias="birthDate")
    nationality: str | None = None
    document: str | None = None
    limit: Annotated[int, Field(ge=1, le=100)] = 10


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    purpose: Purpose
    # Any JSON value: an item that is not a query object is answered with its error.
    queries: list[Any] = Field(max_length=MAX_BATCH)
    limit: Annotated[int, Field(ge=1, le=100)] = 10


@router.post("")
def screen_one(app: AppDep, viewer: CurrentViewer, body: ScreenRequest) -> dict[str, Any]:
    """Screen one person: results best first, each with why it matched."""
    try:
        query = ScreenQuery.model_validate(
            body.model_dump(by_alias=True, exclude={"purpose", "limit"}, exclude_none=True)
        )
    except ValidationError as exc:
        raise invalid_query(exc) from None
    results = app.screening.screen(viewer, query, purpose=body.purpose, limit=body.limit)
    return {
        "purpose": body.purpose.value,
        "algorithm": DEFAULT_ALGORITHM,
        "threshold": THRESHOLD,
        "results": [result_json(r) for r in results],
    }


@router.post("/batch")
def screen_batch(app: AppDep, viewer: CurrentViewer, body: BatchRequest) -> dict[str, Any]:
    """Screen a passenger list. A query that is wrong is answered with its error
    (naming the query and the field); the others are answered as usual."""
    valid: list[ScreenQuery] = []
    answers: list[dict[str, Any]] = []
    for position, raw in enumerate(body.queries, start=1):
        given = raw.get("id") if isinstance(raw, dict) else None
        query_id = printable_id(position if given is None else given)
        if not isinstance(raw, dict):
            message = 'a query is a JSON object: {"id": ..., "name": ..., ...}'
            answers.append(
                {"query_id": query_id, "errors": [{"field": "(query)", "message": message}]}
            )
            continue
        try:
            # A number is a fine id; text is checked as given.
            query = ScreenQuery.model_validate(
                {**raw, "id": given if isinstance(given, str) else query_id}
            )
        except ValidationError as exc:
            answers.append({"query_id": query_id, "errors": field_errors(exc)})
            continue
        valid.append(query)
        answers.append({"query_id": query_id, "results": None})
    screened = iter(
        app.screening.screen_batch(viewer, valid, purpose=body.purpose, limit=body.limit)
    )
    for answer in answers:
        if "errors" not in answer:
            answer["results"] = [result_json(r) for r in next(screened)]
    return {
        "purpose": body.purpose.value,
        "algorithm": DEFAULT_ALGORITHM,
        "threshold": THRESHOLD,
        "answers": answers,
    }
