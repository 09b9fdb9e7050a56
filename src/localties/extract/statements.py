"""Statements: what one side asks of the other (proposal) or promises (commitment).

The speaker is whom the trigger verb's subject names in the parse (a person, by name
or by role: "the Governor", "the chairman of X", "the head of government"); "he"/"she"
is the person in focus: the last sentence's main subject, not merely the name said
last ("President X told Governor Y ..." puts X in focus), and never the person the
sentence names as its object ("He informed the PM ..."). Without a parse subject, the
person named nearest before the verb. `from` is the speaker's affiliation; `to` is
the other side as the sentence names it after the verb (a locality of the other
country; for a request, a person of it or its government), else before it, else the
speaker's counterpart at the meeting the story reports, else the other country's
locality the story is about.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from localties.extract.clauses import (
    Clause,
    addressees,
    future_clauses,
    is_object_at,
    is_passive_at,
    main_subject,
    subject_of,
    under_word,
)
from localties.extract.context import Article, Sentence
from localties.extract.people import PersonInfo
from localties.extract.topics import topics_of
from localties.model import Meeting, PlaceId, Statement
from localties.model.ids import country_of, is_local

# The trigger wordings (proposal, commitment) are data: `data/lexicon/triggers.tsv`.
_PRONOUN_RE = re.compile(r"^\s*(?:[A-Z][\w ,]{0,40},\s*)?(?:he|she)\b", re.IGNORECASE)


def extract_statements(art: Article, meetings: list[Meeting]) -> list[Statement]:
    """Statement records, one per (kind, speaker, from, to), topics merged."""
    if not art.cross_border:
        return []
    story = _counterparts(meetings)
    frames = _frames(meetings)
    out: list[Statement] = []
    focus: PersonInfo | None = None
    recent: dict[str, PersonInfo] = {}  # country -> the person of it named last
    for sent in art.sentences:
        named = sorted(
            [(pos[0], p) for p, pos in art.persons_in(sent.start, sent.end)]
            + [(pos, p) for p, pos in art.role_mentions(sent.start, sent.end)],
            key=lambda x: x[0],
        )
        last = _he(art, sent, named, focus, recent)
        counterpart = _in_frame(frames, art.evidence(sent.start, sent.end).start) or story
        both = _both_sides(art, sent, counterpart)
        if both:
            out += both
            continue
        clauses = future_clauses(art.doc, sent.start, sent.end)
        kinds = _believed_away(art, sent, _kinds(art, sent.text), clauses)
        found = _worded(art, sent, kinds, named, last, counterpart, recent)
        worded = any(r.kind == "commitment" for r in found)
        found += _future_commitments(art, sent, clauses, named, last, counterpart, both_only=worded)
        found += _wishes(art, sent, clauses, named, last, counterpart, found)
        out += found
        focus = _in_focus(art, sent, named, last)
        for _, person in named:
            if person.country:
                recent[person.country] = person
    return _merge(out)


def _he(
    art: Article,
    sent: Sentence,
    named: list[tuple[int, PersonInfo]],
    focus: PersonInfo | None,
    recent: dict[str, PersonInfo],
) -> PersonInfo | None:
    """Who "he"/"she" is in this sentence: the person in focus, unless the sentence names
    that person as an object ("He told the governor ...", "He informed the PM"): then the
    other side's person named last, when there is one."""
    if focus is None:
        return None
    if any(p is focus and is_object_at(art.doc, pos) for pos, p in named):
        others = [p for c, p in recent.items() if c != focus.country and p.affiliation]
        return others[-1] if len(others) == 1 else None
    return focus


def _in_focus(
    art: Article,
    sent: Sentence,
    named: list[tuple[int, PersonInfo]],
    he: PersonInfo | None,
) -> PersonInfo | None:
    """The person in focus after a sentence: its main verb's subject when that names a
    person ("President Quang told Governor Abe ..." puts Quang in focus, not Abe), the
    same person when the subject is "he"/"she", else the person named last."""
    subject = main_subject(art.doc, sent.start, sent.end)
    if subject is not None:
        (start, end), word = subject
        inside = [p for pos, p in named if start <= pos < end]
        if inside:
            return inside[0]
        if word in ("he", "she"):
            return he
    return named[-1][1] if named else he


