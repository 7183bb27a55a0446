"""Travel-document numbers, normalised for exact lookup."""

from __future__ import annotations

import re

__all__ = ["normalize_document_number"]

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def normalize_document_number(number: str) -> str:
    """Upper-case, with spaces, dashes and other separators removed: ``ab-123 456`` and
    ``AB123456`` are the same number. (Look-alike confusions such as O/0 are a matter of
    scoring, not of identity, and are left to the screening code.)"""
    return _NOT_ALNUM.sub("", number.upper())
