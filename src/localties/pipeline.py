"""The one orchestrator: read -> clean -> nlp -> extract -> store.

Every way of running localties (the CLI, the API, Dask workers, tests, benchmarks)
goes through a `Pipeline`, so they all run the same code. It holds what the stages
need, loaded once: the knowledge, the spaCy pipeline and the extractor (the last two
only when something is extracted). Stages are functions over iterables; nothing here
holds a corpus in memory.

    pipeline = Pipeline()
    for result in pipeline.extract(articles):          # ArticleResult | ExtractionError
        ...
    with open_store("news.db") as store:
        for outcome in pipeline.ingest(store, read_inputs(["news/"])):
            ...
        for outcome in pipeline.extract_store(store):
            ...
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, islice
from typing import TYPE_CHECKING

from localties.clean import clean
from localties.errors import (
    ExtractionError,
    InputError,
    LocaltiesError,
    StoreUnavailableError,
    printable,
)
from localties.extract.prefilter import Prefilter
from localties.ingest import Ingested, text_hash
from localties.kb import article_blocks, consolidate, place_rows
from localties.knowledge import Knowledge, load_knowledge
from localties.model import ArticleResult
from localties.model.article import CleanView, RawArticle
from localties.model.events import Correction
from localties.sources import Fetcher, FetchError, poll_feed
from localties.store.base import AddOutcome, Store
from localties.version import extractor_version

if TYPE_CHECKING:
    from spacy.language import Language

    from localties.extract import Extractor

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 32
# Fewer articles than this are parsed in this process whatever `jobs` says: starting a
# worker (and its copy of the model) costs about as much as parsing a hundred stories.
SMALL_INPUT = 100
# Articles a worker extracts at a time (see `localties.workers`).
PART_SIZE = 64


def default_jobs() -> int:
    """The number of cores this process may use (capped at 16): `--jobs`' default."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 16))


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What happened to one input: `added`, `updated`, `unchanged` or `failed`."""

    outcome: AddOutcome | str
    article_id: str | None
    error: LocaltiesError | None = None


@dataclass(frozen=True, slots=True)
class ExtractOutcome:
    """One stored article's extraction: its record count, or the error that stopped it."""

    article_id: str
    records: int = 0
    error: LocaltiesError | None = None


# Where `extract_store` gets results from: (article, result or error), or an outcome
# when the result was already stored by whoever extracted it (Dask workers writing to a
# shared PostgreSQL store).
PairSource = Callable[
    [Iterable[RawArticle]],
    Iterator[tuple[RawArticle, "ArticleResult | ExtractionError | ExtractOutcome"]],
]


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """One feed's poll: `polled`, `not modified` or `failed`, with what it brought."""

    feed: str
    status: str
    items: int = 0
    new: int = 0
    stored: int = 0
    extracted: int = 0
    errors: tuple[LocaltiesError, ...] = ()