def _worded(
    art: Article,
    sent: Sentence,
    kinds: list[tuple[str, int]],
    named: list[tuple[int, PersonInfo]],
    last: PersonInfo | None,
    counterpart: dict[str, str],
    recent: dict[str, PersonInfo] | None = None,
) -> list[Statement]:
    """The statements a sentence's trigger words give, each with its speaker and sides."""
    out: list[Statement] = []
    for kind, verb_at in kinds:
        if kind == "proposal" and is_passive_at(art.doc, sent.start + verb_at):
            continue  # "X was invited to Japan": X is asked, and by no one the sentence names
        speakers = _group_at(art, sent.text[:verb_at], subject=True)
        if speakers:  # "The governors pledged ...": one record per governor
            for p in speakers:
                found = _statement(
                    art, sent, kind, p.affiliation or "", p.name, counterpart, verb_at
                )
                out += [found] if found else []
            continue
        speaker = _speaker(art, sent, named, last, verb_at)
        if speaker is not None and all(p is not speaker for _, p in named):
            speaker = _not_own_side(art, sent, verb_at, speaker, recent or {})
        if speaker and speaker.affiliation:
            record = _statement(
                art, sent, kind, speaker.affiliation, speaker.name, counterpart, verb_at
            )
        elif not named and (side := _side_as_subject(art, sent)):
            record = _statement(art, sent, kind, side, None, counterpart, verb_at)
        else:
            record = None
        if record and kind == "proposal":
            # "asked the governors to ...": one record per governor asked
            targets = _group_at(art, _after_verb(sent.text, verb_at), subject=False)
            targets = [t for t in targets if t.country != country_of(record.source)]
            if targets:
                out += [replace(record, target=PlaceId(t.affiliation or "")) for t in targets]
                continue
        if record:
            out.append(record)
    return out


def _not_own_side(
    art: Article, sent: Sentence, verb_at: int, speaker: PersonInfo, recent: dict[str, PersonInfo]
) -> PersonInfo:
    """A speaker found by "he" or "the official" who would be asking or promising their
    own side ("He urged Nagano prefecture ...", the last person named being Nagano's
    governor) is the other side's person named last: a side does not address itself.
    Whom the sentence's asking verbs address is read from the parse ("proposed the
    association intensify its work with HCMC" addresses the association, not HCMC);
    without one, the locality named within a few words after an asking verb."""
    ask = art.knowledge.lexicon.clause_cues["ask"]
    asked = addressees(art.doc, sent.start, sent.end, ask)
    if asked:
        places = art.places_in(sent.start, sent.end)
        places = places + art.anaphors(sent, places)
        own = any(
            p.is_local and p.country == speaker.country
            for _, (start, end) in asked
            for p in places
            if start <= p.start and p.end <= end
        )
        if not own:
            return speaker
        others = [p for c, p in recent.items() if c != speaker.country and p.affiliation]
        return others[-1] if len(others) == 1 else speaker
    verb = re.match(r"[a-z]+", sent.text[verb_at:].lower())
    if verb is None or verb.group() not in ask:
        return speaker
    after = [
        p
        for p in art.places_in(sent.start + verb_at, sent.end)
        if p.is_local and not art.is_where(p, sent.start)
    ]
    if (
        not after
        or after[0].country != speaker.country
        or after[0].start - sent.start - verb_at > 60
    ):
        return speaker
    others = [p for c, p in recent.items() if c != speaker.country and p.affiliation]
    return others[-1] if len(others) == 1 else speaker


_BOTH_SUBJECT_RE = re.compile(
    r"^\s*(?:\w+,\s*)?(?:the two sides|both sides|both leaders|the two leaders|the two localities|both localities"
    r"|the two provinces|both provinces|the two prefectures|the two cities|both cities)"
    r"\s+(?:\w+\s+){0,2}?(?:will|would|agreed to|pledged to|committed to|"
    r"vowed to|are ready to|were ready to)\b"
    r"|^\s*(?:\w+,\s*)?(?:they|both)\s+(?:also\s+)?(?:agreed to|pledged to|vowed to)\b",
    re.IGNORECASE,
)


