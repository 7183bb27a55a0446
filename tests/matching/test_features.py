from __future__ import annotations

import pytest

from tabadul.domain.dates import PartialDate
from tabadul.matching.features import (
    birth_date_agreement,
    document_agreement,
    gender_agreement,
    nationality_agreement,
)

D = PartialDate.parse


@pytest.mark.parametrize(
    ("query", "candidate", "sign", "words"),
    [
        ("1984-06-02", "1984-06-02", 1, "same date"),
        ("1984", "1984-06-02", 1, "same year"),
        ("1984-06", "1984-06-02", 1, "same year and month"),
        ("1984-02-06", "1984-06-02", 1, "swapped"),
        ("1985-06-02", "1984-06-02", 1, "one year apart"),
        ("1984-07-02", "1984-06-02", -1, "different month"),
        ("1984-06-03", "1984-06-02", -1, "different day"),
        ("1990", "1984-06-02", -1, "6 years apart"),
    ],
)
def test_birth_dates(query: str, candidate: str, sign: int, words: str) -> None:
    feature = birth_date_agreement(D(query), [D(candidate)])
    assert (feature.score > 0) == (sign > 0)
    assert words in feature.explanation
    assert feature.query == query and feature.candidate == candidate


def test_best_of_several_birth_dates_and_missing() -> None:
    assert birth_date_agreement(D("1984"), [D("1990"), D("1984-01-01")]).score > 0
    assert birth_date_agreement(None, [D("1984")]).score == 0


@pytest.mark.parametrize(
    ("query", "candidates", "expected"),
    [
        ("AB 123-456", ["ab123456"], 1.0),
        ("A8I23O56", ["AB123056"], 0.8),
        ("X999", ["AB123456"], -0.1),
        (None, ["AB123456"], 0.0),
    ],
)
def test_documents(query: str | None, candidates: list[str], expected: float) -> None:
    assert document_agreement(query, candidates).score == expected


def test_nationality_and_gender() -> None:
    assert nationality_agreement("dz", ["DZ", "FR"]).score > 0
    assert nationality_agreement("MA", ["DZ"]).score < 0
    assert gender_agreement("male", "female").score < -0.5
    assert gender_agreement(None, "female").score == 0
