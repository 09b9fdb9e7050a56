"""Who each person is: the title the text gives them, and the government they serve.

A participant's affiliation follows the contract: local officials (governors, mayors,
People's Committee and Council chairs, provincial Party secretaries, prefectural
assembly members) carry their first-level unit; national leaders, ministers,
ambassadors and staff of national bodies, companies and universities carry their
country. Sources, in order: a place named in the title phrase; the officials
registry on the article's date; the shape of the name; the article's focal places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from localties.extract.mentions import PersonCluster, PlaceMention
from localties.resolve.names import name_country
from localties.resolve.persons import load_registry

ROLE_RE = re.compile(
    r"\b(?:(?:Permanent |Standing )?(?:Deputy |Vice |Acting )?(?:Prime Minister|PM|President|Premier)"
    r"|(?:Deputy |Vice )?Minister|(?:Deputy |Vice )?Governor|Gov\.|(?:Deputy |Vice )?Mayor"
    r"|(?:Vice |Deputy )?(?:Chairman|Chairwoman|Chairperson|Chair)|(?:Party )?(?:General )?Secretary(?:-General)?"
    r"|Ambassador|Consul(?: General)?|Consul-General|Speaker|Director(?: General)?|Dean|Head|Leader"
    r"|Member|Lawmaker|Legislator|CEO|Executive|Expert|Advisor|Adviser|Rector|Professor|Representative"
    r"|Senator|Councillor|Commissioner|Envoy|Officer|Chief)\b",
    re.IGNORECASE,
)
LOCAL_RE = re.compile(
    r"\b(?:Governor|Gov\.|Mayor|People's Committee|People's Council|Prefectural|Provincial|Municipal"
    r"|City Council|City Assembly|prefecture's|province's|city's|Party Committee of \w+ (?:province|city)"
    r"|(?:province|city)'s Party Committee|provincial Party|municipal Party|Department|the committee)\b",
    re.IGNORECASE,
)
_TITLE_WORD = re.compile(
    r"^(?:[A-Z][\w.'\-]*|of|the|and|for|to|in|'s|prefecture|province|city|provincial|municipal"
    r"|prefectural|governor|mayor|chairman|chairwoman|vice|deputy|minister|secretary|ambassador"
    r"|president|director|member|head|consul|general|standing|permanent|party|committee|council"
    r"|people's|\(\w+\)|&)$"
)


@dataclass(frozen=True, slots=True)
class PersonInfo:
    """A person as output: full name, title and affiliation, with their mentions."""

    name: str
    title: str | None
    affiliation: str | None
    country: str | None
    spans: tuple[tuple[int, int], ...]


def describe(
    cluster: PersonCluster,
    text: str,
    places: list[PlaceMention],
    on: str | None,
    focal: dict[str, str],
    others: tuple[tuple[int, int], ...] = (),
) -> PersonInfo:
    """Title and affiliation of one person cluster (`others`: other persons' spans)."""
    phrase, phrase_span = _title_phrase(cluster, text, others)
    in_phrase = [p for p in places if phrase_span[0] <= p.start and p.end <= phrase_span[1]]
    registry = _registry_place(cluster, on)
    shape = name_country(cluster.name)
    affiliation: str | None = None
    title = _title_of(phrase) if phrase else None
    if phrase and title:
        affiliation = _from_phrase(phrase, in_phrase, shape or (registry or "")[:2] or None, focal)
    if affiliation is None and registry:
        affiliation = registry
    if affiliation is None and shape:
        affiliation = shape
    country = affiliation.split("-")[0] if affiliation else shape
    return PersonInfo(cluster.name, title, affiliation, country, tuple(sorted(cluster.spans)))


def _registry_place(cluster: PersonCluster, on: str | None) -> str | None:
    matches = load_registry().lookup(cluster.name, on=on)
    if not matches or len(cluster.key) < 2:
        return None
    best = matches[0]
    if best.score < 0.8 or best.role is None:
        return None
    return best.role.place


def _title_phrase(
    cluster: PersonCluster, text: str, others: tuple[tuple[int, int], ...]
) -> tuple[str | None, tuple[int, int]]:
    """The title next to the person's fullest mention: before the name, or after a comma."""
    spans = sorted(cluster.spans, key=lambda s: (-(s[1] - s[0]), s[0]))
    for start, end in spans[:4]:
        floor = max((e for s, e in others if e <= start), default=0)
        before = _title_before(text, start, floor)
        if before and ROLE_RE.search(before[0]):
            return before
        after = _title_after(text, end)
        if after and ROLE_RE.search(after[0]):
            return after
    return None, (0, 0)


def _title_before(text: str, start: int, floor: int = 0) -> tuple[str, tuple[int, int]] | None:
    stop = text.rfind(". ", 0, start)
    line_start = max(
        text.rfind("\n", 0, start) + 1, stop + 2 if stop >= 0 else 0, start - 160, floor
    )
    words = list(re.finditer(r"\([^()]{1,12}\)|[\w.'&\-]+|[,;:\"]", text[line_start:start]))
    keep: list[re.Match[str]] = []
    for w in reversed(words):
        token = w.group()
        if token in ',;:"' or (not _TITLE_WORD.match(token) and not token.lower().endswith("'s")):
            break
        keep.append(w)
        if len(keep) >= 16:
            break
    if not keep:
        return None
    keep.reverse()
    while keep and keep[0].group().lower() in ("of", "the", "and", "for", "to", "in", "with"):
        keep.pop(0)
    if not keep:
        return None
    s, e = line_start + keep[0].start(), line_start + keep[-1].end()
    return text[s:e], (s, e)


def _title_after(text: str, end: int) -> tuple[str, tuple[int, int]] | None:
    m = re.match(
        r"(?:\s+on\s+[A-Z][a-z]+\s+\d{1,2})?,\s*([^,.;:\n]{3,140}?)"
        r"(?=[,.;:\n]| who | said| has | is | was | and Mr| and Ms)",
        text[end : end + 180],
    )
    if not m:
        return None
    return m.group(1), (end + m.start(1), end + m.end(1))


def _title_of(phrase: str) -> str | None:
    """The phrase as the person's title, when it holds a role word."""
    return phrase.strip() if ROLE_RE.search(phrase) else None


def _from_phrase(
    phrase: str, in_phrase: list[PlaceMention], fallback_country: str | None, focal: dict[str, str]
) -> str | None:
    local = bool(LOCAL_RE.search(phrase) or any(p.is_local for p in in_phrase)) and not re.search(
        r"\b(?:Prime Minister|Minister|National Assembly|Ambassador|House of|Consul\w*|Embassy|"
        r"University|Corporation|Company|Airlines|CEO|Bank|Federation|Alliance)\b",
        phrase,
    )
    # "Ambassador to Japan": the place after "to" is the host, not the envoy's country.
    own = [p for p in in_phrase if not re.search(r"\bto\s+(?:the\s+)?$", phrase[: _rel(phrase, p)])]
    candidates = own or in_phrase
    if local:
        for p in reversed(
            candidates
        ):  # the unit nearest the name: "Mayor of X city in Y prefecture" -> Y
            if p.is_local:
                return p.id
        country = next((p.country for p in candidates), fallback_country)
        # "its Mayor", "Chairman of the committee": the locality the story is about.
        if country and country in focal:
            return focal[country]
        return country
    for p in candidates:
        if p.kind == "country" or p.via == "demonym":
            return p.country
    if candidates:
        return candidates[0].country
    return fallback_country


def _rel(phrase: str, place: PlaceMention) -> int:
    idx = phrase.find(place.text)
    return idx if idx >= 0 else 0
