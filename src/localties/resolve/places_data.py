"""Load and validate the gazetteer's data: pycountry plus the TSV files in data/places.

Everything here is turned into `Entry` rows (one name of one place) and `Place`
records; `localties.resolve.places` indexes them. See data/places/README.md for where
each file comes from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files

import pycountry

from localties.errors import DataError
from localties.resolve.lexicon import packaged
from localties.resolve.places_text import VIETNAMESE_NAME_PARTS, fold, key

FOCUS = packaged().focus
POLICIES = ("bare", "person", "word", "suffix")
# Ranks order the places that share a name: a country before a first-level unit of
# the focus countries, before a city, before a first-level unit elsewhere.
RANK = {"country": 100, "region": 95, "focus": 90, "demonym": 85, "city": 70, "admin1": 50}
# Names of first-level units elsewhere that are ordinary words or given names: they
# resolve only with a place cue, never bare.
_COMMON = frozenset(
    {
        "central", "centre", "center", "north", "south", "east", "west", "northern",
        "southern", "eastern", "western", "capital", "coast", "coastal", "islands",
        "island", "lakes", "upper", "lower", "border", "delta", "plateau", "littoral",
        "nord", "sud", "est", "ouest", "victoria", "washington", "georgia", "virginia",
        "carolina", "maria", "santa", "alba", "sofia", "florida", "mountain", "valley",
        "sur", "oriental", "occidental", "orange", "free", "national", "federal",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """A place before indexing (same fields as `places.Place`)."""

    id: str
    name: str
    country: str
    kind: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One name of one place. `text` is folded, in natural case."""

    text: str
    place_id: str
    kind: str  # name | alias | city | demonym | region
    policy: str  # bare | person | word
    rank: int
    city: str = ""


def _rows(name: str, width: int) -> Iterator[tuple[int, list[str]]]:
    path = files("localties") / "data" / "places" / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataError(f"places/{name}: cannot read ({error})") from error
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < width - 1 or len(cells) > width or not all(c.strip() for c in cells[:2]):
            raise DataError(f"places/{name}:{number}: expected {width} tab-separated cells")
        yield number, [*cells, ""][:width]


def _flags(name: str, number: int, cell: str) -> set[str]:
    flags = {f for f in cell.split(",") if f}
    unknown = flags - {"canonical", "person", "word", "suffix"}
    if unknown:
        raise DataError(f"places/{name}:{number}: unknown flags {sorted(unknown)}")
    return flags


def _policy(flags: set[str]) -> str:
    for policy in ("suffix", "word", "person"):
        if policy in flags:
            return policy
    return "bare"


def country_records() -> Iterator[tuple[PlaceRecord, list[str]]]:
    """Each ISO 3166-1 country with its pycountry names (comma forms left out)."""
    for country in pycountry.countries:
        names = [getattr(country, a, None) for a in ("common_name", "name", "official_name")]
        folded = [fold(n) for n in names if n and "," not in n]
        label = folded[0] if folded else fold(country.name)
        yield PlaceRecord(country.alpha_2, label, country.alpha_2, "country"), folded


def _admin1_names(sub: object) -> list[str]:
    name = re.sub(r"\s*[\[(].*?[\])]", "", str(getattr(sub, "name", ""))).strip()
    code = str(getattr(sub, "code", ""))
    names = [name]
    if code.startswith("KR-"):
        names.append(name.split("-")[0])
    elif code.startswith("CN-"):
        drop = {"Sheng", "Shi", "Zizhiqu", "Zhuangzu", "Huizu", "Uygur", "SAR"}
        names.append(" ".join(w for w in name.split() if w not in drop))
    # pycountry writes some names inverted ("Madrid, Comunidad de"): keep the name part.
    return [fold(n.split(",")[0]) for n in names]


def admin1_records() -> Iterator[tuple[PlaceRecord, list[str]]]:
    """Each first-level ISO 3166-2 unit with its pycountry names."""
    for sub in pycountry.subdivisions:
        if sub.parent_code:
            continue
        names = _admin1_names(sub)
        yield PlaceRecord(sub.code, names[-1], sub.country_code, "admin1"), names


