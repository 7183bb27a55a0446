"""Which writing system a name is written in."""

from __future__ import annotations

import re

from tabadul.domain.enums import Script

__all__ = ["detect_script"]

# Letters (str.isalpha: Unicode categories L*) by script: Arabic blocks (with the
# supplement, extended-A and the presentation forms), Latin (Basic Latin to Latin
# Extended-B and Latin Extended Additional).
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_LATIN = "\u0000-\u024f\u1e00-\u1eff"
_ARABIC_CHARS = re.compile(f"[{_ARABIC}]+")
_LATIN_CHARS = re.compile(f"[{_LATIN}]+")
_OTHER_CHARS = re.compile(f"[^{_ARABIC}{_LATIN}]+")


def _has_letter(pattern: re.Pattern[str], text: str) -> bool:
    return any(ch.isalpha() for run in pattern.findall(text) for ch in run)


def detect_script(text: str) -> Script:
    """The script of the letters in ``text``: Arabic, Latin, mixed when both occur (or
    one of them with letters of another script), other when the letters are of neither
    (or there are no letters)."""
    if text.isascii():  # most Latin-script names: one pass in C
        return Script.LATIN if any(ch.isalpha() for ch in text) else Script.OTHER
    arabic = _has_letter(_ARABIC_CHARS, text)
    latin = _has_letter(_LATIN_CHARS, text)
    if arabic and latin:
        return Script.MIXED
    if arabic or latin:
        if _has_letter(_OTHER_CHARS, text):
            return Script.MIXED
        return Script.ARABIC if arabic else Script.LATIN
    return Script.OTHER
