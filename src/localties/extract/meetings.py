"""Meetings: encounters between named persons that the text reports as having happened."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from localties.extract.context import Article, Sentence
from localties.extract.dates import DateMention, find_dates
from localties.extract.people import PersonInfo
from localties.model import Edtf, Meeting, Participant, PlaceId
from localties.model.ids import country_of, is_local

# The wordings that report a meeting (`meeting`), list who attended one (`attendance`:
# they add people to a meeting already found, never start one) and place one still to
# come (`meeting_planned`) are data: `data/lexicon/triggers.tsv`.
PHONE_RE = re.compile(r"\b(?:phone|telephone|online|virtual|video)\b", re.IGNORECASE)
_LOC_RE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:central |northern |southern |capital )?$")
_LOCATES_RE = re.compile(
    r"\b(?:city|province|prefecture|region|district|town|village|administration|ward)\s+(?:in|of)\s+$",
    re.I,
)
# "to invest in Vietnam", "living and working in Gunma": where an activity is, not the meeting.
_ACTIVITY_RE = re.compile(
    r"\b(?:invest\w*|operat\w*|work\w*|liv\w*|stud\w*|(?:do|doing) business|expand\w*|"
    r"trad(?:e|es|ed|ing)|sell\w*|export\w*|settl\w*|employ\w*)\s+(?:[\w,-]+\s+){0,3}?(?:in|at)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_VISIT_RE = re.compile(r"\b(?:visit|trip|tour|mission)\s+(?:to|in)\s+(?:the\s+)?$")


@dataclass(slots=True)
class _Meeting:
    people: dict[str, PersonInfo] = field(default_factory=dict)
    date: DateMention | None = None
    place: str | None = None
    phone: bool = False
    evidence: list[tuple[int, int]] = field(default_factory=list)
    sides: tuple[str, ...] = ()


def extract_meetings(art: Article) -> list[Meeting]:
    """One record per meeting, merged across the sentences that describe it."""
    meetings: list[_Meeting] = []
    attendance: list[_Meeting] = []
    pending: _Meeting | None = None  # a meeting whose people are named only later
    pending_at = -1
    triggers = art.knowledge.lexicon.triggers
    for i, sent in enumerate(art.sentences):
        trigger = bool(triggers["meeting"].search(sent.text)) and not triggers[
            "meeting_planned"
        ].search(sent.text)
        attending = bool(triggers["attendance"].search(sent.text))
        if not trigger and not attending:
            continue
        people = _participants(art, sent)
        meeting = _Meeting(
            people={p.name: p for p in people},
            date=_meeting_date(art, sent),
            place=_meeting_place(art, sent),
            phone=bool(PHONE_RE.search(sent.text)),
            evidence=[(sent.start, sent.end)],
            sides=_sides(art, sent),
        )
        joins = bool(_JOINED_RE.search(sent.text))
        if (
            pending is not None
            and i - pending_at <= 3
            and people
            and (joins or not _has_pair(pending))
        ):
            pending.people.update(meeting.people)  # "... led by X, while ... headed by Y"
            pending.evidence += meeting.evidence
            pending.date = pending.date or meeting.date
            pending.place = pending.place or meeting.place
            pending.phone = pending.phone or meeting.phone
            continue
        if not people and trigger and (meeting.date or i < 3):
            pending, pending_at = meeting, i
            meetings.append(meeting)
            continue
        if not people or not _has_named_pair_or_guest(people):
            continue
        if trigger:
            _merge_into(
                meetings, meeting, new_frame=bool(triggers["new_encounter"].search(sent.text))
            )
        else:
            attendance.append(meeting)
    for extra in attendance:
        _merge_into(meetings, extra, create=False)
    for m in meetings:
        if not _has_pair(m) and m.sides:
            _fill_sides(art, m)
    fallback = _article_date(art)
    kept = _same_encounters_merged([m for m in meetings if m.people and _keep(m)])
    return [_record(art, m, fallback, i == 0) for i, m in enumerate(kept)]


def _same_encounters_merged(meetings: list[_Meeting]) -> list[_Meeting]:
    """One record per encounter: meetings of the same people on compatible dates, found
    from different sentences (one of them first named without its people), become one."""
    out: list[_Meeting] = []
    for m in meetings:
        same = next(
            (
                o
                for o in out
                if set(o.people) == set(m.people)
                and (not o.date or not m.date or _dates_compatible(o.date.edtf, m.date.edtf))
            ),
            None,
        )
        if same is None:
            out.append(m)
            continue
        same.date = same.date or m.date
        same.place = same.place or m.place
        same.phone = same.phone or m.phone
        same.evidence += m.evidence
    return out


def _has_pair(m: _Meeting) -> bool:
    return len({p.country for p in m.people.values() if p.country}) >= 2


_SIDES_RE = re.compile(
    r"\b(?:[Ll]eaders|[Oo]fficials|[Rr]epresentatives|[Dd]elegations)\s+(?:of|from)\b|\bsign(?:ed|ing)\b|"
    r"\bsignatures\b|\binked\b|\bconclud(?:ed|ing)\b"
)


def _sides(art: Article, sent: Sentence) -> tuple[str, ...]:
    """The two parties a sentence without names brings together ("leaders of A and B")."""
    if not _SIDES_RE.search(sent.text):
        return ()
    sides: dict[str, str] = {}
    for p in art.places_in(sent.start, sent.end):
        if art.is_where(p, sent.start):
            continue
        if p.country not in sides or (p.is_local and not is_local(sides[p.country])):
            sides[p.country] = p.id if p.is_local else p.country
    if len(sides) == 1 and re.search(r"\bMinistry\b|\bMo[A-Z]{1,6}\b", sent.text):
        (only,) = sides
        other = art.other_country(only)
        if other:
            sides[other] = other  # a national ministry signs for its country
    return tuple(sides.values()) if len(sides) == 2 else ()


def _fill_sides(art: Article, m: _Meeting) -> None:
    """Each side's first titled official the story names, for a meeting named by its sides."""
    for side in m.sides:
        if any(p.affiliation == side or p.country == side for p in m.people.values()):
            continue
        for person in art.persons:
            if person.title and (
                person.affiliation == side or (not is_local(side) and person.country == side)
            ):
                m.people[person.name] = person
                break


