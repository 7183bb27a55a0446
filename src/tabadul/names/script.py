"""Which writing system a name is written in."""

from __future__ import annotations

import unicodedata

from tabadul.domain.enums import Script

__all__ = ["detect_script"]


def _letter_script(char: str) -> Script:
    code = ord(char)
    if (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    ):
        return Script.ARABIC
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return Script.LATIN
    return Script.OTHER


def detect_script(text: str) -> Script:
    """The script of the letters in ``text``: Arabic, Latin, mixed when both occur, other
    when the letters are of neither (or there are no letters)."""
    seen: set[Script] = set()
    for char in text:
        if unicodedata.category(char).startswith("L"):
            seen.add(_letter_script(char))
    if not seen:
        return Script.OTHER
    if Script.ARABIC in seen and Script.LATIN in seen:
        return Script.MIXED
    if len(seen) == 1:
        return seen.pop()
    return Script.MIXED if (Script.ARABIC in seen or Script.LATIN in seen) else Script.OTHER
