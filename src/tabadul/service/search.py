"""Name search through the exchange rules (rule 2 hit-only answers, rule 4 purposes).

This is the interim search the exchange rules are proven on: candidates are the
person and group names sharing a word with the query, scored by the share of words
they have in common (Dice coefficient on folded words). The cross-script screening
engine replaces the scoring; everything about who sees what stays here.

What a result carries depends on the viewer's access:

- ``full``: reference, owner, kind, score, the name that matched, handling code;
- ``hit_only``: only the reference, the owner (and its name, to contact it) and the
  handling code — and only when the score is at or above the threshold (a hit):
  below it, the record does not appear at all, so nothing about it leaks.

Every hit (a result at or above the threshold) on another agency's record notifies the
owner: it is stored as a
:class:`~tabadul.store.tables.Hit` that the owner lists and the searching officer
confirms or rejects.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select

from tabadul.audit import AuditAction, append
from tabadul.domain.enums import Purpose, Visibility
from tabadul.names.normalize import tokens
from tabadul.policy import Action, Viewer
from tabadul.service.errors import FieldError, InvalidInput
from tabadul.store.tables import Group, GroupAlias, PersonName, Record

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = ["THRESHOLD", "Search", "SearchResult"]

THRESHOLD = 0.7
"""Score at or above which a result is a hit (interim name search)."""
MAX_QUERY = 400
MAX_CANDIDATES = 5000


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


def _dice(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(set(a) & set(b))
    return 2 * common / (len(set(a)) + len(set(b)))


class Search:
    def __init__(self, app: Tabadul) -> None:
        self._app = app

    def names(
        self, viewer: Viewer, *, name: str, purpose: Purpose, limit: int = 20
    ) -> list[SearchResult]:
        """Search persons and groups by name for ``purpose``; best first."""
        errors = []
        words = tokens(name)
        if not name.strip() or not words:
            errors.append(FieldError(("name",), "give a name with at least one letter"))
        elif len(name) > MAX_QUERY:
            errors.append(FieldError(("name",), f"a name has at most {MAX_QUERY} characters"))
        try:
            purpose = Purpose(purpose)
        except ValueError:
            allowed = ", ".join(p.value for p in Purpose)
            errors.append(FieldError(("purpose",), f"unknown purpose; use one of: {allowed}"))
        if errors:
            raise InvalidInput(errors)
        limit = max(1, min(limit, 200))
        with self._app.transaction() as session:
            policy = self._app.records.policy(session, viewer, purpose)
            visible = policy.clause(Action.SEARCH)
            likes = [f"%{w}%" for w in words if len(w) >= 2] or [f"%{words[0]}%"]
            candidates: dict[int, list[str]] = defaultdict(list)
            for column, key in (
                (PersonName.full_name, PersonName.person_id),
                (Group.name, Group.record_id),
                (GroupAlias.name, GroupAlias.group_id),
            ):
                query = (
                    select(key, column)
                    .join(Record, Record.id == key)
                    .where(visible, or_(*(func.lower(column).like(p) for p in likes)))
                    .limit(MAX_CANDIDATES)
                )
                for rid, text in session.execute(query):
                    candidates[rid].append(text)
            scored: list[tuple[float, int, str]] = []
            for rid, texts in candidates.items():
                best = max(texts, key=lambda t: _dice(words, tokens(t)))
                scored.append((_dice(words, tokens(best)), rid, best))
            ids = sorted(s[1] for s in scored)
            rows: dict[int, Record] = {}
            seen_full: set[int] = set()
            full_clause = policy.clause(Action.VIEW)
            for start in range(0, len(ids), 500):  # the policy decides in SQL, in chunks
                chunk = ids[start : start + 500]
                rows.update(
                    (r.id, r) for r in session.scalars(select(Record).where(Record.id.in_(chunk)))
                )
                seen_full.update(
                    session.scalars(select(Record.id).where(Record.id.in_(chunk), full_clause))
                )
            full: list[tuple[float, Record, str]] = []
            hit_only: list[Record] = []
            for score, rid, text in scored:
                record = rows[rid]
                if rid in seen_full:
                    full.append((score, record, text))
                elif score >= THRESHOLD:  # searchable but not in full: hit-only
                    hit_only.append(record)
            full.sort(key=lambda item: (-item[0], item[1].owner.code, item[1].external_id))
            hit_only.sort(key=lambda r: (r.owner.code, r.external_id))
            shown_full = full[:limit]
            shown_hit_only = hit_only[: max(0, limit - len(shown_full))]
            hits = [(r, score, "full") for score, r, _ in shown_full if score >= THRESHOLD]
            hits += [(r, 1.0, "hit_only") for r in shown_hit_only]
            # An agency finding its own records is not told of it: hits are what the
            # exchange yields to others (and what the statistics count).
            hits = [
                h for h in hits if viewer.agency_id is None or h[0].owner_id != viewer.agency_id
            ]
            entry = append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.SEARCH,
                purpose=purpose.value,
                targets=[f"{r.owner.code}/{r.external_id}" for r, _, _ in hits],
                detail={
                    "query": name,
                    "results": len(shown_full) + len(shown_hit_only),
                    "hits": len(hits),
                },
            )
            hit_ids = {
                r.id: self._app.hits.notify(
                    session,
                    viewer,
                    r,
                    purpose=purpose,
                    score=score,
                    access=access,
                    audit_id=entry.id,
                )
                for r, score, access in hits
            }
            results = [
                SearchResult(
                    record_id=record.external_id,
                    owner=record.owner.code,
                    owner_name=record.owner.name,
                    handling_code=record.handling_code,
                    access=Visibility.FULL,
                    hit=score >= THRESHOLD,
                    hit_id=hit_ids.get(record.id),
                    kind=record.kind,
                    score=round(score, 4),
                    matched_name=text,
                    handling_conditions=record.handling_conditions,
                )
                for score, record, text in shown_full
            ]
            results += [
                SearchResult(
                    record_id=record.external_id,
                    owner=record.owner.code,
                    owner_name=record.owner.name,
                    handling_code=record.handling_code,
                    access=Visibility.HIT_ONLY,
                    hit=True,
                    hit_id=hit_ids[record.id],
                )
                for record in shown_hit_only
            ]
            return results
