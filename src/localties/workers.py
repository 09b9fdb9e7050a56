"""Extraction in worker processes, for `--jobs N` on one machine.

Each worker runs the whole pipeline (clean, the spaCy pass, the rules) on one part of
the articles at a time and sends back only the results; the main process streams the
articles out in parts (a bounded number in flight, so the corpus is never held in
memory) and yields `(article, result or error)` in the order the articles came. The
rules thus run in parallel too, and no parsed doc crosses a process boundary.

Workers are forked from the calling process, so the pipeline (its knowledge, and its
model if already loaded) is inherited rather than pickled.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Protocol

from localties.errors import ExtractionError
from localties.model import ArticleResult
from localties.model.article import RawArticle

Result = ArticleResult | ExtractionError


class Pipeline(Protocol):
    """What a worker runs: `localties.pipeline.Pipeline`'s in-process extraction."""

    def extract_pairs_here(
        self, articles: Iterable[RawArticle]
    ) -> Iterator[tuple[RawArticle, Result]]: ...


_STATE: dict[str, Pipeline] = {}  # this worker's pipeline, set once when it starts


def extract_in_workers(
    pipeline: Pipeline, articles: Iterable[RawArticle], jobs: int, part_size: int
) -> Iterator[tuple[RawArticle, Result]]:
    """`(article, result)` in input order, extracted by `jobs` forked workers."""
    context = multiprocessing.get_context("fork")
    stream = iter(articles)
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start, initargs=(pipeline,)
    ) as pool:
        pending: deque[tuple[list[RawArticle], Future[list[Result]]]] = deque()

        def submit() -> bool:
            part = list(islice(stream, part_size))
            if part:
                pending.append((part, pool.submit(_extract_part, part)))
            return bool(part)

        for _ in range(2 * jobs):
            if not submit():
                break
        while pending:
            part, future = pending.popleft()
            results = future.result()
            submit()
            yield from zip(part, results, strict=True)


def _start(pipeline: Pipeline) -> None:
    _STATE["pipeline"] = pipeline


def _extract_part(part: list[RawArticle]) -> list[Result]:
    pipeline = _STATE["pipeline"]
    return [result for _raw, result in pipeline.extract_pairs_here(part)]
