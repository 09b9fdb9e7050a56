"""Quantitative facts: diaspora sizes, investing firms, capital, projects, trade, air routes."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from localties.extract.clauses import all_to_come
from localties.extract.context import Article, Sentence
from localties.extract.mentions import PlaceMention
from localties.model import Fact, PlaceId
from localties.model.ids import country_of, is_local

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "dozens": None, "hundreds": None, "thousands": None,
}  # fmt: skip
_SCALE = {
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
APPROX = (
    ("nearly", r"nearly|almost|close to|approximately nearly"),
    ("about", r"about|around|some|approximately|roughly|an estimated|estimated"),
    (
        "over",
        r"more than|over|exceed(?:ed|s|ing)?|above|upwards of|at least|surpass(?:ed)?|in excess of",
    ),
    ("under", r"less than|under|below|fewer than|up to"),
)
_APPROX_RE = "|".join(f"(?P<{name}>{rx})" for name, rx in APPROX)
NUMBER_RE = re.compile(
    rf"(?:(?:{_APPROX_RE})\s+)?(?P<cur>US\$|USD|\$|VND|JPY|¥|yen\s)?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "|".join(w for w, v in _WORDS.items() if v)
    + r")(?:\s?(?P<scale>thousand|million|mln|billion|bln|bn|trillion)\b)?"
    r"(?:\s?(?P<cur2>USD|US dollars|dollars|VND|dong|yen|JPY))?",
    re.IGNORECASE,
)
DIASPORA_RE = re.compile(
    r"\b(?P<demo>Vietnamese|Japanese|Korean|Chinese|Lao|Laotian|Filipino|Thai|Cambodian)\b"
    r"(?:\s+(?:people|community|communities|residents|nationals|citizens|expatriates|who|living|workers|population))"
    r"|\bcommunit(?:y|ies)\b|\bresidents\b|\bpeople\b",
)
# The cue words of firm, investment, trade and route facts are data:
# `data/lexicon/triggers.tsv` (`fact_*`).


def extract_facts(art: Article) -> list[Fact]:
    """Fact records, one per (kind, places, value)."""
    if not art.cross_border:
        return []
    out: dict[tuple[Any, ...], Fact] = {}
    for sent in art.sentences:
        for fact in [
            *_diaspora(art, sent),
            *_firms(art, sent),
            *_money(art, sent),
            *_routes(art, sent),
        ]:
            key = (fact.kind, *fact.places(), fact.value)
            if key not in out:
                out[key] = replace(fact, evidence=(art.evidence(sent.start, sent.end),))
    return list(out.values())


@lru_cache(maxsize=4096)
def _numbers(text: str) -> tuple[tuple[float, str | None, bool, int, int], ...]:
    """(value, approx, is_money, start, end) for each number that is not a year or a date."""
    out = []
    for m in NUMBER_RE.finditer(text):
        raw = m.group("num").lower()
        value = float(_WORDS[raw] or 0) if raw in _WORDS else float(raw.replace(",", ""))
        if m.group("scale"):
            value *= _SCALE[m.group("scale").lower()]
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() : m.end() + 12]
        if not m.group("scale") and re.fullmatch(r"(?:19|20)\d\d", raw):
            continue  # a year
        if re.search(
            r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s*$",
            before,
        ):
            continue  # a day of the month
        if re.match(
            r"\s*(?:th|st|nd|rd|percent|%|per cent|years?|times|km|hectares|ha\b|round-trip|flights|seats)",
            after,
        ):
            continue
        approx = next((name for name, _ in APPROX if m.group(name)), None)
        money = bool(m.group("cur") or m.group("cur2"))
        if value:
            out.append((value, approx, money, m.start(), m.end()))
    return tuple(out)


def _in_dollars(text: str, start: int, end: int) -> bool:
    """Facts hold US dollars only: a sum in dong or yen is not converted (no rate is invented)."""
    return not re.search(r"VND|JPY|¥|yen|dong", text[start:end], re.I)


def _value(v: float) -> float | int:
    return int(v) if v == int(v) else v


def _diaspora(art: Article, sent: Sentence) -> list[Fact]:
    """`N Vietnamese live in X`: a number tied, in one clause, to a nationality of people."""
    text = sent.text
    out = []
    for value, approx, money, start, end in _numbers(text):
        if money or value < 100:
            continue
        group, _ = _group_near(art, text, start, end)
        if group is None:
            continue
        place = _diaspora_place(art, sent, start, group)
        if place:
            out.append(
                Fact(
                    kind="diaspora",
                    place=PlaceId(place),
                    group=PlaceId(group),
                    value=_value(value),
                    approx=approx,
                )
            )
    return out[:1]


_PEOPLE_AFTER = re.compile(
    r"-strong\b|\s+(?:(?:Vietnamese|Japanese|Korean|Chinese|Lao|Laotian)\s+)?(?:people|residents|nationals|citizens|"
    r"expatriates|persons|individuals|Vietnamese|Japanese|Koreans?|Chinese|Laotians?)(?![\w-])|\s*$"
    r"|\s+(?:who|living|live)\b"
)
_COMMUNITY_RE = re.compile(
    r"\b(?P<demo>Vietnamese|Japanese|Korean|Chinese|Lao|Laotian)\s+(?:people|community|communities|residents|"
    r"nationals|citizens|expatriates|diaspora|population)?|\b(?P<demo2>Vietnamese|Japanese|Koreans?|Chinese|Laotians)\b"
)
_CLAUSE_BREAK = re.compile(r",\s*(?:and|while|but|whereas)\b|;|\bwhile\b|\bwhereas\b")


def _group_near(art: Article, text: str, start: int, end: int) -> tuple[str | None, int]:
    """The nationality a number of people belongs to, if one shares its clause."""
    cue = art.knowledge.lexicon.triggers
    if cue["fact_not_people"].search(" ".join(text[end:].split()[:3])):
        return None, -1  # "100 Japanese-invested projects", "26 Kanagawa enterprises"
    after = text[end : end + 40]
    if not _PEOPLE_AFTER.match(after) and not re.search(
        r"\b(?:number(?:ing|s|ed)?|count(?:s|ed|ing)?|exceed\w*|totall?\w*|reach\w*|of|with|to)\s+(?:\w+\s+){0,2}$",
        text[max(0, start - 30) : start],
    ):
        return None, -1
    best: tuple[str | None, int] = (None, -1)
    for m in _COMMUNITY_RE.finditer(text):
        lo, hi = sorted((m.start(), start))
        between = text[lo:hi] if m.start() < start else text[end : m.start()]
        if abs(m.start() - start) > 90 or _CLAUSE_BREAK.search(between):
            continue
        if m.start() > end and re.search(
            r"\b(?:firms|businesses|enterprises|companies|students|trainees|workers)\b",
            text[m.start() : m.start() + 30],
        ):
            continue
        demo = (m.group("demo") or m.group("demo2")).lower()
        if best[0] is None or abs(m.start() - start) < abs(best[1] - start):
            groups = art.knowledge.lexicon.groups
            best = (groups[demo.rstrip("s") if demo != "laotians" else "laotian"], m.start())
    return best


def _diaspora_place(art: Article, sent: Sentence, num_start: int, group: str) -> str | None:
    places = [p for p in art.places_in(sent.start, sent.end) if p.country != group]
    if not places:
        other = art.other_country(group)
        if other and re.search(
            r"\b(?:the prefecture|the province|there|the locality|it)\b", sent.text
        ):
            return art.focal.get(other)
        return None
    abs_num = sent.start + num_start
    locals_ = [
        p
        for p in places
        if p.is_local
        and not re.search(r"\bof\s+$", art.text[max(sent.start, p.start - 4) : p.start])
    ]
    located = [
        p
        for p in places
        if re.search(r"\bin\s+(?:the\s+)?$", art.text[max(sent.start, p.start - 8) : p.start])
    ]
    if located:
        nearest = min(located, key=lambda p: abs(p.start - abs_num))
        if nearest.is_local or not any(p.country == nearest.country for p in locals_):
            return nearest.id
    if locals_:
        focal = [p for p in locals_ if art.focal.get(p.country) == p.id]
        return (focal or locals_)[0].id
    return places[0].id


def _firms(art: Article, sent: Sentence) -> list[Fact]:
    cue = art.knowledge.lexicon.triggers
    text = sent.text
    if not cue["fact_firms"].search(text) or not (
        cue["fact_invest"].search(text) or cue["fact_operate"].search(text)
    ):
        return []
    out = []
    for value, approx, money, start, end in _numbers(text):
        after = text[end : end + 40]
        m = re.match(
            r"\s+(?:(?P<demo>Vietnamese|Japanese|Korean|Chinese|[A-Z][a-z]+)\s+)?(?:businesses|firms|enterprises|companies|investors)\b",
            after,
        )
        if money or not m:
            continue
        demo = m.group("demo")
        owner = re.match(r"\s+(?:of|from)\s+(?:the\s+)?([A-Z][\w-]+)", after[m.end() :])
        if demo is None and owner:  # "70 companies of Hyogo"
            demo = owner.group(1)
        clause = text[start : start + 160]
        if cue["fact_want"].search(clause[: clause.find(".") if "." in clause else None]):
            continue
        origin, dest = _firm_sides(art, sent, start, demo)
        if origin and dest:
            out.append(
                Fact(
                    kind="investing_firms",
                    origin=PlaceId(origin),
                    destination=PlaceId(dest),
                    value=_value(value),
                    approx=approx,
                )
            )
    return out


def _firm_sides(
    art: Article, sent: Sentence, num_start: int, demo: str | None
) -> tuple[str | None, str | None]:
    places = art.places_in(sent.start, sent.end)
    text = sent.text
    origin: str | None = None
    groups = art.knowledge.lexicon.groups
    if demo and demo.lower() in groups:
        origin = groups[demo.lower()]
    elif demo:
        hit = next((p for p in places if p.text == demo), None)
        origin = hit.id if hit else None
    if origin is None:
        m = re.search(r"\bfrom\s+(?:the\s+)?(\w+(?:\s\w+)?)", text[num_start:])
        if m:
            word = m.group(1)
            hit = next(
                (
                    p
                    for p in places
                    if p.start >= sent.start + num_start and word.startswith(p.text.split()[0])
                ),
                None,
            )
            if hit:
                origin = hit.id if hit.is_local else hit.country
            elif re.match(r"prefecture|province|city|locality", word):
                # "businesses from the prefecture": the locality named last before the figure.
                earlier = [p for p in art.places if p.is_local and p.end <= sent.start + num_start]
                origin = earlier[-1].id if earlier else None
    if origin is None:
        return None, None
    ocountry = country_of(origin)
    dest: str | None = None
    m = re.search(r"\b(?:in|into)\s+(?:the\s+)?", text[num_start:])
    if m:
        after_pos = sent.start + num_start + m.end()
        hit = next((p for p in places if p.start == after_pos), None)
        if hit and hit.country != ocountry:
            dest = hit.id if hit.is_local else hit.country
    if dest is None and re.search(
        r"\b(?:it|the prefecture|the province)\s+hosts\b|\bhosts investments\b"
        r"|\b(?:in|into) the (?:prefecture|province|city|locality)\b|\b(?:operate|operating|invest\w*)\s+there\b",
        text[num_start:] if "hosts" not in text else text,
    ):
        dest = art.focal.get(art.other_country(ocountry) or "")
    return origin, dest


def _money(art: Article, sent: Sentence) -> list[Fact]:
    """Investment capital and projects, and trade value, each read within its clause."""
    cue = art.knowledge.lexicon.triggers
    out: list[Fact] = []
    text = sent.text
    for value, approx, money, start, end in _numbers(text):
        lo, hi = _clause(text, start, end)
        clause = text[lo:hi]
        places = art.places_in(sent.start + lo, sent.start + hi)
        if money and _in_dollars(text, start, end) and cue["fact_trade"].search(clause):
            a, b = _two_sides(art, places)
            if a and b:
                out.append(
                    Fact(
                        kind="trade_value",
                        a=PlaceId(a),
                        b=PlaceId(b),
                        value=_value(value),
                        approx=approx,
                    )
                )
            continue
        projects = not money and re.match(r"\s+(?:[\w-]+\s+){0,3}projects?\b", text[end : end + 50])
        if projects and (
            re.search(r"\bone of\s+$", text[:start])
            or re.match(r"\s+of\b", text[end:])
            or not cue["fact_invest"].search(text[max(0, start - 60) : end + 60])
        ):
            continue  # "one of seven projects the Government is funding" counts no investment
        if not (
            cue["fact_invest"].search(clause)
            and ((money and _in_dollars(text, start, end)) or projects)
        ):
            continue
        origin, dest = _origin_dest(art, sent, places or art.places_in(sent.start, sent.end))
        if origin and dest:
            kind = "investment_capital" if money else "investment_projects"
            out.append(
                Fact(
                    kind=kind,
                    origin=PlaceId(origin),
                    destination=PlaceId(dest),
                    value=_value(value),
                    approx=approx,
                )
            )
    return out


_CLAUSE_SPLIT = re.compile(r";|,\s+(?:while|whereas|but)\b|\bwhile\b")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a number: up to the nearest `;` or `, while` on either side."""
    lo = max((m.end() for m in _CLAUSE_SPLIT.finditer(text, 0, start)), default=0)
    nxt = _CLAUSE_SPLIT.search(text, end)
    return lo, nxt.start() if nxt else len(text)


