"""Name search through the exchange rules: a name-only screening of persons, and the
groups of that name.

There is one name scorer, screening's (:func:`tabadul.matching.scoring.score`, its
default algorithm and its :data:`~tabadul.matching.scoring.THRESHOLD`); search is a
view of it, with its own contract kept:

- **Persons** are screened: :meth:`Search.names` calls
  ``app.screening.screen(viewer, ScreenQuery(id="search", name=...), ...)`` — cross-script,
  any spelling, name only — and maps each result to a :class:`SearchResult`. Screening
  applies the rules, writes the audit entry and notifies the owners of hits; search adds
  nothing to that and writes nothing more for persons.
- **Groups** (their names and aliases; screening covers persons only) are found by the
  same name analysis (:func:`tabadul.names.analyze`: a group is a candidate when one of
  its names shares a comparison key with a significant part of the query, as for
  persons in the screening index) and scored by the same scorer, name only (the name is
  a record name, an alias an alias). The rules are applied in SQL before anything is
  scored; a group hidden from the viewer is never scored, counted or hinted at.
- **How many.** At most ``limit`` results (1-200) in all. Persons come from screening
  (which shows at most 100); group *hits* are kept room for — screening is asked for
  ``limit`` less the group hits, at least one — and the groups, hits first, fill what
  the persons left. Nothing is notified that is not shown.
- **Order.** Results seen in full first, best score first (ties: owner, reference);
  hit-only ones after them, by owner and reference — a hit-only answer says nothing of
  its score, so its place does not either.

What a result carries depends on the viewer's access:

- ``full``: reference, owner, kind (``person`` or ``group``), score, the name that
  matched best, the reasons (the scorer's explanation), handling code;
- ``hit_only``: only the reference, the owner (and its name, to contact it) and the
  handling code — and only when the score is at or above the threshold (a hit):
  below it, the record does not appear at all, so nothing about it leaks.

Every hit on another agency's record notifies the owner, with the score the scorer gave
(for a hit-only record too): a :class:`~tabadul.store.tables.Hit` that the owner lists
and the searching officer confirms or rejects. An agency finding its own records is not
told of it.

**Audit.** Each part of a search is audited once, where it is answered, and nothing
twice: the persons by screening's own entry (action ``screen``, written for every
search, with ``{"id": "search", "name": ...}`` as the query, so a search is told apart
from a screening); the groups, when any is shown, by one ``search`` entry naming the
group hits it notified. A search that shows no group therefore leaves exactly one
entry, of action ``screen``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import ValidationError
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from tabadul.audit import AuditAction, append
from tabadul.domain.enums import NameKind, Purpose, Visibility
from tabadul.matching.scoring import THRESHOLD, Candidate, Query, Scored, score
from tabadul.names import NameAnalysis, analyze
from tabadul.policy import Action, Viewer
from tabadul.service.errors import FieldError, InvalidInput
from tabadul.service.hits import reference
from tabadul.service.screening import ScreenQuery, ScreenResult
from tabadul.store.tables import Agency, Group, GroupAlias, PersonName, Record

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = ["THRESHOLD", "Search", "SearchResult"]

MAX_QUERY = 400
MAX_LIMIT = 200
QUERY_ID = "search"
"""The query id of a search's screening, as its audit entry records it."""
_CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class SearchResult:
    record_id: str
    owner: str
    owner_name: str
    handling_code: str
    access: Visibility
    hit: bool
    hit_id: int | None = None
    kind: str | None = None  # full access only
    score: float | None = None  # full access only
    matched_name: str | None = None  # full access only
    handling_conditions: str | None = None  # full access only
    explanation: list[str] | None = None  # full access only


@dataclass(frozen=True)
class _GroupMatch:
    record_id: int
    scored: Scored
    matched_name: str
    full: bool


def _keys(analysis: NameAnalysis) -> set[str]:
    return {key for part in analysis.significant() for key in part.keys}


def _best_name(query: NameAnalysis, names: list[tuple[str, NameKind]]) -> tuple[Scored, str]:
    """The record name the scorer agrees with best (the first, on a tie), name only."""
    best: tuple[Scored, str] | None = None
    for text, kind in names:
        scored = score(Query(name=query), Candidate(names=[(analyze(text), kind)]))
        if best is None or scored.score > best[0].score:
            best = (scored, text)
    assert best is not None
    return best


