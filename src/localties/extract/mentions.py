"""Place and person mentions in a story view.

Places are found with a phrase matcher built from the gazetteer's surface forms (the
small spaCy model mislabels most prefectures and provinces); persons come from the
model's PERSON entities plus the officials registry, cleaned, and grouped into one
cluster per person so that `Kuroiwa` and `Governor Kuroiwa Yuji` are the same man.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

from localties.extract.spans import Covered, SpanIndex
from localties.glue import common_count
from localties.knowledge import Knowledge
from localties.resolve.names import clean_name, looks_like_name, name_country
from localties.resolve.places import Gazetteer


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the view: [start, end) into the view text."""

    start: int
    end: int
    id: str
    country: str
    kind: str  # "country" | "admin1" | "region"
    via: str  # "name" | "alias" | "city" | "demonym" | "region"
    text: str

    @property
    def is_local(self) -> bool:
        return self.kind in ("admin1", "region")


@dataclass(slots=True)
class PersonCluster:
    """One person: every mention of them, and what the text says they are."""

    key: frozenset[str]
    name: str  # the fullest form, folded view text
    spans: list[tuple[int, int]] = field(default_factory=list)
    ner_person: bool = False
    registry_id: str | None = None


_PLACE_AFTER_PERSON = re.compile(
    r"\s*(?:'s\s+)?(?:prefecture|Prefecture|province|Province|city|City|region|Region|prefectural|Prefectural|port|Port|governor|Governor|Gov\.)"
)


# A run of capitalised words; a name hides at its start or end ("Prime Minister Abe Shinzo").
_CAP_RUN = re.compile(
    r"(?<![\w'\-])(?:[A-Z][a-z]+(?:-[a-z]+)?[ ]){1,7}[A-Z][a-z]+(?:-[a-z]+)?(?![\w\-])"
)


# A name of any shape stands next to a title: "Vanxay Phongsavanh, Secretary of ...",
# "Governor Hang Sreng" (the title side is checked by _TITLE_NEXT).
_TITLE_NEXT = re.compile(
    r"(?:Governor|Mayor|Chairman|Chairwoman|Minister|Ambassador|Secretary|President|Director|CEO|Mr\.|Ms\.|Mrs\.|Dr\.)"
)
_AFTER_TITLE = re.compile(
    r",\s+(?:(?:the|a)\s+)?(?:(?:Standing|Permanent|First|Deputy|Vice|Acting|Former)\s+)*"
    r"(?:Governor|Mayor|Chairman|Chairwoman|Minister|Ambassador|Secretary|President|Director|Head|CEO|"
    r"member|Member|head|chairman|governor|mayor|secretary|director|deputy|vice)\b"
)


def _titled_runs(text: str) -> Iterator[tuple[int, int]]:
    """Two or three capitalised words that a title introduces or follows."""
    for m in re.finditer(r"(?<![\w'\-])[A-Z][a-z]+(?:[ ][A-Z][a-z]+){1,2}(?![\w\-])", text):
        words = m.group().split()
        if any(common_count(w) >= 3e6 for w in words):
            continue
        before = text[max(0, m.start() - 12) : m.start()]
        if _AFTER_TITLE.match(text, m.end()) or re.search(
            r"(?:Mr\.|Ms\.|Mrs\.|Dr\.|Governor|Mayor|Ambassador|CEO)\s$", before
        ):
            yield m.start(), m.end()
        elif re.search(
            r"(?:Region|Province|Committee|Council|Assembly|Prefecture|Government)\s$", before
        ) and (_TITLE_NEXT.search(text, max(0, m.start() - 90), m.start())):
            yield (
                m.start(),
                m.end(),
            )  # "Chairman of the Guangxi Zhuang Autonomous Region Lan Tianli"


def _name_shaped(name: str, words: list[str]) -> bool:
    country = name_country(name)
    if country is None:
        return False
    if country == "VN":
        # Vietnamese syllables are often English words (Ha, Long, Son); two syllables are as
        # often a place ("Lu Thang") as a name, so only three or more count without NER.
        return len(words) >= 3
    counts = [common_count(w) for w in words]
    return sum(c >= 3e6 for c in counts) <= 1 and max(counts) < 5e7


