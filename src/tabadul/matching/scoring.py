"""Combining the features of a query and a person into one score.

Algorithms are versioned: a bureau tunes its work to a threshold, so an algorithm's
behaviour never changes under its name; a change is a new entry in ``ALGORITHMS``.

``tabadul-v1`` adds the evidence of each feature on a log-odds scale and maps the sum
through the logistic function, so the score reads as a probability-like confidence and
the threshold (:data:`THRESHOLD`) means the same whatever the query: at or above it,
a result is a hit — a lead for the officer, not an identification.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tabadul.domain.dates import PartialDate
from tabadul.domain.enums import NameKind
from tabadul.matching.features import (
    Feature,
    birth_date_agreement,
    document_agreement,
    gender_agreement,
    nationality_agreement,
)
from tabadul.matching.names import name_agreement
from tabadul.names import NameAnalysis

__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "THRESHOLD", "Candidate", "Query", "Scored", "score"]

THRESHOLD = 0.7
DEFAULT_ALGORITHM = "tabadul-v1"
WEAK_ALIAS_FACTOR = 0.85  # a kunya or nickname is weaker evidence than a name


@dataclass(frozen=True, slots=True)
class Query:
    name: NameAnalysis
    birth_date: PartialDate | None = None
    nationality: str | None = None
    gender: str | None = None
    document: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    names: Sequence[tuple[NameAnalysis, NameKind]]
    birth_dates: Sequence[PartialDate] = ()
    nationalities: Sequence[str] = ()
    gender: str | None = None
    documents: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class Scored:
    score: float
    hit: bool
    algorithm: str
    features: list[Feature] = field(default_factory=list)

    @property
    def explanation(self) -> list[str]:
        """The reasons, strongest first, as an officer reads them."""
        ranked = sorted(self.features, key=lambda f: -abs(f.score))
        return [f.explanation for f in ranked if f.score != 0 or f.name == "name"]


def _best_name(
    query: NameAnalysis, names: Sequence[tuple[NameAnalysis, NameKind]]
) -> tuple[Feature, float]:
    """The best agreement over the record's names, and how informative it is."""
    best: tuple[Feature, float] | None = None
    for analysis, kind in names:
        feature, information = name_agreement(query, analysis)
        if kind is NameKind.WEAK_ALIAS:
            feature = Feature(
                feature.name,
                round(feature.score * WEAK_ALIAS_FACTOR, 4),
                feature.query,
                feature.candidate,
                feature.explanation + " — a weak alias (kunya or nickname)",
            )
        if best is None or (feature.score, information) > (best[0].score, best[1]):
            best = (feature, information)
    return best or (Feature("name", 0.0, query.original, None, "the record has no name"), 0.0)


def _v1(query: Query, candidate: Candidate) -> Scored:
    name, information = _best_name(query.name, candidate.names)
    dob = birth_date_agreement(query.birth_date, candidate.birth_dates)
    nationality = nationality_agreement(query.nationality, candidate.nationalities)
    gender = gender_agreement(query.gender, candidate.gender)
    document = document_agreement(query.document, candidate.documents)
    z = (
        -5.0
        + (4.0 if name.score > 0 else 2.0) * name.score
        + 4.0 * information * max(0.0, name.score)
        + 1.8 * dob.score
        + 0.8 * nationality.score
        + 1.0 * gender.score
        + (12.0 * document.score if document.score > 0 else 0.5 * document.score)
    )
    probability = 1.0 / (1.0 + math.exp(-z))
    value = round(probability, 4)
    return Scored(
        value, value >= THRESHOLD, "tabadul-v1", [name, dob, document, nationality, gender]
    )


ALGORITHMS: dict[str, Callable[[Query, Candidate], Scored]] = {"tabadul-v1": _v1}


def score(query: Query, candidate: Candidate, *, algorithm: str = DEFAULT_ALGORITHM) -> Scored:
    """Score ``candidate`` against ``query`` with a named algorithm."""
    return ALGORITHMS[algorithm](query, candidate)
