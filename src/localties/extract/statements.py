"""Statements: what one side asks of the other (proposal) or promises (commitment)."""

from __future__ import annotations

import re
from typing import Any

from localties.extract.context import Article, Sentence
from localties.extract.people import PersonInfo
from localties.extract.topics import topics_of

PROPOSAL_RE = re.compile(
    r"\b(?:ask(?:ed|s)?|urg(?:ed|es)|call(?:ed|s)? (?:on|for)|suggest(?:ed|s)?|propos(?:ed|es)|"
    r"request(?:ed|s)?|invit(?:ed|es)|hop(?:ed|es) (?:that )?\w+ (?:would|will)|expressed (?:his|her) hope|"
    r"wish(?:ed|es) (?:that )?\w+ (?:would|will)|expected (?:that )?\w+ (?:would|will)|recommend(?:ed|s))\b",
    re.IGNORECASE,
)
COMMITMENT_RE = re.compile(
    r"\b(?:pledg(?:ed|es)|promis(?:ed|es)|vow(?:ed|s)|affirm(?:ed|s)|committ?(?:ed|s) to|"
    r"(?:is|was|are|were|stands?|stood) ready to|will (?:continue|work|support|promote|create|step|do|help|"
    r"strengthen|boost|assist|encourage|facilitate|expand|send|receive|hold|make)|"
    r"(?:his|her|its|their) commitment|willing to)\b",
    re.IGNORECASE,
)
_PRONOUN_RE = re.compile(r"^\s*(?:He|She|The (?:\w+ ){0,3}(?:leader|official|governor|Governor|President|PM|guest|host|legislator|minister|Minister))\b")


def extract_statements(art: Article) -> list[dict[str, Any]]:
    """Statement records: one per (kind, speaker) and sentence that states it."""
    if not art.cross_border:
        return []
    out: list[dict[str, Any]] = []
    last_person: PersonInfo | None = None
    for sent in art.sentences:
        mentioned = art.persons_in(sent.start, sent.end)
        speaker = mentioned[0][0] if mentioned else (last_person if _PRONOUN_RE.match(sent.text) else None)
        if mentioned:
            last_person = mentioned[-1][0]
        for kind, pattern in (("proposal", PROPOSAL_RE), ("commitment", COMMITMENT_RE)):
            if not pattern.search(sent.text):
                continue
            record = _statement(art, sent, kind, speaker)
            if record:
                out.append(record)
            break
    return _merge(out)


def _statement(art: Article, sent: Sentence, kind: str, speaker: PersonInfo | None) -> dict[str, Any] | None:
    source = speaker.affiliation if speaker else None
    if source is None:
        return None
    country = source.split("-")[0]
    other = art.other_country(country)
    if other is None:
        return None
    target = None
    for p in art.places_in(sent.start, sent.end):
        if p.country == other and p.is_local:
            target = p.id
            break
    target = target or art.focal.get(other) if "-" in source else target or other
    if target is None:
        target = other
    return {
        "kind": kind,
        "speaker": speaker.name if speaker else None,
        "from": source,
        "to": target,
        "topics": topics_of(sent.text),
        "evidence": [art.evidence(sent.start, sent.end)],
    }


def _merge(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    merged: dict[tuple[str, str | None, str, str], dict[str, Any]] = {}
    for r in records:
        key = (r["kind"], r["speaker"], r["from"], r["to"])
        if key in merged:
            m = merged[key]
            m["topics"] = list(dict.fromkeys(m["topics"] + r["topics"]))
            m["evidence"] += r["evidence"]
        else:
            merged[key] = r
    return list(merged.values())
