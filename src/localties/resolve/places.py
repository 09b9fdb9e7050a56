"""Resolve place names to identifiers: countries, first-level units, Japanese regions.

Identifiers follow the extraction contract: ISO 3166-1 alpha-2 for countries, ISO
3166-2 (as pycountry lists them) for first-level units, `JP-KANTO` and the like for
Japanese regions. A city resolves to the unit that holds it (`Yokohama` -> `JP-14`),
a demonym to its country (`Vietnamese` -> `VN`).

Ambiguity policy. Every name carries a policy:

- `bare`: the name alone is enough (`Kanagawa`, `Hanoi`, `Vietnamese`).
- `person`: also a person's name (`Chiba`, `Saga`, `Nara` as family names; `Hue`,
  `Vinh` as Vietnamese given names). It resolves unless the words around it make it a
  person: a title before it (`Governor Chiba`), a given name beside it (`Kazuo
  Chiba`, `Chiba Kazuo`), a Vietnamese family or middle name before it (`Nguyen Thi
  Hue`). A place word after it (`Chiba Prefecture`, `Saga governor`) settles it as
  a place.
- `word`: a common word or given name (`Chad`, `Jordan`, `Tsu`, `Mie`): it resolves
  only with a place cue (`in Chad`, `Mie Prefecture`).
- `suffix`: a short name of a unit outside the five focus countries, or one that is a
  Vietnamese name syllable (`Van` in Turkey): only `Van Province` resolves.

A name written with its administrative word (`Chiba Prefecture`, `Tsu City`) is never
ambiguous. Short Vietnamese syllables (`Nam`, `Long`, `Ha`, `Bac`) are not names of
anything here, so they never resolve. Where two places share a name, the rank decides:
a country (`Georgia`) before a first-level unit of Vietnam, Japan, Korea, China or Laos
(`Tokyo` the prefecture), before a city, before a first-level unit elsewhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein

from localties.resolve import places_data, places_text
from localties.resolve.places_data import Entry, PlaceRecord


@dataclass(frozen=True, slots=True)
class Place:
    """A place with an identifier."""

    id: str  # "VN", "JP-14", "VN-SG", "JP-KANTO", "KR-41"
    name: str  # canonical English name, ASCII ("Kanagawa", "Ho Chi Minh City", "Japan")
    country: str  # "JP"
    kind: str  # "country" | "admin1" | "region"


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place a name resolves to, and how."""

    place: Place
    surface: str  # the matched form
    via: str  # "name" | "alias" | "city:Yokohama" | "demonym" | "region"
    score: float


@dataclass(frozen=True, slots=True)
class SurfaceForm:
    """One wording of a place, for a phrase matcher over ASCII-folded text."""

    text: str  # folded, natural case: "Kanagawa", "Kanagawa Prefecture", "HCM City"
    place_id: str
    kind: str  # "name" | "alias" | "city" | "demonym" | "region"
    bare_ok: bool  # False when the form alone is ambiguous and needs context


@dataclass(frozen=True, slots=True)
class _Hit:
    match: PlaceMatch
    policy: str
    peeled: bool


