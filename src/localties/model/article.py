"""Frozen records passed between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article as read from its input, text kept exactly as given.

    `id` is the input's own id, else a content hash of `text`. `published`,
    `title` and `url` come from the input's metadata when it has them.
    """

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) into an article's original text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Excluded:
    """A part of the original text that is not the story, and why."""

    start: int
    end: int
    reason: str  # "header", "caption", "agency_tag", "boilerplate", "byline", "menu"


@dataclass(frozen=True, slots=True)
class CleanView:
    """The story as NLP sees it, with a map back to the original text.

    `text` is the story only (captions, tags and boilerplate removed), ASCII-folded,
    with glued words split. `offsets[i]` is the index in the original text of
    `text[i]`; `offsets[len(text)]` is the end of the last story character.
    """

    text: str
    offsets: tuple[int, ...]
    published: str | None = None
    source: str | None = None
    dateline: str | None = None  # the dateline's place name as written, unresolved
    excluded: tuple[Excluded, ...] = field(default=())

    def to_original(self, start: int, end: int) -> Span:
        """Map a [start, end) range of `text` back onto the original text."""
        if end <= start:
            pos = self.offsets[min(start, len(self.offsets) - 1)]
            return Span(pos, pos)
        return Span(self.offsets[start], self.offsets[end - 1] + 1)
