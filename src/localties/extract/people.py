"""Who each person is: the title the text gives them, and the government they serve.

A participant's affiliation follows the contract: local officials (governors, mayors,
People's Committee and Council chairs, provincial Party secretaries, prefectural
assembly members) carry their first-level unit; national leaders, ministers,
ambassadors and staff of national bodies, companies and universities carry their
country. Sources, in order: a place named in the title phrase; the officials
registry on the article's date; the shape of the name; the article's focal places.
Title phrases are parsed by `localties.resolve.titles`, shared with `localties persons`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from localties.extract.mentions import PersonCluster
from localties.knowledge import Knowledge
from localties.model.ids import country_of
from localties.resolve.names import name_country
from localties.resolve.titles import affiliation as title_affiliation

ROLE_RE = re.compile(
    r"\b(?:(?:Permanent |Standing )?(?:Deputy |Vice |Acting )?(?:Prime Minister|PM|President|Premier)"
    r"|(?:Deputy |Vice )?Minister|(?:Deputy |Vice )?Governor|Gov\.|(?:Deputy |Vice )?Mayor"
    r"|(?:Vice |Deputy )?(?:Chairman|Chairwoman|Chairperson|Chair)|(?:Party )?(?:General )?Secretary(?:-General)?"
    r"|Ambassador|Consul(?: General)?|Consul-General|Speaker|Director(?: General)?|Dean|Head|Leader"
    r"|Member|Lawmaker|Legislator|CEO|Executive|Expert|Advisor|Adviser|Rector|Professor|Representative"
    r"|Senator|Councillor|Commissioner|Envoy|Officer|Chief)\b",
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
    knowledge: Knowledge,
    cluster: PersonCluster,
    text: str,
    on: str | None,
    focal: dict[str, str],
    others: tuple[tuple[int, int], ...] = (),
    near: str | None = None,
) -> PersonInfo:
    """Title and affiliation of one person cluster.

    `others` are the other persons' spans (a title never reaches across them); `near` is
    the locality named just before the person ("the Champasak delegation was led by X").
    """
    registry = _registry_place(knowledge, cluster, on)
    shape = name_country(cluster.name)
    title: str | None = None
    affiliation: str | None = None
    phrase = _title_phrase(cluster, text, others)
    parsed = (
        knowledge.titles.parse(phrase, shape or (registry or "")[:2] or None) if phrase else None
    )
    if (parsed is None or parsed.level != "local") and phrase:
        # "X, member of the Central Committee ..., Secretary of Guangxi Party Committee":
        # a later office that names a locality makes X a local official
        home = (title_affiliation(parsed, shape) if parsed is not None else None) or shape
        for later in _later_titles(cluster, text, phrase):
            found = knowledge.titles.parse(later, shape or (registry or "")[:2] or None)
            place = title_affiliation(found, shape) if found is not None else None
            if found is not None and found.level == "local" and place:
                if home is None or country_of(place) == country_of(home):
                    phrase, parsed = later, found
                break
    if parsed is not None:
        title = parsed.title or phrase
        affiliation = title_affiliation(parsed, shape)
        if near and (affiliation or "") == near[:2] and _its_office(cluster, text):
            affiliation = (
                near  # "a delegation of Osaka's friendship association, led by its Chairman X"
            )
        if affiliation is None and parsed.level == "local" and registry:
            affiliation = registry  # a known official: the registry knows the locality
        if affiliation is None and parsed.level == "local":
            # "its Mayor", "Chairman of the committee": the locality the story is about.
            home = (parsed.place or shape or (near or "")[:2])[:2]
            affiliation = (
                near if near and near.startswith(home) else focal.get(home) or home or None
            )
    if affiliation is None and registry is None and parsed is not None and parsed.title:
        registry = _titled_one_word(knowledge, cluster, parsed.title, on)
    affiliation = affiliation or registry or shape
    country = country_of(affiliation) if affiliation else shape
    # a mention found by two recognisers (NER, the registry, a titled run) is one mention
    return PersonInfo(cluster.name, title, affiliation, country, tuple(sorted(set(cluster.spans))))


def _registry_place(knowledge: Knowledge, cluster: PersonCluster, on: str | None) -> str | None:
    matches = knowledge.registry.lookup(cluster.name, on=on)
    if not matches or len(cluster.key) < 2:
        return None
    best = matches[0]
    if best.score < 0.8 or best.role is None:
        return None
    return best.role.place


def _titled_one_word(
    knowledge: Knowledge, cluster: PersonCluster, title: str, on: str | None
) -> str | None:
    """A one-word name with its title ("PM Phuc"): the government of the registry's
    holders of that office with that name, when they all serve one (the title checks
    the name, as the dates check it where the article has one)."""
    if len(cluster.key) != 1:
        return None
    office = title.lower()
    places = {
        role.place
        for match in knowledge.registry.lookup(cluster.name, on=on)
        for role in match.person.roles
        if role.title.lower() == office
    }
    return places.pop() if len(places) == 1 else None


def _title_phrase(
    cluster: PersonCluster, text: str, others: tuple[tuple[int, int], ...]
) -> str | None:
    """The title next to the person's fullest mention: before the name, or after a comma."""
    spans = sorted(cluster.spans, key=lambda s: (-(s[1] - s[0]), s[0]))
    for start, end in spans[:4]:
        floor = max((e for s, e in others if e <= start), default=0)
        before = _title_before(text, start, floor)
        if before and ROLE_RE.search(before):
            return before
        after = _title_after(text, end, others)
        if after and ROLE_RE.search(after):
            return after
    return None


