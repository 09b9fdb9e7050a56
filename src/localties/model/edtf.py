"""EDTF dates (ISO 8601-2 level 1, the subset the contract uses) with their bounds.

`2022-11-20`, `2023-07`, `2018`, an unknown year `XXXX-11-15` or `XXXX-11`, and an
interval `2017-11-16/2017-11-18`. Parsing rejects impossible dates (`2022-02-30`,
`XXXX-11-31`, month 13); `lower` and `upper` are the first and last day the value can
mean, None where the year is unknown.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PART = re.compile(r"(?P<year>\d{4}|XXXX)(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


def _days_in(year: int | None, month: int) -> int:
    return calendar.monthrange(year if year is not None else 2000, month)[1]  # 2000: leap


@dataclass(frozen=True, slots=True)
class _Part:
    year: int | None
    month: int | None
    day: int | None

    @classmethod
    def parse(cls, text: str) -> _Part:
        m = _PART.fullmatch(text)
        if m is None:
            raise ValueError(f"not an EDTF date: {text!r}")
        year = None if m["year"] == "XXXX" else int(m["year"])
        month = int(m["month"]) if m["month"] else None
        day = int(m["day"]) if m["day"] else None
        if year == 0:
            raise ValueError(f"impossible date: {text!r} (year 0)")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"impossible date: {text!r} (month {month})")
        if day is not None and month is not None and not 1 <= day <= _days_in(year, month):
            raise ValueError(f"impossible date: {text!r} (day {day})")
        return cls(year, month, day)

    def lower(self) -> date | None:
        if self.year is None:
            return None
        return date(self.year, self.month or 1, self.day or 1)

    def upper(self) -> date | None:
        if self.year is None:
            return None
        month = self.month or 12
        return date(self.year, month, self.day or _days_in(self.year, month))


@dataclass(frozen=True, slots=True)
class Edtf:
    """A parsed EDTF value; `str()` gives it back exactly as written."""

    text: str

    def __post_init__(self) -> None:
        parts = self.text.split("/")
        if len(parts) > 2:
            raise ValueError(f"not an EDTF date: {self.text!r}")
        parsed = [_Part.parse(p) for p in parts]
        if len(parsed) == 2:
            lo, hi = parsed[0].lower(), parsed[1].upper()
            if lo and hi and lo > hi:
                raise ValueError(f"impossible interval: {self.text!r} (ends before it starts)")

    @classmethod
    def parse(cls, text: str | None) -> Edtf | None:
        """`None` stays `None`; anything else must be a valid EDTF value (ValueError)."""
        return None if text is None else cls(text)

    @classmethod
    def valid(cls, text: str) -> bool:
        """True when `text` is an EDTF value this type accepts."""
        try:
            cls(text)
        except ValueError:
            return False
        return True

    def __str__(self) -> str:
        return self.text

    @property
    def year_known(self) -> bool:
        """False for `XXXX-11-15`."""
        return not self.text.startswith("XXXX")

    @property
    def lower(self) -> date | None:
        """The first day the value can mean (None when the year is unknown)."""
        return _Part.parse(self.text.split("/")[0]).lower()

    @property
    def upper(self) -> date | None:
        """The last day the value can mean (None when the year is unknown)."""
        return _Part.parse(self.text.split("/")[-1]).upper()
