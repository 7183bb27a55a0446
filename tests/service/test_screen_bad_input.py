"""Bad input to screening (issue 4): every refusal names the query and the field, and
input that only looks odd — marks of writing direction, mixed scripts, tabs — is
screened like the plain name it stands for. Never a crash, never a silent empty result.

The tables here are shared with the CLI and API tests of the same name.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from tabadul.domain.enums import Purpose
from tabadul.model.records import NameIn, PersonIn
from tabadul.service import InvalidInput, Tabadul
from tabadul.service.screening import ScreenQuery, invalid_query
from tests.factory import World, world
from tests.service.test_screening import cheikh

BORDER = Purpose.BORDER_CONTROL

# (case, query fields, the field at fault, words the message must contain)
REFUSED: list[tuple[str, dict[str, Any], str, str]] = [
    ("empty name", {"name": ""}, "name", "at least"),
    ("whitespace name", {"name": " \t\n\u00a0\u3000 "}, "name", "letter"),
    ("only direction marks", {"name": "\u200f\u200e\u2067\u2069"}, "name", "letter"),
    ("digits only", {"name": "1985 42"}, "name", "letter"),
    ("thousands of characters", {"name": "Youcef Haddad " * 400}, "name", "400"),
    ("one word of 5000 letters", {"name": "x" * 5000}, "name", "400"),
    ("NUL in the name", {"name": "Youcef\x00Haddad"}, "name", "control character"),
    ("terminal escape", {"name": "\x1b[31mYoucef Haddad"}, "name", "control character"),
    ("bell", {"name": "Youcef\x07 Haddad"}, "name", "control character"),
    ("name not text", {"name": 42}, "name", "string"),
    ("no name", {"birthDate": "1979"}, "name", "required"),
    ("month 13, day 45", {"name": "Ali Haddad", "birthDate": "1985-13-45"}, "birthDate", "13"),
    ("30 February", {"name": "Ali Haddad", "birthDate": "1985-02-30"}, "birthDate", "day 30"),
    ("day first", {"name": "Ali Haddad", "birthDate": "14/03/1979"}, "birthDate", "YYYY"),
    ("year 985", {"name": "Ali Haddad", "birthDate": "0985"}, "birthDate", "1800"),
    ("date as a number", {"name": "Ali Haddad", "birthDate": 1979}, "birthDate", "string"),
    ("unknown country", {"name": "Ali Haddad", "nationality": "QQ"}, "nationality", "QQ"),
    ("alpha-3 code", {"name": "Ali Haddad", "nationality": "DZA"}, "nationality", "DZA"),
    ("country name", {"name": "Ali Haddad", "nationality": "Algeria"}, "nationality", "alpha-2"),
    ("NUL in document", {"name": "Ali", "document": "B01\x00234"}, "document", "control"),
    ("unknown field", {"name": "Ali Haddad", "dob": "1979"}, "dob", "not permitted"),
]
REFUSED_IDS = [case for case, *_ in REFUSED]

# Names that must screen exactly like the plain name (same results, same scores).
SAME_AS_PLAIN: list[tuple[str, str, str]] = [
    ("RLM around", "\u200fمحمد ولد الشيخ\u200f", "محمد ولد الشيخ"),
    ("RLM and LRM inside", "Mohamed\u200e Ould\u200f Cheikh", "Mohamed Ould Cheikh"),
    ("directional isolates", "\u2067محمد ولد الشيخ\u2069", "محمد ولد الشيخ"),
    ("embedding and override", "\u202bمحمد\u202c \u202eولد الشيخ\u202c", "محمد ولد الشيخ"),
    ("byte-order mark", "\ufeffYoucef Haddad", "Youcef Haddad"),
    ("tab between words", "Youcef\tHaddad", "Youcef Haddad"),
    ("line break between words", "Youcef\r\nHaddad", "Youcef Haddad"),
    ("non-breaking spaces", "Youcef\u00a0\u00a0Haddad", "Youcef Haddad"),
    ("spaces around", "   Youcef Haddad  ", "Youcef Haddad"),
]

# Mixed scripts in one name: screened, and the person comes first — a hit where the
# name is one spelling half in each script; whether a name written twice over (both
# spellings one after the other) is a hit is the scorer's calibration to decide.
MIXED: list[tuple[str, str, str, bool]] = [
    ("Latin given name, Arabic family name", "Mohamed ولد الشيخ", "p-1", True),
    ("Arabic given name, Latin family name", "محمد Ould Cheikh", "p-1", True),
    ("both spellings one after the other", "Youcef يوسف Haddad", "p-2", False),
]


def setup(app: Tabadul) -> World:
    """p-1: Mohamed Ould Cheikh (also محمد ولد الشيخ); p-2: Youcef Haddad."""
    w = world(app)
    app.records.save(w.dz_bureau, cheikh(), create=True)
    app.records.save(
        w.dz_bureau,
        PersonIn(external_id="p-2", names=[NameIn(full_name="Youcef Haddad")]),
        create=True,
    )
    return w


def field_of(loc: tuple[str | int, ...]) -> str:
    return str(loc[-1])


@pytest.mark.parametrize(("case", "fields", "field", "words"), REFUSED, ids=REFUSED_IDS)
def test_refused_naming_the_query_and_the_field(
    case: str, fields: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        ScreenQuery.model_validate({"id": "passenger-7", **fields})
    error = invalid_query(exc.value, "passenger-7")
    assert isinstance(error, InvalidInput)
    [first, *_] = error.errors
    assert first.loc == ("passenger-7", field), error
    assert words.lower() in first.message.lower(), first.message
    assert not first.message.startswith("Value error"), first.message
    assert len(first.message) < 300, "the message echoes too much of the input"


def test_invisible_marks_and_odd_spacing_screen_like_the_plain_name(app: Tabadul) -> None:
    w = setup(app)

    def screened(name: str) -> list[tuple[str, float | None, bool]]:
        results = app.screening.screen(w.ma_officer, ScreenQuery(name=name), purpose=BORDER)
        return [(r.record_id, r.score, r.hit) for r in results]

    for case, name, plain in SAME_AS_PLAIN:
        odd = screened(name)
        assert odd, f"{case}: a silent empty result"
        assert odd == screened(plain), case


def test_mixed_scripts_in_one_name_are_screened(app: Tabadul) -> None:
    w = setup(app)
    for case, name, record_id, must_hit in MIXED:
        [top, *_] = app.screening.screen(w.ma_officer, ScreenQuery(name=name), purpose=BORDER)
        assert top.record_id == record_id, (case, top)
        assert top.hit or not must_hit, (case, top.score, top.explanation)


def test_blank_optional_fields_mean_not_given(app: Tabadul) -> None:
    w = setup(app)
    query = ScreenQuery.model_validate(
        {"name": "Youcef Haddad", "birthDate": " ", "nationality": "", "document": "  "}
    )
    assert (query.birth_date, query.nationality, query.document) == (None, None, None)
    [top] = app.screening.screen(w.ma_officer, query, purpose=BORDER)
    assert top.record_id == "p-2"


def test_the_longest_allowed_name_is_screened(app: Tabadul) -> None:
    """Four hundred characters of many short parts: answered, and quickly."""
    w = setup(app)
    name = ("Youcef Haddad " + "Ab " * 200)[:400]
    results = app.screening.screen(w.ma_officer, ScreenQuery(name=name), purpose=BORDER)
    assert all(r.record_id in {"p-1", "p-2"} for r in results)


def test_a_lower_case_country_is_read_as_its_code() -> None:
    assert ScreenQuery(name="Ali Haddad", nationality=" mr ").nationality == "MR"
