"""Folding names for comparison: case, Latin diacritics, Arabic letter variants."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "tokens"]

_ARABIC = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ـ": None,  # tatweel
        "ک": "ك",
        "ی": "ي",
        "ي": "ي",
    }
)
_NOT_LETTER = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, without Latin diacritics or Arabic vowel marks, with the Arabic
    letter variants a registry writes interchangeably (hamza forms of alef, ta
    marbuta, alef maqsura, tatweel, Persian kaf and yeh) made one."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).translate(_ARABIC)


def tokens(text: str) -> list[str]:
    """The folded words of a name, in order."""
    return [t for t in _NOT_LETTER.split(fold(text)) if t and t != "_"]