def _has_named_pair_or_guest(people: list[PersonInfo]) -> bool:
    return len(people) >= 2 or any(p.title for p in people)


def _keep(m: _Meeting) -> bool:
    countries = {p.country for p in m.people.values() if p.country}
    return len(m.people) >= 2 or bool(countries)


# "X also attended the talks": a person joining the meeting the story just described.
_JOINED_RE = re.compile(
    r"\b(?:attended|joined|present at|took part in) the (?:talks|meeting|session|working session|ceremony|reception)\b"
)

# "leaders of Japan's Yamaguchi prefecture": the officials of that place the story names.
_LEADERS_RE = re.compile(
    r"\b(?:leaders?|officials|representatives|Representatives|Leaders|authorities|a delegation)"
    r"\s+(?:from|of)\s+(?:the\s+)?"
)


# What follows "X mentioned that ..." is what was said, not who was there.
_REPORTED_RE = re.compile(
    r"\b(?:said|says|mentioned|noted|stressed|added|highlighted|affirmed|stated|recalled|believes?)\s+that\b"
)


def _participants(art: Article, sent: Sentence) -> list[PersonInfo]:
    reported = _REPORTED_RE.search(sent.text)
    end = sent.start + reported.start() if reported else sent.end
    found = [p for p, _ in art.persons_in(sent.start, end)]
    for m in _LEADERS_RE.finditer(sent.text[: end - sent.start]):
        at = sent.start + m.end()
        place = next(
            (p for p in art.places if p.start >= at and p.start - at < 40 and p.is_local), None
        )
        if place is None:
            continue
        for person in art.persons:
            if person.affiliation == place.id and person.title and person not in found:
                found.append(person)
    for person, _ in art.role_mentions(sent.start, sent.end):
        if person not in found:
            found.append(person)
    if _THE_DELEGATION_RE.search(sent.text, 0, end - sent.start):
        leader = _delegation_leader(art, sent.start)
        if leader and leader not in found:
            found.append(leader)
    return found


_THE_DELEGATION_RE = re.compile(
    r"\b(?:the|its|his|her)\s+(?:visiting\s+|\w+\s+)?delegation\b|\bthe guests\b"
    r"|\b(?:received|welcomed|greeted|gave) them\b"
)
_LED_BY_RE = re.compile(r"\bdelegation\b[^.;]{0,100}?\b(?:led|headed)\s+by\s+(?:\w+\s+){0,3}?")
# Title words between "led by" and the leader's name ("led by Standing Vice Secretary of the
# municipal Party Committee Nguyen Thi Tuyen").
_TITLE_RUN_RE = re.compile(
    r"^(?:[A-Z][\w'’-]*|of|the|and|for|in|municipal|provincial|prefectural|city|\s)*$"
)