def _two_sides(art: Article, places: list[PlaceMention]) -> tuple[str | None, str | None]:
    sides: dict[str, str] = {}
    for p in places:
        if p.country not in sides or (p.is_local and not is_local(sides[p.country])):
            sides[p.country] = p.id if p.is_local else p.country
    vals = list(sides.values())
    return (vals[0], vals[1]) if len(vals) >= 2 else (None, None)


def _origin_dest(
    art: Article, sent: Sentence, places: list[PlaceMention]
) -> tuple[str | None, str | None]:
    """Who invests where: a demonym or `from X` is the origin, a locality of the other side the destination."""
    origin = None
    for p in places:
        before = art.text[max(sent.start, p.start - 10) : p.start]
        after = art.text[p.end : p.end + 12]
        if (
            p.via == "demonym"
            or re.search(r"\bfrom\s+(?:the\s+)?$", before)
            or re.match(r"-invested|\s+investors", after)
        ):
            origin = p.id if p.is_local else p.country
            break
    if origin is None:
        # "Japan had 5,200 projects in Vietnam": the place before the figure invests in the one after.
        located = [
            p
            for p in places
            if re.search(
                r"\b(?:in|into)\s+(?:the\s+)?$", art.text[max(sent.start, p.start - 10) : p.start]
            )
        ]
        firsts = [
            p
            for p in places
            if located and p.start < located[0].start and p.country != located[0].country
        ]
        if not firsts:
            return None, None
        origin = firsts[0].id if firsts[0].is_local else firsts[0].country
    ocountry = country_of(origin)
    others = [p for p in places if p.country != ocountry]
    located = [
        p
        for p in others
        if re.search(
            r"\b(?:in|into|to)\s+(?:the\s+)?$", art.text[max(sent.start, p.start - 10) : p.start]
        )
    ]
    pick = next((p for p in located if p.is_local), None) or (located[0] if located else None)
    pick = pick or next((p for p in others if p.is_local), None)
    if pick is None and re.search(r"\b(?:the province|the city|the prefecture)\b", sent.text):
        other = art.other_country(ocountry)
        return origin, art.focal.get(other or "", other)
    if pick is None and others:
        return origin, others[0].country
    if pick is None:
        other = art.other_country(ocountry)
        return origin, art.focal.get(other or "")  # the locality the story is about
    return origin, pick.id


