"""Scoring: extraction output against hand-made gold, as EXTRACTION.md §Scoring defines it.

Each article's gold and predicted objects are turned into one set of keys per
component (the persons, the place identifiers, the pairs of people who met, ...).
True positives, false positives and false negatives are summed over all articles
(micro average) before precision, recall and F1 are computed. The headline figure
is the mean F1 of seven components.

Persons are compared by token set (ASCII-folded, lower-cased), so word order and
diacritics do not matter. A predicted name also matches a gold person through the
gold `aliases` (the right spelling of a name the text misspells) and through a gold
name the text gives as one word only (`Koike` is matched by `Koike Yuriko`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from localties.errors import InputError, MalformedInputError

__all__ = [
    "COMPONENTS",
    "HEADLINE",
    "PersonKey",
    "date_agrees",
    "format_report",
    "load_predictions",
    "person_key",
    "score_files",
]

PersonKey = frozenset[str]
JsonObject = Mapping[str, Any]

# Reported in this order.
COMPONENTS = (
    "meeting_pairs",
    "meeting_pairs_dated",
    "meeting_places",
    "entities.person",
    "entities.place",
    "agreements",
    "statements",
    "exchange_events",
    "ties",
    "facts",
    "topics",
    "published",
)
HEADLINE = (
    "meeting_pairs_dated",
    "entities.person",
    "entities.place",
    "agreements",
    "ties",
    "facts",
    "topics",
)
# The fields of each fact kind that hold its places, in key order.
FACT_PLACES: Mapping[str, tuple[str, ...]] = {
    "diaspora": ("place", "group"),
    "investing_firms": ("origin", "destination"),
    "investment_capital": ("origin", "destination"),
    "investment_projects": ("origin", "destination"),
    "trade_value": ("a", "b"),
    "air_route": ("a", "b"),
}
# Fact kinds whose two places are a pair, not an origin and a destination.
SYMMETRIC_FACTS = frozenset({"trade_value", "air_route"})
UNKNOWN_YEAR = "XXXX"
_WORD = re.compile(r"[a-z0-9]+")


# -- persons and dates ------------------------------------------------------------------


def person_key(name: str | None) -> PersonKey | None:
    """The identity of a person's name: its ASCII-folded, lower-cased set of words.

    `Phạm Minh Chính` and `Chinh Pham Minh` have the same key; an empty name has none.
    """
    if not name:
        return None
    # `đ` has no decomposition, so it is folded by hand before the accents are dropped.
    decomposed = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return frozenset(_WORD.findall(folded)) or None


def date_agrees(gold: str | None, pred: str | None) -> bool:
    """Whether a predicted EDTF date is right for a gold one.

    A `null` gold date accepts anything; otherwise the prediction needs a date. A gold
    `XXXX` year accepts any year, a gold month or year any day within it, and a gold
    interval any date (or interval start) inside it.
    """
    if gold is None:
        return True
    if pred is None:
        return False
    start = pred.split("/")[0]
    if "/" not in gold:
        return _components_agree(gold, start)
    low, high = gold.split("/")
    if len(low) == len(high) == len(start) == len("YYYY-MM-DD"):
        if "X" not in low + high + start:
            return low <= start <= high
        if low[:4] == high[:4] == UNKNOWN_YEAR:
            # Neither bound has a year: the interval is one of days within a year.
            return low[5:] <= start[5:] <= high[5:]
    return _components_agree(low, start) or _components_agree(high, start)


def _components_agree(gold: str, pred: str) -> bool:
    """Every component gold states (year, month, day) is in pred, or is an unknown year."""
    gold_parts, pred_parts = gold.split("-"), pred.split("-")
    if len(pred_parts) < len(gold_parts):
        return False
    return all(g in (UNKNOWN_YEAR, p) for g, p in zip(gold_parts, pred_parts, strict=False))


@dataclass(frozen=True, slots=True)
class GoldPersons:
    """How the gold of one article writes its persons.

    `names` maps the key of every way a gold person may be written (the name and
    its aliases) to the key of the gold name, in the order the gold lists them.
    """

    names: Mapping[PersonKey, PersonKey]

    @classmethod
    def of(cls, gold: JsonObject) -> GoldPersons:
        names: dict[PersonKey, PersonKey] = {}
        for entity in gold.get("entities") or []:
            if entity.get("type") != "person":
                continue
            main = person_key(entity.get("name"))
            if main is None:
                continue
            for written in [entity["name"], *(entity.get("aliases") or [])]:
                key = person_key(written)
                if key is not None:
                    names[key] = main
        return cls(names)

    def canonical(self, key: PersonKey | None) -> PersonKey | None:
        """The key as gold writes the person; a key gold does not know is kept as it is."""
        if key is None:
            return None
        if key in self.names:
            return self.names[key]
        # A fuller form of a name the gold gives as one word (`Koike` <- `Koike Yuriko`).
        for written, main in self.names.items():
            if len(written) == 1 and written <= key:
                return main
        return key

    def of_name(self, name: str | None) -> PersonKey | None:
        return self.canonical(person_key(name))


# -- keys -------------------------------------------------------------------------------


class MeetingPair(NamedTuple):
    """Two people of different countries who took part in one meeting."""

    people: frozenset[PersonKey]
    date: str | None
    place: str | None


def _country(place: str | None) -> str | None:
    return (place or "").split("-")[0] or None


def meeting_pairs(doc: JsonObject, persons: GoldPersons) -> list[MeetingPair]:
    """Every pair of participants of one meeting whose affiliations lie in different countries."""
    pairs: list[MeetingPair] = []
    for meeting in doc.get("meetings") or []:
        people = [
            (persons.of_name(p.get("name")), _country(p.get("affiliation")))
            for p in meeting.get("participants") or []
        ]
        known = [(key, country) for key, country in people if key]
        for i, (key_a, country_a) in enumerate(known):
            for key_b, country_b in known[i + 1 :]:
                if key_a != key_b and country_a and country_b and country_a != country_b:
                    pair = frozenset([key_a, key_b])
                    pairs.append(MeetingPair(pair, meeting.get("date"), meeting.get("place")))
    return pairs


def fact_key(fact: Mapping[str, Any]) -> tuple[Any, ...]:
    """(kind, places, value): the places in field order (sorted for a pair), the value rounded."""
    kind = fact.get("kind")
    places: tuple[Any, ...] = tuple(fact.get(field) for field in FACT_PLACES.get(kind or "", ()))
    if kind in SYMMETRIC_FACTS:
        places = tuple(sorted(place or "" for place in places))
    value = fact.get("value")
    if isinstance(value, int | float):
        value = round(float(value), 3)
    return (kind, places, value)


def record_keys(doc: JsonObject, persons: GoldPersons) -> dict[str, set[Hashable]]:
    """The key sets of the components that are plain sets (all but meetings and published)."""
    entities = doc.get("entities") or []
    people = {persons.of_name(e.get("name")) for e in entities if e.get("type") == "person"}
    places = {e.get("id") for e in entities if e.get("type") == "place"}
    return {
        "entities.person": people - {None},
        "entities.place": places - {None},
        "agreements": {
            (a.get("kind"), tuple(sorted(a.get("parties") or [])))
            for a in doc.get("agreements") or []
        },
        "statements": {
            (s.get("kind"), s.get("from"), s.get("to")) for s in doc.get("statements") or []
        },
        "exchange_events": {
            (e.get("kind"), e.get("place")) for e in doc.get("exchange_events") or []
        },
        "ties": {frozenset([t.get("a"), t.get("b")]) for t in doc.get("ties") or []},
        "facts": {fact_key(f) for f in doc.get("facts") or []},
        "topics": set(doc.get("topics") or []),
    }


# -- counting ---------------------------------------------------------------------------


class Counts(NamedTuple):
    tp: int
    fp: int
    fn: int


def _compare(gold: set[Any], pred: set[Any]) -> Counts:
    return Counts(len(gold & pred), len(pred - gold), len(gold - pred))


def _dated_pairs(gold: list[MeetingPair], pred: list[MeetingPair]) -> Counts:
    """Match each gold (pair, date) to a distinct predicted one whose date it accepts.

    Greedy: each gold pair takes the first unmatched predicted pair that fits.
    """
    unmatched = list({(p.people, p.date) for p in pred})
    wanted = {(g.people, g.date) for g in gold}
    tp = 0
    for people, date in wanted:
        hit = next((c for c in unmatched if c[0] == people and date_agrees(date, c[1])), None)
        if hit is not None:
            unmatched.remove(hit)
            tp += 1
    return Counts(tp, len(unmatched), len(wanted) - tp)


def _meeting_places(gold: list[MeetingPair], pred: list[MeetingPair]) -> Counts:
    """(pair, place) for the pairs gold places; a prediction counts only for such a pair."""
    wanted = {(g.people, g.place) for g in gold if g.place}
    placed = {people for people, _ in wanted}
    given = {(p.people, p.place) for p in pred if p.place and p.people in placed}
    return _compare(wanted, given)


def _published(gold: str | None, pred: str | None) -> Counts:
    hit = gold is not None and gold == pred
    return Counts(int(hit), int(pred is not None and not hit), int(gold is not None and not hit))


def score_article(gold: JsonObject, pred: JsonObject) -> tuple[dict[str, Counts], dict[str, Any]]:
    """The counts of one article per component, and its misses and extras where they differ."""
    persons = GoldPersons.of(gold)
    counts: dict[str, Counts] = {}
    errors: dict[str, Any] = {}
    gold_keys, pred_keys = record_keys(gold, persons), record_keys(pred, persons)
    for name, wanted in gold_keys.items():
        given = pred_keys[name]
        counts[name] = _compare(wanted, given)
        if wanted != given:
            errors[name] = _difference(wanted, given)

    gold_pairs, pred_pairs = meeting_pairs(gold, persons), meeting_pairs(pred, persons)
    wanted_pairs = {g.people for g in gold_pairs}
    given_pairs = {p.people for p in pred_pairs}
    counts["meeting_pairs"] = _compare(wanted_pairs, given_pairs)
    counts["meeting_pairs_dated"] = _dated_pairs(gold_pairs, pred_pairs)
    counts["meeting_places"] = _meeting_places(gold_pairs, pred_pairs)
    if wanted_pairs != given_pairs:
        errors["meeting_pairs"] = _difference(wanted_pairs, given_pairs)

    gold_date = (gold.get("article") or {}).get("published")
    pred_date = (pred.get("article") or {}).get("published")
    counts["published"] = _published(gold_date, pred_date)
    if gold_date != pred_date:
        errors["published"] = {"gold": gold_date, "pred": pred_date}
    return counts, errors


def _difference(gold: set[Any], pred: set[Any]) -> dict[str, list[Any]]:
    return {"missed": _readable(gold - pred), "extra": _readable(pred - gold)}


def _readable(keys: Iterable[Any]) -> list[Any]:
    """Keys as sorted JSON values (a person key becomes its words in order)."""
    plain = [_plain(key) for key in keys]
    return sorted(plain, key=lambda v: json.dumps(v, ensure_ascii=False))


def _plain(key: Any) -> Any:
    if isinstance(key, frozenset):
        if all(isinstance(part, str) for part in key):
            return " ".join(sorted(key))
        return sorted((_plain(part) for part in key), key=str)
    if isinstance(key, tuple):
        return [_plain(part) for part in key]
    return key


def figures(counts: Counts) -> dict[str, float | int]:
    """Precision, recall and F1 (rounded to 4 places) with the counts they come from.

    With nothing predicted and nothing to find, precision and recall are both 1.
    """
    tp, fp, fn = counts
    # Predicting nothing is perfectly precise only when there was nothing to find.
    precision = tp / (tp + fp) if tp + fp else float(not fn)
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


# -- files ------------------------------------------------------------------------------


def load_predictions(path: Path) -> dict[str | None, dict[str, Any]]:
    """Predicted objects by article id: from a JSONL file, or a folder of `*.json` files.

    A later object for the same id replaces an earlier one.

    Raises:
        MalformedInputError: a line or file is not a JSON object.
    """
    by_id: dict[str | None, dict[str, Any]] = {}
    for where, text in _prediction_texts(path):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise MalformedInputError(where, f"invalid JSON: {exc.msg}") from exc
        if not isinstance(doc, dict):
            raise MalformedInputError(where, "expected a JSON object")
        by_id[(doc.get("article") or {}).get("id")] = doc
    return by_id


def _prediction_texts(path: Path) -> Iterator[tuple[str, str]]:
    if path.is_dir():
        for file in sorted(path.glob("*.json")):
            yield str(file), file.read_text(encoding="utf-8")
        return
    # Only `\n` ends a line: JSON output may hold a raw U+2028 inside a string.
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.strip():
            yield f"{path}:{number}", line


def _read_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise MalformedInputError(str(path), f"invalid JSON: {exc.msg}") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("article"), dict):
        raise MalformedInputError(str(path), "gold has no 'article' object")
    if "id" not in gold["article"]:
        raise MalformedInputError(str(path), "gold article has no 'id'")
    return gold


def score_files(gold_dir: Path, predictions: Path, *, details: bool = False) -> dict[str, Any]:
    """Score predictions against every `NAME.gold.json` in `gold_dir`.

    Predictions (a JSONL file or a folder of JSON files) are matched to gold by
    `article.id`; an article without a prediction is scored as if nothing was found.

    Returns:
        `{"articles", "missing_predictions", "headline_f1", "components"}`, where
        `components` maps each name of `COMPONENTS` to its precision, recall, F1, tp,
        fp and fn; with `details`, also `"details"`: per article id, the misses and
        extras of each component that differs.

    Raises:
        InputError: no gold file in `gold_dir`, or an unreadable gold or prediction.
    """
    gold_files = sorted(Path(gold_dir).glob("*.gold.json"))
    if not gold_files:
        raise InputError(str(gold_dir), "no *.gold.json files")
    predicted = load_predictions(Path(predictions))
    totals = dict.fromkeys(COMPONENTS, Counts(0, 0, 0))
    differences: dict[str, Any] = {}
    missing = 0
    for path in gold_files:
        gold = _read_gold(path)
        article_id = gold["article"]["id"]
        pred = predicted.get(article_id)
        if pred is None:
            missing += 1
        counts, errors = score_article(gold, pred or {})
        for name, (tp, fp, fn) in counts.items():
            total = totals[name]
            totals[name] = Counts(total.tp + tp, total.fp + fp, total.fn + fn)
        if errors:
            differences[str(article_id)] = errors
    components = {name: figures(total) for name, total in totals.items()}
    headline = sum(components[name]["f1"] for name in HEADLINE) / len(HEADLINE)
    report: dict[str, Any] = {
        "articles": len(gold_files),
        "missing_predictions": missing,
        "headline_f1": round(headline, 4),
        "components": components,
    }
    if details:
        report["details"] = differences
    return report


def format_report(report: Mapping[str, Any]) -> str:
    """The report as a text table (preceded by each article's differences, if present)."""
    lines: list[str] = []
    for article_id, errors in (report.get("details") or {}).items():
        lines.append(f"## {article_id}")
        for name, difference in errors.items():
            lines.append(f"  {name}: {json.dumps(difference, ensure_ascii=False)}")
    lines.append(f"{'component':22} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for name, row in report["components"].items():
        lines.append(
            f"{name:22} {row['tp']:5} {row['fp']:5} {row['fn']:5} "
            f"{row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f}"
        )
    lines.append(
        f"articles {report['articles']}, missing predictions {report['missing_predictions']}"
    )
    lines.append(f"headline F1 {report['headline_f1']:.4f}")
    return "\n".join(lines)