def _name_kind(value: str) -> NameKind:
    try:
        return NameKind(value)
    except ValueError:
        return NameKind.PRIMARY


class Search:
    def __init__(self, app: Tabadul) -> None:
        self._app = app

    def names(
        self, viewer: Viewer, *, name: str, purpose: Purpose, limit: int = 20
    ) -> list[SearchResult]:
        """Search persons (by screening, name only) and groups by name for
        ``purpose``; full results best first, then hit-only ones (see the module)."""
        query = self._query(name, purpose)
        purpose = Purpose(purpose)
        limit = max(1, min(limit, MAX_LIMIT))
        analysis = analyze(query.name)
        groups = self._groups(viewer, analysis, purpose)
        group_hits = sum(1 for g in groups if g.scored.hit)
        persons = self._app.screening.screen(
            viewer, query, purpose=purpose, limit=max(1, limit - group_hits)
        )
        room = max(0, limit - len(persons))
        results = self._answer(viewer, name, analysis, purpose, persons, groups[:room])
        full = sorted(
            (r for r in results if r.access is Visibility.FULL),
            key=lambda r: (-(r.score or 0.0), r.owner, r.record_id),
        )
        hit_only = sorted(
            (r for r in results if r.access is Visibility.HIT_ONLY),
            key=lambda r: (r.owner, r.record_id),
        )
        return full + hit_only

    @staticmethod
    def _query(name: str, purpose: Purpose) -> ScreenQuery:
        errors = []
        if not any(ch.isalpha() for ch in name):
            errors.append(FieldError(("name",), "give a name with at least one letter"))
        elif len(name) > MAX_QUERY:
            errors.append(FieldError(("name",), f"a name has at most {MAX_QUERY} characters"))
        try:
            Purpose(purpose)
        except ValueError:
            allowed = ", ".join(p.value for p in Purpose)
            errors.append(FieldError(("purpose",), f"unknown purpose; use one of: {allowed}"))
        if errors:
            raise InvalidInput(errors)
        try:
            return ScreenQuery(id=QUERY_ID, name=name)
        except ValidationError as exc:  # e.g. a control character in the name
            raise InvalidInput(
                [
                    FieldError(
                        tuple(str(p) for p in e["loc"]), e["msg"].removeprefix("Value error, ")
                    )
                    for e in exc.errors()
                ]
            ) from None

    # -- groups ---------------------------------------------------------------------

    def _groups(self, viewer: Viewer, query: NameAnalysis, purpose: Purpose) -> list[_GroupMatch]:
        """The groups the viewer may search whose names share a key with the query,
        scored; hit-only ones only when they are hits. Best first."""
        wanted = _keys(query)
        if not wanted:
            return []
        with self._app.transaction() as session:
            policy = self._app.records.policy(session, viewer, purpose)
            can_search = policy.clause(Action.SEARCH)
            can_view = policy.clause(Action.VIEW)
            names: dict[int, list[tuple[str, NameKind]]] = defaultdict(list)
            full: dict[int, bool] = {}
            for rid, text, seen in session.execute(
                select(Group.record_id, Group.name, can_view)
                .join(Record, Record.id == Group.record_id)
                .where(can_search)
            ):
                names[rid].append((text, NameKind.PRIMARY))
                full[rid] = bool(seen)
            for rid, text in session.execute(
                select(GroupAlias.group_id, GroupAlias.name)
                .join(Record, Record.id == GroupAlias.group_id)
                .where(can_search)
                .order_by(GroupAlias.group_id, GroupAlias.position)
            ):
                names[rid].append((text, NameKind.ALIAS))
        found = []
        for rid, held in names.items():
            if rid not in full or not any(wanted & _keys(analyze(t)) for t, _ in held):
                continue
            scored, matched = _best_name(query, held)
            if full[rid] or scored.hit:  # hit-only: only a hit appears
                found.append(_GroupMatch(rid, scored, matched, full[rid]))
        found.sort(key=lambda g: (-g.scored.score, g.record_id))
        return found

    # -- the answer -----------------------------------------------------------------

    def _answer(
        self,
        viewer: Viewer,
        text: str,
        query: NameAnalysis,
        purpose: Purpose,
        persons: list[ScreenResult],
        groups: list[_GroupMatch],
    ) -> list[SearchResult]:
        """Persons as screening answered them (with the name that matched), and the
        groups shown: checked against the rules again, audited and notified."""
        with self._app.transaction() as session:
            matched = self._matched_names(
                session, query, [p for p in persons if p.access is Visibility.FULL]
            )
            results = [
                SearchResult(
                    record_id=p.record_id,
                    owner=p.owner,
                    owner_name=p.owner_name,
                    handling_code=p.handling_code,
                    access=p.access,
                    hit=p.hit,
                    hit_id=p.hit_id,
                )  # a hit-only answer never carries more
                if p.access is Visibility.HIT_ONLY
                else SearchResult(
                    record_id=p.record_id,
                    owner=p.owner,
                    owner_name=p.owner_name,
                    handling_code=p.handling_code,
                    access=Visibility.FULL,
                    hit=p.hit,
                    hit_id=p.hit_id,
                    kind="person",
                    score=p.score,
                    matched_name=matched.get((p.owner, p.record_id), ""),
                    handling_conditions=p.handling_conditions,
                    explanation=p.explanation,
                )
                for p in persons
            ]
            if groups:
                results += self._group_answer(session, viewer, text, purpose, groups)
            return results

    @staticmethod
    def _matched_names(
        session: Session, query: NameAnalysis, persons: list[ScreenResult]
    ) -> dict[tuple[str, str], str]:
        """For each person seen in full, the name of the record that agrees best with
        the query (by the scorer, name only)."""
        wanted = {(p.owner, p.record_id) for p in persons}
        held: dict[tuple[str, str], list[tuple[str, NameKind]]] = defaultdict(list)
        refs = sorted({p.record_id for p in persons})
        for start in range(0, len(refs), _CHUNK):
            for owner, ref, text, kind in session.execute(
                select(Agency.code, Record.external_id, PersonName.full_name, PersonName.kind)
                .join(Record, Record.id == PersonName.person_id)
                .join(Agency, Agency.id == Record.owner_id)
                .where(Record.external_id.in_(refs[start : start + _CHUNK]))
                .order_by(PersonName.person_id, PersonName.position)
            ):
                if (owner, ref) in wanted:
                    held[(owner, ref)].append((text, _name_kind(kind)))
        return {key: _best_name(query, names)[1] for key, names in held.items()}

    def _group_answer(
        self,
        session: Session,
        viewer: Viewer,
        text: str,
        purpose: Purpose,
        groups: list[_GroupMatch],
    ) -> list[SearchResult]:
        # The rules as they stand now (they may have changed since the groups were
        # scored): a group no longer searchable goes, one no longer seen in full stays
        # only as a hit.
        policy = self._app.records.policy(session, viewer, purpose)
        can_view: ColumnElement[bool] = policy.clause(Action.VIEW)
        ids = sorted(g.record_id for g in groups)
        now: dict[int, tuple[Record, bool]] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            for record, seen in session.execute(
                select(Record, can_view).where(Record.id.in_(chunk), policy.clause(Action.SEARCH))
            ):
                now[record.id] = (record, bool(seen))
        shown = [
            (g, *now[g.record_id])
            for g in groups
            if g.record_id in now and (now[g.record_id][1] or g.scored.hit)
        ]
        if not shown:
            return []
        hits = [
            (record, g.scored.score, "full" if seen else "hit_only")
            for g, record, seen in shown
            if g.scored.hit and record.owner_id != viewer.agency_id
        ]
        entry = append(
            session,
            actor=viewer.login,
            agency=viewer.agency_code,
            action=AuditAction.SEARCH,
            purpose=purpose.value,
            targets=[f"{r.owner.code}/{r.external_id}" for r, _, _ in hits],
            detail={
                "query": text,
                "kind": "group",
                "results": len(shown),
                "hits": sum(1 for g, _, _ in shown if g.scored.hit),
            },
        )
        hit_ids = self._app.hits.notify_all(
            session, viewer, hits, purpose=purpose, audit_id=entry.id
        )
        results = []
        for g, record, seen in shown:
            if seen:
                results.append(
                    SearchResult(
                        **reference(record, hit_ids),
                        access=Visibility.FULL,
                        hit=g.scored.hit,
                        kind=record.kind,
                        score=g.scored.score,
                        matched_name=g.matched_name,
                        handling_conditions=record.handling_conditions,
                        explanation=g.scored.explanation,
                    )
                )
            else:  # a hit-only answer never carries more than its reference
                results.append(
                    SearchResult(**reference(record, hit_ids), access=Visibility.HIT_ONLY, hit=True)
                )
        return results