def _its_office(cluster: PersonCluster, text: str) -> bool:
    """Whether a mention follows "its" and a title ("led by its Chairman X")."""
    return any(
        re.search(r"\bits\s+(?:[A-Z][\w-]*\s+){1,4}$", text[max(0, s - 50) : s])
        for s, _ in cluster.spans
    )


def _later_titles(cluster: PersonCluster, text: str, phrase: str) -> list[str]:
    """The offices listed after `phrase` in the apposition that follows a mention, one
    per comma ("..., Secretary of X Party Committee, and Chairman of ...")."""
    for _start, end in sorted(cluster.spans):
        window = text[end : end + 320]
        at = window.find(phrase)
        if at < 0:
            continue
        rest = re.split(
            r"\.\s|;| who | said | has | is | was | in [A-Z]", window[at + len(phrase) :]
        )[0]
        parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?", rest)]
        return [p for p in parts if p and ROLE_RE.search(p)][:4]
    return []


def _title_before(text: str, start: int, floor: int = 0) -> str | None:
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
    # "Governor A of Aomori and Governor B": what precedes "and" is the end of A's
    # title (no office of its own), so the office after it is B's alone; in "Deputy
    # Prime Minister and Foreign Minister B" both offices are B's
    ands = [i for i, w in enumerate(keep) if w.group().lower() == "and"]
    if ands:
        head = " ".join(w.group() for w in keep[: ands[-1]])
        tail = " ".join(w.group() for w in keep[ands[-1] + 1 :])
        if ROLE_RE.search(tail) and not ROLE_RE.search(head):
            keep = keep[ands[-1] + 1 :]
    while keep and keep[0].group().lower() in ("of", "the", "and", "for", "to", "in", "with"):
        keep.pop(0)
    if not keep:
        return None
    return text[line_start + keep[0].start() : line_start + keep[-1].end()]


def _title_after(text: str, end: int, others: tuple[tuple[int, int], ...] = ()) -> str | None:
    """The apposition after a name, unless another person's name ends it (a list of
    `TITLE NAME` items: the title belongs to the next name)."""
    m = re.match(
        r"(?:\s+on\s+[A-Z][a-z]+\s+\d{1,2})?,\s*([^,.;:\n]{3,140}?)"
        r"(?=[,.;:\n]| who | said| has | is | was | and Mr| and Ms| at (?:a|an|the) | during | on [A-Z])",
        text[end : end + 180],
    )
    if m is None or any(end < s < end + m.end(1) for s, _ in others):
        return None
    return m.group(1)
