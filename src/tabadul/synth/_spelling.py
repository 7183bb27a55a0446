"""How one Arabic name is spelled in Latin letters by each kind of registry.

A registry does not transliterate: it spells a name the way its clerks always have.
The generator knows five conventions (a *style*), chosen per writing agency:

``fr``
    French-style, the Maghreb (and francophone Djibouti and the Comoros): *Youssef*,
    *Abdelkader*, *Ben*, *Ould*, sun letters assimilated (*Abderrahmane*).
``sahel``
    French-style as written in Mali, Niger and Chad: *Mahamadou*, *Oumar*, *Boubacar*.
    Defaults to the ``fr`` spelling.
``en``
    English-style: *Yusuf*, *Abd al-Qadir*, *bin*. Libya, Sudan, Ethiopia, Eritrea and
    the secretariat.
``eg``
    Egyptian: English-style, but *g* for jim (*Gamal*, *Ragab*) and *Abdel Rahman*.
    Derived from the ``en`` spelling unless a table says otherwise.
``so``
    Somali passport spelling: *Abdirahman*, *Abdiqadir*, *Mohamed*. Derived from ``en``.

On top of the style, a spelling can differ per country (Algeria writes *Youcef* where
Morocco writes *Youssef*); those local forms win.

Name tables are written one name a line, ``arabic | french | english | extras``, where
``extras`` is a ``;``-separated list of ``key=value``: ``eg=``, ``sahel=``, ``so=`` give a
style's spelling, ``DZ=`` (any upper-case ISO code) a country's, and ``@=SO DJ`` limits a
given name to persons of those nationalities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["STYLES", "Spelled", "Style", "parse_table"]

Style = Literal["fr", "sahel", "en", "eg", "so"]
STYLES: tuple[Style, ...] = ("fr", "sahel", "en", "eg", "so")

_ABD_AL = re.compile(r"^Abd al-(\w+)(.*)$")
_AL = re.compile(r"(^|\s)al-(\w)")


@dataclass(frozen=True, slots=True)
class Spelled:
    """A name in Arabic script with its Latin spellings per style and per country."""

    arabic: str
    styles: dict[str, str]
    local: dict[str, str] = field(default_factory=dict)
    only: frozenset[str] = frozenset()

    def latin(self, style: Style, country: str) -> str:
        """The spelling a registry of ``style`` in ``country`` would use."""
        return self.local.get(country) or self.styles[style]

    def fits(self, nationality: str) -> bool:
        """Whether the name is given to persons of ``nationality``."""
        return not self.only or nationality in self.only


def _egyptian(english: str) -> str:
    """``Abd al-Rahman`` → ``Abdel Rahman``, ``al-Sayyid`` → ``El-Sayyid``, j → g."""
    text = _ABD_AL.sub(lambda m: f"Abdel {m.group(1)}{m.group(2)}", english)
    text = _AL.sub(lambda m: f"{m.group(1)}El-{m.group(2).upper()}", text)
    return text.replace("j", "g").replace("J", "G")


def _somali(english: str) -> str:
    """``Abd al-Rahman`` → ``Abdirahman``; otherwise the English spelling."""
    return _ABD_AL.sub(lambda m: f"Abdi{m.group(1).lower()}{m.group(2)}", english)


def parse_table(text: str) -> tuple[Spelled, ...]:
    """Parse a name table (format in the module docstring); blank lines and ``#`` lines
    are skipped. Raises ``ValueError`` on a malformed line, naming it."""
    entries: list[Spelled] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) not in (3, 4) or not all(cells[:3]):
            raise ValueError(f"malformed name line: {line!r}")
        arabic, french, english = cells[:3]
        styles: dict[str, str] = {
            "fr": french,
            "sahel": french,
            "en": english,
            "eg": _egyptian(english),
            "so": _somali(english),
        }
        local: dict[str, str] = {}
        only: frozenset[str] = frozenset()
        extras = cells[3] if len(cells) == 4 else ""
        for item in filter(None, (part.strip() for part in extras.split(";"))):
            key, sep, value = item.partition("=")
            key, value = key.strip(), value.strip()
            if not sep or not value:
                raise ValueError(f"malformed extra {item!r} in {line!r}")
            if key == "@":
                only = frozenset(value.split())
            elif key in STYLES:
                styles[key] = value
            elif len(key) == 2 and key.isupper():
                local[key] = value
            else:
                raise ValueError(f"unknown key {key!r} in {line!r}")
        entries.append(Spelled(arabic, styles, local, only))
    return tuple(entries)
