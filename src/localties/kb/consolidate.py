"""Consolidation: reports of the same real-world event become one event.

Every meeting, agreement act, exchange event and fact of every article is a mention.
Mentions are compared only within a block that shares what makes them the same event
(a cross-border pair of persons; the agreement's kind and parties; the event's kind
and place; the fact's kind, places and value), so the work grows with the number of
mentions times the size of a block, never with the square of the corpus.

Two mentions are merged (union-find) when, besides their block, their dates and places
are compatible; the `Merge` records say which rule joined them. Never merged: the same
guest with two different hosts (no shared pair), the same pair in another year, two
editions of a festival series (other years), two agreements on disjoint topics.

Ids are deterministic: an event is named by a digest of its earliest mention's key
(article id, record kind and position), so re-running gives the same ids and an
article extracted again to the same records keeps its events' ids.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from localties.kb.persons import person_id
from localties.knowledge import Knowledge
from localties.model import ArticleResult, Edtf
from localties.model.events import (
    EVENT_LISTS,
    Correction,
    DateReport,
    Event,
    EventParticipant,
    Mention,
    Merge,
)
from localties.model.ids import PlaceId
from localties.model.records import Agreement, ExchangeEvent, Fact, Meeting


@dataclass(slots=True)
class _Item:
    """One mention with what the rules compare."""

    mention: Mention
    date: str | None
    place: str | None
    blocks: tuple[object, ...]
    record: Meeting | Agreement | ExchangeEvent | Fact
    participants: tuple[EventParticipant, ...] = ()
    extra: dict[str, object] = field(default_factory=dict)
    soft_date: str | None = None  # the date, else (events, facts) the article's year


def consolidate(
    results: Iterable[ArticleResult],
    knowledge: Knowledge,
    corrections: Iterable[Correction] = (),
    *,
    blocks: dict[str, set[str]] | None = None,
) -> tuple[list[Event], list[Merge]]:
    """Events (sorted by date, then id) and the merges that made them.

    `corrections` apply before anything is compared: a rejected record joins no event,
    a set field replaces what the extractor found; each event lists those it applied.
    `blocks`, when given, receives each article's blocks (see `article_blocks`).
    """
    fixes: dict[str, list[Correction]] = defaultdict(list)
    for correction in corrections:
        fixes[correction.record].append(correction)
    items: list[_Item] = []
    ids: dict[tuple[str, str | None, str | None], str] = {}

    def pid(name: str, affiliation: str | None, on: str | None) -> str:
        key = (name, affiliation, on[:4] if on else None)  # a role is held for years
        if key not in ids:
            ids[key] = person_id(knowledge, name, affiliation, on)
        return ids[key]

    for result in results:
        for item in _items(_corrected(result, fixes), pid):
            if blocks is not None:
                blocks.setdefault(result.id, set()).update(map(block_key, item.blocks))
            if any(c.action == "reject" for c in fixes.get(item.mention.key, ())):
                continue
            item.extra["corrections"] = tuple(fixes.get(item.mention.key, ()))
            year = (result.article.published or "")[:4]
            undated_kinds = ("exchange_event", "fact")
            takes_year = item.mention.kind in undated_kinds or item.extra.get("weak")
            item.soft_date = item.date or (year if year and takes_year else None)
            items.append(item)
    items.sort(key=lambda i: (i.mention.article, i.mention.kind, i.mention.index))
    parent = list(range(len(items)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    merges: list[tuple[int, int, str, float]] = []
    seen: dict[object, list[int]] = defaultdict(list)
    # The dates each cluster holds: a merge must agree with all of them, so an undated
    # report never chains two editions of a series or two meetings of one pair.
    dates: dict[int, list[str]] = {
        n: [i.soft_date] if i.soft_date else [] for n, i in enumerate(items)
    }
    for number, item in enumerate(items):
        for block in item.blocks:
            for other in seen[block]:
                a, b = find(other), find(number)
                if a == b:
                    continue
                verdict = _same(items[other], item)
                if verdict is None or not all(
                    dates_compatible(x, y) for x in dates[a] for y in dates[b]
                ):
                    continue
                parent[b] = a
                dates[a] += dates.pop(b)
                merges.append((other, number, *verdict))
            seen[block].append(number)
    groups: dict[int, list[int]] = defaultdict(list)
    for number in range(len(items)):
        groups[find(number)].append(number)
    events: dict[int, Event] = {}
    for root, members in groups.items():
        events[root] = _event([items[m] for m in sorted(members)])
    merge_rows = [
        Merge(events[find(a)].id, rule, score, items[a].mention.key, items[b].mention.key)
        for a, b, rule, score in merges
    ]
    ordered = sorted(events.values(), key=lambda e: (e.date_lo or "9999", e.id))
    return ordered, merge_rows


def article_blocks(
    results: Iterable[ArticleResult],
    knowledge: Knowledge,
    corrections: Iterable[Correction] = (),
) -> dict[str, set[str]]:
    """Each article's blocks, as text: what its mentions can be compared by.

    Two articles whose blocks are disjoint (directly or through other articles) can
    never share an event, so an article added or extracted again changes only the
    events of the articles its blocks reach; `Pipeline.consolidate` rebuilds just those.
    """
    fixes: dict[str, list[Correction]] = defaultdict(list)
    for correction in corrections:
        fixes[correction.record].append(correction)

    def pid(name: str, affiliation: str | None, on: str | None) -> str:
        return person_id(knowledge, name, affiliation, on)

    out: dict[str, set[str]] = {}
    for result in results:
        out[result.id] = {
            block_key(block)
            for item in _items(_corrected(result, fixes), pid)
            for block in item.blocks
        }
    return out


def block_key(block: object) -> str:
    """A block (a tuple) as the text the store indexes."""
    parts = block if isinstance(block, tuple) else (block,)
    return "\x1f".join(str(part) for part in parts)


# ---------------------------------------------------------------------------- mentions


def _items(
    result: ArticleResult, pid: Callable[[str, str | None, str | None], str]
) -> Iterator[_Item]:
    aid, published = result.id, result.article.published
    for i, m in enumerate(result.meetings):
        on = str(m.date) if m.date else published
        people = tuple(
            EventParticipant(p.name, pid(p.name, p.affiliation, on), p.affiliation)
            for p in m.participants
        )
        pairs = tuple(
            ("meeting", *sorted((a.person_id, b.person_id)))
            for n, a in enumerate(people)
            for b in people[n + 1 :]
            if a.affiliation and b.affiliation and a.affiliation[:2] != b.affiliation[:2]
        )
        # No cross-border pair: the same persons (one country), or the one person named,
        # block it; such a report joins another only on a known date (or year).
        weak = tuple(
            ("meeting-local", *sorted((a.person_id, b.person_id)))
            for n, a in enumerate(people)
            for b in people[n + 1 :]
        ) or tuple(("meeting-one", p.person_id) for p in people)
        blocks = pairs or weak or (("meeting-alone", aid, i),)
        yield _Item(
            Mention(aid, "meeting", i, m.evidence), _s(m.date), m.place, blocks, m, people,
            extra={"weak": not pairs},
        )  # fmt: skip
    for i, a in enumerate(result.agreements):
        block = ("agreement", a.kind, *sorted(a.parties))
        yield _Item(Mention(aid, "agreement", i, a.evidence), _s(a.date), None, (block,), a)
    for i, e in enumerate(result.exchange_events):
        block = ("exchange_event", e.kind, e.place or "")
        extra: dict[str, object] = {"series": _series(e.name)}
        yield _Item(
            Mention(aid, "exchange_event", i, e.evidence), _s(e.date), e.place, (block,), e,
            extra=extra,
        )  # fmt: skip
    for i, f in enumerate(result.facts):
        block = ("fact", f.kind, *[p or "" for p in f.places()], str(f.value))
        yield _Item(Mention(aid, "fact", i, f.evidence), _s(f.as_of), None, (block,), f)


def _corrected(result: ArticleResult, fixes: dict[str, list[Correction]]) -> ArticleResult:
    """The result with its `set` corrections applied (records keep their positions)."""
    changed: dict[str, tuple[object, ...]] = {}
    for kind, attr in EVENT_LISTS.items():
        records = list(getattr(result, attr))
        touched = False
        for index, record in enumerate(records):
            for c in fixes.get(f"{result.id}#{kind}#{index}", ()):
                if c.action == "set" and c.field is not None:
                    record = _set(record, kind, c.field, c.value)
                    touched = True
            records[index] = record
        if touched:
            changed[attr] = tuple(records)
    return replace(result, **changed) if changed else result  # type: ignore[arg-type]


def _set(record: object, kind: str, field: str, text: str | None) -> object:
    """The record with one field set from a correction's text (typed as the field is)."""
    name = "as_of" if kind == "fact" and field == "date" else field
    if not hasattr(record, name):
        return record
    value: object = text if text not in (None, "") else None
    if value is not None and name in ("date", "as_of"):
        value = Edtf(str(value))
    elif value is not None and name == "place":
        value = PlaceId(str(value))
    elif value is not None and name == "value":
        value = float(str(value)) if "." in str(value) else int(str(value))
    return replace(record, **{name: value})  # type: ignore[type-var]


