"""The extraction contract's records (`../shared/spec/EXTRACTION.md`) as typed values.

Every record is a frozen, slotted dataclass. `ArticleResult.to_contract()` and
`ArticleResult.from_contract()` are the only place the contract's JSON shape lives:
key names, key order, which fact kinds carry which fields. Extractors build these
records; the CLI, the store and later the knowledge base and API read them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from localties.model.edtf import Edtf
from localties.model.ids import PlaceId

JSON = dict[str, Any]


def _place(value: Any) -> PlaceId | None:
    return PlaceId.parse(value) if value is not None else None


def _date(value: Any) -> Edtf | None:
    return Edtf.parse(value) if value is not None else None


def _text(value: Edtf | None) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A half-open span [start, end) of the article's original text stating a record."""

    start: int
    end: int

    def to_contract(self) -> JSON:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_contract(cls, data: Mapping[str, Any]) -> Evidence:
        return cls(int(data["start"]), int(data["end"]))


def _evidence_out(spans: Iterable[Evidence]) -> list[JSON]:
    return [span.to_contract() for span in spans]


def _evidence_in(data: Any) -> tuple[Evidence, ...]:
    return tuple(Evidence.from_contract(span) for span in data or ())


@dataclass(frozen=True, slots=True)
class Participant:
    """A person taking part in a meeting."""

    name: str
    title: str | None
    affiliation: PlaceId | None
    role: str | None  # "host" | "guest" | None

    def to_contract(self) -> JSON:
        return {
            "name": self.name,
            "title": self.title,
            "affiliation": self.affiliation,
            "role": self.role,
        }

    @classmethod
    def from_contract(cls, data: Mapping[str, Any]) -> Participant:
        return cls(
            data["name"], data.get("title"), _place(data.get("affiliation")), data.get("role")
        )


@dataclass(frozen=True, slots=True)
class Meeting:
    """An encounter between named persons that the text reports as having taken place."""

    date: Edtf | None
    place: PlaceId | None
    participants: tuple[Participant, ...]
    evidence: tuple[Evidence, ...]

    def to_contract(self) -> JSON:
        return {
            "date": _text(self.date),
            "place": self.place,
            "participants": [p.to_contract() for p in self.participants],
            "evidence": _evidence_out(self.evidence),
        }

    @classmethod
    def from_contract(cls, data: Mapping[str, Any]) -> Meeting:
        return cls(
            _date(data.get("date")),
            _place(data.get("place")),
            tuple(Participant.from_contract(p) for p in data.get("participants") or ()),
            _evidence_in(data.get("evidence")),
        )


@dataclass(frozen=True, slots=True)
class Agreement:
    """One act (signed, renewed, planned, implemented) on one instrument."""

    kind: str
    instrument: str
    date: Edtf | None
    parties: tuple[PlaceId, ...]
    topics: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    def to_contract(self) -> JSON:
        return {
            "kind": self.kind,
            "instrument": self.instrument,
            "date": _text(self.date),
            "parties": list(self.parties),
            "topics": list(self.topics),
            "evidence": _evidence_out(self.evidence),
        }

    @classmethod
    def from_contract(cls, data: Mapping[str, Any]) -> Agreement:
        return cls(
            data["kind"],
            data.get("instrument") or "",
            _date(data.get("date")),
            tuple(PlaceId(p) for p in data.get("parties") or ()),
            tuple(data.get("topics") or ()),
            _evidence_in(data.get("evidence")),
        )


@dataclass(frozen=True, slots=True)
class Statement:
    """What one side asks of the other (`proposal`) or promises (`commitment`)."""

    kind: str
    speaker: str | None
    source: PlaceId  # the contract's `from`
    target: PlaceId  # the contract's `to`
    topics: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    def to_contract(self) -> JSON:
        return {
            "kind": self.kind,
            "speaker": self.speaker,
            "from": self.source,
            "to": self.target,
            "topics": list(self.topics),
            "evidence": _evidence_out(self.evidence),
        }

    @classmethod
    def from_contract(cls, data: Mapping[str, Any]) -> Statement:
        return cls(
            data["kind"],
            data.get("speaker"),
            PlaceId(data["from"]),
            PlaceId(data["to"]),
            tuple(data.get("topics") or ()),
            _evidence_in(data.get("evidence")),
        )