class Gazetteer:
    """Names of places, indexed by their comparison key (see `places_text.key`)."""

    def __init__(
        self,
        places: dict[str, Place],
        entries: list[Entry],
        regions: dict[str, tuple[str, ...]],
        merger: dict[str, tuple[str, str]],
    ) -> None:
        self._places = places
        self._entries = entries
        self._regions = regions
        self._merger = merger
        self._index: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            self._index[places_text.key(entry.text)].append(entry)
        self._predecessors: dict[str, list[str]] = defaultdict(list)
        for former, (successor, _) in sorted(merger.items()):
            self._predecessors[successor].append(former)

    def places(self) -> Iterator[Place]:
        """Every place the gazetteer knows (countries, first-level units, regions)."""
        return iter(self._places.values())

    def names(self) -> Iterator[tuple[str, str]]:
        """(name as written, folded; place id) for every name, alias, city, demonym and
        region the gazetteer holds, whatever the policy for resolving it."""
        for entry in self._entries:
            yield entry.text, entry.place_id

    def get(self, place_id: str) -> Place:
        """The place with this identifier; KeyError if unknown."""
        return self._places[place_id]

    def lookup(self, name: str) -> list[PlaceMatch]:
        """Every place `name` may denote, best first ([] if none).

        Case, diacritics, spacing, hyphens and administrative words (`Province`,
        `-ken`, `City`) do not matter. No ambiguity policy is applied.
        """
        return [hit.match for hit in self._hits(name)]

    def resolve(self, name: str, context: str = "") -> PlaceMatch | None:
        """The place `name` denotes in `context` (the text around it), or None.

        Applies the ambiguity policy described in the module docstring.
        """
        hits = self._hits(name)
        if not hits:
            return None
        accepted, _ = self._decide(hits[0], name, context)
        return hits[0].match if accepted else None

    def explain(self, name: str, context: str = "") -> list[tuple[PlaceMatch, str]]:
        """Every candidate for `name`, best first, each with why it is (not) chosen."""
        hits = self._hits(name)
        explained = []
        for number, hit in enumerate(hits):
            m = hit.match
            found = f"{m.via} {m.surface!r}" + (" (administrative word ignored)" * hit.peeled)
            if number == 0:
                accepted, reason = self._decide(hit, name, context)
                verdict = f"chosen: {reason}" if accepted else f"rejected: {reason}"
            else:
                verdict = f"ranked below {hits[0].match.place.id}"
            explained.append((m, f"{found}; policy {hit.policy}; {verdict}"))
        return explained

    def _decide(self, hit: _Hit, name: str, context: str) -> tuple[bool, str]:
        if hit.peeled:
            return True, "written with its administrative word"
        if hit.policy == "suffix":
            return False, "a short or common name: only with its administrative word"
        if hit.policy != "bare" and name.islower():
            return False, "lower-case, and the name is also a common word or a person's name"
        before, after = places_text.around(name, context) or ([], [])
        vietnamese = hit.match.place.country == "VN"
        if vietnamese and before and _vietnamese_name_part(before[-1]):
            return False, f"follows {before[-1]!r}: part of a Vietnamese person's name"
        if hit.policy == "bare":
            return True, "the name alone is enough"
        if places_text.place_cue(before, after):
            return True, "a place word or preposition next to it"
        is_place = self._is_place
        if places_text.person_cue(before, after, vietnamese=vietnamese, is_place=is_place):
            return False, "a title or given name next to it: a person"
        if hit.policy == "person":
            return True, "also a person's name, but nothing in the context says so"
        return False, "a common word or given name: needs a place cue in context"

    def _is_place(self, word: str) -> bool:
        return places_text.key(word) in self._index

    def _hits(self, name: str) -> list[_Hit]:
        for k, peeled in places_text.key_variants(name):
            entries = self._index.get(k)
            if entries:
                return self._rank(entries, peeled)
        return []

    def _rank(self, entries: list[Entry], peeled: bool) -> list[_Hit]:
        # A place's strictest policy under this key wins: the alias table can mark a
        # pycountry name (`Chiba`, `Chad`) as a person's name or a common word.
        strictness = {"bare": 0, "person": 1, "word": 2, "suffix": 3}
        policy: dict[str, str] = {}
        for entry in entries:
            old = policy.get(entry.place_id, "bare")
            policy[entry.place_id] = max(old, entry.policy, key=strictness.__getitem__)
        best: dict[str, _Hit] = {}
        for entry in sorted(entries, key=lambda e: -e.rank):
            if entry.place_id in best:
                continue
            via = f"city:{entry.city}" if entry.kind == "city" else entry.kind
            score = round(entry.rank / 100 - (0.02 if peeled else 0.0), 3)
            match = PlaceMatch(self._places[entry.place_id], entry.text, via, score)
            best[entry.place_id] = _Hit(match, policy[entry.place_id], peeled)
        return list(best.values())

    def surface_forms(self) -> Iterator[SurfaceForm]:
        """Every folded wording of every place, with suffixed variants, each once."""
        seen: set[tuple[str, str]] = set()
        for entry in self._entries:
            place = self._places[entry.place_id]
            hits = self._index[places_text.key(entry.text)]
            strict = [e.policy for e in hits if e.place_id == entry.place_id and e.policy != "bare"]
            if strict:
                entry = replace(entry, policy=strict[0])
            if entry.policy == "suffix" and entry.kind != "city":
                continue  # only the suffixed form would resolve, and none is generated
            for text, bare_ok in _variants(entry, place):
                taken = self._index.get(places_text.key(text), ())
                if taken and max(taken, key=lambda e: e.rank).place_id != entry.place_id:
                    continue  # "Vientiane Province" is another place than "Vientiane"
                if (text, entry.place_id) not in seen:
                    seen.add((text, entry.place_id))
                    yield SurfaceForm(text, entry.place_id, entry.kind, bare_ok)

    def misspelt_unit(self, word: str, unit_word: str) -> PlaceMatch | None:
        """The first-level unit whose name is one edit away from `word` (`Nagono` with
        `prefecture` -> Nagano), among the units that take `unit_word`; None unless
        exactly one is. Words under five letters are never corrected."""
        if len(word) < 5 or not word[:1].isupper():
            return None
        country = {"prefecture": "JP", "province": None}.get(unit_word.lower())
        target = places_text.key(word)
        close = {
            entry.place_id
            for entry in self._entries
            if entry.kind in ("name", "alias")
            and self._places[entry.place_id].kind == "admin1"
            and (country is None or self._places[entry.place_id].country == country)
            and self._places[entry.place_id].country in places_data.FOCUS
            and Levenshtein.distance(places_text.key(entry.text), target, score_cutoff=1) <= 1
        }
        if len(close) != 1:
            return None
        (place_id,) = close
        return PlaceMatch(self._places[place_id], word, "misspelling", 0.6)

    def demonym(self, word: str) -> str | None:
        """The country a nationality word names (`Vietnamese` -> `VN`), or None."""
        for entry in self._index.get(places_text.key(word), []):
            if entry.kind == "demonym":
                return entry.place_id
        return None

    def region_members(self, region_id: str) -> tuple[str, ...]:
        """The first-level units of a region (`JP-KANTO` -> `JP-08`..`JP-14`); KeyError."""
        return self._regions[region_id]

    def region_of(self, code: str) -> str | None:
        """The Japanese region a prefecture belongs to, or None."""
        return next((r for r, members in self._regions.items() if code in members), None)

    def successor(self, code: str) -> tuple[str, str] | None:
        """(new code, "2025-07-01") for a Vietnamese unit the 2025 merger took part in.

        The unit whose name the new province kept maps to itself; a unit the merger
        left alone, and any other code, gives None.
        """
        return self._merger.get(code)

    def predecessors(self, code: str) -> tuple[str, ...]:
        """The former units merged into a post-2025 Vietnamese unit (itself included)."""
        return tuple(self._predecessors.get(code, ()))


