"""Exchange events: specific festivals, seminars, fairs and programmes between the sides.

An event counts when the text places or dates it ("the Kanagawa Festival in Hanoi",
"an investment seminar on November 18"); a kind of activity in general ("annual
cultural exchanges") does not. Where the text names several places for one mention
("events held in Da Nang and HCM City"), each place is an event.
"""

from __future__ import annotations

import re

from localties.extract.context import Article, Sentence
from localties.extract.dates import find_dates
from localties.extract.mentions import PlaceMention
from localties.model import Edtf, ExchangeEvent, PlaceId

# The event nouns of each kind are data (`data/lexicon/triggers.tsv`, `event_KIND`),
# tried in this order.
KINDS = ("festival", "fair", "seminar", "programme")
# Where an event happens: "in Hanoi", "held in Da Nang and HCM City", "under way in Ha Noi".
_AT_RE = re.compile(
    r"\b(?:in|at|(?:tours?|trips?|visits?)\s+to)\s+(?:the\s+)?"
    r"(?:(?:central|northern|southern|capital|coastal|mountainous|port|city of|province of)\s+){0,3}$"
)
# "Expo 2025 Osaka": a place right after the noun (and a year) is part of the name.
_NAME_TAIL_RE = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*)?$")
# "an exchange programme between Kinokawa city and Quang Nam province": named by its sides.
_BETWEEN_RE = re.compile(
    r"^\s+between\s+(?:[A-Z][\w'-]*\s*)+(?:city|province|prefecture)?\s+and\s+[A-Z]"
)
_TO_RE = re.compile(r"\b(?:in|at|to)\s+(?:the\s+)?$")
_THERE_RE = re.compile(
    r"\b(?:held|staged|organised|organized|took place|take place|hosted|opened)\s+there\b"
)
_PLANNED_RE = re.compile(
    r"\b(?:will|would|scheduled|to be held|plans?|planned|upcoming|next)\b", re.I
)


def _kinds(art: Article) -> list[tuple[str, re.Pattern[str]]]:
    triggers = art.knowledge.lexicon.triggers
    return [(kind, triggers[f"event_{kind}"]) for kind in KINDS]


def extract_events(art: Article) -> list[ExchangeEvent]:
    """Event records, one per (kind, place)."""
    if not art.cross_border:
        return []
    out: dict[tuple[str, str | None], ExchangeEvent] = {}
    for sent in art.sentences:
        for kind, pattern in _kinds(art):
            for m in pattern.finditer(sent.text):
                start, end = sent.start + m.start(), sent.start + m.end()
                places = _places(art, sent, start, end, kind)
                future = bool(_PLANNED_RE.search(sent.text))
                dates = [
                    d
                    for d in find_dates(
                        sent.text[m.end() : m.end() + 80], art.published, future=future
                    )
                ]
                options: list[str | None] = [*places] or [None]
                between = bool(_BETWEEN_RE.match(art.text[end : end + 120]))
                for place in options:
                    if place is None and not dates and not between:
                        continue
                    key = (kind, place)
                    if key in out:
                        continue
                    out[key] = ExchangeEvent(
                        kind=kind,
                        name=_name(art.text, start, end),
                        place=PlaceId.parse(place),
                        date=Edtf.parse(dates[0].edtf if dates else None),
                        organizer=None,
                        evidence=(art.evidence(sent.start, sent.end),),
                    )
    return list(out.values())


def _places(art: Article, sent: Sentence, start: int, end: int, kind: str) -> list[str]:
    """Where the event mentioned at [start, end) takes place."""
    named = [p for p in art.places_in(_name_start(art.text, start), end) if p.is_local]
    if named and _ends_with_partner(art, named[0]):
        return [named[0].id]
    clause_end = min(
        _clause_end(art.text, end, sent.end), _next_event(art, art.text, end, sent.end)
    )
    # "the BPC Conference and the World Expo 2025 in Osaka": coordinated events share a place.
    shared = re.match(
        r"\s*(?:(?:19|20)\d{2}\s*)?(?:,\s*)?and\s+(?:the\s+|an?\s+)?(?:[\w'\"-]+\s+){0,6}$",
        art.text[end:clause_end],
    )
    if shared and clause_end < sent.end:
        clause_end = min(_clause_end(art.text, clause_end, sent.end), sent.end)
    tail = [p for p in art.places_in(end, end + 30) if p.is_local]
    if tail and _NAME_TAIL_RE.match(art.text[end : tail[0].start]):
        return [tail[0].id]
    after = [
        p for p in art.places_in(end, clause_end) if p.via != "demonym" and not _possessive(art, p)
    ]
    cue = _TO_RE if kind == "programme" else _AT_RE  # study tours go "to" a place
    located = [p for p in after if cue.search(art.text[max(end, p.start - 50) : p.start])]
    if located:
        first = located[0]
        out = [first.id]
        for p in after:  # "in Da Nang and HCM City"
            gap = art.text[_end_before(after, p) : p.start]
            locates = p.kind == "country" and any(q.country == p.country for q in located)
            if p.start > first.end and re.fullmatch(r"\s*(?:,|and|, and)\s*", gap) and not locates:
                out.append(p.id)  # not "in Yokohama, Japan": the country only locates it
        return list(dict.fromkeys(out))
    if _THERE_RE.search(art.text, end, clause_end):
        before = [p for p in art.places_in(sent.start, start) if p.is_local]
        if before:
            return [before[-1].id]
    earlier = [
        p
        for p in art.places_in(sent.start, start)
        if p.via != "demonym" and _AT_RE.search(art.text[max(sent.start, p.start - 30) : p.start])
    ]
    if earlier:
        return [earlier[-1].id]
    return [named[-1].id] if named else []  # "KUMAMOTO Industrial Revitalization EXPO"


def _possessive(art: Article, place: PlaceMention) -> bool:
    """ "Japan's Saitama prefecture": the possessor only locates the next place."""
    return art.text[place.end : place.end + 2] == "'s"


def _next_event(art: Article, text: str, pos: int, limit: int) -> int:
    """Where the next event noun starts (a place after it belongs to that event)."""
    starts = [m.start() for _, pattern in _kinds(art) if (m := pattern.search(text, pos, limit))]
    return min(starts, default=limit)


def _end_before(places: list[PlaceMention], current: PlaceMention) -> int:
    """End of the place mention just before `current`."""
    prev = [p for p in places if p.end <= current.start]
    return prev[-1].end if prev else current.start


def _ends_with_partner(art: Article, place: PlaceMention) -> bool:
    """`Hoi An-Japan Festival`: a locality paired with the other country names where it is held."""
    return bool(re.match(r"\s*-\s*[A-Z]", art.text[place.end : place.end + 4]))


def _clause_end(text: str, pos: int, limit: int) -> int:
    m = re.compile(r"[;]|,\s+(?:while|but|and the|as well as)\b").search(text, pos, limit)
    return m.start() if m else limit


def _name_start(text: str, start: int) -> int:
    m = re.search(
        r"(?:[A-Z][\w'-]*[ \t]+|(?:the|of|and)[ \t]+)*$", text[max(0, start - 80) : start]
    )
    return max(0, start - 80) + (m.start() if m else 80)


def _name(text: str, start: int, end: int) -> str:
    """The event's name: capitalised words before the noun, or the noun phrase itself."""
    name = text[_name_start(text, start) : end].strip()
    return re.sub(r"^(?:the|of|and)\s+", "", name) or text[start:end]
