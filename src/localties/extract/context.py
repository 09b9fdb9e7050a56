"""Everything the record extractors share about one article."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from localties.extract.mentions import (
    Matchers,
    PersonCluster,
    PlaceMention,
    find_persons,
    find_places,
    name_key,
)
from localties.extract.people import PersonInfo, describe
from localties.extract.spans import SpanIndex
from localties.knowledge import Knowledge
from localties.model.article import CleanView, RawArticle, Span
from localties.model.records import Evidence
from localties.resolve.names import name_country
from localties.resolve.places import Gazetteer


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the view: [start, end) and its text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One analysed article: the view, its sentences, and who and where it names."""

    raw: RawArticle
    view: CleanView
    sentences: tuple[Sentence, ...]
    places: tuple[PlaceMention, ...]
    persons: tuple[PersonInfo, ...]
    published: str | None
    dateline: str | None  # place id
    focal: dict[str, str]  # country -> its most-mentioned locality
    countries: tuple[str, ...]  # countries named, most-mentioned first
    knowledge: Knowledge
    doc: Doc  # the view's parse (sentences, dependencies, entities)
    # offset indexes (see `_index`): every look-up by offset is a binary search
    _place_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _places_by_start: tuple[PlaceMention, ...] = field(init=False, repr=False, compare=False)
    _mentions: tuple[tuple[int, int, int], ...] = field(init=False, repr=False, compare=False)
    _mention_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _sentence_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        order = sorted(range(len(self.places)), key=lambda i: (self.places[i].start, i))
        by_start = tuple(self.places[i] for i in order)
        mentions = sorted(
            (s, e, i) for i, person in enumerate(self.persons) for s, e in person.spans
        )
        object.__setattr__(self, "_places_by_start", by_start)
        object.__setattr__(self, "_place_starts", tuple(p.start for p in by_start))
        object.__setattr__(self, "_mentions", tuple(mentions))
        object.__setattr__(self, "_mention_starts", tuple(m[0] for m in mentions))
        object.__setattr__(self, "_sentence_starts", tuple(s.start for s in self.sentences))

    @property
    def text(self) -> str:
        return self.view.text

    def places_in(self, start: int, end: int) -> list[PlaceMention]:
        """The places mentioned wholly inside [start, end), in text order."""
        lo = bisect_left(self._place_starts, start)
        hi = bisect_left(self._place_starts, end)
        return [p for p in self._places_by_start[lo:hi] if p.end <= end]

    def persons_in(self, start: int, end: int) -> list[tuple[PersonInfo, tuple[int, int]]]:
        """Persons mentioned in [start, end), each with its first mention there."""
        lo = bisect_left(self._mention_starts, start)
        hi = bisect_left(self._mention_starts, end)
        first: dict[int, tuple[int, int]] = {}
        for s, e, i in self._mentions[lo:hi]:
            if e <= end and i not in first:
                first[i] = (s, e)
        ordered = sorted(first.items(), key=lambda x: (x[1][0], x[0]))
        return [(self.persons[i], span) for i, span in ordered]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding `offset`, if any."""
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def evidence(self, start: int, end: int) -> Evidence:
        """The original-text span of the view's [start, end)."""
        span: Span = self.view.to_original(start, end)
        return Evidence(span.start, span.end)

    def original(self, start: int, end: int) -> str:
        span = self.view.to_original(start, end)
        return self.raw.text[span.start : span.end]

    def role_mentions(self, start: int, end: int) -> list[tuple[PersonInfo, int]]:
        """Persons named by role in [start, end) ("the Governor", "the Vietnamese leader")."""
        out = []
        for m in ROLE_NOUN_RE.finditer(self.text, start, end):
            noun = m.group("noun").lower()
            pattern = _NOUN_TITLES.get(noun, re.escape(noun))
            demonym = (m.group("demo") or "").strip().lower()
            country = self.knowledge.lexicon.focus_groups.get(demonym)
            owners = [
                p
                for p in self.persons
                if p.title
                and re.search(pattern, p.title, re.IGNORECASE)
                and (country is None or p.country == country)
            ]
            if len(owners) > 1:  # "the chairman of the HCM City People's Council"
                owners = self._of_place(owners, m.end()) or owners
            if len(owners) == 1:
                out.append((owners[0], m.start()))
            elif owners and noun in _SALIENT_NOUNS:
                # "the official": the titled person mentioned last before, outside this span.
                earlier = [
                    (max(s for s, _ in p.spans if s < m.start()), p)
                    for p in owners
                    if any(s < m.start() for s, _ in p.spans)
                    and not any(start <= s < end for s, _ in p.spans)
                ]
                if earlier:
                    out.append((max(earlier, key=lambda x: x[0])[1], m.start()))
        return out

    def _of_place(self, owners: list[PersonInfo], end: int) -> list[PersonInfo]:
        """Those of `owners` affiliated with the place an "of ..." after a role noun names."""
        after = re.match(r"\s+of\s+(?:the\s+)?", self.text[end : end + 12])
        if after is None:
            return []
        at = end + after.end()
        places = [p for p in self.places_in(at, at + 40) if p.start <= at + 15]
        if not places:
            return []
        return [p for p in owners if p.affiliation == places[0].id]

    def anaphors(self, sent: Sentence, named: list[PlaceMention]) -> list[PlaceMention]:
        """Places a sentence names by anaphor: "the Japanese prefecture", "the prefecture",
        "the Vietnamese locality" stand for the story's locality of that country, when the
        sentence names no locality of it itself."""
        out = []
        countries = {p.country for p in named if p.is_local}
        for m in _ANAPHOR_RE.finditer(sent.text):
            demonym = (m.group("demo") or "").lower()
            country = self.knowledge.lexicon.focus_groups.get(demonym)
            if country is None and m.group("noun") == "prefecture":
                country = "JP"
            focal = self.focal.get(country) if country else None
            if focal is None or country is None or country in countries:
                continue
            start = sent.start + m.start()
            end = start + len(m.group())
            out.append(PlaceMention(start, end, focal, country, "admin1", "anaphor", m.group()))
        return out

    def both_localities(self, sent: Sentence) -> tuple[str, str] | None:
        """The two localities a sentence names together ("the two provinces"): those it
        names itself, else the story's most-mentioned locality of each country."""
        if not BOTH_RE.search(sent.text) or len(self.countries) < 2:
            return None
        named = {
            p.country: p.id for p in reversed(self.places_in(sent.start, sent.end)) if p.is_local
        }
        a, b = (named.get(c) or self.focal.get(c) for c in self.countries[:2])
        return (a, b) if a and b else None

    def is_where(self, place: PlaceMention, floor: int = 0) -> bool:
        """True when the mention says where something happens ("in Hanoi", "trip to Vietnam")."""
        before = self.text[max(floor, place.start - 30) : place.start]
        return place.via != "demonym" and bool(WHERE_RE.search(before))

    def other_country(self, country: str) -> str | None:
        return next((c for c in self.countries if c != country), None)

    @property
    def cross_border(self) -> bool:
        return len(self.countries) >= 2


