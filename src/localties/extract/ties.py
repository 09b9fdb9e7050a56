"""Ties: pairs of localities the text says cooperate, are partners or are asked to be.

A pair joins a locality (first-level unit or region) of one country with a locality or
the whole of another. The whole-country form is kept only when the text names no
locality of that country for the same partner.
"""

from __future__ import annotations

import re
from typing import Any

from localties.extract.context import Article, Sentence
from localties.extract.mentions import PlaceMention

COOPERATION_RE = re.compile(
    r"\b(?:cooperat\w*|collaborat\w*|partner\w*|ties|relations?(?:hip)?s?|friendship|sister|twin\w*"
    r"|affiliat\w*|memorand\w*|MoUs?|agreements?|exchanges?|linkages?|connect\w*|work(?:ing)? together"
    r"|joint\w*|invest\w*)\b",
    re.IGNORECASE,
)
_LOCATION_BEFORE = re.compile(r"\b(?:in|at|to|south of|north of|east of|west of|near)\s+(?:the\s+)?(?:central |northern |southern |capital )?$")
_LIST_CUE = re.compile(r"\b(?:such as|like|including|namely)\b")


def extract_ties(art: Article, agreements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Tie records for the article (needs its agreements, whose parties are tied)."""
    if not art.cross_border:
        return []
    pairs: dict[frozenset[str], list[tuple[int, int]]] = {}
    for sent in art.sentences:
        if not COOPERATION_RE.search(sent.text):
            continue
        for a, b in _sentence_pairs(art, sent):
            pairs.setdefault(frozenset((a, b)), []).append((sent.start, sent.end))
    for agr in agreements:
        parties = agr["parties"]
        if len(parties) == 2 and any("-" in p for p in parties):
            pairs.setdefault(frozenset(parties), [])
    return [
        {"a": a, "b": b, "evidence": [art.evidence(s, e) for s, e in pairs[frozenset((a, b))]]}
        for a, b in _prune(pairs)
    ]


def _sentence_pairs(art: Article, sent: Sentence) -> list[tuple[str, str]]:
    places = [p for p in art.places_in(sent.start, sent.end) if not _is_where(art, p, sent)]
    sides: dict[str, list[PlaceMention]] = {}
    for p in places:
        sides.setdefault(p.country, []).append(p)
    out: list[tuple[str, str]] = []
    countries = list(sides)
    for i, ca in enumerate(countries):
        for cb in countries[i + 1 :]:
            out += _side_pairs(sides[ca], sides[cb])
    if len(countries) == 1 and _LIST_CUE.search(sent.text):
        (only,) = countries
        other = art.other_country(only)
        anchor = art.focal.get(other) if other else None
        locals_ = [p for p in sides[only] if p.is_local]
        if anchor and len(locals_) >= 2:
            out += [(anchor, p.id) for p in locals_]
    return out


def _side_pairs(a: list[PlaceMention], b: list[PlaceMention]) -> list[tuple[str, str]]:
    a_local = {p.id for p in a if p.is_local}
    b_local = {p.id for p in b if p.is_local}
    a_ids = a_local or {a[0].country}
    b_ids = b_local or {b[0].country}
    if not a_local and not b_local:
        return []
    return [(x, y) for x in a_ids for y in b_ids]


def _is_where(art: Article, p: PlaceMention, sent: Sentence) -> bool:
    before = art.text[max(sent.start, p.start - 24) : p.start]
    return bool(_LOCATION_BEFORE.search(before)) and p.via != "demonym"


def _prune(pairs: dict[frozenset[str], list[tuple[int, int]]]) -> list[tuple[str, str]]:
    """Drop locality–country pairs where the same locality has a partner inside that country."""
    local_partners: dict[str, set[str]] = {}
    for pair in pairs:
        if len(pair) != 2:
            continue
        a, b = sorted(pair)
        if "-" in a and "-" in b:
            local_partners.setdefault(a, set()).add(b.split("-")[0])
            local_partners.setdefault(b, set()).add(a.split("-")[0])
    out = []
    for pair in pairs:
        if len(pair) != 2:
            continue
        a, b = sorted(pair)
        local, whole = (a, b) if "-" not in b else (b, a)
        if "-" not in whole and whole in local_partners.get(local, set()):
            continue
        out.append((a, b))
    return out
