"""Events as flat rows (CSV) or JSON lines."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

EVENT_COLUMNS = (
    "id", "kind", "date", "date_lo", "date_hi", "place", "participants", "person_ids",
    "parties", "agreement_kind", "instrument", "name", "fact_kind", "fact_value", "reports",
    "articles",
)  # fmt: skip


def event_rows(events: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One flat row per event (lists joined with `; `), columns `EVENT_COLUMNS`."""
    for e in events:
        people = e.get("participants") or []
        fact = e.get("fact") or {}
        yield {
            "id": e["id"],
            "kind": e["kind"],
            "date": e.get("date"),
            "date_lo": e.get("date_lo"),
            "date_hi": e.get("date_hi"),
            "place": e.get("place"),
            "participants": "; ".join(f"{p['name']} ({p['affiliation']})" for p in people),
            "person_ids": "; ".join(p["person_id"] for p in people),
            "parties": "; ".join(e.get("parties") or []),
            "agreement_kind": e.get("agreement_kind"),
            "instrument": e.get("instrument"),
            "name": e.get("name"),
            "fact_kind": fact.get("kind"),
            "fact_value": fact.get("value"),
            "reports": len(e["mentions"]),
            "articles": "; ".join(dict.fromkeys(m["article"] for m in e["mentions"])),
        }


def write_csv(
    rows: Iterable[dict[str, Any]], out: TextIO, columns: tuple[str, ...], *, bom: bool = False
) -> int:
    """Write rows as CSV with a header (a byte-order mark first for Excel); returns rows."""
    if bom:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write one JSON object per line; returns rows."""
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count
