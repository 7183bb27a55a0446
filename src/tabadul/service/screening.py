"""Screening: a person's name (any script, any spelling), date of birth, nationality and
document number against every person record the viewer may screen, ranked, each
result with the reasons it matched.

The order of work keeps the exchange rules whole: the index proposes candidates; the
policy layer removes, in SQL, every candidate the viewer may not screen (those are
never scored, counted or hinted at); the rest are scored; a result the viewer sees in
full carries its score and explanation, a hit-only one only its reference, owner and
handling code — and only when it is a hit. Every screening is audited (who, when,
purpose, what was asked, how many hits) and every hit on another agency's record
notifies its owner.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from tabadul.audit import AuditAction, append
from tabadul.domain.countries import normalize_country
from tabadul.domain.dates import PartialDate
from tabadul.domain.enums import NameKind, Purpose, Visibility
from tabadul.matching.index import Entry, ScreeningIndex
from tabadul.matching.scoring import Candidate, Query, Scored, score
from tabadul.names import analyze
from tabadul.policy import Action, Viewer
from tabadul.service.errors import FieldError, InvalidInput
from tabadul.store.tables import (
    BirthDate,
    Document,
    Nationality,
    Person,
    PersonIdentifier,
    PersonName,
    Record,
)

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = ["ScreenQuery", "ScreenResult", "Screening"]

MAX_NAME = 400
_CHUNK = 500


class ScreenQuery(BaseModel):
    """One person to screen; the batch file's lines have this shape."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)
    id: str = Field(default="q", min_length=1, max_length=200)
    name: str = Field(min_length=1, max_length=MAX_NAME)
    birth_date: str | None = Field(default=None, alias="birthDate")
    nationality: str | None = Field(default=None, max_length=2)
    document: str | None = Field(default=None, max_length=200)

    @field_validator("name")
    @classmethod
    def _has_letters(cls, value: str) -> str:
        cleaned = "".join(
            ch
            for ch in value
            if ch.isprintable()
            and ch not in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        )
        if not any(ch.isalpha() for ch in cleaned):
            raise ValueError("give a name with at least one letter")
        return cleaned.strip()

    @field_validator("birth_date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        return str(PartialDate.parse(value)) if value else None

    @field_validator("nationality")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        return normalize_country(value) if value else None


@dataclass(frozen=True)
class ScreenResult:
    record_id: str
    owner: str
    owner_name: str
    handling_code: str
    access: Visibility
    hit: bool
    hit_id: int | None = None
    score: float | None = None  # full access only
    explanation: list[str] | None = None  # full access only
    handling_conditions: str | None = None  # full access only


@dataclass
class _Loaded:
    index: ScreeningIndex = field(default_factory=ScreeningIndex)
    ready: bool = False


def invalid_query(exc: ValidationError, query_id: str | None = None) -> InvalidInput:
    errors = [
        FieldError(tuple(str(p) for p in e["loc"]), e["msg"].removeprefix("Value error, "))
        for e in exc.errors()
    ]
    if query_id:
        errors = [FieldError((query_id, *e.loc), e.message) for e in errors]
    return InvalidInput(errors)


class Screening:
    def __init__(self, app: Tabadul) -> None:
        self._app = app
        self._state = _Loaded()
        self._lock = threading.Lock()

    # -- the index ------------------------------------------------------------------

    @property
    def index(self) -> ScreeningIndex:
        with self._lock:
            if not self._state.ready:
                self._build()
            return self._state.index

    def _build(self) -> None:
        index = ScreeningIndex()
        last = 0
        while True:
            with self._app.transaction() as session:
                ids = list(
                    session.scalars(
                        select(Person.record_id)
                        .where(Person.record_id > last)
                        .order_by(Person.record_id)
                        .limit(5000)
                    )
                )
                if not ids:
                    break
                for entry in _entries(session, ids):
                    index.upsert(entry)
            last = ids[-1]
        self._state = _Loaded(index, True)

    def refresh(self, record_ids: Sequence[int]) -> None:
        """Bring these records up to date in the index (after a write commits)."""
        with self._lock:
            if not self._state.ready:
                return  # built from the store on first use
            index = self._state.index
            with self._app.transaction() as session:
                persons = set(
                    session.scalars(
                        select(Person.record_id).where(Person.record_id.in_(record_ids))
                    )
                )
                for rid in record_ids:
                    if rid not in persons:
                        index.remove(rid)
                for entry in _entries(session, sorted(persons)):
                    index.upsert(entry)

    def reset(self) -> None:
        with self._lock:
            self._state = _Loaded()

    # -- screening ------------------------------------------------------------------

    def screen(
        self, viewer: Viewer, query: ScreenQuery, *, purpose: Purpose, limit: int = 10
    ) -> list[ScreenResult]:
        return self.screen_batch(viewer, [query], purpose=purpose, limit=limit)[0]

    def screen_batch(
        self, viewer: Viewer, queries: Sequence[ScreenQuery], *, purpose: Purpose, limit: int = 10
    ) -> list[list[ScreenResult]]:
        """Screen each query; results best first, at most ``limit`` each."""
        try:
            purpose = Purpose(purpose)
        except ValueError:
            allowed = ", ".join(p.value for p in Purpose)
            raise InvalidInput(
                [FieldError(("purpose",), f"unknown purpose; use one of: {allowed}")]
            ) from None
        limit = max(1, min(limit, 100))
        index = self.index
        out: list[list[ScreenResult]] = []
        with self._app.transaction() as session:
            policy = self._app.records.policy(session, viewer, purpose)
            # The rules as SQL, built once for the whole batch.
            rules = (policy.clause(Action.SEARCH), policy.clause(Action.VIEW))
            for query in queries:
                out.append(self._one(session, viewer, rules, index, query, purpose, limit))
        return out

    def _one(
        self,
        session: Session,
        viewer: Viewer,
        rules: tuple[Any, Any],
        index: ScreeningIndex,
        query: ScreenQuery,
        purpose: Purpose,
        limit: int,
    ) -> list[ScreenResult]:
        analysis = analyze(query.name)
        proposed = {e.record_id: e for e in index.candidates(analysis, query.document)}
        ids = sorted(proposed)
        searchable: set[int] = set()
        full: set[int] = set()
        can_search, can_view = rules
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            searchable.update(
                session.scalars(select(Record.id).where(Record.id.in_(chunk), can_search))
            )
            full.update(session.scalars(select(Record.id).where(Record.id.in_(chunk), can_view)))
        q = Query(
            name=analysis,
            birth_date=PartialDate.parse(query.birth_date) if query.birth_date else None,
            nationality=query.nationality,
            document=query.document,
        )
        scored = []
        for rid in searchable:  # nothing the viewer may not screen is ever scored
            result = score(q, proposed[rid].candidate)
            if rid in full or result.hit:
                scored.append((result, rid))
        scored.sort(key=lambda item: (-item[0].score, item[1]))
        rows = {
            r.id: r
            for r in session.scalars(
                select(Record).where(Record.id.in_([rid for _, rid in scored[: limit * 3]]))
            )
        }
        shown: list[tuple[Scored, Record, bool]] = []
        for result, rid in scored:
            if len(shown) >= limit:
                break
            shown.append((result, rows[rid], rid in full))
        hits = [
            (record, result.score, "full" if is_full else "hit_only")
            for result, record, is_full in shown
            if result.hit and record.owner_id != viewer.agency_id
        ]
        entry = append(
            session,
            actor=viewer.login,
            agency=viewer.agency_code,
            action=AuditAction.SCREEN,
            purpose=purpose.value,
            targets=[f"{r.owner.code}/{r.external_id}" for r, _, _ in hits],
            detail={
                "query": query.model_dump(by_alias=True, exclude_none=True),
                "results": len(shown),
                "hits": sum(1 for result, _, _ in shown if result.hit),
            },
        )
        hit_ids = {
            record.id: self._app.hits.notify(
                session,
                viewer,
                record,
                purpose=purpose,
                score=value,
                access=access,
                audit_id=entry.id,
            )
            for record, value, access in hits
        }
        results: list[ScreenResult] = []
        for result, record, is_full in shown:
            if is_full:
                results.append(
                    ScreenResult(
                        record_id=record.external_id,
                        owner=record.owner.code,
                        owner_name=record.owner.name,
                        handling_code=record.handling_code,
                        access=Visibility.FULL,
                        hit=result.hit,
                        hit_id=hit_ids.get(record.id),
                        score=result.score,
                        explanation=result.explanation,
                        handling_conditions=record.handling_conditions,
                    )
                )
            else:
                results.append(
                    ScreenResult(
                        record_id=record.external_id,
                        owner=record.owner.code,
                        owner_name=record.owner.name,
                        handling_code=record.handling_code,
                        access=Visibility.HIT_ONLY,
                        hit=True,
                        hit_id=hit_ids.get(record.id),
                    )
                )
        return results


def _entries(session: Session, ids: Sequence[int]) -> list[Entry]:
    """Index entries for these person records, read in a few batched queries."""
    names: dict[int, list[tuple[str, str]]] = {}
    for pid, text, kind in session.execute(
        select(PersonName.person_id, PersonName.full_name, PersonName.kind)
        .where(PersonName.person_id.in_(ids))
        .order_by(PersonName.person_id, PersonName.position)
    ):
        names.setdefault(pid, []).append((text, kind))
    dobs: dict[int, list[PartialDate]] = {}
    for pid, value in session.execute(
        select(BirthDate.person_id, BirthDate.value).where(BirthDate.person_id.in_(ids))
    ):
        dobs.setdefault(pid, []).append(PartialDate.parse(value))
    nats: dict[int, list[str]] = {}
    for pid, country in session.execute(
        select(Nationality.person_id, Nationality.country).where(Nationality.person_id.in_(ids))
    ):
        nats.setdefault(pid, []).append(country)
    docs: dict[int, list[str]] = {}
    for pid, number in session.execute(
        select(PersonIdentifier.person_id, PersonIdentifier.number).where(
            PersonIdentifier.person_id.in_(ids)
        )
    ):
        docs.setdefault(pid, []).append(number)
    for holder, number in session.execute(
        select(Document.holder_id, Document.number).where(Document.holder_id.in_(ids))
    ):
        if holder is not None:
            docs.setdefault(holder, []).append(number)
    out = []
    for rid, owner_id, external_id, gender in session.execute(
        select(Record.id, Record.owner_id, Record.external_id, Person.gender)
        .join(Person, Person.record_id == Record.id)
        .where(Record.id.in_(ids))
    ):
        candidate = Candidate(
            names=[(analyze(text), NameKind(kind)) for text, kind in names.get(rid, [])],
            birth_dates=dobs.get(rid, []),
            nationalities=nats.get(rid, []),
            gender=gender,
            documents=docs.get(rid, []),
        )
        out.append(Entry(rid, owner_id, external_id, candidate))
    return out
