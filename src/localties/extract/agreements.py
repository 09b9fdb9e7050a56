"""Agreements: instruments signed, renewed or planned between two sides, one record per act."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from localties.extract.clauses import governed_by, main_subject
from localties.extract.context import Article, Sentence
from localties.extract.dates import find_dates
from localties.extract.mentions import PlaceMention
from localties.model import Agreement, Edtf, PlaceId
from localties.model.ids import country_of

# The trigger wordings (instrument, renewed, planned, signed, implement, not_instrument)
# are data: `data/lexicon/triggers.tsv`.
ACTS = ("renewed", "planned", "signed")


# Carrying out an instrument: its implementing words just before it ("effectively implement
# the MoU"), or right after it ("the agreement has been implemented"), or cooperation
# "under" it ("cooperation under the Friendship Agreement"; not a sentence that opens
# "Under the MoU, the sides will ...", which states what was just signed).
@functools.cache
def _implement_before(implement: str) -> re.Pattern[str]:
    """The implementing words just before an instrument, or cooperation under it."""
    return re.compile(
        r"(?:" + implement + r")\s+(?:[\w-]+\s+){0,6}$"
        r"|(?<=\w )(?:under|in line with|in accordance with|in keeping with|pursuant to|"
        r"(?:with)?in the framework of)\s+(?:the|a|an|their|its|this|that)\s+(?:[\w-]+\s+){0,4}$",
        re.I,
    )


_IMPLEMENT_AFTER = re.compile(
    r"^\s*(?:[\w,-]+\s+){0,5}?(?:(?:has|have|had|was|were|is|are|been|being|being)\s+){1,3}"
    r"(?:(?:\w+ly|just|already|now|also|since|been)\s+){0,2}"
    r"(?:implemented|carried out|reali[sz]ed|put into (?:practice|effect))\b",
    re.I,
)
NATIONAL_BODY_RE = re.compile(
    r"\b(?:Ministry|MoIT|MOIT|MOLISA|MoLISA|MoH|MoET|MPI|Government|university|University|VNUA|"
    r"Embassy|the ministry|national)\b"
)


def extract_agreements(art: Article) -> list[Agreement]:
    """Agreement records; the same act stated twice is kept once."""
    out: list[Agreement] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    triggers = art.knowledge.lexicon.triggers
    for sent in art.sentences:
        for inst in triggers["instrument"].finditer(sent.text):
            if triggers["not_instrument"].search(sent.text):
                break
            acts = _acts(sent.text, inst, art.published, triggers)
            if acts and acts[0][0] == "signed" and _sign_is_wished(art, sent, inst):
                acts[0] = ("planned", None)  # "suggested the two sides ... and sign an MoU"
            if not acts:
                continue
            party_sets = _party_sets(art, sent)
            if not party_sets and out and _definite(sent.text, inst):
                # "the cooperation agreement has just been implemented": the one just named
                party_sets = [[str(p) for p in out[-1].parties]]
            for parties in party_sets:
                for kind, date in acts:
                    key = (kind, tuple(sorted(parties)))
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(
                        Agreement(
                            kind=kind,
                            instrument=_instrument(inst.group()),
                            date=Edtf.parse(date),
                            parties=tuple(PlaceId(p) for p in sorted(parties)),
                            topics=(),
                            evidence=(art.evidence(sent.start, sent.end),),
                        )
                    )
            break
    return out


def _sign_is_wished(art: Article, sent: Sentence, inst: re.Match[str]) -> bool:
    """Whether the bare "sign" of the instrument's sentence sits under a word that asks or
    hopes for it (read from the parse, however far the two are apart)."""
    cues = art.knowledge.lexicon.clause_cues
    wishes = cues["belief"] | cues["ask"]
    end = sent.start + inst.start()
    return governed_by(art.doc, sent.start, end, {"sign"}, wishes)


def _definite(text: str, inst: re.Match[str]) -> bool:
    """The instrument is named as one already known: "the (cooperation) agreement"."""
    return bool(re.search(r"\bthe\s+(?:[\w-]+\s+){0,2}$", text[: inst.start()], re.I))


def _instrument(text: str) -> str:
    t = text.strip()
    if t.lower().startswith("memorandum of understanding") or t.upper().startswith("MOU"):
        return "MoU"
    return t


def _acts(
    text: str, inst: re.Match[str], published: str | None, triggers: Mapping[str, re.Pattern[str]]
) -> list[tuple[str, str | None]]:
    """The acts (kind, date) the sentence states about the instrument."""
    acts: list[tuple[str, str | None]] = []
    window = text[max(0, inst.start() - 120) : inst.end() + 120]
    renew, planned, signed = (triggers[act].search(window) for act in ACTS)
    dates = [d.edtf for d in find_dates(window, published) if d.kind != "range"]
    if planned and not re.search(r"\bagreed to sign\b", window, re.I):
        acts.append(("planned", None))
    elif signed:
        acts.append(("signed", dates[0] if dates else None))
    if renew:
        acts.append(("renewed", dates[-1] if len(dates) > 1 else None))
    before = text[max(0, inst.start() - 80) : inst.start()]
    after = text[inst.end() : inst.end() + 80]
    alone = not acts  # no signing or renewal takes the sentence's date
    if (
        _implement_before(triggers["implement"].pattern).search(before)
        or _IMPLEMENT_AFTER.search(after)
        or (alone and triggers["implement"].search(window))
    ):
        # Carrying it out: its own act, beside any signing the sentence reports.
        acts.append(("implemented", dates[0] if dates and alone else None))
    return acts


def _party_sets(art: Article, sent: Sentence) -> list[list[str]]:
    """The sides of each act: one pair, or one per partner when the sentence lists several
    ("concluded memoranda with Nghe An province and Ho Chi Minh City")."""
    parties = _parties(art, sent)
    if len(parties) < 2:
        return []
    listed = _listed_partners(art, sent)
    if len(listed) >= 2:
        anchor = [p for p in parties if country_of(p) != country_of(listed[0])]
        if anchor:
            return [[anchor[0], partner] for partner in listed]
    return [parties]


def _listed_partners(art: Article, sent: Sentence) -> list[str]:
    """Localities of one country the sentence names as a list ("A, B and C")."""
    places = [
        p
        for p in art.places_in(sent.start, sent.end)
        if p.is_local and not art.is_where(p, sent.start)
    ]
    run: list[PlaceMention] = []
    for p in places:
        if (
            run
            and p.country == run[-1].country
            and re.fullmatch(
                r"\s*(?:province|city|prefecture)?\s*(?:,|and|, and)\s*",
                art.text[run[-1].end : p.start],
            )
        ):
            run.append(p)
        elif len(run) < 2:
            run = [p]
    if len(run) < 2:
        return []
    after_with = re.search(
        r"\bwith\s+(?:the\s+)?$", art.text[max(sent.start, run[0].start - 12) : run[0].start]
    )
    subject = main_subject(art.doc, sent.start, sent.end)
    as_subject = subject is not None and (  # "Savannakhet and Salavan provinces signed ..."
        subject[0][0] <= run[-1].start < subject[0][1] and run[0].end > subject[0][0] - 20
    )
    if not after_with and not as_subject:
        return []
    return list(dict.fromkeys(p.id for p in run))


def _parties(art: Article, sent: Sentence) -> list[str]:
    """One party per country: its locality if the sentence names one, else the country."""
    places = [p for p in art.places_in(sent.start, sent.end) if not art.is_where(p, sent.start)]
    places += art.anaphors(sent, places)
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
    elif not parties and (both := art.both_localities(sent)):
        return list(both)  # "The two provinces signed an agreement in 2014"
    return list(parties.values())[:2] if len(parties) <= 2 else _two_main(parties, art)


def _two_main(parties: dict[str, str], art: Article) -> list[str]:
    ranked = [c for c in art.countries if c in parties][:2]
    return [parties[c] for c in ranked]
