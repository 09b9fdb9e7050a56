"""Word lists that are data: honorifics, name parts, nationality groups, topic cues,
statement cues.

Each lives once, in a tab-separated file under `data/lexicon/` (see its README for
provenance), is validated when read, and is handed to the modules that use it through
`Lexicon`. `load_lexicon()` reads the packaged files; `read_lexicon()` reads any
folder's (tests give it small files of their own).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from localties.errors import DataError

_WORD = re.compile(r"[a-z]+")
_COUNTRY = re.compile(r"[A-Z]{2}")
NAME_SETS = ("vn_family", "vn_name_part", "cn_family", "kr_family")
TRIGGERS = (
    "proposal", "commitment", "instrument", "renewed", "planned", "signed", "implement",
    "not_instrument", "meeting", "attendance", "meeting_planned", "new_encounter", "event_festival",
    "event_fair", "event_seminar", "event_programme", "fact_firms", "fact_operate",
    "fact_invest", "fact_want", "fact_route", "fact_trade", "fact_not_people",
)  # fmt: skip
CUE_ROLES = ("act", "report", "belief", "ask", "plan", "take", "group", "travel")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The validated word lists."""

    honorifics: frozenset[str]  # dropped from a name before it is compared
    title_honorifics: frozenset[str]  # also passed over where a title meets a name
    name_parts: Mapping[str, frozenset[str]]  # set name (NAME_SETS) -> words
    groups: Mapping[str, str]  # nationality word -> country
    focus_groups: Mapping[str, str]  # the words flagged `focus` -> country
    focus: tuple[str, ...]  # the countries followed closely, in file order
    topics: tuple[tuple[str, re.Pattern[str]], ...]  # topic -> its pattern, output order
    # the same, each as the fastest equivalent: a case-blind pattern lower-cased, to be
    # searched in lower-cased text (flag True), or the pattern as it is (flag False)
    topic_search: tuple[tuple[str, re.Pattern[str], bool], ...]
    clause_cues: Mapping[str, frozenset[str]]  # role (CUE_ROLES) -> words
    triggers: Mapping[str, re.Pattern[str]]  # trigger (TRIGGERS) -> its wordings, as one pattern


def _rows(folder: Traversable, name: str, width: int) -> Iterator[tuple[str, int, list[str]]]:
    where = f"lexicon/{name}"
    try:
        text = (folder / name).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{where}: cannot read ({exc})") from exc
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not width - 1 <= len(cells) <= width or not cells[0]:
            raise DataError(f"{where}:{number}: expected {width} tab-separated cells")
        yield f"{where}:{number}", number, [*cells, ""][:width]


def _flags(where: str, cell: str, allowed: set[str]) -> set[str]:
    flags = {f for f in cell.split(",") if f}
    if flags - allowed:
        raise DataError(f"{where}: unknown flags {sorted(flags - allowed)}")
    return flags


def _word(where: str, word: str) -> str:
    if not _WORD.fullmatch(word):
        raise DataError(f"{where}: {word!r} is not a lower-case ASCII word")
    return word