def _s(value: Edtf | None) -> str | None:
    return None if value is None else str(value)


_YEARS = re.compile(
    r"\b(?:19|20)\d{2}\b|\b\d+(?:st|nd|rd|th)\b|\b(?:first|second|third|fourth|fifth)\b", re.I
)


def _series(name: str | None) -> str | None:
    """A festival's series: its name without years and ordinals, folded."""
    if not name:
        return None
    return " ".join(_YEARS.sub(" ", name).lower().split()) or None


# ---------------------------------------------------------------------------- the rules


def _same(a: _Item, b: _Item) -> tuple[str, float] | None:
    """(rule, score) when the two mentions report one event, else None."""
    if not dates_compatible(a.soft_date, b.soft_date) or not places_compatible(a.place, b.place):
        return None
    kind = a.mention.kind
    if kind == "meeting":
        if a.extra.get("weak") or b.extra.get("weak"):
            if not (a.soft_date and b.soft_date) or a.mention.article == b.mention.article:
                return None  # a person meets many: without a date, two reports stay apart
            return ("same persons, compatible date (or year) and place", 0.8)
        return ("same cross-border pair, compatible date and place", 1.0)
    if kind == "agreement":
        assert isinstance(a.record, Agreement) and isinstance(b.record, Agreement)
        ta, tb = set(a.record.topics), set(b.record.topics)
        if ta and tb and not ta & tb:
            return None  # two agreements between the same parties, on other matters
        if _instrument(a.record.instrument) != _instrument(b.record.instrument):
            return None  # an MoU and an agreement, a document and a treaty: two instruments
        return ("same act, parties and instrument, compatible date", 0.9)
    if kind == "exchange_event":
        assert isinstance(a.record, ExchangeEvent) and isinstance(b.record, ExchangeEvent)
        na, nb = a.record.name, b.record.name
        if na and nb:
            score = fuzz.token_set_ratio(na.lower(), nb.lower()) / 100
            if score < 0.8:
                return None
            return ("same kind and place, similar name, compatible date", round(score, 2))
        return ("same kind and place, compatible date", 0.7)
    return ("same figure for the same places", 1.0)