@dataclass(frozen=True, slots=True)
class ExchangeEvent:
    """A festival, seminar, fair or programme between the two sides."""

    kind: str
    name: str | None
    place: PlaceId | None
    date: Edtf | None
    organizer: PlaceId | None
    evidence: tuple[Evidence, ...]

    def to_contract(self) -> JSON:
        return {
            "kind": self.kind,
            "name": self.name,
            "place": self.place,
            "date": _text(self.date),
            "organizer": self.organizer,
            "evidence": _evidence_out(self.evidence),
        }

    @classmethod
    def from_contract(cls, data: Mapping[str, Any]) -> ExchangeEvent:
        return cls(
            data["kind"],
            data.get("name"),
            _place(data.get("place")),
            _date(data.get("date")),
            _place(data.get("organizer")),
            _evidence_in(data.get("evidence")),
        )


@dataclass(frozen=True, slots=True)
class Tie:
    """An unordered pair of localities the text says cooperate."""

    a: PlaceId
    b: PlaceId
    evidence: tuple[Evidence, ...]

    def to_contract(self) -> JSON:
        return {"a": self.a, "b": self.b, "evidence": _evidence_out(self.evidence)}

    @classmethod
    def from_contract(cls, data: Mapping[str, Any]) -> Tie:
        return cls(PlaceId(data["a"]), PlaceId(data["b"]), _evidence_in(data.get("evidence")))


@dataclass(frozen=True, slots=True)
class Fact:
    """A number the text states. Which place fields a kind carries is `FIELDS[kind]`."""

    kind: str
    value: int | float | None
    approx: str | None
    place: PlaceId | None = None
    group: PlaceId | None = None
    origin: PlaceId | None = None
    destination: PlaceId | None = None
    a: PlaceId | None = None
    b: PlaceId | None = None
    as_of: Edtf | None = None
    evidence: tuple[Evidence, ...] = ()

    # The contract's fields of each kind, in output order (value and approx included).
    FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "diaspora": ("place", "group", "value", "approx", "as_of"),
        "investing_firms": ("origin", "destination", "value", "approx"),
        "investment_capital": ("origin", "destination", "value", "approx"),
        "investment_projects": ("origin", "destination", "value", "approx"),
        "trade_value": ("a", "b", "value", "approx"),
        "air_route": ("a", "b", "value", "approx"),
    }
    PLACES: ClassVar[tuple[str, ...]] = ("place", "group", "origin", "destination", "a", "b")

    def places(self) -> tuple[PlaceId | None, ...]:
        """Every place field, in a fixed order (the identity of a fact with its value)."""
        return tuple(getattr(self, name) for name in self.PLACES)

    def to_contract(self) -> JSON:
        out: JSON = {"kind": self.kind}
        for name in self.FIELDS.get(self.kind, ("value", "approx")):
            value = getattr(self, name)
            out[name] = _text(value) if isinstance(value, Edtf) else value
        out["evidence"] = _evidence_out(self.evidence)
        return out

    @classmethod
    def from_contract(cls, data: Mapping[str, Any]) -> Fact:
        return cls(
            kind=data["kind"],
            value=data.get("value"),
            approx=data.get("approx"),
            **{name: _place(data.get(name)) for name in cls.PLACES},
            as_of=_date(data.get("as_of")),
            evidence=_evidence_in(data.get("evidence")),
        )


@dataclass(frozen=True, slots=True)
class PersonEntity:
    """A person the article names, with every mention."""

    name: str
    title: str | None
    affiliation: PlaceId | None
    mentions: tuple[Evidence, ...]

    def to_contract(self) -> JSON:
        return {
            "type": "person",
            "name": self.name,
            "title": self.title,
            "affiliation": self.affiliation,
            "mentions": _evidence_out(self.mentions),
        }


