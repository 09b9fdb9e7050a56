"""A registry of officials with dated roles, and name resolution against it.

The registry ships as TOML files under `localties/data/officials/` (see the README
there). Each file lists offices, each office its holders with the first and last
day of their term, written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`:

    [[office]]
    title = "Governor"
    body = "Kanagawa Prefecture"
    place = "JP-14"
    holders = [["Matsuzawa Shigefumi", "2003-04-23", "2011-04-22"], ["Kuroiwa Yuji", "2011-04-23"]]

Names are written family name first, with diacritics where the language has them;
a `[person."Name"]` table adds a display name and extra spellings. Everything is
validated when the registry is loaded; a bad file raises `DataError`.
"""

from __future__ import annotations

import calendar
import functools
import itertools
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from typing import Any

from rapidfuzz import fuzz
from unidecode import unidecode

from localties.errors import DataError
from localties.resolve.lexicon import packaged
from localties.resolve.titles import normalise_title

AS_OF_YEAR = 2026
"""The registry is complete up to this year: an open-ended role runs to its end."""

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_HONORIFICS = packaged().honorifics
# Title priority when a person holds several roles the same day: the first listed wins.
_RANK = (
    "general secretary",
    "president",
    "prime minister",
    "premier",
    "chairman of the national assembly",
    "permanent deputy prime minister",
    "deputy prime minister",
    "vice president",
    "acting president",
    "permanent vice chairman of the national assembly",
    "vice chairman of the national assembly",
    "chief cabinet secretary",
    "minister",
    "governor",
    "secretary of the party committee",
    "chairman of the people's committee",
    "chairman of the people's council",
    "mayor",
    "vice chairman of the people's committee",
    "ambassador",
    "deputy minister",
)


@dataclass(frozen=True, slots=True)
class Role:
    """One term in one office: `place` is the government the holder serves."""

    title: str
    body: str | None
    place: str
    start: str
    end: str | None

    @property
    def country(self) -> str:
        """The ISO 3166-1 code of the country the role belongs to."""
        return self.place.split("-")[0]

    def describe(self) -> str:
        """`Governor, Kanagawa Prefecture (JP-14), 2011-04-23 - present`."""
        body = f", {self.body}" if self.body else ""
        return f"{self.title}{body} ({self.place}), {self.start} - {self.end or 'present'}"


@dataclass(frozen=True, slots=True)
class Person:
    """A person in the registry, with every accepted spelling and all dated roles."""

    id: str
    name: str
    family: str
    given: str
    variants: tuple[str, ...]
    roles: tuple[Role, ...]


@dataclass(frozen=True, slots=True)
class PersonMatch:
    """A candidate person for a name, with the role that fits the date best."""

    person: Person
    role: Role | None
    score: float
    why: str

    @property
    def affiliation(self) -> str | None:
        """The place id of the government the person serves in `role`."""
        return self.role.place if self.role else None


# ---------------------------------------------------------------------------- names


def fold(text: str) -> str:
    """ASCII, lower case, single spaces: `Phạm Minh Chính` -> `pham minh chinh`."""
    ascii_text = unidecode(text).lower().replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text).split())


def _collapse_vowels(token: str) -> str:
    """Merge the spellings of Japanese long vowels: Ohmura, Oomura, Omura -> omura."""
    token = re.sub(r"oh(?![aeiouy])", "o", token)
    return token.replace("ou", "o").replace("oo", "o").replace("uu", "u")


@functools.lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """The comparable tokens of a name: folded, honorifics dropped, long vowels merged."""
    tokens = [t for t in fold(name).split() if t not in _HONORIFICS]
    return tuple(_collapse_vowels(t) for t in tokens)


def name_key(name: str) -> tuple[str, ...]:
    """Order-free identity of a full name (the contract's token-set rule)."""
    return tuple(sorted(name_tokens(name)))


# ---------------------------------------------------------------------------- dates


