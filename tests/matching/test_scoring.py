"""The default scorer's decisions an officer relies on, case by case."""

from __future__ import annotations

import pytest

from tabadul.domain.dates import PartialDate
from tabadul.domain.enums import NameKind
from tabadul.matching.scoring import ALGORITHMS, DEFAULT_ALGORITHM, Candidate, Query, score
from tabadul.names import analyze


def _score(query: str, record: str, dob: str | None = None, record_dob: str = "1979-03-14"):
    return score(
        Query(analyze(query), birth_date=PartialDate.parse(dob) if dob else None),
        Candidate(
            [(analyze(record), NameKind.PRIMARY)], birth_dates=[PartialDate.parse(record_dob)]
        ),
    )


def test_both_versions_stay_registered_and_v2_is_the_default() -> None:
    assert {"tabadul-v1", "tabadul-v2"} <= set(ALGORITHMS)
    assert DEFAULT_ALGORITHM == "tabadul-v2"
    assert _score("Youcef Haddad", "Youcef Haddad").algorithm == "tabadul-v2"


@pytest.mark.parametrize(
    ("query", "record"),
    [
        ("Youcef Haddad", "Youcef Karim Haddad"),
        ("Youcef Karim Haddad", "Youcef Haddad"),
        ("Youcef Haddad", "يوسف كريم حداد"),
    ],
)
def test_a_missing_middle_name_ranks_high_and_a_year_of_birth_makes_it_a_hit(
    query: str, record: str
) -> None:
    name_only = _score(query, record)
    assert name_only.score >= 0.6 and not name_only.hit
    assert _score(query, record, dob="1979").hit
    assert not _score(query, record, dob="1960").hit  # a namesake born 19 years apart


def test_the_same_full_name_is_a_hit_on_the_name_alone_but_not_against_another_birth() -> None:
    assert _score("Mohamed Abdallah", "Mohamed Abdallah").hit
    assert not _score("Mohamed Abdallah", "Mohamed Abdallah", dob="1950-01-01").hit


def test_a_full_date_of_birth_outweighs_a_weak_name_and_a_stranger_stays_out() -> None:
    assert _score("Youcef Haddad", "Yusuf al-Haddad", dob="1979-03-14").hit
    assert not _score("Youcef Haddad", "Karim Benali", dob="1979-03-14").hit


def test_a_one_part_name_alone_is_not_a_hit() -> None:
    assert not _score("Mohamed", "Mohamed").hit


@pytest.mark.parametrize(
    ("query", "record", "said"),
    [
        ("Gholam Reza Aghazadeh", "Gholamreza Aghazadeh", "written as one word"),
        ("Sidimohamed Ould Cheikh", "Sidi Mohamed Ould Cheikh", "written as two words"),
        ("Mohamed Lamine Diallo", "Mohamedlamine Diallo", "written as one word"),
    ],
)
def test_a_name_written_as_one_word_or_two_is_one_name(query: str, record: str, said: str) -> None:
    result = _score(query, record)
    assert result.hit, result.explanation
    assert said in result.explanation[0]
    assert "not in the record" not in result.explanation[0]
