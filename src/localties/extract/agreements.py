"""Agreements: instruments signed, renewed or planned between two sides, one record per act."""

from __future__ import annotations

import re
from typing import Any

from localties.extract.context import Article, Sentence
from localties.extract.dates import find_dates
from localties.extract.mentions import PlaceMention

INSTRUMENT_RE = re.compile(
    r"\b(?P<inst>memorand(?:um|a) of understanding|MoUs?|MOUs?|memorand(?:um|a)|letters? of intent|LoI|LOI"
    r"|(?:cooperation|friendship|partnership|sister[- ]city|twinning|trade|investment|labour|labor|"
    r"framework|bilateral)?\s?agreements?|cooperation documents?|accords?)\b",
    re.IGNORECASE,
)
ACTS = (
    (
        "renewed",
        re.compile(
            r"\b(?:renew(?:ed|s|al|ing)?|re-?sign(?:ed|ing)?|extend(?:ed|ing)|extension)\b", re.I
        ),
    ),
    (
        "planned",
        re.compile(
            r"\b(?:will|would|to|plans? to|planning to|expected to|aim(?:s|ing)? to|intend(?:s)? to|"
            r"continue to|looks? forward to|hope(?:s|d)? to|ready to|prepar(?:e|es|ing) to)\s+(?:\w+\s+){0,2}sign\b"
            r"|\bupcoming signing\b|\bto be signed\b",
            re.I,
        ),
    ),
    (
        "signed",
        re.compile(
            r"\b(?:sign(?:ed|ing|s|atures?)?|ink(?:ed|ing)|conclud(?:ed|ing)|agreed to sign)\b",
            re.I,
        ),
    ),
)
IMPLEMENT_RE = re.compile(r"\bimplement(?:ed|ing|s|ation)?\b|\bcarr(?:ying|ied) out\b", re.I)
NOT_INSTRUMENT_RE = re.compile(
    r"agreements? reached|common perceptions|free trade agreement|Comprehensive and Progressive|"
    r"in agreement|agreement with (?:the )?(?:view|proposal)",
    re.IGNORECASE,
)
NATIONAL_BODY_RE = re.compile(
    r"\b(?:Ministry|MoIT|MOIT|MOLISA|MoLISA|MoH|MoET|MPI|Government|university|University|VNUA|"
    r"Embassy|the ministry|national)\b"
)


def extract_agreements(art: Article) -> list[dict[str, Any]]:
    """Agreement records; the same act stated twice is kept once."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for sent in art.sentences:
        for inst in INSTRUMENT_RE.finditer(sent.text):
            if NOT_INSTRUMENT_RE.search(sent.text):
                break
            acts = _acts(sent.text, inst, art.published)
            if not acts:
                continue
            parties = _parties(art, sent)
            if len(parties) < 2:
                continue
            for kind, date in acts:
                key = (kind, tuple(sorted(parties)))
                if key in seen:
                    continue
                seen.add(key)
                out.append(
                    {
                        "kind": kind,
                        "instrument": _instrument(inst.group("inst")),
                        "date": date,
                        "parties": sorted(parties),
                        "topics": [],
                        "evidence": [art.evidence(sent.start, sent.end)],
                    }
                )
            break
    # Carrying out an agreement the story reports signed is no new act.
    acted = {tuple(a["parties"]) for a in out if a["kind"] != "implemented"}
    out = [a for a in out if a["kind"] != "implemented" or tuple(a["parties"]) not in acted]
    return out


def _instrument(text: str) -> str:
    t = text.strip()
    if t.lower().startswith("memorandum of understanding") or t.upper().startswith("MOU"):
        return "MoU"
    return t


def _acts(text: str, inst: re.Match[str], published: str | None) -> list[tuple[str, str | None]]:
    """The acts (kind, date) the sentence states about the instrument."""
    acts: list[tuple[str, str | None]] = []
    window = text[max(0, inst.start() - 120) : inst.end() + 120]
    renew = ACTS[0][1].search(window)
    planned = ACTS[1][1].search(window)
    signed = ACTS[2][1].search(window)
    dates = [d.edtf for d in find_dates(window, published) if d.kind != "range"]
    if planned and not re.search(r"\bagreed to sign\b", window, re.I):
        acts.append(("planned", None))
    elif signed:
        acts.append(("signed", dates[0] if dates else None))
    elif IMPLEMENT_RE.search(window) and not renew:
        acts.append(("implemented", dates[0] if dates else None))
    if renew:
        acts.append(("renewed", dates[-1] if len(dates) > 1 else None))
    return acts


def _parties(art: Article, sent: Sentence) -> list[str]:
    """One party per country: its locality if the sentence names one, else the country."""
    places = [p for p in art.places_in(sent.start, sent.end) if not art.is_where(p, sent.start)]
    by_country: dict[str, PlaceMention] = {}
    for p in places:
        best = by_country.get(p.country)
        if best is None or (p.is_local and not best.is_local):
            by_country[p.country] = p
    parties = {c: (p.id if p.is_local else c) for c, p in by_country.items()}
    if len(parties) == 1 and NATIONAL_BODY_RE.search(sent.text):
        (only,) = parties
        other = art.other_country(only)
        if other:
            parties[other] = other
    elif len(parties) == 1:
        (only,) = parties
        other = art.other_country(only)
        if other:
            parties[other] = art.focal.get(other, other)
    elif not parties and (both := art.both_localities(sent.text)):
        return list(both)  # "The two provinces signed an agreement in 2014"
    return list(parties.values())[:2] if len(parties) <= 2 else _two_main(parties, art)


def _two_main(parties: dict[str, str], art: Article) -> list[str]:
    ranked = [c for c in art.countries if c in parties][:2]
    return [parties[c] for c in ranked]