def date_bounds(text: str) -> tuple[date, date]:
    """First and last day a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date can mean."""
    found = _DATE.match(text)
    if not found:
        raise ValueError(f"not a YYYY[-MM[-DD]] date: {text!r}")
    year, month, day = (int(part) if part else None for part in found.groups())
    assert year is not None
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last)
    exact = date(year, month, day)
    return exact, exact


def period(on: str | None) -> tuple[date, date] | None:
    """The days an EDTF date or interval covers; None when no year is known."""
    if not on or on.startswith("X"):
        return None
    if "/" in on:
        first, _, last = on.partition("/")
        return date_bounds(first)[0], date_bounds(last)[1]
    return date_bounds(on)


def role_span(role: Role) -> tuple[date, date]:
    """Widest span of days a role may cover (an open role runs to the end of time)."""
    end = date_bounds(role.end)[1] if role.end else date.max
    return date_bounds(role.start)[0], end


def held_during(role: Role, days: tuple[date, date]) -> bool:
    """Whether the role may have been held on any day of `days`."""
    lo, hi = role_span(role)
    return lo <= days[1] and days[0] <= hi


def surely_held(role: Role, days: tuple[date, date]) -> bool:
    """Whether the role was held on every day of `days` whatever its imprecise dates mean."""
    start = date_bounds(role.start)[1]
    end = date_bounds(role.end)[0] if role.end else date.max
    return start <= days[0] and days[1] <= end


def _rank(role: Role) -> int:
    title = role.title.lower()
    for index, prefix in enumerate(_RANK):
        if title == prefix or (prefix == "minister" and title.startswith("minister")):
            return index
    return len(_RANK)


# ---------------------------------------------------------------------------- loading


@dataclass(slots=True)
class _Draft:
    """A person while files are being read."""

    name: str
    roles: list[Role] = field(default_factory=list)
    spellings: list[str] = field(default_factory=list)
    display: str | None = None


def _slug(name: str) -> str:
    return fold(name).replace(" ", "-")


@functools.cache
def known_places() -> frozenset[str]:
    """ISO 3166-1 alpha-2 and ISO 3166-2 codes that a role's `place` may use."""
    import pycountry

    codes = {country.alpha_2 for country in pycountry.countries}
    codes.update(sub.code for sub in pycountry.subdivisions)
    return frozenset(codes)


def _check_date(source: str, text: Any) -> str:
    if not isinstance(text, str):
        raise DataError(f"{source}: date must be a string, got {text!r}")
    try:
        date_bounds(text)
    except ValueError as exc:
        raise DataError(f"{source}: bad date {text!r}: {exc}") from None
    return text


def _read_office(source: str, office: dict[str, Any], drafts: dict[str, _Draft]) -> None:
    where = f"{source}: office {office.get('title')!r} {office.get('place')!r}"
    title, place, body = office.get("title"), office.get("place"), office.get("body")
    if not isinstance(title, str) or not isinstance(place, str):
        raise DataError(f"{where}: needs string `title` and `place`")
    if place not in known_places():
        raise DataError(f"{where}: unknown place code {place!r}")
    holders = office.get("holders")
    if not isinstance(holders, list) or not holders:
        raise DataError(f"{where}: needs a non-empty `holders` list")
    roles: list[Role] = []
    for holder in holders:
        if not isinstance(holder, list) or len(holder) not in (2, 3):
            raise DataError(f"{where}: holder must be [name, start] or [name, start, end]")
        name, start = holder[0], _check_date(where, holder[1])
        end = _check_date(where, holder[2]) if len(holder) == 3 else None
        if not isinstance(name, str) or not name.strip():
            raise DataError(f"{where}: holder name must be a string")
        if end and date_bounds(start)[0] > date_bounds(end)[1]:
            raise DataError(f"{where}: {name} starts {start} after ending {end}")
        role = Role(title, body if isinstance(body, str) else None, place, start, end)
        roles.append(role)
        key = _slug(name)
        draft = drafts.setdefault(key, _Draft(unidecode(name)))
        draft.roles.append(role)
        if name != draft.name and name not in draft.spellings:
            draft.spellings.append(name)
    if not office.get("shared", False):
        _check_no_overlap(where, [(h[0], r) for h, r in zip(holders, roles, strict=True)])