def _instrument(text: str) -> str:
    """The kind of instrument, whatever its wording: mou, agreement, document, letter..."""
    words = text.lower()
    for family, cue in (
        ("mou", ("memorand", "mou")),
        ("letter", ("letter",)),
        ("treaty", ("treat", "accord")),
        ("document", ("document",)),
    ):
        if any(c in words for c in cue):
            return family
    return "agreement"


def _bounds(value: str) -> tuple[str | None, str | None, str | None]:
    """(lower, upper, month-day pattern for an unknown year)."""
    edtf = Edtf(value)
    if edtf.year_known:
        return (
            edtf.lower.isoformat() if edtf.lower else None,
            edtf.upper.isoformat() if edtf.upper else None,
            None,
        )
    return None, None, value.split("/")[0][5:]


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Dates that can name the same day: one unknown, overlapping bounds, or an unknown
    year whose month (and day) agree with the other date."""
    if a is None or b is None:
        return True
    lo_a, hi_a, md_a = _bounds(a)
    lo_b, hi_b, md_b = _bounds(b)
    if md_a is None and md_b is None:
        return bool(lo_a and hi_a and lo_b and hi_b and lo_a <= hi_b and lo_b <= hi_a)
    if md_a is not None and md_b is not None:
        return md_a.startswith(md_b) or md_b.startswith(md_a)
    known, pattern = (b, md_a) if md_a is not None else (a, md_b or "")
    day = known.split("/")[0][5:]
    return bool(pattern) and (day.startswith(pattern) or pattern.startswith(day))


def places_compatible(a: str | None, b: str | None) -> bool:
    """Unknown, the same, or one inside the other (a country and its unit)."""
    if a is None or b is None or a == b:
        return True
    pa, pb = PlaceId(a), PlaceId(b)
    if pa.country != pb.country:
        return False
    return not pa.is_local or not pb.is_local or pa.is_region or pb.is_region


# ---------------------------------------------------------------------------- events


def _event(members: list[_Item]) -> Event:
    first = members[0]
    kind = first.mention.kind
    digest = hashlib.sha1(f"{kind}|{first.mention.key}".encode()).hexdigest()[:16]
    date = _best_date([m.date for m in members])
    lo, hi = _sort_bounds(date)
    event = Event(
        id=f"ev-{digest}",
        kind=kind,
        date=date,
        date_lo=lo,
        date_hi=hi,
        place=_best_place([m.place for m in members]),
        mentions=tuple(m.mention for m in members),
        dates=tuple(
            dict.fromkeys(DateReport(m.date, m.mention.article) for m in members if m.date)
        ),
        corrections=tuple(
            c
            for m in members
            for c in m.extra.get("corrections", ())  # type: ignore[attr-defined]
        ),
    )
    record = first.record
    if isinstance(record, Meeting):
        by_id: dict[str, EventParticipant] = {}
        for m in members:
            for p in m.participants:
                known = by_id.get(p.person_id)
                if known is None or len(p.name) > len(known.name):
                    by_id[p.person_id] = p
        return replace(event, participants=tuple(by_id.values()))
    if isinstance(record, Agreement):
        return replace(
            event, parties=record.parties, agreement_kind=record.kind, instrument=record.instrument
        )
    if isinstance(record, ExchangeEvent):
        names = [m.record.name for m in members if isinstance(m.record, ExchangeEvent)]
        distinct = tuple(dict.fromkeys(n for n in names if n))
        return replace(
            event,
            name=Counter(n for n in names if n).most_common(1)[0][0] if distinct else None,
            names=distinct,
            series=str(first.extra.get("series") or "") or None,
        )
    return replace(event, fact=record)


def _specificity(value: str) -> tuple[int, int]:
    edtf = Edtf(value)
    known = 1 if edtf.year_known else 0
    return known, len(value.split("/")[0]) - (10 if "/" in value else 0)


def _best_date(values: list[str | None]) -> str | None:
    """The most specific date: `2024-11-15` over `XXXX-11-15` over `2024-11`."""
    known = [v for v in values if v]
    if not known:
        return None
    counts = Counter(known)
    return max(counts, key=lambda v: (_specificity(v), counts[v], v))


def _sort_bounds(date: str | None) -> tuple[str | None, str | None]:
    if date is None:
        return None, None
    edtf = Edtf(date)
    return (
        edtf.lower.isoformat() if edtf.lower else None,
        edtf.upper.isoformat() if edtf.upper else None,
    )


def _best_place(values: list[str | None]) -> str | None:
    """The most specific place the reports give (a unit over its country)."""
    known = [v for v in values if v]
    if not known:
        return None
    counts = Counter(known)
    return max(counts, key=lambda v: (PlaceId(v).is_local, counts[v], v))