def _delegation_leader(art: Article, before: int) -> PersonInfo | None:
    """The person an earlier sentence says leads the delegation ("a delegation led by X")."""
    leader = None
    for m in _LED_BY_RE.finditer(art.text, 0, before):
        following = [
            p
            for p, span in art.persons_in(m.end(), m.end() + 140)
            if span[0] - m.end() < 30 or _TITLE_RUN_RE.match(art.text[m.end() : span[0]])
        ]
        if following:
            leader = following[0]
    return leader


def _merge_into(
    meetings: list[_Meeting], new: _Meeting, *, create: bool = True, new_frame: bool = False
) -> None:
    """Add a sentence's meeting to the one it shares a person with on a compatible date;
    a sentence that opens a new encounter ("The same day, he also met Y") and brings a
    person of the other side whom that meeting, already between two sides, lacks starts
    a meeting of its own, where the one before it was unless the sentence says."""
    before: _Meeting | None = None
    for old in meetings:
        shared = set(old.people) & set(new.people)
        if not shared:
            continue
        if new_frame and _has_pair(old) and _brings_other_side(old, new, shared):
            before = old
            continue
        if old.date and new.date and not _dates_compatible(old.date.edtf, new.date.edtf):
            continue
        old.people.update(new.people)
        old.date = old.date or new.date
        old.place = old.place or new.place
        old.phone = old.phone or new.phone
        old.evidence += new.evidence
        return
    if create:
        if before is not None and new.place is None:
            new.place = before.place  # "The same day, he also met ...": still there
        meetings.append(new)


def _brings_other_side(old: _Meeting, new: _Meeting, shared: set[str]) -> bool:
    """Whether `new` names someone `old` lacks, of another country than the people the
    two share."""
    countries = {old.people[n].country for n in shared}
    return any(
        name not in old.people and p.country and p.country not in countries
        for name, p in new.people.items()
    )


def _dates_compatible(a: str, b: str) -> bool:
    a0, b0 = a.split("/")[0], b.split("/")[0]
    return a0.startswith(b0) or b0.startswith(a0) or a0[4:] == b0[4:]


def _meeting_date(art: Article, sent: Sentence) -> DateMention | None:
    dates = [
        d for d in find_dates(sent.text, art.published) if d.kind in ("day", "range", "relative")
    ]
    return dates[0] if dates else None


def _article_date(art: Article) -> str | None:
    """The first day-precise date in the story's opening, else the publication date."""
    for sent in art.sentences[:4]:
        for d in find_dates(sent.text, art.published):
            if d.kind in ("day", "relative", "range"):
                return d.edtf
    return art.published


def _meeting_place(art: Article, sent: Sentence) -> str | None:
    """Where the sentence says the meeting was: "in Hanoi", "during his visit to Vietnam"."""
    places = art.places_in(sent.start, sent.end)
    for i, p in enumerate(places):
        before = art.text[max(sent.start, p.start - 30) : p.start]
        # "Shiga Prefecture in Japan", "Nasushiobara city in Japan's Tochigi": where a place lies.
        follows_place = (i > 0 and p.start - places[i - 1].end <= 4) or bool(
            _LOCATES_RE.search(before)
        )
        possessive = art.text[p.end : p.end + 2] == "'s"
        activity = _ACTIVITY_RE.search(art.text[max(sent.start, p.start - 60) : p.start])
        if (
            _LOC_RE.search(before)
            and (p.is_local or p.kind == "country")
            and not follows_place
            and not possessive
            and not activity
        ):
            return p.id
    for p in places:
        before = art.text[max(sent.start, p.start - 30) : p.start]
        if _VISIT_RE.search(before):
            return p.id
    return None


_DELEGATION_RE = re.compile(
    r"\bdelegation\b[^.;]{0,120}?\bled by\b"
    r"|\bled (?:a|an|the|his|her|its|the city's|the province's)\s+(?:[\w-]+\s+){0,3}delegation"
)
_STAY_RE = re.compile(
    r"\b(?:(?:is|was|are|were)\s+(?:in|visiting)|(?:visit|trip|tour)s?\s+to|(?:arrived|arrives)\s+in"
    r"|visited|visiting)\s+(?:the\s+)?$"
)


_VISITING_RE = re.compile(r"\bvisiting\s+(?=[A-Z])")