def _check_no_overlap(where: str, terms: list[tuple[str, Role]]) -> None:
    """One-holder offices: a term may not surely begin before the previous surely ended."""
    ordered = sorted(terms, key=lambda term: date_bounds(term[1].start)[0])
    for (before, first), (after, second) in itertools.pairwise(ordered):
        if first.end is None:
            raise DataError(f"{where}: {before} has no end but {after} follows")
        if date_bounds(second.start)[1] < date_bounds(first.end)[0]:
            raise DataError(f"{where}: {after} starts {second.start} before {before} ends")


def _read_people(source: str, table: dict[str, Any], drafts: dict[str, _Draft]) -> None:
    for name, info in table.items():
        draft = drafts.get(_slug(name))
        if draft is None or not isinstance(info, dict):
            raise DataError(f"{source}: [person.{name!r}] names nobody who holds an office")
        display = info.get("display")
        variants = info.get("variants", [])
        if display is not None and not isinstance(display, str):
            raise DataError(f"{source}: [person.{name!r}] display must be a string")
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise DataError(f"{source}: [person.{name!r}] variants must be a list of strings")
        draft.display = display or draft.display
        draft.spellings.extend(v for v in variants if v not in draft.spellings)


def _variants(draft: _Draft, country: str) -> tuple[str, ...]:
    """Every accepted full spelling: as written, ASCII, and for non-Vietnamese names both orders."""
    seen: dict[str, None] = {}
    for spelling in [draft.name, *draft.spellings, *([draft.display] if draft.display else [])]:
        for form in (spelling, unidecode(spelling)):
            seen[form] = None
            tokens = form.split()
            if country != "VN" and len(tokens) == 2:
                seen[f"{tokens[1]} {tokens[0]}"] = None
    return tuple(seen)


def _build(draft: _Draft) -> Person:
    roles = tuple(sorted(draft.roles, key=lambda r: date_bounds(r.start)[0]))
    tokens = draft.name.split()
    country = roles[0].country
    return Person(
        id=_slug(draft.name),
        name=draft.display or draft.name,
        family=tokens[0],
        given=" ".join(tokens[1:]),
        variants=_variants(draft, country),
        roles=roles,
    )


def read_registry(sources: Iterable[tuple[str, str]]) -> Registry:
    """Build a registry from `(file name, TOML text)` pairs, validating everything."""
    drafts: dict[str, _Draft] = {}
    people: list[tuple[str, dict[str, Any]]] = []
    for source, text in sources:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DataError(f"{source}: {exc}") from None
        offices = data.get("office", [])
        if not isinstance(offices, list):
            raise DataError(f"{source}: `office` must be an array of tables")
        for office in offices:
            _read_office(source, office, drafts)
        people.append((source, data.get("person", {})))
    for source, table in people:
        _read_people(source, table, drafts)
    return Registry(tuple(_build(d) for d in drafts.values()))


def load_registry() -> Registry:
    """The packaged registry of officials (read and validated once per process)."""
    folder = files("localties") / "data" / "officials"
    try:
        sources = [
            (entry.name, entry.read_text(encoding="utf-8"))
            for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".toml")
        ]
    except OSError as exc:
        raise DataError(f"cannot read the officials registry: {exc}") from None
    if not sources:
        raise DataError("the officials registry has no data files")
    return read_registry(sources)


# ---------------------------------------------------------------------------- registry


def _short_forms(person: Person) -> set[str]:
    """One-word references: Vietnamese press uses the last given name, others the family name."""
    if person.roles[0].country == "VN":
        return {name_tokens(v)[-1] for v in person.variants if name_tokens(v)}
    return {_collapse_vowels(fold(person.family))}