def _both_sides(art: Article, sent: Sentence, counterpart: dict[str, str]) -> list[Statement]:
    """ "The two sides will ...": a commitment made by each side to the other."""
    if not _BOTH_SUBJECT_RE.match(sent.text):
        return []
    sides = [art.focal.get(c) or c for c in art.countries[:2]]
    if len(counterpart) >= 2:
        sides = list(dict.fromkeys(counterpart.values()))[:2]
    if len(sides) < 2:
        return []
    a, b = sides
    records = [
        _statement(art, sent, "commitment", a, None, {country_of(a): b}),
        _statement(art, sent, "commitment", b, None, {country_of(b): a}),
    ]
    return [r for r in records if r]


def _believed_away(
    art: Article, sent: Sentence, kinds: list[tuple[str, int]], clauses: list[Clause]
) -> list[tuple[str, int]]:
    """Drop a commitment trigger that depends on a word of hope, belief or forecast
    ("the leaders are expected to confirm their commitment"), and a "will"/"would"
    commitment whose clause sits under one ("hoped that Chiba will continue to support
    ...", "expressed confidence that she would ..."): the parse gives the scope, however
    far the two words are apart."""
    belief = art.knowledge.lexicon.clause_cues["belief"]
    under = {c.at for c in clauses if c.governor in belief}
    return [
        (kind, at)
        for kind, at in kinds
        if not (
            kind == "commitment"
            and (
                (
                    sent.start + at in under
                    and re.match(r"(?:will|would)\b", sent.text[at:], re.IGNORECASE)
                )
                or under_word(art.doc, sent.start + at, belief)
            )
        )
    ]


def _future_commitments(
    art: Article,
    sent: Sentence,
    clauses: list[Clause],
    named: list[tuple[int, PersonInfo]],
    last: PersonInfo | None,
    counterpart: dict[str, str],
    *,
    both_only: bool = False,
) -> list[Statement]:
    """Commitments read from the parse: a side's act to come ("he said he would facilitate
    exchanges", "Quang Nam will share ...", "X and Y agreed to step up ..."), unless the
    clause sits under a word of hope or belief or under anything but a reporting verb.
    With `both_only` (the sentence's trigger words already gave one side's commitment),
    only clauses whose subject stands for both sides count."""
    cues = art.knowledge.lexicon.clause_cues
    out: list[Statement] = []
    for clause in clauses:
        if clause.wanted:
            continue  # see `_wishes`
        if clause.verb not in cues["act"] and clause.head not in cues["act"]:
            continue
        if both_only and not (clause.coordinated or clause.subject_word in _BOTH):
            continue
        if clause.relative:  # background: what an agreement says, what a side once did
            continue
        if clause.object_word in cues["travel"]:  # "will make a visit to ...": a plan
            continue
        if clause.governor is not None and clause.governor not in cues["report"]:
            continue
        committers = _committers(art, sent, clause, named, last, counterpart)
        for source, speaker in committers:
            record = _statement(
                art, sent, "commitment", source, speaker, _each_other(committers) or counterpart
            )
            out += [record] if record else []
        if out:
            break
    return out


def _each_other(committers: list[tuple[str, str | None]]) -> dict[str, str]:
    """For the two sides of "X and Y will ..." (one of each country), each one's other."""
    sides = [s for s, _ in committers]
    if len(sides) != 2 or country_of(sides[0]) == country_of(sides[1]):
        return {}
    if not all(is_local(s) for s in sides):
        return {}
    return {country_of(sides[0]): sides[1], country_of(sides[1]): sides[0]}


def _wishes(
    art: Article,
    sent: Sentence,
    clauses: list[Clause],
    named: list[tuple[int, PersonInfo]],
    last: PersonInfo | None,
    counterpart: dict[str, str],
    found: list[Statement],
) -> list[Statement]:
    """ "Kinokawa wants to share its experience": wanting to give is a commitment;
    "Quang Nam wants to learn from ...", "wants to receive more workers": wanting to
    take is asking the other side (a proposal). A kind the sentence already gave is
    not given twice."""
    cues = art.knowledge.lexicon.clause_cues
    out: list[Statement] = []
    kinds = {r.kind for r in found}
    for clause in clauses:
        if not clause.wanted or clause.relative:
            continue
        if clause.verb in cues["take"]:
            kind = "proposal"
        elif clause.verb in cues["act"]:
            kind = "commitment"
        else:
            continue
        if kind in kinds:
            continue
        for source, speaker in _committers(art, sent, clause, named, last, counterpart):
            record = _statement(art, sent, kind, source, speaker, counterpart)
            if record:
                out.append(record)
                kinds.add(kind)
    return out


