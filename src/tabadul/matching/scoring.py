"""Combining the features of a query and a person into one score.

Algorithms are versioned: a bureau tunes its work to a threshold, so an algorithm's
behaviour never changes under its name; a change is a new entry in ``ALGORITHMS``.

Every algorithm adds the evidence of each feature on a log-odds scale and maps the sum
through the logistic function, so the score reads as a confidence and the threshold
(:data:`THRESHOLD`) means the same whatever the query: at or above it, a result is a
hit — a lead for the officer, not an identification.

- ``tabadul-v1`` (the first release): hand-set weights on one name-agreement figure.
- ``tabadul-v2``: the name evidence is a logistic model *fitted* on
  labelled pairs (``scripts/calibrate_scorer.py``; the weights are
  ``matching/data/tabadul-v2.json``) over the measures of
  :class:`~tabadul.matching.names.NameEvidence` — how much of each name the other
  explains, how rare the agreeing parts are, whether the spellings are attested or only
  allowed by the rules, what is left over on each side. Its intercept is set so that at
  most about 2 in 100 name-only queries for a person who is not in the index put a
  stranger at or above the threshold. Date of birth, document, nationality and gender
  add hand-set log-likelihood ratios (no labelled data for them exists here): a date of
  birth weighs more than in v1 (:func:`_dob_logit`), so that the same full date lifts a
  partial name match to a hit and a namesake born years apart drops below the
  threshold; document, nationality and gender weigh as in v1.

  Two floors sit on top of the fitted name model, because the data it is fitted on
  (distinct people's names, where a longer namesake is usually someone else) cannot
  teach what a screening must do: the same full name spelled the same way is a hit on
  the name alone; a name that is the other one with a part added (a middle or a
  grandfather's name, every shared part the same or a known spelling) scores at least
  0.6 — near the top of the results, and a hit once the year of birth agrees.
- ``tabadul-v3``: v2's fitted model, dates and floors, and three changes
  measured on the accuracy benchmark (``bench/accuracy``, names neither the dictionary
  nor the fit saw). *The whole name in another spelling or script is a hit on the name
  alone*, as the same spelling is (:attr:`NameEvidence.equivalent
  <tabadul.matching.names.NameEvidence.equivalent>`: every part of both names paired
  by the same or a known spelling, or across scripts by the rules' usual reading when
  the spellings look alike; a one-part name only when not among the commonest, and by
  the rules alone only when rarer still; no title or honorific set aside): v2 left many
  such names just under the threshold (عبد العزيز محمود / Abdel Aziz Mahmoud at
  0.69), and one-part names always. *A part paired only
  by a less usual reading* (an Egyptian g, an article read off) takes one unit of
  log-odds off per share of the query it covers: those readings made most of v2's
  false hits (صبري العامري / Sabry Amira). *A name that is the other with parts
  added* is a hit on the name alone when the parts they share weigh 1.6 or more (a
  rare family name with a given name: *Dabski, Ouassim* / *Dabski, Ouassim ben
  Lakhdar*); with commoner shared parts it stays at 0.6, as in v2. Recall at the
  threshold rose by 0.04 on full names (0.780 → 0.821), by 0.13 to 0.21 on single
  words and by 0.05 on OFAC aliases; false hits on names not in the index rose from
  0.7% to 1.4% in Arabic script and from 0.7% to 0.8% in Latin.
- ``tabadul-v4`` (the default): v3, with four changes measured on the accuracy
  benchmark. *Latin spellings the rules find one name count when they look alike*
  (:attr:`NameEvidence.equivalent_alike
  <tabadul.matching.names.NameEvidence.equivalent_alike>`, ``contained_alike``): v3
  took *SAAL, Farid* / *SAAL, Fared* for too little (0.70 below a hit) and *NGARUYE,
  Baudoin* / *NGARUYE MPUMURO, Baudouin* for no containment at all; not for a one-part
  name (*Briki* / *Bariki*). *How alike two spellings look is judged once French and
  English conventions are brought to one* (:func:`tabadul.names.sound_similarity`), for
  names of two parts or more: *Hermouche* / هرموش. *An equivalence made in part by the
  rules alone needs the agreeing parts to weigh 0.7*: محمد غالم / *Mohamed Ghaloum* is
  not one (most of v3's false hits were of this kind). *A name written LAST, First whose
  family name and first given name agree, the other having only middle names more, is
  a hit on the name alone* when the agreeing parts weigh 0.6 or more
  (:attr:`NameEvidence.core_agrees <tabadul.matching.names.NameEvidence.core_agrees>`:
  *KAUROV, Valery* / *KAUROV, Valery Vladimirovich*); the comma is what says which part
  is the family name, so a name written without one keeps v3's rule. An uncommon part
  left over on each side that is a near spelling of the other (*Dmitry* / *Dzmitry*)
  counts as paired for containment (``contained_near``). On the accuracy benchmark (1,000
  queries a set, against v3): full names at the threshold 0.817 → 0.822, with false hits
  on names not in the index 1.4% → 1.0% in Arabic script and 0.8% → 1.0% in Latin; OFAC
  strong aliases at the threshold 0.280 → 0.459; single words 0.671 → 0.660 and 0.481
  → 0.475 (single words by the rules alone now need weight 0.7).
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from tabadul.domain.dates import PartialDate
from tabadul.domain.enums import NameKind
from tabadul.matching.features import (
    Feature,
    birth_date_agreement,
    document_agreement,
    gender_agreement,
    nationality_agreement,
)
from tabadul.matching.names import NAME_FEATURES, name_agreement, name_evidence
from tabadul.names import NameAnalysis

__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "THRESHOLD", "Candidate", "Query", "Scored", "score"]

THRESHOLD = 0.7
DEFAULT_ALGORITHM = "tabadul-v4"
WEAK_ALIAS_FACTOR = 0.85  # v1: a kunya or nickname is weaker evidence than a name
WEAK_ALIAS_LOGIT = 1.0  # v2: the same, as log-odds taken off the name's evidence


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

    def __reduce__(self) -> tuple[type[Scored], tuple[float, bool, str, list[Feature]]]:
        # as Feature.__reduce__: results come back from the batch's helpers pickled
        return Scored, (self.score, self.hit, self.algorithm, self.features)

    @property
    def explanation(self) -> list[str]:
        """The reasons as an officer reads them: the names first, then the rest,
        strongest first (a feature that says nothing is left out)."""
        ranked = sorted(self.features, key=lambda f: (f.name != "name", -abs(f.score)))
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


@dataclass(frozen=True, slots=True)
class _NameModel:
    intercept: float
    weights: tuple[float, ...]


@cache
def _v2_model() -> _NameModel:
    text = resources.files("tabadul.matching").joinpath("data/tabadul-v2.json").read_text("utf-8")
    data = json.loads(text)
    if tuple(data["features"]) != NAME_FEATURES:
        raise RuntimeError("tabadul-v2.json was fitted on other name features: refit it")
    if len(data["weights"]) != len(NAME_FEATURES):
        raise RuntimeError("tabadul-v2.json has a weight too many or too few: refit it")
    return _NameModel(float(data["intercept"]), tuple(float(w) for w in data["weights"]))


_IDENTICAL_LOGIT = math.log(THRESHOLD / (1 - THRESHOLD)) + 0.2
_NAME_FLOOR_LOGIT = -6.0
_CONTAINED_LOGIT = math.log(0.6 / 0.4)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


@dataclass(frozen=True, slots=True)
class _NameRules:
    """What an algorithm built on the fitted name model adds to it."""

    algorithm: str
    # log-odds taken off per share of the query's weight paired by a less usual reading
    less_usual_logit: float = 0.0
    # an equivalent name (NameEvidence.equivalent) is a hit on the name alone
    equivalent_is_hit: bool = False
    # a contained name (the other with parts added) is a hit on the name alone when
    # the parts they share weigh this much (term weights: rare parts near 1)
    contained_hit_weight: float = math.inf
    # equivalence and containment count Latin spellings paired by the rules' usual
    # reading when they look alike (NameEvidence.equivalent_alike, contained_alike)
    alike: bool = False
    # a contained name whose core agrees (NameEvidence.core_agrees: the family name and
    # the first given name of a name written LAST, First) is a hit from this weight on
    core_hit_weight: float = math.inf


_V2 = _NameRules("tabadul-v2")
_V3 = _NameRules(
    "tabadul-v3", less_usual_logit=1.0, equivalent_is_hit=True, contained_hit_weight=1.6
)
_V4 = _NameRules(
    "tabadul-v4",
    less_usual_logit=1.0,
    equivalent_is_hit=True,
    contained_hit_weight=1.6,
    alike=True,
    core_hit_weight=0.6,
)


def _fitted_name(
    query: NameAnalysis, names: Sequence[tuple[NameAnalysis, NameKind]], rules: _NameRules
) -> tuple[Feature, float]:
    """The record name that agrees best with the query, and its log-odds."""
    model = _v2_model()
    best: tuple[Feature, float] | None = None
    for analysis, kind in names:
        evidence = name_evidence(query, analysis)
        if evidence is None:
            continue
        z = model.intercept + sum(map(operator.mul, model.weights, evidence.vector()), 0.0)
        # The fitted model knows names that share a key; for names that share nothing
        # it extrapolates without bound. Names that disagree entirely are bounded at
        # odds of about 1 in 400, so strong evidence of another kind (the same document
        # number: a person travelling under another name) can still make a hit.
        # (v3 first takes off the weight of parts paired only by a less usual reading.)
        z -= rules.less_usual_logit * evidence.less_usual
        z = max(z, _NAME_FLOOR_LOGIT)
        if rules.alike:
            equivalent = evidence.equivalent_alike
            contained = evidence.contained_alike or evidence.contained_near
        else:
            equivalent, contained = evidence.equivalent, evidence.contained
        if (
            evidence.identical
            or (rules.equivalent_is_hit and equivalent)
            or (contained and evidence.agreed >= rules.contained_hit_weight)
            or (contained and evidence.core_agrees and evidence.agreed >= rules.core_hit_weight)
        ):
            # A hit on the name alone, however common the name (the officer must see
            # it; a date of birth that disagrees can still take it below the
            # threshold): the same full name spelled the same; (v3) the whole name,
            # every part the same name in another spelling or script; (v3) a name that
            # is the other with parts added, sharing parts rare enough that a stranger
            # is unlikely to hold them all (*Dabski, Ouassim* / *Ouassim ben Lakhdar
            # Dabski*).
            z = max(z, _IDENTICAL_LOGIT)
        elif contained:
            # One name is the other with parts added (a middle or grandfather's name):
            # shown high, and a hit once anything else agrees (a year of birth).
            z = max(z, _CONTAINED_LOGIT)
        if kind is NameKind.WEAK_ALIAS:
            z -= WEAK_ALIAS_LOGIT
        if best is None or z > best[1]:
            explanation = evidence.explanation
            if kind is NameKind.WEAK_ALIAS:
                explanation += " — a weak alias (kunya or nickname)"
            feature = Feature(
                "name",
                round(2 * _sigmoid(z) - 1, 4),
                query.original,
                analysis.original,
                explanation,
            )
            best = (feature, z)
    if best is None:
        return Feature("name", -1.0, query.original, None, "no name to compare"), _NAME_FLOOR_LOGIT
    return best


def _dob_logit(agreement: float) -> float:
    """A date of birth's log-odds in v2: +4 for the same full date (two strangers of
    one name rarely share a birthday), about +2.9 for the same year and month, +1.4
    for the same year, nothing for a year apart; against, up to -3 (a namesake born
    years apart)."""
    return 4.0 * agreement**1.5 if agreement > 0 else 3.0 * agreement


def _fitted(query: Query, candidate: Candidate, rules: _NameRules) -> Scored:
    name, z = _fitted_name(query.name, candidate.names, rules)
    dob = birth_date_agreement(query.birth_date, candidate.birth_dates)
    nationality = nationality_agreement(query.nationality, candidate.nationalities)
    gender = gender_agreement(query.gender, candidate.gender)
    document = document_agreement(query.document, candidate.documents)
    z += (
        _dob_logit(dob.score)
        + 0.8 * nationality.score
        + 1.0 * gender.score
        + (12.0 * document.score if document.score > 0 else 0.5 * document.score)
    )
    value = round(_sigmoid(z), 4)
    return Scored(
        value, value >= THRESHOLD, rules.algorithm, [name, dob, document, nationality, gender]
    )


def _v2(query: Query, candidate: Candidate) -> Scored:
    return _fitted(query, candidate, _V2)


def _v3(query: Query, candidate: Candidate) -> Scored:
    return _fitted(query, candidate, _V3)


def _v4(query: Query, candidate: Candidate) -> Scored:
    return _fitted(query, candidate, _V4)


ALGORITHMS: dict[str, Callable[[Query, Candidate], Scored]] = {
    "tabadul-v1": _v1,
    "tabadul-v2": _v2,
    "tabadul-v3": _v3,
    "tabadul-v4": _v4,
}


def score(query: Query, candidate: Candidate, *, algorithm: str = DEFAULT_ALGORITHM) -> Scored:
    """Score ``candidate`` against ``query`` with a named algorithm."""
    return ALGORITHMS[algorithm](query, candidate)
