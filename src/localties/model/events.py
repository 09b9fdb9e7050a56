"""The knowledge base's records: one event per real-world meeting, agreement act,
exchange event or fact, with every report of it as a mention.

`Event.to_json()` is the one place the shape of `localties events --json` lives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from localties.model.records import Evidence, Fact

JSON = dict[str, Any]


# The record kinds that become events, each with its list on `ArticleResult`.
EVENT_LISTS: dict[str, str] = {
    "meeting": "meetings",
    "agreement": "agreements",
    "exchange_event": "exchange_events",
    "fact": "facts",
}


@dataclass(frozen=True, slots=True)
class Mention:
    """One extracted record an event gathers: which article, which record, its evidence."""

    article: str
    kind: str  # the record kind: meeting | agreement | exchange_event | fact
    index: int  # the record's position in the article's list of that kind
    evidence: tuple[Evidence, ...]

    @property
    def key(self) -> str:
        """`ARTICLE#kind#INDEX`: stable while the article's extraction is unchanged."""
        return f"{self.article}#{self.kind}#{self.index}"

    def to_json(self) -> JSON:
        return {
            "article": self.article,
            "record": self.key,
            "evidence": [e.to_contract() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class EventParticipant:
    """A participant of a meeting event, with the person id shared by all its reports."""

    name: str
    person_id: str
    affiliation: str | None

    def to_json(self) -> JSON:
        return {"name": self.name, "person_id": self.person_id, "affiliation": self.affiliation}


@dataclass(frozen=True, slots=True)
class DateReport:
    """A date one report gives an event (kept side by side when reports disagree)."""

    date: str
    article: str


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event and the reports of it."""

    id: str
    kind: str  # meeting | agreement | exchange_event | fact
    date: str | None  # EDTF, the most specific the reports agree on
    date_lo: str | None  # ISO day, for sorting and filtering (None: year unknown)
    date_hi: str | None
    place: str | None
    mentions: tuple[Mention, ...]
    participants: tuple[EventParticipant, ...] = ()
    parties: tuple[str, ...] = ()
    agreement_kind: str | None = None  # signed | renewed | planned | implemented
    instrument: str | None = None
    name: str | None = None
    names: tuple[str, ...] = ()
    series: str | None = None  # exchange events: the series an edition belongs to
    fact: Fact | None = None
    dates: tuple[DateReport, ...] = ()  # every distinct date reported, with its article
    corrections: tuple[Correction, ...] = ()  # the people's corrections applied to it

    def places(self) -> tuple[str, ...]:
        """Every place the event involves (for filtering by place)."""
        found: list[str] = []
        if self.place:
            found.append(self.place)
        found += [p.affiliation for p in self.participants if p.affiliation]
        found += list(self.parties)
        if self.fact is not None:
            found += [p for p in self.fact.places() if p]
        return tuple(dict.fromkeys(found))

    def to_json(self) -> JSON:
        """The object `localties events --json` prints."""
        out: JSON = {
            "id": self.id,
            "kind": self.kind,
            "date": self.date,
            "date_lo": self.date_lo,
            "date_hi": self.date_hi,
            "place": self.place,
        }
        if self.kind == "meeting":
            out["participants"] = [p.to_json() for p in self.participants]
        if self.kind == "agreement":
            out["parties"] = list(self.parties)
            out["agreement_kind"] = self.agreement_kind
            out["instrument"] = self.instrument
        if self.kind == "exchange_event":
            out["name"] = self.name
            out["names"] = list(self.names)
            out["series"] = self.series
        if self.kind == "fact" and self.fact is not None:
            fact = self.fact.to_contract()
            fact.pop("evidence", None)
            out["fact"] = fact
        if len({d.date for d in self.dates}) > 1:
            out["dates"] = [{"date": d.date, "article": d.article} for d in self.dates]
        out["mentions"] = [m.to_json() for m in self.mentions]
        if self.corrections:
            out["corrections"] = [c.to_json() for c in self.corrections]
        return out


@dataclass(frozen=True, slots=True)
class Correction:
    """A person's correction of one extracted record, kept across re-extraction.

    `record` is the mention key (`ARTICLE#kind#INDEX`); `action` is `reject` (the record
    is wrong: it joins no event) or `set` (`field` takes `value`).
    """

    record: str
    action: str  # reject | set
    field: str | None
    value: str | None
    who: str
    when: str
    why: str

    FIELDS: ClassVar[tuple[str, ...]] = ("date", "place", "kind", "name", "instrument", "value")

    def to_json(self) -> JSON:
        return {
            "record": self.record,
            "action": self.action,
            "field": self.field,
            "value": self.value,
            "who": self.who,
            "when": self.when,
            "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class Merge:
    """Why two reports were taken for one event."""

    event_id: str
    rule: str
    score: float
    a: str  # mention keys
    b: str