_SELF = frozenset({"he", "she", "i", "we"})
_BOTH_LOCALITIES = frozenset({"localities", "provinces", "prefectures", "cities"})
_BOTH = frozenset({"they", "both", "sides", "leaders"}) | _BOTH_LOCALITIES
_SIDE_NOUNS = frozenset({"side", "government", "authorities", "province", "prefecture", "city"})


def _committers(
    art: Article,
    sent: Sentence,
    clause: Clause,
    named: list[tuple[int, PersonInfo]],
    last: PersonInfo | None,
    counterpart: dict[str, str],
) -> list[tuple[str, str | None]]:
    """Who undertakes a clause's act: (side, speaker name), one per side for "both"."""
    if clause.subject is None:
        return []
    start, end = clause.subject
    persons = [p for p, _ in art.persons_in(start, end) if p.affiliation]
    # a name the parse split ("Ca | Mau and Khammouane") still counts when it overlaps
    places = [
        p
        for p in art.places_in(max(sent.start, start - 30), end)
        if (p.is_local or p.via == "demonym") and p.end > start
    ]
    if clause.subject_word in _BOTH_LOCALITIES and (pair := art.both_localities(sent)):
        return [(pair[0], None), (pair[1], None)]  # "the two localities will ..."
    if clause.coordinated or clause.subject_word in _BOTH:
        pool = [p for pos, p in named if pos < sent.start + (clause.at - sent.start)]
        sides = {p.country: p.affiliation for p in persons + pool if p.affiliation and p.country}
        for place in places:
            sides.setdefault(place.country, place.id if place.is_local else place.country)
        if len(sides) < 2 and len(counterpart) >= 2 and clause.subject_word in _BOTH:
            sides = {country_of(v): v for v in counterpart.values()}
        if len(sides) != 2:
            return []
        return [(str(side), None) for side in sides.values()]
    if clause.subject_word in _SELF:
        holder = clause.governor_subject
        if holder is not None:
            said = [p for p, _ in art.persons_in(*holder) if p.affiliation]
            if said:
                return [(said[0].affiliation or "", said[0].name)]
        before = [p for pos, p in named if pos < clause.at and p.affiliation]
        who = before[-1] if before else last
        return [(who.affiliation, who.name)] if who and who.affiliation else []
    if persons:
        return [(persons[0].affiliation or "", persons[0].name)]
    if clause.subject_word not in _SIDE_NOUNS and not any(p.is_local for p in places):
        return []
    local = [p for p in places if p.is_local]
    if local:
        return [(local[0].id, None)]
    if places:  # "the Japanese side", "the Vietnamese Government"
        return [(places[0].country, None)]
    found = [a for a in art.anaphors(sent, []) if start <= a.start and a.end <= end]
    return [(found[0].id, None)] if found else []


def _kinds(art: Article, text: str) -> list[tuple[str, int]]:
    """The statement kinds a sentence holds ("asked ..., pledging ..."), with their verbs' places."""
    triggers = art.knowledge.lexicon.triggers
    found = [
        (kind, m.start())
        for kind in ("proposal", "commitment")
        for m in triggers[kind].finditer(text)
    ]
    return sorted(found, key=lambda k: k[1])


def _speaker(
    art: Article,
    sent: Sentence,
    named: list[tuple[int, PersonInfo]],
    last: PersonInfo | None,
    verb_at: int,
) -> PersonInfo | None:
    """Who says it: the person the verb's subject names ("At the meeting, the governor
    of X proposed"), or "he"/"she" as its subject (the person in focus); else the person
    named nearest before the verb, else "he"/"she" or "the leader" opening the sentence,
    else the first named if the sentence ends by attributing it ("..., Hai said")."""
    verb = sent.start + verb_at
    subject = subject_of(art.doc, verb)
    if subject is not None:
        (start, end), word = subject
        inside = [p for pos, p in named if start <= pos < end]
        if inside:
            return inside[0]
        if word in ("he", "she"):  # "Truong said he expected ...": the subject named before
            earlier = [p for pos, p in named if pos < start and not is_object_at(art.doc, pos)]
            return earlier[-1] if earlier else last
    before = [
        p for pos, p in named if pos < verb and verb - pos < 160 and not is_object_at(art.doc, pos)
    ]
    if before:
        return before[-1]
    if (
        _PRONOUN_RE.match(sent.text)
        or _ROLE_SUBJECT_RE.match(sent.text)
        or re.search(r"\b(?:he|she)\s+(?:said|added|pledged|noted|stressed)\b", sent.text)
    ):
        return last
    after = [p for pos, p in named if pos > verb]
    if after and re.search(r"\b(?:said|says|added|noted|stressed)\W*$", sent.text):
        return after[-1]
    return None