def _routes(art: Article, sent: Sentence) -> list[Fact]:
    cue = art.knowledge.lexicon.triggers
    if not cue["fact_route"].search(sent.text) or _routes_to_come(art, sent):
        return []
    places = [
        p
        for p in art.places_in(sent.start, sent.end)
        if p.via != "demonym"
        or re.match(
            r"\s+(?:cities|localities|destinations|airports)\b", art.text[p.end : p.end + 14]
        )
    ]
    between = re.search(r"\b(?:between|linking|connecting|from)\b", sent.text)
    if between:
        scoped = [p for p in places if p.start >= sent.start + between.start()]
        if len({p.country for p in scoped}) == 2:
            places = scoped
    sides: dict[str, list[PlaceMention]] = {}
    for p in places:
        sides.setdefault(p.country, []).append(p)
    if len(sides) != 2:
        return []
    (ca, pa), (cb, pb) = sides.items()
    a_ids = _route_ids(pa, ca)
    b_ids = _route_ids(pb, cb)
    if len(a_ids) > 1 and len(b_ids) > 1:
        if len(a_ids) <= len(b_ids):
            a_ids = [ca]
        else:
            b_ids = [cb]
    out = []
    for a in a_ids:
        for b in b_ids:
            if is_local(a) or is_local(b):
                out.append(
                    Fact(kind="air_route", a=PlaceId(a), b=PlaceId(b), value=None, approx=None)
                )
    return out


def _routes_to_come(art: Article, sent: Sentence) -> bool:
    """Every flight or route the sentence names is still to come: under "will"/"would" or
    a word of planning ("promote the opening of regular flights"). Only routes that
    exist are facts."""
    plan = art.knowledge.lexicon.clause_cues["plan"]
    return all_to_come(art.doc, sent.start, sent.end, _ROUTE_WORDS, plan)


_ROUTE_WORDS = frozenset({"flight", "flights", "route", "routes"})


def _route_ids(places: list[PlaceMention], country: str) -> list[str]:
    local = list(dict.fromkeys(p.id for p in places if p.is_local))
    return local or [country]