def _fuzzy_score(query: tuple[str, ...], target: tuple[str, ...]) -> float:
    """Similarity of two names that differ in one token (a misspelling), else 0."""
    if len(query) != len(target) or len(query) < 2:
        return 0.0
    orders = [target] if len(target) > 2 else [target, target[::-1]]
    best = 0.0
    for order in orders:
        differing = [(q, t) for q, t in zip(query, order, strict=True) if q != t]
        if len(differing) != 1:
            continue
        q, t = differing[0]
        if len(query) > 2 and q == query[-1] and (q[-3:] != t[-3:] or _other_initial(q, t)):
            continue  # a different Vietnamese given name (Thang, Thanh; Dung, Hung), not a misspelling
        threshold = 60.0 if len(query) > 2 else 75.0
        ratio = fuzz.ratio(q, t)
        if (ratio >= threshold and (q[0] == t[0] or len(query) > 2)) or ratio >= threshold + 15:
            best = max(best, ratio)
    return best


def _other_initial(a: str, b: str) -> bool:
    """Two syllables that differ only in their first letter (`dung`, `hung`): two names."""
    return len(a) == len(b) and a[0] != b[0] and a[1:] == b[1:]


class Registry:
    """Persons with dated roles, looked up by name, by office, or by id."""

    def __init__(self, persons: Iterable[Person]) -> None:
        self._persons = {person.id: person for person in persons}
        self._by_key: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self._by_short: dict[str, set[str]] = defaultdict(set)
        self._variant_tokens = [
            (person, variant, name_tokens(variant))
            for person in self._persons.values()
            for variant in person.variants
        ]
        # which variants a near match can come from: one differing token leaves another
        # in place (for two-token names, in either order); "part of" shares the last one
        self._by_slot: dict[tuple[int, int, str], list[int]] = defaultdict(list)
        self._by_last: dict[str, list[int]] = defaultdict(list)
        for i, (_, _, target) in enumerate(self._variant_tokens):
            orders = [target, target[::-1]] if len(target) == 2 else [target]
            slots = {(len(target), pos, tok) for order in orders for pos, tok in enumerate(order)}
            for slot in slots:
                self._by_slot[slot].append(i)
            if target:
                self._by_last[target[-1]].append(i)
        for person in self._persons.values():
            for variant in person.variants:
                self._by_key[name_key(variant)].add(person.id)
            for short in _short_forms(person):
                self._by_short[short].add(person.id)

    def __len__(self) -> int:
        return len(self._persons)

    def __iter__(self) -> Iterator[Person]:
        return iter(self._persons.values())

    def get(self, person_id: str) -> Person:
        """The person with this id; KeyError if there is none."""
        return self._persons[person_id]

    def lookup(self, name: str, on: str | None = None) -> list[PersonMatch]:
        """Candidates for a name (full in any order, or one word), best first.

        A full name matches on its token set, ignoring diacritics and honorifics; a
        name that differs from a registered one in a single token matches with a
        lower score. One word matches a Japanese (or other) family name or a
        Vietnamese last name, and with a date only people in office then are kept.
        """
        tokens = name_tokens(name)
        if not tokens:
            return []
        found: dict[str, tuple[float, str]] = {}
        for person_id in self._by_key.get(tuple(sorted(tokens)), ()):
            found[person_id] = (1.0, f"full name {name!r}")
        if not found and len(tokens) > 2:
            for i in range(len(tokens) - 1):  # a given name written in two parts: `Shui Chi`
                joined = (*tokens[:i], tokens[i] + tokens[i + 1], *tokens[i + 2 :])
                for person_id in self._by_key.get(tuple(sorted(joined)), ()):
                    found[person_id] = (0.9, f"{name!r} is {' '.join(joined)!r} written apart")
        if not found and len(tokens) == 1:
            for person_id in self._by_short.get(tokens[0], ()):
                found[person_id] = (0.7, f"one-word name {name!r}")
        if not found and len(tokens) > 1:
            found = self._near_matches(name, tokens)
        days = period(on)
        matches = [self._dated(self._persons[pid], s, why, days) for pid, (s, why) in found.items()]
        if days and len(tokens) == 1 and any(m.score >= 0.7 for m in matches):
            matches = [m for m in matches if m.score >= 0.7]
        return sorted(
            matches, key=lambda m: (-m.score, _rank(m.role) if m.role else 99, m.person.id)
        )

    def _near_matches(self, name: str, tokens: tuple[str, ...]) -> dict[str, tuple[float, str]]:
        found: dict[str, tuple[float, str]] = {}
        near = {
            i
            for pos, tok in enumerate(tokens)
            for i in self._by_slot.get((len(tokens), pos, tok), ())
        }
        near.update(self._by_last.get(tokens[-1], ()))
        for i in sorted(near):  # in registry order, as a scan of every variant would go
            person, variant, target = self._variant_tokens[i]
            ratio = _fuzzy_score(tokens, target)
            if ratio:
                score = 0.5 + 0.4 * ratio / 100
                if score > found.get(person.id, (0.0, ""))[0]:
                    found[person.id] = (score, f"{name!r} looks like a misspelling of {variant!r}")
            elif len(tokens) >= 2 and set(tokens) < set(target) and tokens[-1] == target[-1]:
                found.setdefault(person.id, (0.6, f"{name!r} is part of {variant!r}"))
        return found

    def _dated(
        self, person: Person, score: float, why: str, days: tuple[date, date] | None
    ) -> PersonMatch:
        if days is None:
            role = max(person.roles, key=lambda r: (date_bounds(r.start)[0], -_rank(r)))
            return PersonMatch(person, role, score, f"{why}; latest role {role.describe()}")
        held = [r for r in person.roles if held_during(r, days)]
        if held:
            role = min(held, key=lambda r: (not surely_held(r, days), _rank(r)))
            return PersonMatch(person, role, score, f"{why}; on that date {role.describe()}")

        def distance(role: Role) -> int:
            lo, hi = role_span(role)
            return min(abs((lo - days[0]).days), abs((hi - days[1]).days) if role.end else 0)

        role = min(person.roles, key=distance)
        note = f"{why}; no role on that date, nearest {role.describe()}"
        return PersonMatch(person, role, score * 0.5, note)

    def by_office(self, title: str, place: str, on: str) -> list[PersonMatch]:
        """Who held the office (`Governor`, `JP-14`) on a date, best first."""
        wanted = _office_key(title)
        days = period(on)
        matches = []
        for person in self._persons.values():
            for role in person.roles:
                if role.place != place or _office_key(role.title) != wanted:
                    continue
                if days is None or held_during(role, days):
                    why = f"{role.title} of {place} on {on}: {role.describe()}"
                    matches.append(PersonMatch(person, role, 1.0, why))
        return sorted(matches, key=lambda m: (_rank(m.role) if m.role else 99, m.person.id))

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """(ASCII-folded full-name variant, person id) pairs, for a spaCy EntityRuler."""
        for person in self._persons.values():
            seen: set[str] = set()
            for variant in person.variants:
                form = " ".join(unidecode(variant).split())
                if form not in seen:
                    seen.add(form)
                    yield form, person.id

    def consistent_years(
        self, person_id: str, title: str | None = None, place: str | None = None
    ) -> set[int]:
        """Years in which the person held a role (of that title and place, when given)."""
        wanted = _office_key(title) if title else None
        years: set[int] = set()
        for role in self.get(person_id).roles:
            if wanted and _office_key(role.title) != wanted:
                continue
            if place and role.place != place:
                continue
            first = date_bounds(role.start)[0].year
            last = date_bounds(role.end)[1].year if role.end else AS_OF_YEAR
            years.update(range(first, last + 1))
        return years


def _office_key(title: str) -> str:
    """Compare titles loosely: a Permanent Deputy Prime Minister is a Deputy Prime Minister."""
    normal = normalise_title(title) or title
    return re.sub(r"^(permanent|standing|first) ", "", normal.lower())