@dataclass(frozen=True, slots=True)
class PlaceEntity:
    """A place the article names, with every mention (the dateline's may have none)."""

    id: PlaceId
    name: str
    mentions: tuple[Evidence, ...]

    def to_contract(self) -> JSON:
        return {
            "type": "place",
            "id": self.id,
            "name": self.name,
            "mentions": _evidence_out(self.mentions),
        }


Entity = PersonEntity | PlaceEntity


def entity_from_contract(data: Mapping[str, Any]) -> Entity:
    """A person or place entity from its contract object."""
    mentions = _evidence_in(data.get("mentions"))
    if data.get("type") == "place":
        return PlaceEntity(PlaceId(data["id"]), data.get("name") or data["id"], mentions)
    return PersonEntity(data["name"], data.get("title"), _place(data.get("affiliation")), mentions)


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """The contract's `article` object."""

    id: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    dateline: PlaceId | None = None
    skipped: str | None = None  # why no records were looked for ("prefilter"), if so

    def to_contract(self) -> JSON:
        out: JSON = {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "dateline": self.dateline,
        }
        if self.skipped:
            out["skipped"] = self.skipped
        return out

    @classmethod
    def from_contract(cls, data: Mapping[str, Any]) -> ArticleMeta:
        return cls(
            str(data["id"]),
            data.get("url"),
            data.get("title"),
            data.get("published"),
            data.get("source"),
            _place(data.get("dateline")),
            data.get("skipped"),
        )


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything extracted from one article: the contract object, typed."""

    article: ArticleMeta
    meetings: tuple[Meeting, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    statements: tuple[Statement, ...] = ()
    exchange_events: tuple[ExchangeEvent, ...] = ()
    ties: tuple[Tie, ...] = ()
    facts: tuple[Fact, ...] = ()
    topics: tuple[str, ...] = ()
    entities: tuple[Entity, ...] = field(default=())

    # Contract list field -> the record kind a store keeps per row.
    RECORD_KINDS: ClassVar[dict[str, str]] = {
        "meetings": "meeting",
        "agreements": "agreement",
        "statements": "statement",
        "exchange_events": "exchange_event",
        "ties": "tie",
        "facts": "fact",
        "entities": "entity",
    }

    @property
    def id(self) -> str:
        return self.article.id

    def to_contract(self) -> JSON:
        """The contract object, keys in the contract's order."""
        return {
            "article": self.article.to_contract(),
            "meetings": [r.to_contract() for r in self.meetings],
            "agreements": [r.to_contract() for r in self.agreements],
            "statements": [r.to_contract() for r in self.statements],
            "exchange_events": [r.to_contract() for r in self.exchange_events],
            "ties": [r.to_contract() for r in self.ties],
            "facts": [r.to_contract() for r in self.facts],
            "topics": list(self.topics),
            "entities": [r.to_contract() for r in self.entities],
        }

    @classmethod
    def from_contract(cls, data: Mapping[str, Any]) -> ArticleResult:
        """Parse a contract object (an extractor's output or a gold file); ValueError,
        KeyError or TypeError when it does not follow the contract."""
        return cls(
            article=ArticleMeta.from_contract(data["article"]),
            meetings=tuple(Meeting.from_contract(r) for r in data.get("meetings") or ()),
            agreements=tuple(Agreement.from_contract(r) for r in data.get("agreements") or ()),
            statements=tuple(Statement.from_contract(r) for r in data.get("statements") or ()),
            exchange_events=tuple(
                ExchangeEvent.from_contract(r) for r in data.get("exchange_events") or ()
            ),
            ties=tuple(Tie.from_contract(r) for r in data.get("ties") or ()),
            facts=tuple(Fact.from_contract(r) for r in data.get("facts") or ()),
            topics=tuple(data.get("topics") or ()),
            entities=tuple(entity_from_contract(r) for r in data.get("entities") or ()),
        )

    def records(self) -> Iterable[tuple[str, Any]]:
        """(kind, record) for every record, in contract order; topics as plain strings."""
        for name, kind in self.RECORD_KINDS.items():
            for record in getattr(self, name):
                yield kind, record
        for topic in self.topics:
            yield "topic", topic
