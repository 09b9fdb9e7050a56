"""Ties: pairs of localities the text says cooperate, are partners or are asked to be.

A pair joins a locality (first-level unit or region) of one country with a locality or
the whole of another. The whole-country form is kept only when the text names no
locality of that country for the same partner.
"""

from __future__ import annotations

import re
from itertools import pairwise

from localties.extract.context import Article, Sentence
from localties.extract.mentions import PlaceMention
from localties.model import Agreement, Evidence, PlaceId, Tie
from localties.model.ids import country_of, is_local

COOPERATION_RE = re.compile(
    r"\b(?:cooperat\w*|collaborat\w*|partner\w*|ties|relations?(?:hip)?s?|friendship|sister|twin\w*"
    r"|affiliat\w*|memorand\w*|MoUs?|agreements?|exchanges?|linkages?|connect\w*|work(?:ing)? together"
    r"|joint\w*|invest\w*|trade between)\b",
    re.IGNORECASE,
)
# Places linked by a flight are an air route (a fact), not a tie.
_ROUTE_PHRASE = re.compile(
    r"\b(?:flights?|air routes?|routes?|air links?|air services?)\s+(?:\w+\s+){0,2}?"
    r"(?:between|from|linking|connecting|to)\b"
    r"[^.;]{0,90}|\b[A-Z][a-z]+ ?- ?[A-Z][a-z]+ (?:air )?route\b",
    re.IGNORECASE,
)
_LIST_CUE = re.compile(r"\b(?:such as|like|including|namely)\b")


def extract_ties(art: Article, agreements: list[Agreement]) -> list[Tie]:
    """Tie records for the article (needs its agreements, whose parties are tied)."""
    if not art.cross_border:
        return []
    pairs: dict[frozenset[str], list[Evidence]] = {}
    for sent in art.sentences:
        if not COOPERATION_RE.search(sent.text):
            continue
        for a, b in _sentence_pairs(art, sent):
            pairs.setdefault(frozenset((a, b)), []).append(art.evidence(sent.start, sent.end))
    for agr in agreements:
        parties = agr.parties
        if len(parties) == 2 and any(p.is_local for p in parties):
            # the parties of an agreement are tied; its sentence is the evidence
            found = pairs.setdefault(frozenset(parties), [])
            found += [e for e in agr.evidence if e not in found]
    return [
        Tie(PlaceId(a), PlaceId(b), tuple(dict.fromkeys(pairs[frozenset((a, b))])))
        for a, b in _prune(pairs, art)
    ]


def _sentence_pairs(art: Article, sent: Sentence) -> list[tuple[str, str]]:
    routes = [
        (sent.start + m.start(), sent.start + m.end()) for m in _ROUTE_PHRASE.finditer(sent.text)
    ]
    named = art.places_in(sent.start, sent.end)
    where = [p for p in named if art.is_where(p, sent.start)]
    places = [
        p
        for p in named
        if p not in where
        and not any(s <= p.start < e for s, e in routes)
        and not _locates(art, p, where)
    ]
    places += art.anaphors(sent, places)
    paired = _dash_pairs(art, places)
    if len(paired) >= 2:  # "Fukuoka – Hanoi, Kitakyushu – Hai Phong": each pair, not every mix
        return paired
    sides: dict[str, list[PlaceMention]] = {}
    for p in places:
        sides.setdefault(p.country, []).append(p)
    out: list[tuple[str, str]] = []
    countries = list(sides)
    for i, ca in enumerate(countries):
        for cb in countries[i + 1 :]:
            out += _side_pairs(sides[ca], sides[cb], art.knowledge.lexicon.focus)
    both = art.both_localities(sent)
    if both:
        out.append(both)
    if len(countries) == 1 and _LIST_CUE.search(sent.text):
        (only,) = countries
        other = art.other_country(only)
        anchor = art.focal.get(other) if other else None
        locals_ = [p for p in sides[only] if p.is_local]
        if anchor and len(locals_) >= 2:
            out += [(anchor, p.id) for p in locals_]
    return out


# "Fukuoka – Hanoi", "Kumamoto city – the northern province of Hai Duong"
_DASH_BETWEEN = re.compile(r"\s*(?:[a-z]+\s+){0,2}[–—-]\s*(?:the\s+)?(?:[a-z-]+\s+){0,5}")


def _dash_pairs(art: Article, places: list[PlaceMention]) -> list[tuple[str, str]]:
    """Localities of two countries written as a pair joined by a dash."""
    ordered = sorted(places, key=lambda p: p.start)
    out = []
    for p, q in pairwise(ordered):
        if p.country == q.country or not (p.is_local and q.is_local):
            continue
        if _DASH_BETWEEN.fullmatch(art.text[p.end : q.start]):
            out.append((p.id, q.id))
    return out


def _locates(art: Article, place: PlaceMention, where: list[PlaceMention]) -> bool:
    """`in Osaka, Japan`: the country that locates a place the sentence is set in."""
    return place.kind == "country" and any(
        w.country == place.country and 0 <= place.start - w.end <= 3 for w in where
    )


def _side_pairs(
    a: list[PlaceMention], b: list[PlaceMention], focus: tuple[str, ...]
) -> list[tuple[str, str]]:
    a_local = {p.id for p in a if p.is_local}
    b_local = {p.id for p in b if p.is_local}
    a_ids = a_local or {a[0].country}
    b_ids = b_local or {b[0].country}
    if not a_local and not b_local:
        return []
    # A locality outside the countries followed closely ("ties with Moscow") stands for
    # its government when paired with a whole country: no tie between localities.
    if (not b_local and a[0].country not in focus) or (not a_local and b[0].country not in focus):
        return []
    return [(x, y) for x in sorted(a_ids) for y in sorted(b_ids)]


def _prune(pairs: dict[frozenset[str], list[Evidence]], art: Article) -> list[tuple[str, str]]:
    """Drop locality–country pairs where the locality (or its region) has a partner inside that country."""
    gaz = art.knowledge.gazetteer
    local_partners: dict[str, set[str]] = {}
    for pair in pairs:
        if len(pair) != 2:
            continue
        a, b = sorted(pair)
        if is_local(a) and is_local(b):
            local_partners.setdefault(a, set()).add(country_of(b))
            local_partners.setdefault(b, set()).add(country_of(a))
    out = []
    for pair in pairs:
        if len(pair) != 2:
            continue
        a, b = sorted(pair)
        local, whole = (a, b) if not is_local(b) else (b, a)
        region = gaz.region_of(local) if country_of(local) == "JP" else None
        if not is_local(whole) and (
            whole in local_partners.get(local, set())
            or whole in local_partners.get(region or "", set())
        ):
            continue
        out.append((a, b))
    return out