def region_records() -> Iterator[tuple[PlaceRecord, tuple[str, ...]]]:
    """Japanese regions with their member prefectures, from regions.tsv."""
    for number, (region_id, name, members) in _rows("regions.tsv", 3):
        codes = tuple(m.strip() for m in members.split(","))
        for code in codes:
            if pycountry.subdivisions.get(code=code) is None:
                raise DataError(f"places/regions.tsv:{number}: unknown member {code}")
        yield PlaceRecord(region_id, name, region_id[:2], "region"), codes


def build_entries(
    places: dict[str, PlaceRecord], names: dict[str, list[str]]
) -> tuple[list[Entry], dict[str, str]]:
    """All entries, and the canonical display name of each place that has one."""
    entries: list[Entry] = []
    shared = Counter(
        key(n) for pid, ns in names.items() if places[pid].kind == "admin1" for n in set(ns)
    )
    for place_id, place_names in names.items():
        place = places[place_id]
        for text in dict.fromkeys(place_names):
            entries.append(_base_entry(place, text, shared))
    canonical: dict[str, str] = {}
    for number, (place_id, text, cell) in _rows("aliases.tsv", 3):
        if place_id not in places:
            raise DataError(f"places/aliases.tsv:{number}: unknown place {place_id}")
        flags = _flags("aliases.tsv", number, cell)
        if "canonical" in flags:
            canonical[place_id] = fold(text)
        place = places[place_id]
        kind = "region" if place.kind == "region" else "alias"
        # +1: a curated alias settles a tie between pycountry names (`Viangchan`).
        entries.append(Entry(fold(text), place_id, kind, _policy(flags), _rank(place) + 1))
    entries.extend(_city_entries(places))
    entries.extend(_demonym_entries(places))
    return entries, canonical


def _rank(place: PlaceRecord) -> int:
    if place.kind == "admin1":
        return RANK["focus"] if place.country in FOCUS else RANK["admin1"]
    return RANK[place.kind]


def _base_entry(place: PlaceRecord, text: str, shared: Counter[str]) -> Entry:
    policy = "bare"
    if place.kind == "admin1" and place.country not in FOCUS:
        k = key(text)
        if len(k) < 4 or k in VIETNAMESE_NAME_PARTS:
            policy = "suffix"  # `Van` (Turkey) is a Vietnamese middle name
        elif shared[k] > 1 or text.lower() in _COMMON:
            policy = "word"
    return Entry(text, place.id, "name", policy, _rank(place))


def _city_entries(places: dict[str, PlaceRecord]) -> Iterator[Entry]:
    for number, (name, place_id, cell) in _rows("cities.tsv", 3):
        if place_id not in places or places[place_id].kind != "admin1":
            raise DataError(f"places/cities.tsv:{number}: unknown unit {place_id}")
        policy = _policy(_flags("cities.tsv", number, cell))
        city = fold(name).removesuffix(" City")
        yield Entry(fold(name), place_id, "city", policy, RANK["city"], city)


def _demonym_entries(places: dict[str, PlaceRecord]) -> Iterator[Entry]:
    for number, (word, country, cell) in _rows("demonyms.tsv", 3):
        if country not in places:
            raise DataError(f"places/demonyms.tsv:{number}: unknown country {country}")
        policy = _policy(_flags("demonyms.tsv", number, cell))
        yield Entry(word, country, "demonym", policy, RANK["demonym"])
        if not word.endswith(("ese", "sh", "ch", "ss", "Lao")):
            yield Entry(word + "s", country, "demonym", policy, RANK["demonym"])


def merger() -> dict[str, tuple[str, str]]:
    """Former Vietnamese unit -> (successor, effective date), from vn_merger_2025.tsv."""
    table: dict[str, tuple[str, str]] = {}
    for number, (former, successor, date) in _rows("vn_merger_2025.tsv", 3):
        for code in (former, successor):
            if pycountry.subdivisions.get(code=code) is None:
                raise DataError(f"places/vn_merger_2025.tsv:{number}: unknown unit {code}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise DataError(f"places/vn_merger_2025.tsv:{number}: bad date {date!r}")
        table[former] = (successor, date)
    return table
