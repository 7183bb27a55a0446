"""Members are countries, named by ISO 3166-1 alpha-2 codes (pycountry's list).

Codes are kept upper-case inside tabadul (``MA``); FollowTheMoney writes them lower-case
(``ma``), which the FtM reader and writer translate. ``XK`` (Kosovo) is accepted as the
user-assigned code most registries use.
"""

from __future__ import annotations

from functools import cache

import pycountry

__all__ = ["InvalidCountry", "country_name", "normalize_country"]

_EXTRA = {"XK": "Kosovo"}


class InvalidCountry(ValueError):
    """Raised for text that is not an ISO 3166-1 alpha-2 country code."""


@cache
def _names() -> dict[str, str]:
    names = {c.alpha_2: c.name for c in pycountry.countries}
    names.update(_EXTRA)
    return names


def normalize_country(code: str) -> str:
    """Return the upper-case ISO code, or raise :class:`InvalidCountry`."""
    value = code.strip().upper()
    if value not in _names():
        raise InvalidCountry(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return value


def country_name(code: str) -> str:
    return _names()[normalize_country(code)]