def analyse(
    raw: RawArticle, view: CleanView, doc: Doc, knowledge: Knowledge, matchers: Matchers
) -> Article:
    """Find sentences, places and persons of one article."""
    gaz = knowledge.gazetteer
    sentences = tuple(_trimmed(s.start_char, s.text) for s in doc.sents if s.text.strip())
    first_pass = find_places(doc, view.text, matchers, gaz)
    clusters = find_persons(doc, view.text, [(p.start, p.end) for p in first_pass], matchers)
    person_tokens = frozenset(t for c in clusters if len(c.key) >= 2 for t in c.key)
    places = (
        find_places(doc, view.text, matchers, gaz, person_tokens) if person_tokens else first_pass
    )
    places = _named_countries_only(places)
    clusters = [
        c for c in clusters if not _is_place_only(c, places) and not _unsupported(c, view.text)
    ]
    names = SpanIndex(span for c in clusters if len(c.key) >= 2 for span in c.spans)
    places = [p for p in places if not names.holding(p.start, p.end)]
    dateline = dateline_id(view, gaz)
    focal = _focal(places)
    countries = tuple(c for c, _ in Counter(p.country for p in places).most_common())
    spans = [span for c in clusters for span in c.spans]
    persons = tuple(
        _output_name(
            describe(
                knowledge,
                c,
                view.text,
                view.published,
                focal,
                _others(spans, c),
                _locality_before(view.text, places, min(c.spans)[0]),
            ),
            raw,
            view,
        )
        for c in clusters
    )
    return Article(
        raw,
        view,
        sentences,
        tuple(places),
        persons,
        view.published,
        dateline,
        focal,
        countries,
        knowledge,
        doc,
    )


