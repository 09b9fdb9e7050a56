"""Quantitative facts: diaspora sizes, investing firms, capital, projects, trade, air routes."""

from __future__ import annotations

import re
from typing import Any

from localties.extract.context import Article, Sentence
from localties.extract.mentions import PlaceMention

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "dozens": None, "hundreds": None, "thousands": None,
}  # fmt: skip
_SCALE = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bln": 1e9, "bn": 1e9, "trillion": 1e12}
APPROX = (
    ("nearly", r"nearly|almost|close to|approximately nearly"),
    ("about", r"about|around|some|approximately|roughly|an estimated|estimated"),
    ("over", r"more than|over|exceed(?:ed|s|ing)?|above|upwards of|at least|surpass(?:ed)?|in excess of"),
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
FIRMS_RE = re.compile(r"\b(?:businesses|firms|enterprises|companies|investors)\b", re.I)
INVEST_RE = re.compile(r"\binvest(?:ing|ed|s|ment|ments)?\b|\bhosts investments\b", re.I)
WANT_RE = re.compile(r"\b(?:want|wants|seek|seeking|plan|plans|hope|interested|would like|joining)\b", re.I)
ROUTE_RE = re.compile(
    r"\b(?:direct (?:flights?|air routes?|routes?|services?)|air routes?|flights? (?:between|from|to|connecting)"
    r"|charter flights?|regular flights?|routes? (?:between|from|connecting)|(?<=-)\w+ route)\b",
    re.IGNORECASE,
)
PROJECTS_RE = re.compile(r"\bprojects?\b", re.I)
TRADE_RE = re.compile(r"\btrade (?:turnover|value|revenue)|two-way trade|bilateral trade|trade between\b", re.I)
DEMONYM_GROUP = {"vietnamese": "VN", "japanese": "JP", "korean": "KR", "chinese": "CN", "lao": "LA",
                 "laotian": "LA", "thai": "TH", "filipino": "PH", "cambodian": "KH"}  # fmt: skip


def extract_facts(art: Article) -> list[dict[str, Any]]:
    """Fact records, one per (kind, places, value)."""
    if not art.cross_border:
        return []
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for sent in art.sentences:
        for fact in [*_diaspora(art, sent), *_firms(art, sent), *_money(art, sent), *_routes(art, sent)]:
            key = (fact["kind"], *(fact.get(k) for k in ("place", "group", "origin", "destination", "a", "b")), fact["value"])
            if key not in out:
                fact["evidence"] = [art.evidence(sent.start, sent.end)]
                out[key] = fact
    return list(out.values())


def _numbers(text: str) -> list[tuple[float, str | None, bool, int, int]]:
    """(value, approx, is_money, start, end) for each number that is not a year or a date."""
    out = []
    for m in NUMBER_RE.finditer(text):
        raw = m.group("num").lower()
        if raw in _WORDS:
            value = float(_WORDS[raw] or 0)
        else:
            value = float(raw.replace(",", ""))
        if m.group("scale"):
            value *= _SCALE[m.group("scale").lower()]
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() : m.end() + 12]
        if not m.group("scale") and re.fullmatch(r"(?:19|20)\d\d", raw):
            continue  # a year
        if re.search(r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s*$", before):
            continue  # a day of the month
        if re.match(r"\s*(?:th|st|nd|rd|percent|%|per cent|years?|times|km|hectares|ha\b|round-trip|flights|seats)", after):
            continue
        approx = next((name for name, _ in APPROX if m.group(name)), None)
        money = bool(m.group("cur") or m.group("cur2"))
        if value:
            out.append((value, approx, money, m.start(), m.end()))
    return out


def _value(v: float) -> float | int:
    return int(v) if v == int(v) else v


def _diaspora(art: Article, sent: Sentence) -> list[dict[str, Any]]:
    text = sent.text
    demo = re.search(r"\b(Vietnamese|Japanese|Korean|Chinese|Lao|Laotian)\b", text)
    if not demo or not re.search(r"\b(?:communit(?:y|ies)|residents|people|nationals|citizens|living|live|who number|expatriates|diaspora)\b", text):
        return []
    if re.search(r"\b(?:visitors|tourists|arrivals|students|trainees|interns|workers|firms|businesses|enterprises|companies)\b", text) and not re.search(r"communit|residents|living", text):
        return []
    group = DEMONYM_GROUP[demo.group(1).lower()]
    out = []
    for value, approx, money, start, end in _numbers(text):
        if money or value < 100:
            continue
        place = _diaspora_place(art, sent, start, group)
        if place:
            out.append({"kind": "diaspora", "place": place, "group": group, "value": _value(value), "approx": approx, "as_of": None})
    return out[:1]


def _diaspora_place(art: Article, sent: Sentence, num_start: int, group: str) -> str | None:
    places = [p for p in art.places_in(sent.start, sent.end) if p.country != group]
    if not places:
        other = art.other_country(group)
        if other and re.search(r"\b(?:the prefecture|the province|there|the locality|it)\b", sent.text):
            return art.focal.get(other)
        return None
    abs_num = sent.start + num_start
    located = [p for p in places if re.search(r"\bin\s+(?:the\s+)?$", art.text[max(sent.start, p.start - 8) : p.start])]
    if located:
        return min(located, key=lambda p: abs(p.start - abs_num)).id
    locals_ = [p for p in places if p.is_local and not re.search(r"\bof\s+$", art.text[max(sent.start, p.start - 4) : p.start])]
    if locals_:
        focal = [p for p in locals_ if art.focal.get(p.country) == p.id]
        return (focal or locals_)[0].id
    return places[0].id


def _firms(art: Article, sent: Sentence) -> list[dict[str, Any]]:
    text = sent.text
    if not FIRMS_RE.search(text) or not INVEST_RE.search(text):
        return []
    out = []
    for value, approx, money, start, end in _numbers(text):
        after = text[end : end + 40]
        m = re.match(r"\s+(?:(?P<demo>Vietnamese|Japanese|Korean|Chinese|[A-Z][a-z]+)\s+)?(?:businesses|firms|enterprises|companies|investors)\b", after)
        if money or not m:
            continue
        clause = text[start : start + 160]
        if WANT_RE.search(clause[: clause.find(".") if "." in clause else None]):
            continue
        origin, dest = _firm_sides(art, sent, start, m.group("demo"))
        if origin and dest:
            out.append({"kind": "investing_firms", "origin": origin, "destination": dest, "value": _value(value), "approx": approx})
    return out


def _firm_sides(art: Article, sent: Sentence, num_start: int, demo: str | None) -> tuple[str | None, str | None]:
    places = art.places_in(sent.start, sent.end)
    text = sent.text
    origin: str | None = None
    if demo and demo.lower() in DEMONYM_GROUP:
        origin = DEMONYM_GROUP[demo.lower()]
    elif demo:
        hit = next((p for p in places if p.text == demo), None)
        origin = hit.id if hit else None
    if origin is None:
        m = re.search(r"\bfrom\s+(?:the\s+)?(\w+(?:\s\w+)?)", text[num_start:])
        if m:
            word = m.group(1)
            hit = next((p for p in places if p.start >= sent.start + num_start and word.startswith(p.text.split()[0])), None)
            if hit:
                origin = hit.id if hit.is_local else hit.country
            elif re.match(r"prefecture|province|city|locality", word):
                other = [c for c in art.countries][:2]
                origin = next((art.focal[c] for c in other if c in art.focal and c != "VN"), None) or next((art.focal[c] for c in other if c in art.focal), None)
    if origin is None:
        return None, None
    ocountry = origin.split("-")[0]
    dest: str | None = None
    m = re.search(r"\b(?:in|into)\s+(?:the\s+)?", text[num_start:])
    if m:
        after_pos = sent.start + num_start + m.end()
        hit = next((p for p in places if p.start == after_pos), None)
        if hit and hit.country != ocountry:
            dest = hit.id if hit.is_local else hit.country
    if dest is None and re.search(r"\b(?:it|the prefecture|the province)\s+hosts\b|\bhosts investments\b", text):
        dest = art.focal.get(art.other_country(ocountry) or "")
    return origin, dest


def _money(art: Article, sent: Sentence) -> list[dict[str, Any]]:
    text = sent.text
    nums = [n for n in _numbers(text) if n[2]]
    if not nums:
        return []
    places = [p for p in art.places_in(sent.start, sent.end)]
    countries = {p.country for p in places}
    if len(countries) < 2 and not art.cross_border:
        return []
    value, approx, _, start, _ = nums[0]
    if TRADE_RE.search(text):
        a, b = _two_sides(art, places)
        if a and b:
            return [{"kind": "trade_value", "a": a, "b": b, "value": _value(value), "approx": approx}]
    if INVEST_RE.search(text):
        origin, dest = _origin_dest(art, sent, places)
        if origin and dest:
            facts = [{"kind": "investment_capital", "origin": origin, "destination": dest, "value": _value(value), "approx": approx}]
            for pv, pa, money, ps, pe in _numbers(text):
                if not money and PROJECTS_RE.match(text[pe : pe + 12].strip()):
                    facts.append({"kind": "investment_projects", "origin": origin, "destination": dest, "value": _value(pv), "approx": pa})
            return facts
    return []


def _two_sides(art: Article, places: list[PlaceMention]) -> tuple[str | None, str | None]:
    sides: dict[str, str] = {}
    for p in places:
        if p.country not in sides or (p.is_local and "-" not in sides[p.country]):
            sides[p.country] = p.id if p.is_local else p.country
    vals = list(sides.values())
    return (vals[0], vals[1]) if len(vals) >= 2 else (None, None)


def _origin_dest(art: Article, sent: Sentence, places: list[PlaceMention]) -> tuple[str | None, str | None]:
    text = sent.text
    dest = None
    origin = None
    for p in places:
        before = art.text[max(sent.start, p.start - 10) : p.start]
        pid = p.id if p.is_local else p.country
        if re.search(r"\b(?:in|into|to)\s+(?:the\s+)?$", before) and dest is None:
            dest = pid
        elif re.search(r"\bfrom\s+(?:the\s+)?$", before) or p.via == "demonym":
            origin = origin or pid
    if dest and origin is None:
        other = art.other_country(dest.split("-")[0])
        origin = other
    if origin and dest is None:
        other = art.other_country(origin.split("-")[0])
        dest = art.focal.get(other or "", other) if re.search(r"\b(?:the province|the city|the prefecture)\b", text) else None
    if origin and dest and origin.split("-")[0] == dest.split("-")[0]:
        return None, None
    return origin, dest


def _routes(art: Article, sent: Sentence) -> list[dict[str, Any]]:
    if not ROUTE_RE.search(sent.text):
        return []
    places = [p for p in art.places_in(sent.start, sent.end) if p.via != "demonym"]
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
            if "-" in a or "-" in b:
                out.append({"kind": "air_route", "a": a, "b": b, "value": None, "approx": None})
    return out


def _route_ids(places: list[PlaceMention], country: str) -> list[str]:
    local = list(dict.fromkeys(p.id for p in places if p.is_local))
    return local or [country]