class Pipeline:
    """The stages of localties, wired together once.

    `knowledge` defaults to the packaged data; `nlp` to the project's spaCy pipeline
    (built on first use, so ingesting never loads a model).
    """

    def __init__(
        self,
        knowledge: Knowledge | None = None,
        *,
        nlp: Language | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        prefilter: bool = False,
    ) -> None:
        self.knowledge = knowledge if knowledge is not None else load_knowledge()
        self._nlp = nlp
        self.batch_size = batch_size
        self.prefilter = Prefilter(self.knowledge) if prefilter else None

    # -- stages --------------------------------------------------------------------------

    def clean(self, raw: RawArticle, *, story: bool = True) -> CleanView:
        """The story view of one article (see `localties.clean`)."""
        view = clean(raw, self.knowledge.protected_words, story=story)
        if raw.published and view.published != raw.published[:10]:
            log.warning(
                "%s: 'published' %r is not a valid date; ignored",
                printable(raw.origin or raw.id),
                printable(raw.published[:40]),
            )
        if view.excluded:
            reasons = Counter(part.reason for part in view.excluded)
            log.info(
                "%s: not story: %s",
                raw.id,
                ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items())),
            )
        for part in view.excluded:
            log.debug("%s: excluded %s at %d-%d", raw.id, part.reason, part.start, part.end)
        return view

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline (built on first use)."""
        if self._nlp is None:
            from localties.nlp import build_nlp

            self._nlp = build_nlp()
        return self._nlp

    @cached_property
    def extractor(self) -> Extractor:
        """The record extractors, with matchers over `nlp`'s vocabulary."""
        from localties.extract import Extractor

        return Extractor(self.knowledge, self.nlp)

    def extract(
        self, articles: Iterable[RawArticle], *, jobs: int = 1
    ) -> Iterator[ArticleResult | ExtractionError]:
        """One result per article, in input order; a failed article yields its error.

        With `jobs` > 1 (and enough articles), worker processes run the whole pipeline
        on parts of the stream (`localties.workers`); else all runs in this process.
        The traceback of a failed article is logged (shown with `-v`).
        """
        for _raw, result in self._extract_pairs(articles, jobs):
            yield result

    def _extract_pairs(
        self, articles: Iterable[RawArticle], jobs: int
    ) -> Iterator[tuple[RawArticle, ArticleResult | ExtractionError]]:
        """(article, result) in input order: spaCy's pass runs between clean and the rules.

        An article that cannot be cleaned, or whose story is longer than spaCy takes,
        never reaches `nlp.pipe` (where one error would end the whole stream): it is
        reported in its place, in order.
        """
        if jobs > 1:  # worker processes pay for themselves only on more than a few articles
            stream = iter(articles)
            head = list(islice(stream, SMALL_INPUT))
            if len(head) >= SMALL_INPUT:
                from localties.workers import extract_in_workers

                yield from extract_in_workers(self, chain(head, stream), jobs, PART_SIZE)
                return
            articles = head
        yield from self.extract_pairs_here(articles)

    def extract_pairs_here(
        self, articles: Iterable[RawArticle]
    ) -> Iterator[tuple[RawArticle, ArticleResult | ExtractionError]]:
        """`_extract_pairs` in this process alone."""
        extractor = self.extractor
        failed: dict[int, tuple[RawArticle, ArticleResult | ExtractionError]] = {}
        slots: Iterator[tuple[str, tuple[int, RawArticle, CleanView]]] = self._views(
            articles, failed
        )
        docs = self.nlp.pipe(slots, as_tuples=True, batch_size=self.batch_size)
        for doc, (number, raw, view) in docs:
            yield from self._failed_before(number, failed)
            try:
                yield raw, extractor.extract(raw, view, doc)
            except Exception as exc:  # one bad article must not end the run
                log.info("%s: extraction failed", raw.origin or raw.id, exc_info=exc)
                yield raw, ExtractionError(f"{raw.origin or raw.id}: extraction failed: {exc!r}")
        yield from self._failed_before(None, failed)

    @staticmethod
    def _failed_before(
        number: int | None, failed: dict[int, tuple[RawArticle, ArticleResult | ExtractionError]]
    ) -> Iterator[tuple[RawArticle, ArticleResult | ExtractionError]]:
        for at in sorted(k for k in failed if number is None or k < number):
            yield failed.pop(at)

    def _views(
        self,
        articles: Iterable[RawArticle],
        failed: dict[int, tuple[RawArticle, ArticleResult | ExtractionError]],
    ) -> Iterator[tuple[str, tuple[int, RawArticle, CleanView]]]:
        limit = self.nlp.max_length
        for number, raw in enumerate(articles):
            where = raw.origin or raw.id
            # the whole text names no two countries: neither can its story (read cheaply)
            story = self.prefilter is None or self.prefilter.relevant(raw.text)
            try:
                view = self.clean(raw, story=story)
            except Exception as exc:  # a cleaning bug must not end the run either
                log.info("%s: cleaning failed", where, exc_info=exc)
                failed[number] = (raw, ExtractionError(f"{where}: cleaning failed: {exc!r}"))
                continue
            if len(view.text) > limit:
                failed[number] = (
                    raw,
                    ExtractionError(
                        f"{where}: story of {len(view.text):,} characters is longer than "
                        f"the {limit:,} the language model takes; skipped"
                    ),
                )
                continue
            if not story or (self.prefilter is not None and not self.prefilter.relevant(view.text)):
                log.info("%s: names no two countries: skipped by the prefilter", where)
                failed[number] = (raw, self.extractor.skipped(raw, view, "prefilter"))
                continue
            yield view.text, (number, raw, view)

    # -- with a store ----------------------------------------------------------------------

    def ingest(
        self, store: Store, items: Iterable[Ingested | InputError]
    ) -> Iterator[IngestOutcome]:
        """Store each read article (cleaned for its date, source and story search text)."""
        for item in items:
            if isinstance(item, InputError):
                yield IngestOutcome("failed", None, item)
                continue
            try:
                outcome = store.add_article(item.article, self.clean(item.article), raw=item.html)
            except StoreUnavailableError:
                raise  # no later article can be stored either: the run stops
            except LocaltiesError as exc:
                yield IngestOutcome("failed", item.article.id, exc)
                continue
            log.info("%s: %s", item.article.id, outcome)
            yield IngestOutcome(outcome, item.article.id)

    def follow_feeds(
        self, store: Store, fetcher: Fetcher, feeds: Iterable[str]
    ) -> Iterator[FeedOutcome]:
        """Poll each feed once; fetch, store and extract every story it lists that was
        not taken before, then bring the knowledge base up to date.

        A page that cannot be had for good (404, not a page, robots.txt) is remembered
        and not tried again; one that failed for now (timeout, 5xx) is tried next poll.
        """
        for feed in feeds:
            etag, modified = store.feed_state(feed)
            try:
                poll = poll_feed(fetcher, feed, etag, modified)
            except FetchError as exc:
                store.save_feed_state(feed, None, None, f"failed: {exc.message}")
                yield FeedOutcome(feed, "failed", errors=(exc,))
                continue
            if poll.not_modified:
                store.save_feed_state(feed, None, None, "not modified")
                yield FeedOutcome(feed, "not modified")
                continue
            seen = store.seen_links(feed, [i.link for i in poll.items])
            fresh = [i for i in poll.items if i.link not in seen]
            ids: list[str] = []
            errors: list[LocaltiesError] = []
            for item in fresh:
                try:
                    page = fetcher.page(item.link, published=item.published)
                except FetchError as exc:
                    errors.append(exc)
                    if not exc.transient:
                        store.mark_seen(feed, item.link, None)
                    continue
                (outcome,) = self.ingest(store, [page])
                if outcome.error is not None:
                    errors.append(outcome.error)
                    store.mark_seen(feed, item.link, None)
                    continue
                store.mark_seen(feed, item.link, outcome.article_id)
                if outcome.outcome != "unchanged" and outcome.article_id:
                    ids.append(outcome.article_id)
            extracted = 0
            for done in self.extract_store(store, ids):
                if done.error is not None:
                    errors.append(done.error)
                else:
                    extracted += 1
            if extracted:
                self.consolidate(store, ids)
            store.save_feed_state(feed, poll.etag, poll.modified, f"{len(fresh)} new item(s)")
            yield FeedOutcome(
                feed, "polled", len(poll.items), len(fresh), len(ids), extracted, tuple(errors)
            )

    def consolidate(self, store: Store, articles: Iterable[str] | None = None) -> tuple[int, int]:
        """Bring the knowledge base up to date with the stored results.

        With no `articles`, rebuild it: places, then every event. With `articles` (those
        just extracted), rebuild only the events they can touch: the articles whose
        blocks they share, directly or through others, are consolidated again and every
        other event stays as it is. Both give the same events and ids, since mentions
        are compared only within blocks. Returns (events, merges) written.
        """
        corrections = store.corrections()
        if articles is None or not store.blocks_indexed():
            store.replace_places(place_rows(self.knowledge.gazetteer))
            blocks: dict[str, set[str]] = {}
            events, merges = consolidate(
                store.iter_results(), self.knowledge, corrections, blocks=blocks
            )
            store.replace_events(events, merges, blocks=blocks)
            log.info("knowledge base: %d events from %d merges", len(events), len(merges))
            return len(events), len(merges)
        if store.place("VN") is None:  # a knowledge base never built: its places first
            store.replace_places(place_rows(self.knowledge.gazetteer))
        scope = self._reach(store, set(articles), corrections)
        blocks = {}
        events, merges = consolidate(
            store.iter_results(scope), self.knowledge, corrections, blocks=blocks
        )
        store.replace_events(events, merges, blocks=blocks, articles=scope)
        log.info(
            "knowledge base: %d events from %d merges over %d article(s)",
            len(events), len(merges), len(scope),
        )  # fmt: skip
        return len(events), len(merges)

    def _reach(self, store: Store, articles: set[str], corrections: list[Correction]) -> set[str]:
        """`articles` and every article that shares a block with them, transitively."""
        scope, frontier, seen = set(articles), set(articles), set[str]()
        while frontier:
            found = article_blocks(store.iter_results(frontier), self.knowledge, corrections)
            blocks = set().union(*found.values(), store.blocks_of(frontier)) - seen
            seen |= blocks
            frontier = store.articles_in_blocks(blocks) - scope
            scope |= frontier
        return scope

    def extract_store(
        self,
        store: Store,
        ids: Iterable[str] | None = None,
        *,
        jobs: int = 1,
        pairs: PairSource | None = None,
    ) -> Iterator[ExtractOutcome]:
        """Extract stored articles (all, or `ids`) and replace their stored records.

        Each result is written with the hash of the text it was extracted from, so a
        text re-ingested meanwhile is never stamped with records of the old one.
        `pairs` extracts elsewhere (a Dask cluster: `localties.cluster.extract_pairs`);
        by default this process does, or `jobs` worker processes (`localties.workers`).
        """
        version = extractor_version()
        articles = store.iter_articles(ids)
        found = pairs(articles) if pairs is not None else self._extract_pairs(articles, jobs)
        for raw, result in found:
            if isinstance(result, ExtractOutcome):  # stored where it was extracted
                yield result
                continue
            if isinstance(result, ExtractionError):
                yield ExtractOutcome(raw.id, error=result)
                continue
            try:
                n = store.replace_extraction(result, version, text_hash=text_hash(raw.text))
            except StoreUnavailableError:
                raise
            except LocaltiesError as exc:
                yield ExtractOutcome(raw.id, error=exc)
                continue
            yield ExtractOutcome(raw.id, n)
