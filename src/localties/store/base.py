"""The storage interface every backend implements (SQLite, PostgreSQL).

A store keeps articles (each version of each text), their extraction results and one
row per record. It stores what it is given: cleaning and extraction happen before,
in `localties.pipeline`. Every write is one transaction: an article, or one article's
extraction, is stored whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, Protocol

from localties.kb.places import PlaceRow
from localties.model import ArticleResult
from localties.model.article import CleanView, RawArticle
from localties.model.events import Correction, Event, Merge

AddOutcome = Literal["added", "updated", "unchanged"]


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """The latest stored version of an article."""

    id: str
    version: int
    hash: str
    text: str
    raw: str | None
    url: str | None
    title: str | None
    published: str | None
    input_published: str | None
    source: str | None
    dateline: str | None
    origin: str
    ingested_at: str

    def to_raw(self) -> RawArticle:
        """Return the article as the ingest stage produced it."""
        return RawArticle(
            id=self.id,
            text=self.text,
            url=self.url,
            title=self.title,
            published=self.input_published,
            origin=self.origin,
        )


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One line of an article listing."""

    id: str
    version: int
    title: str | None
    url: str | None
    published: str | None
    source: str | None
    chars: int
    records: int
    origin: str


class Store(Protocol):
    """What the pipeline, the CLI and the API need of a database."""

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc_info: object) -> None: ...

    def close(self) -> None:
        """Close the connection."""

    def add_article(
        self, article: RawArticle, view: CleanView, *, raw: str | None = None
    ) -> AddOutcome:
        """Store an article (its `view` gives the date, source, dateline and search text)."""

    def get_article(self, article_id: str) -> StoredArticle | None:
        """The latest version of an article, or None."""

    def versions(self, article_id: str) -> list[tuple[int, str, str]]:
        """(version, hash, ingested_at) of every stored version, oldest first."""

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[RawArticle]:
        """Stream stored articles (latest versions): all, or `ids` in order."""

    def count_articles(self) -> int:
        """The number of stored articles."""

    def list_articles(
        self, *, search: str | None = None, limit: int | None = None
    ) -> list[ArticleSummary]:
        """Articles newest first, or the best matches of a full-text search."""

    def replace_extraction(
        self, result: ArticleResult, extractor_version: str, *, text_hash: str
    ) -> int:
        """Replace an article's records with `result`, extracted from the text whose hash
        is `text_hash`; StaleTextError when that text is no longer the article's current
        one. Returns the number of record rows written."""

    def get_extraction(self, article_id: str) -> ArticleResult | None:
        """The stored result of an article, or None if it was not extracted."""

    def record_counts(self, article_id: str | None = None) -> dict[str, int]:
        """The number of stored records per kind, for one article or all."""

    def iter_results(self, ids: Iterable[str] | None = None) -> Iterator[ArticleResult]:
        """Every stored extraction result (or those of `ids`), in article order."""

    def replace_places(self, rows: Iterable[PlaceRow]) -> int:
        """Replace the canonical places."""

    def place(self, code: str) -> PlaceRow | None:
        """A canonical place by its code, or None."""

    def blocks_indexed(self) -> bool:
        """Whether the consolidation blocks of the stored events are stored."""

    def blocks_of(self, article_ids: Iterable[str]) -> set[str]:
        """The consolidation blocks stored for these articles."""

    def articles_in_blocks(self, blocks: Iterable[str]) -> set[str]:
        """The articles with a mention in any of these blocks."""

    def replace_events(
        self,
        events: Iterable[Event],
        merges: Iterable[Merge],
        *,
        blocks: dict[str, set[str]] | None = None,
        articles: Iterable[str] | None = None,
    ) -> int:
        """Replace the knowledge base's events (all, or those drawn from `articles`),
        leaving tombstones for retired ids."""

    def corrections(self) -> list[Correction]:
        """Every correction, oldest first."""

    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        """A followed feed's (ETag, Last-Modified), for a conditional GET."""

    def save_feed_state(
        self, url: str, etag: str | None, modified: str | None, status: str
    ) -> None:
        """Remember a feed's poll."""

    def seen_links(self, feed: str, links: Iterable[str]) -> set[str]:
        """Those of `links` already taken from `feed`."""

    def mark_seen(self, feed: str, link: str, article_id: str | None) -> None:
        """Record that a feed's link was taken (or given up on)."""
