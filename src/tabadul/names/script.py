"""Which writing system a name is written in."""

from __future__ import annotations

import re
from functools import lru_cache

from tabadul.domain.enums import Script

__all__ = ["detect_script"]

# Letters (str.isalpha: Unicode categories L*) by script: Arabic blocks (with the
# supplement, extended-A and the presentation forms), Latin (Basic Latin to Latin
# Extended-B and Latin Extended Additional).
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_LATIN = "\u0000-\u024f\u1e00-\u1eff"
_ARABIC_CHAR = re.compile(f"[{_ARABIC}]")
_LATIN_CHAR = re.compile(f"[{_LATIN}]")
# What a character is: not a letter, or a letter of the Arabic, Latin or another script.
_NOT_LETTER, _ARABIC_LETTER, _LATIN_LETTER, _OTHER_LETTER = range(4)


@lru_cache(maxsize=1 << 12)
def _kind(ch: str) -> int:
    if not ch.isalpha():
        return _NOT_LETTER
    if _ARABIC_CHAR.match(ch):
        return _ARABIC_LETTER
    return _LATIN_LETTER if _LATIN_CHAR.match(ch) else _OTHER_LETTER


def detect_script(text: str) -> Script:
    """The script of the letters in ``text``: Arabic, Latin, mixed when both occur (or
    one of them with letters of another script), other when the letters are of neither
    (or there are no letters)."""
    if text.isascii():  # most Latin-script names: one pass in C
        return Script.LATIN if any(ch.isalpha() for ch in text) else Script.OTHER
    kinds = {_kind(ch) for ch in set(text)}  # each character told once
    arabic = _ARABIC_LETTER in kinds
    latin = _LATIN_LETTER in kinds
    if arabic and latin:
        return Script.MIXED
    if arabic or latin:
        if _OTHER_LETTER in kinds:
            return Script.MIXED
        return Script.ARABIC if arabic else Script.LATIN
    return Script.OTHER
