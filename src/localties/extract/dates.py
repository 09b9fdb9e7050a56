"""Date expressions in a sentence, resolved to EDTF against the publication date.

A year comes from the text or from the publication date, never from a guess: with no
publication date, "on November 15" is `XXXX-11-15`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from localties.clean import MONTHS
from localties.model.edtf import Edtf

_MON = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# Ordered: the more specific patterns first; each match claims its characters.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "range",
        re.compile(
            rf"\b(?P<mon>{_MON})\s+(?P<d1>{_DAY})\s*(?:-|to|and|until)\s*(?P<d2>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?\b"
        ),
    ),
    (
        "range2",
        re.compile(
            rf"\b(?P<d1>{_DAY})\s*(?:-|to)\s*(?P<d2>{_DAY})\s+(?P<mon>{_MON})(?:,?\s+(?P<year>{_YEAR}))?\b"
        ),
    ),
    ("mdy", re.compile(rf"\b(?P<mon>{_MON})\s+(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?\b")),
    ("dmy", re.compile(rf"\b(?P<day>{_DAY})\s+(?P<mon>{_MON})(?:,?\s+(?P<year>{_YEAR}))?\b")),
    ("my", re.compile(rf"\b(?P<mon>{_MON})(?:\s+of)?,?\s+(?P<year>{_YEAR})\b")),
    (
        "month",
        re.compile(
            rf"\b(?:in|from|since|until|by|early|late|mid|next|last|this)[\s-]+(?P<mon>{_MON})\b"
        ),
    ),
    (
        "year",
        re.compile(
            rf"\b(?:in|since|from|until|by|of|year|early|late|mid|before|after)\s+(?:the\s+(?:year\s+)?)?"
            rf"(?P<year>{_YEAR})\b|(?P<year2>{_YEAR})(?=\s+(?:MoU|[Mm]emorand|[Aa]greement|[Cc]ooperation agreement))"
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:on|last|this|next)\s+(?P<wd>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "relday",
        re.compile(
            r"\b(?P<rel>today|yesterday|tomorrow|this (?:morning|afternoon|evening)|tonight)\b",
            re.IGNORECASE,
        ),
    ),
    ("relyear", re.compile(r"\b(?P<rel>last|this|next)\s+(?P<unit>year|month)\b", re.IGNORECASE)),
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date the text states, as EDTF, with its character span in the analysed text."""

    edtf: str
    start: int
    end: int
    kind: str  # which pattern family: "day", "range", "month", "year", "relative"
    explicit_year: bool


def parse_published(published: str | None) -> dt.date | None:
    """The publication date as a `date`, or None."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month(name: str) -> int:
    key = name.rstrip(".").lower()[:3]
    return next(i for m, i in MONTHS.items() if m.startswith(key))


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _year_for(month: int, day: int | None, pub: dt.date | None, future: bool) -> str:
    """The year of a month(-day) the text gives without one, from the publication date."""
    if pub is None:
        return "XXXX"
    year = pub.year
    probe = dt.date(year, month, min(day or 1, 28))
    # A past event dated well after publication belongs to the year before, and a
    # scheduled one well before publication to the year after.
    if not future and (probe - pub).days > 31:
        year -= 1
    elif future and (pub - probe).days > 62:
        year += 1
    return f"{year:04d}"


def find_dates(text: str, published: str | None, *, future: bool = False) -> list[DateMention]:
    """Every date expression in `text`, resolved against `published`, in text order."""
    pub = parse_published(published)
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for family, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            try:
                mention = _resolve(family, m, pub, future)
            except (OverflowError, ValueError):  # "tomorrow" of 9999-12-31
                mention = None
            if mention is None:
                continue
            taken.append((m.start(), m.end()))
            if Edtf.valid(mention.edtf):  # "February 30" is no date, nor part of one
                out.append(mention)
    return sorted(out, key=lambda d: d.start)


def _resolve(
    family: str, m: re.Match[str], pub: dt.date | None, future: bool
) -> DateMention | None:
    g = m.groupdict()
    year = g.get("year") or g.get("year2")
    if family in ("range", "range2"):
        mon, d1, d2 = _month(g["mon"]), _day(g["d1"]), _day(g["d2"])
        if not (1 <= d1 < d2 <= 31):
            return None
        y = year or _year_for(mon, d1, pub, future)
        edtf = f"{y}-{mon:02d}-{d1:02d}/{y}-{mon:02d}-{d2:02d}"
        return DateMention(edtf, m.start(), m.end(), "range", bool(year))
    if family in ("mdy", "dmy"):
        mon, day = _month(g["mon"]), _day(g["day"])
        if g["mon"].lower().startswith("may") and family == "dmy" and not year:
            return None  # "5 may" is more often a verb than a date
        if not 1 <= day <= 31:
            return None
        y = year or _year_for(mon, day, pub, future)
        return DateMention(f"{y}-{mon:02d}-{day:02d}", m.start(), m.end(), "day", bool(year))
    if family == "my":
        return DateMention(f"{year}-{_month(g['mon']):02d}", m.start(), m.end(), "month", True)
    if family == "month":
        if g["mon"].lower().startswith("may") or g["mon"].lower() in ("mar", "jan"):
            return None
        mon = _month(g["mon"])
        y = _year_for(mon, None, pub, future or m.group().lower().startswith("next"))
        if y == "XXXX":
            return None
        return DateMention(f"{y}-{mon:02d}", m.start(), m.end(), "month", False)
    if family == "year":
        return DateMention(year or "", m.start(), m.end(), "year", True)
    return _relative(family, m, pub)


def _relative(family: str, m: re.Match[str], pub: dt.date | None) -> DateMention | None:
    if pub is None:
        return None
    g = m.groupdict()
    if family == "weekday":
        target = _WEEKDAYS.index(g["wd"].lower())
        word = m.group().split()[0].lower()
        delta = (pub.weekday() - target) % 7
        day = pub - dt.timedelta(days=delta)
        if word == "next" or (word == "this" and delta > 3):
            day = pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7)
        return DateMention(day.isoformat(), m.start(), m.end(), "relative", False)
    if family == "relday":
        rel = g["rel"].lower()
        shift = {"yesterday": -1, "tomorrow": 1}.get(rel, 0)
        return DateMention(
            (pub + dt.timedelta(days=shift)).isoformat(), m.start(), m.end(), "relative", False
        )
    rel, unit = g["rel"].lower(), g["unit"].lower()
    shift = {"last": -1, "this": 0, "next": 1}[rel]
    if unit == "year":
        return DateMention(f"{pub.year + shift:04d}", m.start(), m.end(), "year", False)
    month = pub.month + shift
    year = pub.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return DateMention(f"{year:04d}-{month:02d}", m.start(), m.end(), "month", False)
