"""The screening page reads every reason the scorer writes, and says it in the
officer's language: a change of the scorer's wording that the page no longer
understands fails here, not in front of an officer."""

from __future__ import annotations

import itertools

import pytest

from tabadul.domain.dates import PartialDate
from tabadul.domain.enums import NameKind
from tabadul.matching.features import (
    birth_date_agreement,
    document_agreement,
    gender_agreement,
    nationality_agreement,
)
from tabadul.matching.scoring import ALGORITHMS, Candidate, Query, score
from tabadul.names import analyze
from tabadul.web.explain import read_reason
from tabadul.web.i18n import translations

# Invented names, chosen to make the scorer use each of its reasons: same spelling,
# known and rule-made spellings, a compound written as one word or two, particles,
# vowels, close and different spellings, contradicted readings, a weak alias.
NAMES = [
    "Youcef Ben Amrani",
    "يوسف بن عمراني",
    "Yusuf bin Imrani",
    "Abdelkader Ould Cheikh",
    "عبد القادر ولد الشيخ",
    "Abd al-Qadir walad al-Shaykh",
    "Gholamreza Tahiri",
    "Gholam Reza Taheri",
    "Mahmoud Saidi",
    "محمد السعيدي",
    "Said Sayed",
    "Sayed Said",
    "Djamel Bouzid",
    "Jamal Abouzeid",
    "Kamel Masoud",
    "Kamal Masud",
    "Zorbek Dabski",
    "Abou Bakr Hilali",
    "Aboubakr El Hilali",
]


def _lines() -> list[str]:
    lines: set[str] = set()
    for algorithm in ALGORITHMS:
        for query, record in itertools.permutations(NAMES, 2):
            for kind in (NameKind.PRIMARY, NameKind.WEAK_ALIAS):
                scored = score(
                    Query(analyze(query)),
                    Candidate([(analyze(record), kind)]),
                    algorithm=algorithm,
                )
                lines.update(scored.explanation)
    born = PartialDate.parse
    for q, c in [
        ("1984-06-02", "1984-06-02"),
        ("1984-06-02", "1984-02-06"),
        ("1984-06-02", "1984-07-02"),
        ("1984-06-02", "1984-06-09"),
        ("1984-06", "1984-06-09"),
        ("1984", "1984-06-09"),
        ("1985", "1984"),
        ("1990", "1984"),
        ("2010", "1960"),
    ]:
        lines.add(birth_date_agreement(born(q), [born(c)]).explanation)
    lines.add(birth_date_agreement(None, [born("1984")]).explanation)
    lines.add(nationality_agreement("DZ", ["DZ"]).explanation)
    lines.add(nationality_agreement("DZ", ["MA", "TN"]).explanation)
    lines.add(nationality_agreement(None, ["MA"]).explanation)
    lines.add(gender_agreement("male", "male").explanation)
    lines.add(gender_agreement("male", "female").explanation)
    lines.add(gender_agreement(None, "female").explanation)
    lines.add(document_agreement("AB123456", ["AB 123 456"]).explanation)
    lines.add(document_agreement("AB1O3456", ["AB103456"]).explanation)
    lines.add(document_agreement("AB123456", ["XY999999"]).explanation)
    lines.add(document_agreement(None, ["XY999999"]).explanation)
    return sorted(lines)


LINES = _lines()


def test_the_names_exercise_the_scorers_reasons() -> None:
    said = "\n".join(LINES)
    for phrase in [
        "same spelling",
        "known spelling",
        "written as one word",
        "not in the record",
        "only in the record",
        "weak alias",
        "day and month swapped",
        "years apart",
        "look-alike",
    ]:
        assert phrase in said, phrase


@pytest.mark.parametrize("line", LINES)
def test_every_reason_is_understood(line: str) -> None:
    reason = read_reason(line, translations("en").gettext)
    assert reason.understood, line


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_reasons_are_said_in_the_language_with_the_names_as_recorded(lang: str) -> None:
    gettext = translations(lang).gettext
    reason = read_reason(
        "يوسف ~ Youcef: same name (known spelling) (only in the record: Amrani)", gettext
    )
    assert reason.understood
    (pair,) = reason.pairs
    assert (pair.a, pair.sign, pair.b) == ("يوسف", "~", "Youcef")
    assert pair.why != "same name, a known spelling"  # translated
    assert reason.only_in_record == ["Amrani"]


def test_an_unknown_line_is_shown_as_written() -> None:
    reason = read_reason("something the scorer never said", translations("en").gettext)
    assert not reason.understood
    assert reason.text == "something the scorer never said"