def read_lexicon(folder: Traversable) -> Lexicon:
    """Read and validate the lexicon files of `folder` (DataError naming file and line)."""
    honorifics: set[str] = set()
    title_honorifics: set[str] = set()
    for where, _, (word, flags) in _rows(folder, "honorifics.tsv", 2):
        honorifics.add(_word(where, word))
        if "title" in _flags(where, flags, {"title"}):
            title_honorifics.add(word)
    parts: dict[str, set[str]] = {name: set() for name in NAME_SETS}
    for where, _, (word, sets) in _rows(folder, "name_parts.tsv", 2):
        for name in _flags(where, sets, set(NAME_SETS)) or {""}:
            if not name:
                raise DataError(f"{where}: {word!r} belongs to no set")
            parts[name].add(_word(where, word))
    groups: dict[str, str] = {}
    focus_groups: dict[str, str] = {}
    focus: list[str] = []
    for where, _, (word, country, flags) in _rows(folder, "groups.tsv", 3):
        if not _COUNTRY.fullmatch(country):
            raise DataError(f"{where}: {country!r} is not an ISO 3166-1 alpha-2 code")
        groups[_word(where, word)] = country
        if "focus" in _flags(where, flags, {"focus"}):
            focus_groups[word] = country
            if country not in focus:
                focus.append(country)
    topics: list[tuple[str, re.Pattern[str]]] = []
    search: list[tuple[str, re.Pattern[str], bool]] = []
    for where, _, (topic, flags, pattern) in _rows(folder, "topics.tsv", 3):
        case = "case" in _flags(where, flags, {"case"})
        try:
            compiled = re.compile(pattern, 0 if case else re.IGNORECASE)
        except re.error as exc:
            raise DataError(f"{where}: pattern for {topic!r} does not compile: {exc}") from exc
        if not re.fullmatch(r"[a-z_]+", topic):
            raise DataError(f"{where}: {topic!r} is not a topic name")
        topics.append((topic, compiled))
        # lower-casing a case-blind pattern keeps its meaning unless it holds an escape
        # whose capital is another class (\S, \W, \D, \B, ...); the regex engine
        # matches the lowered form much faster
        lowered = not case and not re.search(r"\\[A-Z]", pattern)
        search.append((topic, re.compile(pattern.lower()) if lowered else compiled, lowered))
    cues: dict[str, set[str]] = {role: set() for role in CUE_ROLES}
    for where, _, (word, role) in _rows(folder, "clause_cues.tsv", 2):
        if role not in cues:
            raise DataError(f"{where}: role {role!r} is not one of {', '.join(CUE_ROLES)}")
        cues[role].add(_word(where, word))
    triggers = _triggers(folder)
    return Lexicon(
        frozenset(honorifics),
        frozenset(title_honorifics),
        {name: frozenset(words) for name, words in parts.items()},
        groups,
        focus_groups,
        tuple(focus),
        tuple(topics),
        tuple(search),
        {role: frozenset(words) for role, words in cues.items()},
        triggers,
    )


def _triggers(folder: Traversable) -> dict[str, re.Pattern[str]]:
    """Each trigger's lines as one pattern: `\\b(?:a|b|...)\\b` with the `word` flag, else
    `(?:a|b|...)`; every line must compile on its own."""
    lines: dict[str, list[str]] = {name: [] for name in TRIGGERS}
    kept: dict[str, frozenset[str]] = {}
    for where, _, (name, flags, pattern) in _rows(folder, "triggers.tsv", 3):
        if name not in lines:
            raise DataError(f"{where}: trigger {name!r} is not one of {', '.join(TRIGGERS)}")
        given = frozenset(_flags(where, flags, {"word", "case"}))
        if kept.setdefault(name, given) != given:
            raise DataError(f"{where}: every line of {name!r} must have the same flags")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise DataError(f"{where}: pattern for {name!r} does not compile: {exc}") from exc
        lines[name].append(pattern)
    missing = [name for name, found in lines.items() if not found]
    if missing:
        raise DataError(f"lexicon/triggers.tsv: no wording for {', '.join(missing)}")
    out: dict[str, re.Pattern[str]] = {}
    for name, found in lines.items():
        joined = "(?:" + "|".join(found) + ")"
        pattern = rf"\b{joined}\b" if "word" in kept[name] else joined
        out[name] = re.compile(pattern, 0 if "case" in kept[name] else re.IGNORECASE)
    return out


def load_lexicon() -> Lexicon:
    """The packaged lexicon (`data/lexicon/`)."""
    return read_lexicon(files("localties") / "data" / "lexicon")


@cache
def packaged() -> Lexicon:
    """The packaged lexicon, read once. The name-shape and name-comparison helpers
    (`resolve.names`, `resolve.persons.name_tokens`) are pure functions used everywhere,
    so they read their word sets from here rather than taking a lexicon argument;
    everything else takes `Knowledge.lexicon`."""
    return load_lexicon()
