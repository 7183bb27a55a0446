"""The three languages are complete: every string of a template or of the web code has
a translation in Arabic, French and English, with the same placeholders, and every
value of every vocabulary has a label. Add a string, run ``scripts/translations``,
translate it in the three catalogues, and this passes again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tabadul.web.i18n import LANGUAGES, catalogue_path
from tabadul.web.labels import VOCABULARIES

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "src" / "tabadul" / "web"
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _method_map() -> list[tuple[str, str]]:
    """The extraction's sources, as babel.cfg names them."""
    methods = []
    for section in re.findall(r"^\[(\w+): ([^\]]+)\]", (ROOT / "babel.cfg").read_text(), re.M):
        methods.append((section[1].strip(), section[0]))
    assert methods, "babel.cfg names no sources"
    return methods


def _source_messages() -> dict[str, str]:
    """Every message of the web code and templates -> where it is (file:line)."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(WEB),
        method_map=_method_map(),
        options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n"}},
        keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None},
    ):
        ids = message if isinstance(message, tuple) else (message,)
        for msgid in ids:
            if msgid:
                found.setdefault(msgid, f"{filename}:{lineno}")
    return found


SOURCE = _source_messages()


def test_the_sources_have_strings() -> None:
    assert len(SOURCE) > 100
    assert "Screen a person" in SOURCE


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_is_translated(lang: str) -> None:
    with catalogue_path(lang).open("rb") as f:
        catalogue = read_po(f, locale=lang)
    missing = []
    for msgid, where in sorted(SOURCE.items()):
        message = catalogue.get(msgid)
        if message is None or not message.string or message.fuzzy:
            missing.append(f"{where}: {msgid!r}")
    assert not missing, f"{len(missing)} strings without a {lang} translation:\n" + "\n".join(
        missing[:40]
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_their_placeholders(lang: str) -> None:
    with catalogue_path(lang).open("rb") as f:
        catalogue = read_po(f, locale=lang)
    wrong = [
        m.id
        for m in catalogue
        if m.id
        and m.string
        and set(_PLACEHOLDER.findall(str(m.id))) != set(_PLACEHOLDER.findall(str(m.string)))
    ]
    assert not wrong, wrong


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_every_vocabulary_value_has_a_label(name: str) -> None:
    enum, labels = VOCABULARIES[name]
    if enum is str:
        return  # a Literal's values, listed by hand beside it
    assert set(labels) == {v.value for v in enum}, name  # type: ignore[attr-defined]
