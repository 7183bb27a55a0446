"""Partial dates: a year, a year and month, or a full day.

Police records often know only the year of birth. A partial date keeps what is known
and no more: ``1984``, ``1984-06`` or ``1984-06-02``. It is stored as that text (so
exports give back exactly what came in) together with the first and last day it may
stand for, which is what range queries use.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from tabadul.domain.enums import DatePrecision

__all__ = ["InvalidDate", "PartialDate"]

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class InvalidDate(ValueError):
    """Raised for text that is not a real ``YYYY[-MM[-DD]]`` date."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a longer ISO timestamp is cut to
        its date. Raises :class:`InvalidDate` naming what is wrong (2023-02-30 has no
        30th of February)."""
        raw = text.strip()
        if "T" in raw:
            raw = raw.split("T", 1)[0]
        match = _PATTERN.match(raw)
        if match is None:
            raise InvalidDate(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(match.group(1))
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        if year < 1800 or year > 2200:
            raise InvalidDate(f"{text!r}: year {year} is outside 1800-2200")
        if month is not None and not 1 <= month <= 12:
            raise InvalidDate(f"{text!r}: there is no month {month}")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise InvalidDate(f"{text!r}: {calendar.month_name[month]} {year} has no day {day}")
        return cls(year, month, day)

    @property
    def precision(self) -> DatePrecision:
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    @property
    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
