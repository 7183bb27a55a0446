"""The exchange between agencies: name search, release requests, hit notifications
and retention. Every answer comes from the service layer, through the policy."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from tabadul.api.deps import AppDep, CurrentViewer
from tabadul.domain.enums import Purpose, Visibility
from tabadul.service.search import THRESHOLD, SearchResult

__all__ = ["router"]

router = APIRouter(tags=["exchange"])


# -- search ----------------------------------------------------------------------------


class FullResult(BaseModel):
    """A record the caller sees in full: why it matched, and how to handle it."""

    access: Literal["full"]
    record_id: str
    owner: str
    owner_name: str
    kind: str = Field(description="person or group.")
    score: float
    hit: bool = Field(description="Score at or above the threshold: the owner is notified.")
    hit_id: int | None = Field(description="The hit to confirm or reject, when it is one.")
    matched_name: str = Field(description="The record's name that agrees best with the query.")
    explanation: list[str] = Field(
        description="Why it matched, one reason a line, as screening explains it."
    )
    handling_code: str
    handling_conditions: str | None


class HitOnlyResult(BaseModel):
    """The owner holds a matching record it has not released to the caller: its
    reference, the owner (to contact it) and the handling code, nothing else."""

    access: Literal["hit_only"]
    record_id: str
    owner: str
    owner_name: str
    handling_code: str
    hit: bool
    hit_id: int | None


SearchResultPublic = Annotated[FullResult | HitOnlyResult, Field(discriminator="access")]


class SearchResponse(BaseModel):
    purpose: Purpose
    threshold: float
    results: list[SearchResultPublic]


def _result(r: SearchResult) -> FullResult | HitOnlyResult:
    if r.access is Visibility.FULL:
        assert r.kind is not None and r.score is not None and r.matched_name is not None
        return FullResult(
            access="full",
            record_id=r.record_id,
            owner=r.owner,
            owner_name=r.owner_name,
            kind=r.kind,
            score=r.score,
            hit=r.hit,
            hit_id=r.hit_id,
            matched_name=r.matched_name,
            explanation=r.explanation or [],
            handling_code=r.handling_code,
            handling_conditions=r.handling_conditions,
        )
    # Built field by field: a hit-only answer never carries more than this.
    return HitOnlyResult(
        access="hit_only",
        record_id=r.record_id,
        owner=r.owner,
        owner_name=r.owner_name,
        handling_code=r.handling_code,
        hit=r.hit,
        hit_id=r.hit_id,
    )


@router.get("/search", response_model=SearchResponse)
def search(
    app: AppDep,
    viewer: CurrentViewer,
    name: Annotated[str, Query(min_length=1, max_length=400, description="The name sought.")],
    purpose: Annotated[Purpose, Query(description="Why you search (exchange rule 4).")],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> SearchResponse:
    """Search persons and groups by name, in any script and spelling: persons are
    screened on the name alone (as `POST /screen` does), groups scored the same way.
    Records you see in full come with their score and why they matched, best first;
    records you see hit-only appear only when they match (a hit), after them, with their
    reference, owner and handling code. Every hit notifies the owner."""
    results = app.search.names(viewer, name=name, purpose=purpose, limit=limit)
    return SearchResponse(
        purpose=purpose, threshold=THRESHOLD, results=[_result(r) for r in results]
    )


# -- release requests ------------------------------------------------------------------

ReleaseStatus = Literal["pending", "released", "refused"]


class ReleaseRequestCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(description="Why you need the record (1 to 2000 characters).")
    purpose: Purpose


class ReleaseDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    release: bool = Field(description="True: release to the requesting agency; false: refuse.")
    note: str = Field(default="", max_length=2000)


class ReleaseRequestPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    owner: str
    record_id: str
    requesting_agency: str
    requested_by: str
    reason: str
    requested_at: datetime
    status: ReleaseStatus
    decided_by: str | None
    decided_at: datetime | None
    note: str | None


@router.post(
    "/records/{owner}/{external_id}/release-requests",
    response_model=ReleaseRequestPublic,
    status_code=201,
)
def request_release(
    app: AppDep, viewer: CurrentViewer, owner: str, external_id: str, body: ReleaseRequestCreate
) -> Any:
    """Ask the owner to release a record you see hit-only."""
    return app.releases.request(
        viewer, owner=owner, external_id=external_id, reason=body.reason, purpose=body.purpose
    )


@router.get("/release-requests", response_model=list[ReleaseRequestPublic])
def list_release_requests(
    app: AppDep, viewer: CurrentViewer, status: ReleaseStatus | None = None
) -> Any:
    """Requests on your agency's records (to answer) and by your agency (to follow)."""
    return app.releases.list(viewer, status=status)


