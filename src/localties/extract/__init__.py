"""Extraction stage: RawArticle -> ArticleResult (the v1 contract, see EXTRACTION.md).

`Extractor.extract` turns one article, its cleaned view and the view's spaCy doc into
an `ArticleResult`; `localties.pipeline` streams articles through clean, one
`nlp.pipe` pass and this stage. Every record carries evidence spans into the
article's original text. One module per record type builds its records; adding a
type is a module here, a record in `localties.model.records`, and a line in
`build_result`.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from localties.extract.agreements import extract_agreements
from localties.extract.context import Article, analyse
from localties.extract.events import extract_events
from localties.extract.facts import extract_facts
from localties.extract.meetings import extract_meetings
from localties.extract.mentions import Matchers
from localties.extract.statements import extract_statements
from localties.extract.ties import extract_ties
from localties.extract.topics import extract_topics
from localties.knowledge import Knowledge
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

log = logging.getLogger(__name__)

__all__ = ["Extractor", "build_result"]


class Extractor:
    """The record extractors over parsed story views, with their knowledge and matchers.

    Built once per process from the knowledge and the spaCy pipeline whose docs it
    reads (its phrase matchers share that pipeline's vocabulary):

        extractor = Extractor(knowledge, nlp)
        result = extractor.extract(raw, view, doc)
    """

    def __init__(self, knowledge: Knowledge, nlp: Language) -> None:
        self.knowledge = knowledge
        self.matchers = Matchers.build(nlp, knowledge)

    def skipped(self, raw: RawArticle, view: CleanView, why: str) -> ArticleResult:
        """The result of an article no records were looked for in: its metadata only."""
        from localties.extract.context import dateline_id

        meta = _article(raw, view, dateline_id(view, self.knowledge.gazetteer))
        return ArticleResult(article=replace(meta, skipped=why))

    def extract(self, raw: RawArticle, view: CleanView, doc: Doc) -> ArticleResult:
        """Every record of one article (raises on a bug; the pipeline reports it)."""
        art = analyse(raw, view, doc, self.knowledge, self.matchers)
        if not art.cross_border:
            log.info("%s: names no two countries' places: no ties, statements or facts", raw.id)
        return build_result(art)


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
