"""Exchange events: named or dated festivals, seminars, fairs and programmes between the sides."""

from __future__ import annotations

import re
from typing import Any

from localties.extract.context import Article
from localties.extract.dates import find_dates

KIND_RE = (
    ("festival", re.compile(r"\bfestivals?\b|\bFestival\b", re.I)),
    ("fair", re.compile(r"\b(?:fairs?|expos?|exhibitions?|Foodexpo|Sourcing)\b", re.I)),
    ("seminar", re.compile(r"\b(?:seminars?|conferences?|forums?|workshops?|symposi(?:um|a)|congress|business[- ]matching|promotion conferences?)\b", re.I)),
    ("programme", re.compile(r"\b(?:study tours?|programmes?|programs?|training courses?)\b", re.I)),
)
NAME_RE = re.compile(
    r"(?:the\s+)?(?P<name>(?:\d+\w{2}\s+)?(?:[A-Z][\w'\-]*\s+){0,6}(?:[a-z]+\s+){0,2}"
    r"(?:festival|Festival|seminar|Seminar|conference|Conference|Forum|forum|fair|Fair|Expo|expo|Foodexpo|Exhibition|exhibition|"
    r"Congress|Study Tour programme|programme|Sourcing)"
    r"(?:\s+(?:on|in|of|for)\s+(?:[A-Z][\w\-]*\s?){1,4})?)"
)
GENERIC_RE = re.compile(r"^(?:annual|cultural|many|these|such|various|other|more)\b", re.I)


def extract_events(art: Article) -> list[dict[str, Any]]:
    """Event records: a specific event the text names, dates or places."""
    if not art.cross_border:
        return []
    out: dict[tuple[str, str | None, str], dict[str, Any]] = {}
    for sent in art.sentences:
        for kind, pattern in KIND_RE:
            for m in pattern.finditer(sent.text):
                name = _name_at(sent.text, m.start(), m.end())
                place = _place_after(art, sent.start + m.end(), sent.end)
                dates = [d for d in find_dates(sent.text[m.start() :], art.published, future=True)]
                if name is None and place is None and not dates:
                    continue
                if name and GENERIC_RE.match(name) and place is None:
                    continue
                key = (kind, place, (name or "").lower())
                if any(k[0] == kind and k[1] == place for k in out):
                    continue
                out[key] = {
                    "kind": kind,
                    "name": name or m.group(),
                    "place": place,
                    "date": dates[0].edtf if dates and dates[0].start < 60 else None,
                    "organizer": None,
                    "evidence": [art.evidence(sent.start, sent.end)],
                }
    return list(out.values())


def _name_at(text: str, start: int, end: int) -> str | None:
    head = text[max(0, start - 80) : end]
    m = None
    for m in re.finditer(r"(?:[A-Z][\w'\-]*\s+|(?:of|and|the|on|for|in)\s+){0,7}\S*$", head):
        break
    if m is None:
        return None
    name = m.group().strip()
    words = name.split()
    while words and not words[0][:1].isupper():
        words.pop(0)
    return " ".join(words) if len(words) >= 2 else None


def _place_after(art: Article, pos: int, end: int) -> str | None:
    m = re.match(r"\s+(?:\w+\s+){0,3}?(?:in|at)\s+(?:the\s+)?(?:central\s+)?", art.text[pos:end])
    if not m:
        return None
    at = pos + m.end()
    for p in art.places:
        if p.start == at:
            return p.id if p.is_local or p.kind == "country" else None
    return None
