"""Extraction stage (placeholder until the real extractor lands)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from localties.clean import clean
from localties.records import RawArticle


def extract_articles(articles: Iterable[RawArticle], *, n_process: int = 1) -> Iterator[dict[str, Any]]:
    """Yield one contract-shaped result (see EXTRACTION.md) per article, in order."""
    for raw in articles:
        view = clean(raw)
        yield {
            "article": {"id": raw.id, "url": raw.url, "title": raw.title,
                        "published": view.published, "source": view.source, "dateline": None},
            "meetings": [], "agreements": [], "statements": [], "exchange_events": [],
            "ties": [], "facts": [], "topics": [], "entities": [],
        }