def _vietnamese_name_part(word: str) -> bool:
    """A capitalised Vietnamese family or middle name (`Nguyen`, `Thi`, `Van`)."""
    return word[:1].isupper() and word.lower() in places_text.VIETNAMESE_NAME_PARTS


_SUFFIXES = {
    "JP": ("Prefecture", "prefecture"),
    "VN": ("Province", "province"),
    "KR": ("Province", "province"),
    "CN": ("Province", "province"),
    "LA": ("Province", "province"),
}
_CITY_UNITS = {"VN-HN", "VN-SG", "VN-DN", "VN-HP", "VN-CT", "VN-26", "CN-BJ", "CN-SH"}
_CITY_UNITS |= {"CN-TJ", "CN-CQ", "KR-11", "KR-26", "KR-27", "KR-28", "KR-29", "KR-30"}
_CITY_UNITS |= {"KR-31", "KR-50", "LA-VT", "JP-13"}
_JP_SUFFIX = {"JP-13": "-to", "JP-26": "-fu", "JP-27": "-fu", "JP-01": ""}


def _variants(entry: Entry, place: Place) -> Iterator[tuple[str, bool]]:
    """The entry's text, its hyphen spellings, and its suffixed forms."""
    bare_ok = entry.policy == "bare"
    if entry.rank >= places_data.RANK["demonym"] and entry.text.upper() != entry.text:
        yield entry.text.upper(), bare_ok  # datelines: "TOKYO -", "HANOI (VNA) -"
    for text in _hyphen_spellings(entry.text):
        if entry.policy == "suffix":  # a municipality: only with its administrative word
            yield from ((f"{text} {word}", True) for word in ("City", "city", "Town", "town"))
            continue
        yield text, bare_ok
        if entry.kind in {"demonym", "region"} or place.kind == "country":
            if entry.kind == "region":
                yield f"{text} region", True
                yield f"{text} Region", True
            continue
        words = text.split()
        if words[-1].lower() in {"city", "province", "prefecture", "capital", "region"}:
            continue
        if entry.kind == "city" or place.id in _CITY_UNITS:
            yield f"{text} City", True
            yield f"{text} city", True
        if place.kind == "admin1" and place.country in _SUFFIXES and entry.kind != "city":
            for suffix in _SUFFIXES[place.country]:
                yield f"{text} {suffix}", True
            if place.country == "JP" and _JP_SUFFIX.get(place.id, "-ken"):
                yield text + _JP_SUFFIX.get(place.id, "-ken"), True
            if place.country == "KR" and place.id not in _CITY_UNITS and "-" not in text:
                yield f"{text}-do", True


def _hyphen_spellings(text: str) -> Iterator[str]:
    yield text
    if "-" in text and not text.startswith("-"):
        parts = [p.strip() for p in text.split("-")]
        yield "-".join(parts)
        yield " - ".join(parts)
        yield " ".join(parts)


def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer (loaded once; raises DataError if the data is invalid)."""
    records: dict[str, PlaceRecord] = {}
    names: dict[str, list[str]] = {}
    for record, place_names in [*places_data.country_records(), *places_data.admin1_records()]:
        records[record.id] = record
        names[record.id] = place_names
    regions: dict[str, tuple[str, ...]] = {}
    for record, members in places_data.region_records():
        records[record.id] = record
        regions[record.id] = members
    entries, canonical = places_data.build_entries(records, names)
    places = {
        pid: Place(pid, canonical.get(pid, r.name), r.country, r.kind) for pid, r in records.items()
    }
    return Gazetteer(places, entries, regions, places_data.merger())
