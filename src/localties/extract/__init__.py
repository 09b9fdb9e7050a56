"""Extraction stage: RawArticle -> ArticleResult (the v1 contract, see EXTRACTION.md).

Articles stream through `clean`, one `nlp.pipe` pass (the article travels with its
doc via `as_tuples`), and the record extractors. Every record carries evidence spans
into the article's original text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from localties.clean import clean
from localties.errors import ExtractionError
from localties.extract.agreements import extract_agreements
from localties.extract.context import Article, analyse
from localties.extract.events import extract_events
from localties.extract.facts import extract_facts
from localties.extract.meetings import extract_meetings
from localties.extract.statements import extract_statements
from localties.extract.ties import extract_ties
from localties.extract.topics import extract_topics
from localties.model import (
    ArticleMeta,
    ArticleResult,
    Entity,
    Evidence,
    PersonEntity,
    PlaceEntity,
    PlaceId,
)
from localties.model.article import CleanView, RawArticle
from localties.nlp import load_nlp

log = logging.getLogger(__name__)

__all__ = ["build_result", "extract_articles", "extract_results"]


def extract_articles(
    articles: Iterable[RawArticle], *, n_process: int = 1, batch_size: int = 32
) -> Iterator[ArticleResult]:
    """Yield one result per article, in input order.

    An article whose extraction fails is logged and skipped; `extract_results` reports it.
    """
    for result in extract_results(articles, n_process=n_process, batch_size=batch_size):
        if isinstance(result, ExtractionError):
            log.error("%s", result)
        else:
            yield result


def extract_results(
    articles: Iterable[RawArticle], *, n_process: int = 1, batch_size: int = 32
) -> Iterator[ArticleResult | ExtractionError]:
    """Like `extract_articles`, but yields an `ExtractionError` in place of a failed article."""
    nlp = load_nlp()
    for doc, (raw, view) in nlp.pipe(
        _views(articles), as_tuples=True, n_process=n_process, batch_size=batch_size
    ):
        try:
            yield build_result(analyse(raw, view, doc))
        except Exception as exc:  # one bad article must not end the run
            yield ExtractionError(f"{raw.origin or raw.id}: extraction failed: {exc!r}")


def _views(articles: Iterable[RawArticle]) -> Iterator[tuple[str, tuple[RawArticle, CleanView]]]:
    for raw in articles:
        view = clean(raw)
        yield view.text, (raw, view)


def build_result(art: Article) -> ArticleResult:
    """The extraction result for one analysed article."""
    agreements = extract_agreements(art)
    meetings = extract_meetings(art)
    return ArticleResult(
        article=_article(art.raw, art.view, art.dateline),
        meetings=tuple(meetings),
        agreements=tuple(agreements),
        statements=tuple(extract_statements(art, meetings)),
        exchange_events=tuple(extract_events(art)),
        ties=tuple(extract_ties(art, agreements)),
        facts=tuple(extract_facts(art)),
        topics=tuple(extract_topics(art)),
        entities=tuple(_entities(art)),
    )


def _article(raw: RawArticle, view: CleanView, dateline: str | None) -> ArticleMeta:
    return ArticleMeta(
        id=raw.id,
        url=raw.url,
        title=raw.title,
        published=view.published,
        source=view.source,
        dateline=PlaceId.parse(dateline),
    )


def _entities(art: Article) -> list[Entity]:
    out: list[Entity] = []
    for person in art.persons:
        out.append(
            PersonEntity(
                name=person.name,
                title=person.title,
                affiliation=PlaceId.parse(person.affiliation),
                mentions=tuple(art.evidence(s, e) for s, e in person.spans),
            )
        )
    by_id: dict[str, list[Evidence]] = {}
    names: dict[str, str] = {}
    for p in art.places:
        by_id.setdefault(p.id, []).append(art.evidence(p.start, p.end))
        names.setdefault(p.id, art.original(p.start, p.end))
    if art.dateline and art.dateline not in by_id:
        by_id[art.dateline] = []
        names[art.dateline] = art.view.dateline or art.dateline
    for pid, mentions in by_id.items():
        out.append(PlaceEntity(PlaceId(pid), names[pid], tuple(mentions)))
    return out
