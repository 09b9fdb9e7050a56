"""A PLOVER-style event table, with the CAMEO code alongside, for event-data users.

Meetings are CONSULT (CAMEO 040, consult), agreement acts AGREE (057, sign formal
agreement; a planned one 030, express intent to cooperate), proposals REQUEST (020,
make an appeal or request) and commitments express intent to cooperate (030). Sources
and targets are the place codes of the two sides; each row names its event or record.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from localties.model import ArticleResult

PLOVER_COLUMNS = (
    "event_id", "date", "event_type", "mode", "cameo", "source", "target", "place",
    "reports", "articles",
)  # fmt: skip


def plover_rows(
    events: Iterable[dict[str, Any]], results: Iterable[ArticleResult]
) -> Iterator[dict[str, Any]]:
    """Rows for meetings and agreement acts (events), then statements (per report)."""
    for e in events:
        articles = "; ".join(dict.fromkeys(m["article"] for m in e["mentions"]))
        if e["kind"] == "meeting":
            sides = list(
                dict.fromkeys(p["affiliation"] for p in e["participants"] if p["affiliation"])
            )
            if len(sides) < 2:
                continue
            yield _row(e["id"], e["date"], "CONSULT", "meet", "040", sides[0], sides[1],
                       e["place"], len(e["mentions"]), articles)  # fmt: skip
        elif e["kind"] == "agreement" and len(e["parties"]) >= 2:
            planned = e["agreement_kind"] == "planned"
            yield _row(e["id"], e["date"], "AGREE", e["agreement_kind"], "030" if planned else "057",
                       e["parties"][0], e["parties"][1], None, len(e["mentions"]), articles)  # fmt: skip
    for result in results:
        for number, s in enumerate(result.statements):
            proposal = s.kind == "proposal"
            yield _row(
                f"{result.id}#statement#{number}",
                result.article.published,
                "REQUEST" if proposal else "AGREE",
                "request" if proposal else "express-intent",
                "020" if proposal else "030",
                s.source,
                s.target,
                None,
                1,
                result.id,
            )


def _row(*values: Any) -> dict[str, Any]:
    return dict(zip(PLOVER_COLUMNS, values, strict=True))