# A name-shaped run inside a longer organisation name ("Sumitomo Mitsui Banking") is no person.
_NOT_PERSON_LABELS = frozenset({"ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
_INSTITUTION = re.compile(
    r"\b(?:Corporation|Corp|Company|Co|Ltd|Inc|Group|Holdings|Bank|Banking|Airlines|Airways|University"
    r"|Institute|Association|Federation|Foundation|Party|Festival|Hospital|School|College|Museum"
    r"|Park|Prefecture|Province|City|Committee|Council|Ministry|Agency|Industries|Motors?)\b"
)


def _name_shaped_runs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of 2-4 capitalised words at the edge of a run whose shape is a person's name."""
    for m in _CAP_RUN.finditer(text):
        words = list(re.finditer(r"\S+", m.group()))
        best = None
        for size in (4, 3, 2):
            for lo in {0, len(words) - size}:
                if lo < 0 or lo + size > len(words):
                    continue
                chunk = words[lo : lo + size]
                name = m.group()[chunk[0].start() : chunk[-1].end()]
                if _name_shaped(name, [w.group() for w in chunk]):
                    best = (m.start() + chunk[0].start(), m.start() + chunk[-1].end())
                    break
            if best:
                break
        if (
            best
            and not _INSTITUTION.search(text, best[1], m.end())
            and not _INSTITUTION.match(text, m.end() + 1)
        ):
            yield best


_NOT_PERSON_AFTER = re.compile(
    r"\s*(?:district|District|province|Province|commune|Commune|town|Town|village|Village|city|City"
    r"|ward|Ward|river|River|street|Street|Park|park|port|Port|airport|Airport|Bay|bay|island|Island"
    r"|(?:[A-Z]\w*\s+)?(?:border gates?|gates?|bridge|checkpoint|pass|road|highway|market|pagoda|temple|lake))\b"
)


@dataclass(frozen=True, slots=True)
class Matchers:
    """Phrase matchers built once from the knowledge, over a pipeline's vocabulary."""

    places: PhraseMatcher
    place_info: dict[str, tuple[str, str, bool]]  # surface form -> (id, kind, bare_ok)
    persons: PhraseMatcher
    person_info: dict[str, str]  # surface form -> registry id

    @classmethod
    def build(cls, nlp: Language, knowledge: Knowledge) -> Matchers:
        """Matchers over `nlp`'s vocabulary, patterns tokenised by its tokenizer."""
        places, place_info = _place_matcher(nlp, knowledge.gazetteer)
        persons, person_info = _person_matcher(nlp, knowledge)
        return cls(places, place_info, persons, person_info)


def _place_matcher(
    nlp: Language, gaz: Gazetteer
) -> tuple[PhraseMatcher, dict[str, tuple[str, str, bool]]]:
    """A phrase matcher over every gazetteer surface form, and each form's (id, kind, bare_ok)."""
    matcher = PhraseMatcher(nlp.vocab)
    info: dict[str, tuple[str, str, bool]] = {}
    patterns = []
    for form in gaz.surface_forms():
        key = form.text
        if key in info:
            continue
        info[key] = (form.place_id, form.kind, form.bare_ok)
        patterns.append(nlp.make_doc(key))
        if key.isupper() is False and len(key) > 3:
            upper = key.upper()
            if upper not in info:
                info[upper] = (form.place_id, form.kind, form.bare_ok)
                patterns.append(nlp.make_doc(upper))
    matcher.add("PLACE", patterns)
    return matcher, info


def _person_matcher(nlp: Language, knowledge: Knowledge) -> tuple[PhraseMatcher, dict[str, str]]:
    matcher = PhraseMatcher(nlp.vocab)
    info: dict[str, str] = {}
    for text, pid in knowledge.registry.surface_forms():
        if text not in info and len(text.split()) >= 2:
            info[text] = pid
    matcher.add("PERSON", [nlp.make_doc(t) for t in info])
    return matcher, info


def find_places(
    doc: Doc,
    text: str,
    matchers: Matchers,
    gaz: Gazetteer,
    person_tokens: frozenset[str] = frozenset(),
) -> list[PlaceMention]:
    """Every resolvable place mention, longest match first, no overlaps (`text` is `doc.text`)."""
    matcher, info = matchers.places, matchers.place_info
    spans = sorted(matcher(doc, as_spans=True), key=lambda s: (s.start, -(s.end - s.start)))
    out: list[PlaceMention] = []
    last_end = -1
    for span in spans:
        if span.start < last_end:
            continue
        form = span.text
        place_id, kind, bare_ok = info[form]
        start, end = span.start_char, span.end_char
        after = text[end : end + 30]
        if form.lower() in person_tokens and not _PLACE_AFTER_PERSON.match(after):
            continue  # "Nagasaki, 50, who ran" is Kotaro Nagasaki, not the prefecture
        if not bare_ok:
            match = gaz.resolve(form, context=text[max(0, start - 60) : end + 60])
            if match is None:
                continue
            place_id = match.place.id
        place = gaz.get(place_id)
        out.append(PlaceMention(start, end, place.id, place.country, place.kind, kind, form))
        last_end = span.end
    return out


def find_persons(
    doc: Doc, text: str, place_spans: list[tuple[int, int]], matchers: Matchers
) -> list[PersonCluster]:
    """Person clusters from NER and the registry; single-word mentions join a full name.

    `text` is `doc.text`, passed in because spaCy rebuilds it on every access.
    """
    matcher, info = matchers.persons, matchers.person_info
    places = SpanIndex(place_spans)
    raw: list[tuple[int, int, str, bool, str | None]] = []
    for span in matcher(doc, as_spans=True):
        raw.append((span.start_char, span.end_char, span.text, True, info.get(span.text)))
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        raw.append((ent.start_char, ent.end_char, ent.text, True, None))
    organisations = SpanIndex(
        (e.start_char, e.end_char) for e in doc.ents if e.label_ in _NOT_PERSON_LABELS
    )
    for start, end in _name_shaped_runs(text):
        if not organisations.holding(end - 1, end + 1):  # an organisation going on past it
            raw.append((start, end, text[start:end], False, None))
    for start, end in _titled_runs(text):
        raw.append((start, end, text[start:end], False, None))
    clusters: dict[frozenset[str], PersonCluster] = {}
    singles: list[tuple[int, int, str, bool]] = []
    for start, _end, surface, ner, pid in sorted(raw, key=lambda r: (r[0], -(r[1] - r[0]))):
        name = _trim_places(
            clean_name(surface), start + surface.find(clean_name(surface)[:1] or " "), places
        )
        if not name or not looks_like_name(name):
            continue
        offset = surface.find(name.split()[0])
        s0 = start + max(offset, 0)
        e0 = s0 + len(name)
        if not text[e0:].strip() and not pid:
            continue  # the text breaks off inside it ("... with Osaka Prefe"): no name
        if _overlaps_place_fully(s0, e0, places, text) or _NOT_PERSON_AFTER.match(
            text[e0 : e0 + 20]
        ):
            continue
        if (
            not pid
            and len(name.split()) == 2
            and name_country(name) == "VN"
            and _inside_longer_name(text, s0)
        ):
            continue  # "the Ma Lu Thang gate": two syllables inside a longer proper name
        key = name_key(name)
        if len(key) >= 2:
            cluster = clusters.get(key)
            if cluster is None:
                cluster = clusters[key] = PersonCluster(key, name)
            if len(name) > len(cluster.name):
                cluster.name = name
            cluster.spans.append((s0, e0))
            cluster.ner_person = cluster.ner_person or ner
            cluster.registry_id = cluster.registry_id or pid
        else:
            singles.append((s0, e0, name, ner))
    _absorb_partial_names(clusters)
    _attach_short_mentions(doc, clusters, singles)
    return [c for c in clusters.values() if c.spans and _plausible(c, text)]


def _absorb_partial_names(clusters: dict[frozenset[str], PersonCluster]) -> None:
    """`Pham Minh` (a span cut short at a diacritic) joins `Pham Minh Chinh`."""
    for key in sorted(clusters, key=len):
        supers = [k for k in clusters if key < k]
        if len(supers) == 1:
            target = clusters[supers[0]]
            target.spans += clusters[key].spans
            target.ner_person = target.ner_person or clusters[key].ner_person
            target.registry_id = target.registry_id or clusters[key].registry_id
            del clusters[key]


def _plausible(cluster: PersonCluster, text: str) -> bool:
    """A one-word person needs the model to call it a person twice, and not to be a
    common word unless a title stands before it ("Ambassador Nam", "Deputy Mayor Lo")."""
    if len(cluster.key) >= 2:
        return True
    (word,) = cluster.key
    if len(cluster.spans) < 2 or not cluster.ner_person:
        return False
    titled = any(_TITLE_BEFORE.search(text[max(0, s - 30) : s]) for s, _ in cluster.spans)
    return titled or common_count(word) < 2e6


_TITLE_BEFORE = re.compile(
    r"(?:Mr|Ms|Mrs|Dr|Prof|Gov|Governor|Mayor|President|Chairman|Chairwoman|Minister|Ambassador|Secretary"
    r"|Director|CEO|Consul|General|Premier|PM|Speaker|Deputy|Vice|Chief|Head|Leader|Dean|Rector|Envoy"
    r"|Chair|Representative|Lawmaker|Senator|Assoc|Professor)\.?\s+$"
)


def _inside_longer_name(text: str, start: int) -> bool:
    """True when a capitalised word that ends no title or body name stands right before `start`."""
    before = text[max(0, start - 40) : start]
    m = re.search(r"([A-Z][\w.'-]*)\s+$", before)
    if m is None or _TITLE_BEFORE.search(before):
        return False
    return not _INSTITUTION.fullmatch(m.group(1))


def _trim_places(name: str, start: int, places: SpanIndex) -> str:
    """Drop leading words that are a place mention ("Fukushima Uchibori Masao")."""
    words = name.split()
    pos = start
    while len(words) > 2 and places.holding(pos, pos + 1):
        pos += len(words[0]) + 1
        words = words[1:]
    return " ".join(words)


def _overlaps_place_fully(start: int, end: int, places: SpanIndex, text: str) -> bool:
    """True when every word of the candidate name is inside a place mention."""
    covered = 0
    words = list(re.finditer(r"\S+", text[start:end]))
    for w in words:
        ws, we = start + w.start(), start + w.end()
        if places.holding(ws, we, slack=2):
            covered += 1
    return bool(words) and covered == len(words)


def name_key(name: str) -> frozenset[str]:
    """The identity of a name: its lower-cased ASCII tokens, in any order."""
    return frozenset(re.findall(r"[a-z0-9]+", name.lower()))


def _attach_short_mentions(
    doc: Doc,
    clusters: dict[frozenset[str], PersonCluster],
    singles: list[tuple[int, int, str, bool]],
) -> None:
    """Link one-word mentions (`Kuroiwa`, `Dung`) to the cluster whose name holds the word."""
    by_token: dict[str, list[PersonCluster]] = {}
    for cluster in clusters.values():
        for part in cluster.key:
            by_token.setdefault(part, []).append(cluster)
    seen = Covered(len(doc.text), (span for c in clusters.values() for span in c.spans))
    # only the tokens whose lower-case form is part of a name become Token objects
    wanted = {get_string_id(part) for part in by_token}  # hashes; the vocabulary is not grown
    lowers = doc.to_array([LOWER])
    for i in (i for i, h in enumerate(lowers.tolist()) if h in wanted):
        token = doc[i]
        word = token.text
        owners = by_token.get(word.lower())
        if not owners or len(owners) != 1 or not word[:1].isupper():
            continue
        span = (token.idx, token.idx + len(word))
        if span[0] in seen:
            continue
        owners[0].spans.append(span)
        seen.add(*span)
    for start, end, name, ner in singles:
        if start in seen:
            continue
        key = name_key(name)
        if not ner or not key:
            continue
        single = clusters.get(key)
        if single is None:
            single = clusters[key] = PersonCluster(key, name, ner_person=True)
        single.spans.append((start, end))
        seen.add(start, end)
