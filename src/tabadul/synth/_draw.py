"""Small drawing helpers for the generator: weighted choices, dates, number series.

All take an explicit ``random.Random``; nothing here touches the global generator.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Generic, TypeVar

__all__ = ["NumberSeries", "Weighted", "between", "partial", "years_before"]

T = TypeVar("T")

_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"  # no I, O, Q: as on most travel documents


class Weighted(Generic[T]):
    """A fixed weighted choice, drawn in O(log n)."""

    __slots__ = ("_cum", "_values")

    def __init__(self, weights: Mapping[T, float] | Iterable[tuple[float, T]]) -> None:
        pairs = [(w, v) for v, w in weights.items()] if isinstance(weights, Mapping) else weights
        self._values: list[T] = []
        cum: list[float] = []
        for weight, value in pairs:
            self._values.append(value)
            cum.append(weight)
        self._cum = list(itertools.accumulate(cum))

    def draw(self, rng: random.Random) -> T:
        return rng.choices(self._values, cum_weights=self._cum)[0]


def between(rng: random.Random, low: date, high: date) -> date:
    """A day drawn uniformly from ``low`` to ``high`` (both included; ``high`` is
    raised to ``low`` when it is earlier)."""
    start = low.toordinal()
    return date.fromordinal(rng.randint(start, max(start, high.toordinal())))


def years_before(day: date, years: float) -> date:
    return day - timedelta(days=round(years * 365.25))


def partial(day: date, precision: str) -> str:
    """``day`` written as a partial date: ``day``, ``month`` or ``year`` precision."""
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


class NumberSeries:
    """Unique, random-looking document numbers of one format for one issuer.

    ``fmt`` spells a number: ``L`` a letter, ``D`` a digit. The n-th number is the
    n-th value of a bijection of the digits (an affine map modulo ``10**digits`` with a
    multiplier prime to 10), so no two numbers of a series are equal for the first
    ``10**digits`` numbers; after that the letters tell laps apart.
    """

    __slots__ = ("_digits", "_fmt", "_letters", "_mod", "_mult", "_offset", "_seq")

    def __init__(self, fmt: str, rng: random.Random) -> None:
        self._fmt = fmt
        self._digits = fmt.count("D")
        self._letters = fmt.count("L")
        self._mod = 10**self._digits
        mult = rng.randrange(self._mod // 3, self._mod) | 1
        self._mult = mult + 2 if mult % 5 == 0 else mult
        self._offset = rng.randrange(self._mod)
        self._seq = 0

    def next(self) -> str:
        lap, rest = divmod(self._seq, self._mod)
        self._seq += 1
        digits = iter(f"{(rest * self._mult + self._offset) % self._mod:0{self._digits}d}")
        value = (lap + rest) % (len(_LETTERS) ** self._letters) if self._letters else 0
        letters: list[str] = []
        for _ in range(self._letters):
            value, index = divmod(value, len(_LETTERS))
            letters.append(_LETTERS[index])
        letter_iter = iter(reversed(letters))
        return "".join(
            next(digits) if ch == "D" else next(letter_iter) if ch == "L" else ch
            for ch in self._fmt
        )
