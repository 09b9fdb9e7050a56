"""Extraction on a Dask cluster: one partition of articles per task, the model loaded once
per worker, results back in input order.

`extract_pairs(articles, address)` is a drop-in for the pipeline's own extraction loop:
it streams the articles to the cluster in partitions (a bounded number in flight, so the
corpus is never held in memory), and yields `(article, result or error)` in the order
the articles came. `address` is a scheduler (`tcp://host:8786`) or `local:N` for a
`LocalCluster` of N single-threaded worker processes started here and stopped after.
With SQLite the client writes what comes back. With a shared PostgreSQL store,
`store_pairs` has each worker write its partition's results itself (one store
connection per worker) and send back only what happened, so results never travel
through the client.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from itertools import islice
from typing import Any

from localties.errors import ExtractionError, LocaltiesError, StoreError
from localties.model import ArticleResult
from localties.model.article import RawArticle
from localties.pipeline import ExtractOutcome

log = logging.getLogger(__name__)
_LOCAL = re.compile(r"^local:(\d+)$")
_WORKER_STATE = "_localties_pipelines"


class ClusterError(LocaltiesError):
    """The cluster cannot be reached or started."""


@contextmanager
def connect(address: str) -> Iterator[Any]:
    """A Dask client for `address` (`local:N` starts and later stops a LocalCluster)."""
    from distributed import Client, LocalCluster

    local = _LOCAL.match(address)
    try:
        if local:
            workers = int(local.group(1))
            if workers < 1:
                raise ClusterError(f"{address}: give at least one worker")
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=logging.WARNING,
            )  # fmt: skip
            client = Client(cluster)
        else:
            cluster = None
            client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"{address}: cannot reach the Dask scheduler: {exc}") from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _worker_cache() -> dict[Any, Any]:
    """State kept on this worker for its lifetime (pipelines, store connections)."""
    from distributed import get_worker

    worker = get_worker()
    cache: dict[Any, Any] | None = getattr(worker, _WORKER_STATE, None)
    if cache is None:
        cache = {}
        setattr(worker, _WORKER_STATE, cache)
    return cache


def _worker_pipeline(prefilter: bool) -> Any:
    from localties.pipeline import Pipeline

    cache = _worker_cache()
    if ("pipeline", prefilter) not in cache:
        cache["pipeline", prefilter] = Pipeline(prefilter=prefilter)
    return cache["pipeline", prefilter]


def _extract_partition(articles: list[RawArticle], prefilter: bool) -> list[dict[str, Any]]:
    """On a worker: extract one partition with the worker's pipeline (built once)."""
    out: list[dict[str, Any]] = []
    for result in _worker_pipeline(prefilter).extract(articles):
        if isinstance(result, ExtractionError):
            out.append({"error": str(result)})
        else:
            out.append({"result": result.to_contract()})
    return out


def _store_partition(
    articles: list[RawArticle], prefilter: bool, location: str, version: str
) -> list[dict[str, Any]]:
    """On a worker: extract one partition and write each result to the shared store."""
    from localties.ingest import text_hash
    from localties.store import open_store

    cache = _worker_cache()
    if ("store", location) not in cache:
        cache["store", location] = open_store(location)
    store = cache["store", location]
    out: list[dict[str, Any]] = []
    for raw, result in zip(articles, _worker_pipeline(prefilter).extract(articles), strict=True):
        if isinstance(result, ExtractionError):
            out.append({"error": str(result)})
            continue
        try:
            n = store.replace_extraction(result, version, text_hash=text_hash(raw.text))
        except LocaltiesError as exc:
            out.append({"store_error": str(exc)})
            continue
        out.append({"stored": n})
    return out


def store_pairs(
    articles: Iterable[RawArticle],
    client: Any,
    *,
    location: str,
    partition: int = 32,
    prefilter: bool = False,
) -> Iterator[tuple[RawArticle, ExtractOutcome]]:
    """(article, outcome) in input order: extracted on the cluster and stored by the
    workers in the shared database at `location` (a PostgreSQL URL)."""
    from localties.version import extractor_version

    task = partial(_store_partition, prefilter=prefilter, location=location,
                   version=extractor_version())  # fmt: skip
    for raw, row in _run(articles, client, task, partition):
        if "stored" in row:
            yield raw, ExtractOutcome(raw.id, int(row["stored"]))
        elif "store_error" in row:
            yield raw, ExtractOutcome(raw.id, error=StoreError(row["store_error"]))
        else:
            yield raw, ExtractOutcome(raw.id, error=ExtractionError(row["error"]))


def extract_pairs(
    articles: Iterable[RawArticle],
    client: Any,
    *,
    partition: int = 32,
    prefilter: bool = False,
) -> Iterator[tuple[RawArticle, ArticleResult | ExtractionError]]:
    """(article, result) in input order, extracted on the cluster behind `client`."""
    task = partial(_extract_partition, prefilter=prefilter)
    for raw, row in _run(articles, client, task, partition):
        if "error" in row:
            yield raw, ExtractionError(row["error"])
        else:
            yield raw, ArticleResult.from_contract(row["result"])


def _run(
    articles: Iterable[RawArticle], client: Any, task: Any, partition: int
) -> Iterator[tuple[RawArticle, dict[str, Any]]]:
    """(article, the row `task` returned for it), in input order, a bounded number of
    partitions in flight."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    inflight = 2 * workers
    source = iter(articles)
    pending: list[tuple[list[RawArticle], Any]] = []

    def submit() -> bool:
        chunk = list(islice(source, partition))
        if not chunk:
            return False
        pending.append((chunk, client.submit(task, chunk, pure=False)))
        return True

    while len(pending) < inflight and submit():
        pass
    while pending:
        chunk, future = pending.pop(0)
        try:
            rows = future.result()
        except Exception as exc:  # a worker died or the task failed: report each article
            rows = [
                {"error": f"{a.origin or a.id}: extraction failed on the cluster: {exc!r}"}
                for a in chunk
            ]
        submit()
        yield from zip(chunk, rows, strict=True)