def _visitor_country(art: Article, m: _Meeting) -> str | None:
    """The country of the side the text calls a delegation or a visitor."""
    for start, end in m.evidence:
        for v in _VISITING_RE.finditer(art.text, start, end):
            # "received visiting Vice Governor of ... Kim Myung-kyoo": the first person after.
            after = [
                (s, p)
                for p in m.people.values()
                for s, _ in p.spans
                if v.end() <= s < v.end() + 120 and p.country
            ]
            if after:
                return min(after, key=lambda x: x[0])[1].country
    for start, end in m.evidence:
        text = art.text[start:end]
        d = _DELEGATION_RE.search(text)
        if not d:
            continue
        window = (max(start, start + d.start() - 20), min(end, start + d.end() + 60))
        for person in m.people.values():
            if any(window[0] <= s < window[1] for s, _ in person.spans) and person.country:
                if "led by" in d.group() and not any(
                    start + d.end() <= s < min(end, start + d.end() + 60) for s, _ in person.spans
                ):
                    continue
                return person.country
    return None


def _place_of(art: Article, m: _Meeting, first: bool) -> str | None:
    """The meeting's place: stated; else the hosts' locality when a delegation came; else the dateline."""
    if m.phone:
        return None
    place = m.place
    visitor = _visitor_country(art, m)
    # A delegation is away from home: a place in its own country is not where it met.
    away = place is not None and country_of(place) == visitor
    if visitor and (place is None or not is_local(place) or away):
        hosts = [p for p in m.people.values() if p.country and p.country != visitor]
        local = [p.affiliation for p in hosts if p.affiliation and is_local(p.affiliation)]
        if local:
            return max(set(local), key=local.count)
        if hosts:
            country = hosts[0].country or ""
            return art.focal.get(country, country) or None
    if place is None:
        place = _stay(art, m)
    dateline = art.dateline
    same_day = m.date is None or m.date.edtf == art.published
    if place is None and dateline and (first or same_day):
        return dateline
    if place and dateline and (first or same_day) and _contains(art, place, dateline):
        return dateline  # "in Japan" / "in the Kyushu region", datelined Fukuoka
    return place


def _contains(art: Article, place: str, unit: str) -> bool:
    """True when `unit` lies inside `place` (a country, or a Japanese region)."""
    outer, inner = PlaceId(place), PlaceId(unit)
    if not outer.is_local:
        return inner.is_local and inner.country == outer.country
    if not outer.is_region:
        return False
    return unit in art.knowledge.gazetteer.region_members(place)


def _stay(art: Article, m: _Meeting) -> str | None:
    """ "Wang is in Vietnam for a visit": where a guest of the meeting is staying."""
    countries = {p.country for p in m.people.values() if p.country}
    if len(countries) < 2:
        return None
    spans = [span for person in m.people.values() for span in person.spans]
    stays = [
        p
        for p in art.places
        if p.country in countries
        and _STAY_RE.search(art.text[max(0, p.start - 30) : p.start])
        and any(_same_sentence(art, p.start, s) for s, _ in spans)  # the participants' own visit
        and not _other_time(art, p.end, m)  # "visited Korea in September": an earlier trip
    ]
    local = [p for p in stays if p.is_local]
    return (local or stays)[0].id if stays else None


def _other_time(art: Article, pos: int, m: _Meeting) -> bool:
    """True when a date right after `pos` cannot be the meeting's."""
    dates = find_dates(art.text[pos : pos + 40], art.published)
    if not dates or m.date is None:
        return False
    return not _dates_compatible(dates[0].edtf, m.date.edtf) and not dates[0].edtf.startswith(
        m.date.edtf[:7]
    )


def _same_sentence(art: Article, a: int, b: int) -> bool:
    sent = art.sentence_at(a)
    return sent is not None and sent.start <= b < sent.end


def _record(art: Article, m: _Meeting, fallback_date: str | None, first: bool) -> Meeting:
    place = _place_of(art, m, first)
    place_country = country_of(place) if place else None
    date = m.date.edtf if m.date else fallback_date
    countries = {p.country for p in m.people.values()}
    participants = []
    for p in m.people.values():
        role = None
        if not m.phone and place_country and len(countries) > 1 and p.country:
            role = "host" if p.country == place_country else "guest"
        participants.append(Participant(p.name, p.title, PlaceId.parse(p.affiliation), role))
    return Meeting(
        date=Edtf.parse(date),
        place=PlaceId.parse(place),
        participants=tuple(participants),
        evidence=tuple(art.evidence(s, e) for s, e in m.evidence),
    )
