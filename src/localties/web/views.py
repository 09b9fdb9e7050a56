"""What a page and an endpoint both need: an article with its records, a checked correction."""

from __future__ import annotations

from typing import Any

from localties.kb.corrections import check_correction, record_parts
from localties.model.events import Correction
from localties.store import open_store
from localties.web.service import now
from localties.web.state import App


def article_data(app: App, article_id: str) -> dict[str, Any] | None:
    """An article's text, metadata, excluded parts, records and the events they joined."""
    reader = app.reader()
    row = reader.db.execute(
        "SELECT id, version, title, url, published, source, text FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    keys = ("id", "version", "title", "url", "published", "source", "text")
    data = dict(zip(keys, row, strict=True))
    with open_store(app.settings.db) as store:
        stored = store.get_article(article_id)
        result = store.get_extraction(article_id)
        corrections = [c for c in store.corrections() if c.record.startswith(article_id + "#")]
    assert stored is not None
    view = app.pipeline.clean(stored.to_raw())
    data["excluded"] = [{"start": x.start, "end": x.end, "reason": x.reason} for x in view.excluded]
    data["extraction"] = result.to_contract() if result else None
    data["events"] = reader.article_events(article_id)
    data["corrections"] = [
        {"record": c.record, "action": c.action, "field": c.field, "value": c.value,
         "who": c.who, "when": c.when, "why": c.why}
        for c in corrections
    ]  # fmt: skip
    return data


def make_correction(
    app: App,
    record: str,
    action: str,
    field: str | None,
    value: str | None,
    why: str,
    who: str | None,
) -> Correction:
    """A checked correction (LocaltiesError when it applies to nothing)."""
    article, _, _ = record_parts(record)
    correction = Correction(
        record, action, field if action == "set" else None, value if action == "set" else None,
        who or "web", now(), why,
    )  # fmt: skip
    with open_store(app.settings.db) as store:
        check_correction(correction, store.get_extraction(article))
    return correction