# "The Lai Chau leader also called for ...": a subject that names a role, not a person.
_ROLE_SUBJECT_RE = re.compile(
    r"^\s*The\s+(?:[\w'-]+\s+){0,4}(?:leader|official|governor|chairman|chairwoman|secretary|president|"
    r"minister|ambassador|mayor|host|guest|legislator)\b",
    re.IGNORECASE,
)


# A group of officials named by their office in the plural: "the governors", "the
# Japanese mayors", "the provincial leaders" stand for each such person the story names.
_GROUP = (
    r"the\s+(?:(?P<demonym>[A-Z][a-z]+)\s+)?(?:(?:provincial|prefectural|local|two|three|four|five|six)\s+)?"
    r"(?P<role>governors|mayors|chairm[ae]n|chairpersons|party secretaries|secretaries)\b"
)
# the subject: the whole text before the verb, or what follows a leading clause's comma
_GROUP_SUBJECT_RE = re.compile(
    r"(?:^\s*|,\s*)" + _GROUP + r"(?:\s+(?:also|all|both))?\s*$", re.IGNORECASE
)
_GROUP_OBJECT_RE = re.compile(r"^\s*(?:on\s+|upon\s+)?" + _GROUP, re.IGNORECASE)
_ROLE_WORD = {"governors": "governor", "mayors": "mayor", "chairmen": "chair", "chairmans": "chair",
              "chairpersons": "chair", "party secretaries": "secretary", "secretaries": "secretary"}  # fmt: skip


def _after_verb(text: str, verb_at: int) -> str:
    verb = re.match(r"[\w-]+(?:\s+(?:on|upon|for))?", text[verb_at:])
    return text[verb_at + (verb.end() if verb else 0) :]


def _group_at(art: Article, text: str, *, subject: bool) -> list[PersonInfo]:
    """The officials a plural office noun stands for, when `text` is just that noun
    (the subject before the verb) or starts with it (the object after the verb)."""
    match = _GROUP_SUBJECT_RE.search(text) if subject else _GROUP_OBJECT_RE.match(text)
    if not match:
        return []
    word = _ROLE_WORD.get(match.group("role").lower(), "")
    country = (
        art.knowledge.gazetteer.demonym(match.group("demonym")) if match.group("demonym") else None
    )
    local = [
        p for p in art.persons
        if p.affiliation and is_local(p.affiliation) and (country is None or p.country == country)
    ]  # fmt: skip
    titled = [p for p in local if p.title and word in p.title.lower()]
    members = titled if len(titled) >= 2 else [p for p in local if not p.title]
    if len(members) < 2 or len({p.country for p in members}) != 1:
        return []
    return members


def _counterparts(meetings: list[Meeting]) -> dict[str, str]:
    """For each country at the story's first cross-border meeting, the other side's affiliation."""
    for m in meetings:
        sides: dict[str, str] = {}
        for p in m.participants:
            if p.affiliation:
                sides.setdefault(p.affiliation.country, p.affiliation)
        if len(sides) >= 2:
            (ca, a), (cb, b) = list(sides.items())[:2]
            return {ca: b, cb: a}
    return {}


_Frames = tuple[list[int], list[dict[str, str]]]


def _frames(meetings: list[Meeting]) -> _Frames:
    """Where each cross-border meeting is told (each sentence of its evidence, in the
    original text), with each side's counterpart at it, in text order."""
    told = []
    for m in meetings:
        sides = _counterparts([m])
        if sides:
            told += [(e.start, sides) for e in m.evidence]
    told.sort(key=lambda f: f[0])
    return [start for start, _ in told], [sides for _, sides in told]


def _in_frame(frames: _Frames, at: int) -> dict[str, str]:
    """The counterparts of the meeting told last before `at`: a statement belongs to
    the encounter the story is describing ("The same day, he also met X. He asked ...")."""
    starts, sides = frames
    i = bisect_right(starts, at)
    return sides[i - 1] if i else {}