ROLE_NOUN_RE = re.compile(
    r"\b(?:the|The) (?P<demo>Japanese |Vietnamese |Chinese |Korean |Lao |visiting )?(?:State |Party |top )?"
    r"(?:[A-Z]{2,4} )?(?:Vice |Deputy |Permanent |Standing )*"
    r"(?P<noun>Governor|governor|Mayor|mayor|Ambassador|ambassador|Chairman|chairman|President|Prime Minister|"
    r"PM|Deputy PM|Deputy Prime Minister|General Secretary|leader|legislator|Minister|minister|official|"
    r"head of government|head of state|diplomat|envoy)\b"
)
_ANAPHOR_RE = re.compile(
    r"\b[Tt]he (?:(?P<demo>Japanese|Vietnamese|Korean|Chinese|Lao) )?"
    r"(?P<noun>prefecture|province|locality|city)\b(?! of\b)(?!'s? \w+ (?:of|in)\b)"
)
# Role nouns that name whoever was last in focus, when several people fit the role.
_SALIENT_NOUNS = frozenset({"official", "leader"})
_NOUN_TITLES = {
    "leader": r"President|Secretary|Prime Minister|Chairman|Governor|leader",
    "legislator": r"National Assembly|NA|Diet|House|Parliament|lawmaker",
    "official": r".",
    "pm": r"Prime Minister|PM",
    "deputy pm": r"Deputy Prime Minister|Deputy PM",
    "head of government": r"Prime Minister|PM|Premier",
    "head of state": r"President",
    "diplomat": r"Ambassador|Consul",
    "envoy": r"Ambassador|Consul|Envoy",
}


def _others(spans: list[tuple[int, int]], cluster: PersonCluster) -> tuple[tuple[int, int], ...]:
    """The mentions of everyone but `cluster`."""
    own = set(cluster.spans)
    return tuple(s for s in spans if s not in own)


def _locality_before(text: str, places: list[PlaceMention], start: int) -> str | None:
    """The locality named last before `start` in the same sentence, within 80 characters."""
    floor = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 80)
    before = [p for p in places if floor < p.start and p.end <= start and p.is_local]
    return before[-1].id if before else None


def _trimmed(start: int, text: str) -> Sentence:
    """A sentence without the white space around it (which may stand for cut-out captions)."""
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    return Sentence(start + lead, start + lead + len(body), body)


BOTH_RE = re.compile(
    r"\b(?:[Tt]he two|[Bb]oth) (?:localities|provinces|prefectures|cities|regions)\b"
    r"|\bbetween the (?:province|city|prefecture|locality) and the (?:\w+ )?"
    r"(?:region|province|prefecture|city|locality)\b"
    r"|\bbetween (?:the|their|the two) (?:provinces|localities|cities|prefectures)\b"
)


# Countries whose units may be named without the country itself ("Guangxi", "Gyeonggi").
HOME_COUNTRIES = frozenset({"VN", "JP", "CN", "KR", "KP", "LA", "KH", "TH", "TW"})
WHERE_RE = re.compile(
    r"\b(?:in|at|(?:visit|trip|tour|mission|journey|return)s?\s+to|south of|north of|east of|west of|near)\s+"
    r"(?:the\s+)?(?:central |northern |southern |capital |coastal |neighbouring |city of )?$"
)


def _named_countries_only(places: list[PlaceMention]) -> list[PlaceMention]:
    """Drop units of a third country the story never names (`Delta` is no Nigerian state here)."""
    named = {p.country for p in places if p.kind == "country" or p.via == "demonym"}
    return [
        p
        for p in places
        if p.country in named or p.country in HOME_COUNTRIES or p.kind == "country"
    ]


def _unsupported(cluster: PersonCluster, text: str) -> bool:
    """A name mentioned once, of no known shape, that no title, registry entry or honorific backs."""
    if len(cluster.spans) > 1 or cluster.registry_id or name_country(cluster.name):
        return False
    start, end = cluster.spans[0]
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    titled = re.search(r"(?:Mr|Ms|Mrs|Dr|Gov)\.?\s+$|[A-Z][a-z]+\s+$", before) or re.match(
        r",\s+[A-Za-z]", after
    )
    return not titled


def _is_place_only(cluster: object, places: list[PlaceMention]) -> bool:
    spans = getattr(cluster, "spans", [])
    return all(any(p.start <= s and e <= p.end for p in places) for s, e in spans)


def dateline_id(view: CleanView, gaz: Gazetteer) -> str | None:
    if not view.dateline:
        return None
    match = gaz.resolve(view.dateline.title(), context="dateline")
    return match.place.id if match else None


def _focal(places: list[PlaceMention]) -> dict[str, str]:
    counts: Counter[tuple[str, str]] = Counter((p.country, p.id) for p in places if p.is_local)
    focal: dict[str, str] = {}
    for (country, pid), _ in counts.most_common():
        focal.setdefault(country, pid)
    return focal


def _output_name(info: PersonInfo, raw: RawArticle, view: CleanView) -> PersonInfo:
    """Write the name as the original text does (with its diacritics) when it can."""
    for start, end in info.spans:
        span = view.to_original(start, end)
        original = " ".join(raw.text[span.start : span.end].split())
        if name_key(_fold(original)) == name_key(info.name) and len(original.split()) == len(
            info.name.split()
        ):
            return PersonInfo(original, info.title, info.affiliation, info.country, info.spans)
    return info


def _fold(text: str) -> str:
    from localties.textfold import fold_text

    return fold_text(text)
