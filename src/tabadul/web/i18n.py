"""The web interface's languages: Arabic (right to left), French and English.

Strings live in standard gettext catalogues, one per language, at
``locale/<lang>/LC_MESSAGES/messages.po``: extracted with Babel (``babel.cfg`` at the
project root names the sources), translated by people, and read here at start-up. The
``.po`` files are compiled in memory, so no compiled ``.mo`` file is kept in the
repository or can fall out of step with its source. ``tests/web/test_catalogues.py``
fails when a string of a template or of the web code has no translation in one of the
three.

Numbers and dates are written by Babel in the language's own forms (Arabic month
names, French "7 mars 1985"), with Western digits in every language: they are what the
Maghreb writes, and what passports and travel documents carry, so an officer compares
them at a glance with the document in hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from io import BytesIO
from pathlib import Path

import pycountry
from babel import Locale
from babel.dates import format_datetime, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

from tabadul.domain.dates import PartialDate
from tabadul.service.directory import LANGUAGES

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "Language",
    "best_language",
    "countries",
    "country_names",
    "formatters",
    "language",
    "translations",
]

LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, as the switcher shows it
    direction: str  # "rtl" or "ltr"


_LANGUAGES = {
    "ar": Language("ar", "العربية", "rtl"),
    "fr": Language("fr", "Français", "ltr"),
    "en": Language("en", "English", "ltr"),
}
assert tuple(_LANGUAGES) == LANGUAGES


def language(code: str) -> Language:
    return _LANGUAGES.get(code, _LANGUAGES[DEFAULT_LANGUAGE])


def N_(message: str) -> str:
    """Marks a string in Python code for the catalogues; it is translated where it is
    shown (``_(message)`` in a template)."""
    return message


def best_language(accept_language: str | None) -> str:
    """The first of the browser's languages that tabadul speaks (``Accept-Language``),
    or English."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    weighted: list[tuple[float, int, str]] = []
    for position, item in enumerate(accept_language.split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        code = tag.strip().lower().split("-")[0]
        if code in _LANGUAGES and quality > 0:
            weighted.append((-quality, position, code))
    return min(weighted)[2] if weighted else DEFAULT_LANGUAGE


def catalogue_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / "messages.po"


@cache
def translations(code: str) -> Translations:
    """The language's catalogue, compiled in memory (fuzzy entries are not used)."""
    with catalogue_path(code).open("rb") as source:
        catalogue = read_po(source, locale=code)
    compiled = BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled)


def formatters(code: str) -> dict[str, Callable[..., str]]:
    """The template filters that write numbers and dates in ``code``'s forms."""

    def number(value: float | int) -> str:
        return str(format_decimal(value, locale=code))

    def percent(value: float) -> str:
        return str(format_percent(value, locale=code))

    def partial_date(value: str | date | None) -> str:
        """A date at its precision: ``1985``, ``March 1985`` or ``7 March 1985``."""
        if value is None or value == "":
            return ""
        if isinstance(value, date):
            return str(format_skeleton("yMMMd", value, locale=code))
        try:
            parsed = PartialDate.parse(value)
        except ValueError:
            return str(value)
        if parsed.month is None:
            return str(parsed.year)
        if parsed.day is None:
            return str(format_skeleton("yMMM", date(parsed.year, parsed.month, 1), locale=code))
        return str(
            format_skeleton("yMMMd", date(parsed.year, parsed.month, parsed.day), locale=code)
        )

    def moment(value: datetime | None) -> str:
        if value is None:
            return ""
        return str(format_datetime(value, "medium", tzinfo=None, locale=code))

    names = country_names(code)

    def country(value: str | None) -> str:
        """A country's name in the language (its code when it has none)."""
        if not value:
            return ""
        return names.get(value.upper(), value)

    return {
        "number": number,
        "percent": percent,
        "date": partial_date,
        "moment": moment,
        "country": country,
    }


@cache
def country_names(code: str) -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> the country's name in the language (CLDR, by Babel)."""
    territories = Locale.parse(code).territories
    return {c.alpha_2: str(territories.get(c.alpha_2, c.name)) for c in pycountry.countries}


def countries(code: str) -> list[tuple[str, str]]:
    """Every country as (code, name), in the language's alphabetical order of names."""
    return sorted(country_names(code).items(), key=lambda item: item[1])
