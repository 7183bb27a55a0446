"""The comparisons a screening makes, one function each.

Every feature returns a :class:`Feature`: its score, the two values it compared and a
one-line explanation an officer reads. The docstring of each function is that
explanation's long form. Scores are in [-1, 1]: positive is evidence for the same
person, negative against, zero says nothing (a value missing on either side).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tabadul.domain.dates import PartialDate
from tabadul.domain.enums import DatePrecision
from tabadul.names import normalize_document_number

__all__ = [
    "Feature",
    "birth_date_agreement",
    "document_agreement",
    "document_key",
    "gender_agreement",
    "nationality_agreement",
]


@dataclass(frozen=True, slots=True)
class Feature:
    """One comparison: what was compared, how it scored and why."""

    name: str
    score: float
    query: str | None
    candidate: str | None
    explanation: str

    def __reduce__(self) -> tuple[type[Feature], tuple[str, float, str | None, str | None, str]]:
        # Pickled through the constructor: a compiled frozen class (tabadul._native)
        # cannot be restored field by field. Features cross to the batch's helpers.
        return Feature, (self.name, self.score, self.query, self.candidate, self.explanation)


def _none(name: str, query: str | None, candidate: str | None, why: str) -> Feature:
    return Feature(name, 0.0, query, candidate, why)


def birth_date_agreement(query: PartialDate | None, candidates: Sequence[PartialDate]) -> Feature:
    """Dates of birth are compared at the precision both sides know. A year alone that
    agrees is weaker evidence than a full date; a day and month written the other way
    round (03-07 for 07-03) and a year off by one (a common registry error) count as
    partial agreement; a clear disagreement counts against."""
    if query is None or not candidates:
        return _none(
            "birth_date",
            str(query) if query else None,
            ", ".join(map(str, candidates)) or None,
            "no date of birth to compare",
        )
    best: Feature | None = None
    for candidate in candidates:
        feature = _compare_dates(query, candidate)
        if best is None or feature.score > best.score:
            best = feature
    assert best is not None
    return best


def _compare_dates(q: PartialDate, c: PartialDate) -> Feature:
    qs, cs = str(q), str(c)
    if q.year == c.year:
        both_day = q.precision is DatePrecision.DAY and c.precision is DatePrecision.DAY
        if both_day and (q.month, q.day) == (c.month, c.day):
            return Feature("birth_date", 1.0, qs, cs, f"same date of birth {cs}")
        if q.month is not None and c.month is not None and q.month != c.month:
            if both_day and (q.month, q.day) == (c.day, c.month):
                return Feature("birth_date", 0.6, qs, cs, f"{qs} ~ {cs}: day and month swapped")
            return Feature("birth_date", -0.6, qs, cs, f"{qs} ≠ {cs}: different month")
        if both_day and q.day != c.day:
            return Feature("birth_date", -0.3, qs, cs, f"{qs} ≠ {cs}: different day")
        if q.month is not None and c.month is not None:
            return Feature("birth_date", 0.8, qs, cs, f"{qs} ~ {cs}: same year and month")
        return Feature("birth_date", 0.5, qs, cs, f"{qs} ~ {cs}: same year of birth")
    gap = abs(q.year - c.year)
    if gap == 1:
        return Feature("birth_date", 0.1, qs, cs, f"{qs} ~ {cs}: one year apart")
    if gap <= 3:
        return Feature("birth_date", -0.5, qs, cs, f"{qs} ≠ {cs}: {gap} years apart")
    return Feature("birth_date", -1.0, qs, cs, f"{qs} ≠ {cs}: {gap} years apart")


def nationality_agreement(query: str | None, candidates: Sequence[str]) -> Feature:
    """A shared nationality is weak evidence (many people share one); a different one
    is weak evidence against (people hold several, and records miss some)."""
    if not query or not candidates:
        return _none(
            "nationality", query, ", ".join(candidates) or None, "no nationality to compare"
        )
    wanted = query.upper()
    listed = ", ".join(candidates)
    if wanted in candidates:
        return Feature("nationality", 0.3, wanted, listed, f"same nationality {wanted}")
    return Feature("nationality", -0.3, wanted, listed, f"nationality {wanted} not among {listed}")


def gender_agreement(query: str | None, candidate: str | None) -> Feature:
    """Different genders count strongly against; the same gender says little."""
    if not query or not candidate:
        return _none("gender", query, candidate, "no gender to compare")
    if query == candidate:
        return Feature("gender", 0.1, query, candidate, f"same gender ({query})")
    return Feature("gender", -0.8, query, candidate, f"gender {query} ≠ {candidate}")


def document_key(number: str) -> str:
    """The number without separators, case or look-alike differences: the exact-lookup
    key of the screening index."""
    return normalize_document_number(number).translate(_LOOKALIKE)


# Characters that OCR and hurried typing confuse in document numbers.
_LOOKALIKE = str.maketrans(
    {"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "B": "8", "G": "6"}
)


# The numbers of the persons a screening scores, normalised once each.
_normalized = lru_cache(maxsize=1 << 16)(normalize_document_number)


def document_agreement(query: str | None, candidates: Sequence[str]) -> Feature:
    """Document numbers are compared without spaces, dashes or case. The same number is
    strong evidence; the same number but for look-alike characters (O/0, I/1, S/5, B/8)
    is nearly as strong; different numbers say little (people hold several documents)."""
    if not query or not candidates:
        return _none(
            "document", query, ", ".join(candidates) or None, "no document number to compare"
        )
    q = _normalized(query)
    for candidate in candidates:
        c = _normalized(candidate)
        if q and q == c:
            return Feature("document", 1.0, query, candidate, f"same document number {candidate}")
    for candidate in candidates:
        c = _normalized(candidate)
        if q and q.translate(_LOOKALIKE) == c.translate(_LOOKALIKE):
            return Feature(
                "document",
                0.8,
                query,
                candidate,
                f"{query} ~ {candidate}: same number but for look-alike characters (O/0, I/1)",
            )
    return Feature("document", -0.1, query, ", ".join(candidates), "different document numbers")