@router.post("/release-requests/{request_id}/decision", response_model=ReleaseRequestPublic)
def decide_release(
    app: AppDep, viewer: CurrentViewer, request_id: int, body: ReleaseDecision
) -> Any:
    """Release the record to the requesting agency, or refuse (owner's bureau/admin)."""
    return app.releases.decide(viewer, request_id, release=body.release, note=body.note)


# -- hits ------------------------------------------------------------------------------

Outcome = Literal["pending", "confirmed", "rejected"]


class HitPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    owner: str
    record_id: str
    searching_agency: str | None
    searcher: str
    at: datetime
    purpose: str
    score: float
    access: str = Field(description="What the searcher saw: full or hit_only.")
    outcome: Outcome
    outcome_at: datetime | None
    outcome_note: str | None


class HitOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid")
    outcome: Literal["confirmed", "rejected"]
    note: str = Field(default="", max_length=2000)


@router.get("/notifications", response_model=list[HitPublic])
def hit_notifications(app: AppDep, viewer: CurrentViewer, outcome: Outcome | None = None) -> Any:
    """Hits on your agency's records: who searched, for what purpose, with what score,
    and what they concluded."""
    return app.hits.notifications(viewer, outcome=outcome)


@router.get("/hits", response_model=list[HitPublic])
def my_hits(app: AppDep, viewer: CurrentViewer, outcome: Outcome | None = None) -> Any:
    """Your own hits, to confirm or reject."""
    return app.hits.mine(viewer, outcome=outcome)


@router.post("/hits/{hit_id}/outcome", response_model=HitPublic)
def decide_hit(app: AppDep, viewer: CurrentViewer, hit_id: int, body: HitOutcome) -> Any:
    """Confirm or reject your hit: a hit is a lead, not an identification."""
    return app.hits.decide(viewer, hit_id, confirmed=body.outcome == "confirmed", note=body.note)


# -- retention -------------------------------------------------------------------------


class DueRecordPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    owner: str
    record_id: str
    kind: str
    review_date: date
    overdue: bool = Field(description="Past its review date: served to nobody but the owner.")


class RenewalCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(description="Why the record is still needed (1 to 2000 characters).")


class RenewalPublic(BaseModel):
    review_date: date


@router.get("/retention", response_model=list[DueRecordPublic])
def retention_due(
    app: AppDep,
    viewer: CurrentViewer,
    agency: Annotated[str | None, Query(max_length=32)] = None,
    within_days: Annotated[int, Query(ge=0, le=36500)] = 30,
) -> Any:
    """Records past their review date or due within ``within_days``, per agency."""
    return app.retention.due(viewer, agency=agency, within_days=within_days)


@router.post("/records/{owner}/{external_id}/renew", response_model=RenewalPublic)
def renew_record(
    app: AppDep, viewer: CurrentViewer, owner: str, external_id: str, body: RenewalCreate
) -> RenewalPublic:
    """Renew a record of your agency: a new review date, with a reason."""
    review = app.retention.renew(viewer, owner=owner, external_id=external_id, reason=body.reason)
    return RenewalPublic(review_date=review)
