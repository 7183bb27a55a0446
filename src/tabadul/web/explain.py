"""A screening's reasons, in the officer's language.

The scorer writes each reason as one English line (the API, the CLI and the audit
carry it so; see ``tabadul.matching``). The web interface reads those lines back into
their pieces — which two spellings were compared, with which sign (``=`` the same,
``~`` alike, ``≠`` different) and why — and says the why in the officer's language,
leaving the names and values as they were recorded. The name on each side is shown
isolated in its own script, so an Arabic part and its Latin spelling read the same way
round in every language.

The lines come from a small grammar: the phrases below are every phrase the scorer
writes. ``tests/web/test_explain.py`` screens real names and fails when a line is not
understood, so a change of wording in the scorer cannot reach officers untranslated
unnoticed; a line that is not understood is still shown, as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tabadul.web.i18n import N_

__all__ = ["Compared", "Reason", "read_reason"]

Translate = Callable[..., str]

_WEAK_ALIAS = " — a weak alias (kunya or nickname)"
_PAIR = re.compile(r"^(?P<a>.+?) (?P<sign>[=~≠]) (?P<b>.+?): (?P<why>.+)$")
_NOTES = re.compile(r"^(?P<main>.*) \((?P<notes>(?:not in the record|only in the record): .*)\)$")

# why -> message; the values in braces are taken from the line.
_FIXED = {
    "same particle": N_("same particle"),
    "not the same particle": N_("not the same particle"),
    "same spelling": N_("same spelling"),
    "same name (known spelling)": N_("same name, a known spelling"),
    "same name (Arabic spelling)": N_("same name in Arabic script"),
    "same name (spelling variants)": N_("same name, another spelling"),
    "same name (Arabic spelling, less usual reading)": N_(
        "same name in Arabic script, by a less usual reading"
    ),
    "same name (spelling variants, less usual reading)": N_(
        "same name, another spelling by a less usual reading"
    ),
    "same consonants, different vowels": N_("same consonants, different vowels"),
    "different names": N_("different names"),
    "day and month swapped": N_("day and month swapped"),
    "different month": N_("different month"),
    "different day": N_("different day"),
    "same year and month": N_("same year and month"),
    "same year of birth": N_("same year of birth"),
    "one year apart": N_("one year apart"),
    "same number but for look-alike characters (O/0, I/1)": N_(
        "same number but for look-alike characters (O/0, I/1)"
    ),
}
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^same name \(both spell (?P<arabic>.+)\)$"),
        N_("same name: both spell %(arabic)s"),
    ),
    (re.compile(r"^close spelling \((?P<score>[0-9.]+)\)$"), N_("close spelling")),
    (re.compile(r"^(?P<gap>\d+) years apart$"), N_("%(gap)s years apart")),
    (
        re.compile(
            r"^possible spelling, but (?P<a>.+?) usually spells (?P<x>[^,]+), "
            r"(?P<b>.+?) (?P<y>\S+)$"
        ),
        N_("possible spelling, but %(a)s usually spells %(x)s and %(b)s %(y)s"),
    ),
    (
        re.compile(r"^possible spelling, but (?P<a>.+?) usually spells (?P<x>.+)$"),
        N_("possible spelling, but %(a)s usually spells %(x)s"),
    ),
)
_JOINED = {
    ", written as one word": N_("written as one word"),
    ", written as two words": N_("written as two words"),
}
# Whole lines without a pair of values.
_LINES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^no part of the names agrees$"), N_("no part of the names agrees")),
    (re.compile(r"^no name to compare$"), N_("no name to compare")),
    (re.compile(r"^the record has no name$"), N_("the record has no name")),
    (re.compile(r"^same date of birth (?P<value>.+)$"), N_("same date of birth: %(value)s")),
    (re.compile(r"^same nationality (?P<value>.+)$"), N_("same nationality: %(value)s")),
    (
        re.compile(r"^nationality (?P<value>\S+) not among (?P<listed>.+)$"),
        N_("nationality %(value)s is not among %(listed)s"),
    ),
    (re.compile(r"^same gender \((?P<value>.+)\)$"), N_("same gender")),
    (re.compile(r"^gender (?P<a>\S+) ≠ (?P<b>\S+)$"), N_("different gender")),
    (
        re.compile(r"^same document number (?P<value>.+)$"),
        N_("same document number: %(value)s"),
    ),
    (re.compile(r"^different document numbers$"), N_("different document numbers")),
    (re.compile(r"^no date of birth to compare$"), N_("no date of birth to compare")),
    (re.compile(r"^no document number to compare$"), N_("no document number to compare")),
    (re.compile(r"^no nationality to compare$"), N_("no nationality to compare")),
    (re.compile(r"^no gender to compare$"), N_("no gender to compare")),
)


@dataclass(frozen=True)
class Compared:
    """Two values compared (``a`` from the query, ``b`` from the record) and why they
    agree or not, said in the officer's language."""

    a: str
    sign: str
    b: str
    why: str


@dataclass(frozen=True)
class Reason:
    """One line of a result's explanation. ``understood`` is false for a line the
    grammar above does not know; ``text`` is then the line as the scorer wrote it."""

    text: str
    pairs: list[Compared] = field(default_factory=list)
    not_in_record: list[str] = field(default_factory=list)
    only_in_record: list[str] = field(default_factory=list)
    weak_alias: bool = False
    understood: bool = True


def _why(why: str, gettext: Translate) -> str | None:
    joined = ""
    for suffix, message in _JOINED.items():
        if why.endswith(suffix):
            why, joined = why.removesuffix(suffix), gettext(message)
            break
    said: str | None = None
    if why in _FIXED:
        said = gettext(_FIXED[why])
    else:
        for pattern, message in _PATTERNS:
            if found := pattern.match(why):
                said = gettext(message) % found.groupdict()
                break
    if said is None:
        return None
    return f"{said}, {joined}" if joined else said


def read_reason(line: str, gettext: Translate) -> Reason:
    """One explanation line, read into its pieces and said with ``gettext``."""
    for pattern, message in _LINES:
        if found := pattern.match(line):
            return Reason(gettext(message) % found.groupdict())
    text = line
    weak = text.endswith(_WEAK_ALIAS)
    text = text.removesuffix(_WEAK_ALIAS)
    not_in: list[str] = []
    only_in: list[str] = []
    if found := _NOTES.match(text):
        text = found.group("main")
        for note in found.group("notes").split("; "):
            label, _, values = note.partition(": ")
            (not_in if label == "not in the record" else only_in).extend(values.split(", "))
    if text == "no part of the names agrees":
        return Reason(
            gettext(_LINES[0][1]), not_in_record=not_in, only_in_record=only_in, weak_alias=weak
        )
    pairs: list[Compared] = []
    for piece in text.split("; "):
        pair = _PAIR.match(piece)
        why = _why(pair.group("why"), gettext) if pair else None
        if pair is None or why is None:
            return Reason(line, understood=False)
        pairs.append(Compared(pair.group("a"), pair.group("sign"), pair.group("b"), why))
    return Reason("", pairs=pairs, not_in_record=not_in, only_in_record=only_in, weak_alias=weak)
