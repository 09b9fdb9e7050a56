"""Clean stage (placeholder until the real cleaner lands): RawArticle -> CleanView."""

from __future__ import annotations

from localties.records import CleanView, RawArticle


def clean(raw: RawArticle) -> CleanView:
    """Return the story view of `raw` with an offset map back to its text."""
    return CleanView(text=raw.text, offsets=tuple(range(len(raw.text) + 1)), published=raw.published)
