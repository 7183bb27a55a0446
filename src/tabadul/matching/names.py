"""Comparing two names part by part, whatever their order, script or spelling."""

from __future__ import annotations

from dataclasses import dataclass

from tabadul.matching.features import Feature
from tabadul.names import NameAnalysis, NamePart, part_similarity, term_weight

__all__ = ["PartMatch", "name_agreement"]

# A part counts as agreeing from this similarity on (close spellings score below 1).
PART_FLOOR = 0.75
# How much a name part that disagrees (present on both sides, different) counts against.
CONFLICT_PENALTY = 1.0


@dataclass(frozen=True, slots=True)
class PartMatch:
    query: NamePart
    candidate: NamePart
    similarity: float
    reason: str


def _align(q: tuple[NamePart, ...], c: tuple[NamePart, ...]) -> list[PartMatch]:
    """Pair each part with at most one part of the other name, best pairs first: the
    order the parts are written in does not matter ("LAST, First" = "First Last")."""
    pairs: list[PartMatch] = []
    for a in q:
        for b in c:
            similarity, reason = part_similarity(a, b)
            if similarity >= PART_FLOOR:
                pairs.append(PartMatch(a, b, similarity, reason))
    pairs.sort(key=lambda p: -p.similarity * term_weight(p.query))
    used_q: set[int] = set()
    used_c: set[int] = set()
    chosen: list[PartMatch] = []
    for pair in pairs:
        if id(pair.query) in used_q or id(pair.candidate) in used_c:
            continue
        used_q.add(id(pair.query))
        used_c.add(id(pair.candidate))
        chosen.append(pair)
    return chosen


def name_agreement(query: NameAnalysis, candidate: NameAnalysis) -> tuple[Feature, float]:
    """Names agree as far as their significant parts (not particles such as ben, ould,
    al-, nor titles) are the same names, in any order and script, each weighted by how
    rare it is: sharing "Mohamed" proves little, sharing "Dabski" much. The shorter name
    must be explained in full; parts only the longer name has (a middle name, a
    grandfather's name) cost a little; a part each side has but that differs (another
    family name) counts against. Also returns how informative the agreement is (0-1)."""
    q = query.significant()
    c = candidate.significant()
    if not q or not c:
        return Feature("name", 0.0, query.original, candidate.original, "no name to compare"), 0.0
    chosen = _align(q, c)
    weight_q = sum(term_weight(p) for p in q)
    weight_c = sum(term_weight(p) for p in c)
    agreed_q = sum(term_weight(m.query) * m.similarity for m in chosen)
    agreed_c = sum(term_weight(m.candidate) * m.similarity for m in chosen)
    # Parts left over on both sides are names that disagree (a different family name):
    # evidence against. Parts only one side has (a middle name) merely go unexplained.
    left_q = weight_q - sum(term_weight(m.query) for m in chosen)
    left_c = weight_c - sum(term_weight(m.candidate) for m in chosen)
    conflict = min(left_q, left_c)
    cover = (
        min(agreed_q / weight_q, agreed_c / weight_c)
        if conflict > 0
        else max(agreed_q / weight_q, agreed_c / weight_c) * 0.8
        + 0.2 * min(agreed_q / weight_q, agreed_c / weight_c)
    )
    score = max(-1.0, cover - CONFLICT_PENALTY * conflict / min(weight_q, weight_c))
    matched = "; ".join(m.reason for m in chosen)
    missing = [p.text for p in q if all(m.query is not p for m in chosen)]
    extra = [p.text for p in c if all(m.candidate is not p for m in chosen)]
    notes = []
    if missing:
        notes.append("not in the record: " + ", ".join(missing))
    if extra:
        notes.append("only in the record: " + ", ".join(extra))
    explanation = (matched or "no part of the names agrees") + (
        " (" + "; ".join(notes) + ")" if notes else ""
    )
    # How much the agreement says: rare parts say more, and so does each further part
    # that agrees (a full three-part name, even of common names, is telling).
    information = min(1.0, agreed_q / 1.2 + 0.25 * max(0, len(chosen) - 1))
    return Feature(
        "name", round(score, 4), query.original, candidate.original, explanation
    ), information