def _side_as_subject(art: Article, sent: Sentence) -> str | None:
    """ "Ho Chi Minh City proposed ...", "The Japanese side will ...": a place as the speaker."""
    for p in art.places_in(sent.start, min(sent.end, sent.start + 40)):
        head = art.text[sent.start : p.start].strip().lower()
        if head in ("", "the") and (p.is_local or p.via == "demonym"):
            after = art.text[p.end : p.end + 30]
            if p.via == "demonym" and not re.match(
                r"\s+(?:side|government|Government|authorities)", after
            ):
                return None
            return p.id if p.is_local else p.country
    return None


def _statement(
    art: Article,
    sent: Sentence,
    kind: str,
    source: str,
    speaker: str | None,
    counterpart: dict[str, str],
    verb_at: int = 0,
) -> Statement | None:
    """The record of `source`'s statement; `to` is the other country's locality the
    sentence names first after the verb at `verb_at`, else first before it."""
    country = country_of(source)
    other = art.other_country(country)
    if other is None:
        return None
    places = art.places_in(sent.start, sent.end)
    named = [
        p
        for p in places + art.anaphors(sent, places)  # "the province": the story's one
        if p.country != country and p.is_local and not art.is_where(p, sent.start)
    ]
    verb = sent.start + verb_at
    named.sort(key=lambda p: (p.start < verb, p.start))
    target = named[0].id if named and named[0].start >= verb else None
    if target is None and kind == "proposal":
        target = _addressed_whole(art, sent, verb, other)
    if target is None:
        target = named[0].id if named else None
    if target is None:
        target = _whole_side(art, sent, other) or counterpart.get(country)
    if target is None:
        target = art.focal.get(other, other) if not is_local(source) else other
    return Statement(
        kind=kind,
        speaker=speaker,
        source=PlaceId(source),
        target=PlaceId(target),
        topics=tuple(topics_of(art, sent.text)),
        evidence=(art.evidence(sent.start, sent.end),),
    )


def _addressed_whole(art: Article, sent: Sentence, verb: int, other: str) -> str | None:
    """What a request names after its verb when no locality of the other side follows:
    a person of that side ("looked forward to support from the President") gives their
    affiliation; the other country's government ("hoped that the Government of Vietnam
    will") gives the country."""
    found: list[tuple[int, str]] = [
        (pos[0], p.affiliation)
        for p, pos in art.persons_in(verb, sent.end)
        if p.country == other and p.affiliation
    ]
    found += [
        (pos, p.affiliation)
        for p, pos in art.role_mentions(verb, sent.end)
        if p.country == other and p.affiliation
    ]
    found += [
        (p.start, p.id)
        for p in art.places_in(verb, sent.end)
        if p.kind == "country"
        and p.id == other
        and re.search(
            r"\b(?:Government|State|authorities|people) of\s+$", art.text[p.start - 20 : p.start]
        )
    ]
    return min(found)[1] if found else None


def _whole_side(art: Article, sent: Sentence, other: str) -> str | None:
    """The other country, when the sentence addresses it as a whole by a nationality word
    and a plural group noun ("Japanese localities", "Japanese businesses") before it
    names one of its localities ("urged the prefecture to ... Japanese firms" is
    addressed to the prefecture)."""
    lexicon = art.knowledge.lexicon
    words = [w for w, c in lexicon.groups.items() if c == other]
    if not words:
        return None
    pattern = (
        r"\b(?:"
        + "|".join(map(re.escape, words))
        + r")\s+(?:[a-z]+\s+)?("
        + "|".join(map(re.escape, sorted(lexicon.clause_cues["group"])))
        + r")\b"
    )
    found = re.search(pattern, sent.text, re.IGNORECASE)
    if found is None:
        return None
    at = sent.start + found.start()
    places = art.places_in(sent.start, sent.end)
    earlier = [p for p in places + art.anaphors(sent, places) if p.start < at]
    return None if any(p.country == other and p.is_local for p in earlier) else other


def _merge(records: list[Statement]) -> list[Statement]:
    merged: dict[tuple[str, str | None, str, str], Statement] = {}
    for r in records:
        key = (r.kind, r.speaker, r.source, r.target)
        if key in merged:
            m = merged[key]
            topics = tuple(dict.fromkeys(m.topics + r.topics))
            merged[key] = replace(m, topics=topics, evidence=m.evidence + r.evidence)
        else:
            merged[key] = r
    return list(merged.values())
