"""Extraction on a Dask cluster: one partition of articles per task, the model loaded once
per worker, results back in input order.

`extract_pairs(articles, address)` is a drop-in for the pipeline's own extraction loop:
it streams the articles to the cluster in partitions (a bounded number in flight, so the
corpus is never held in memory), and yields `(article, result or error)` in the order
the articles came. `address` is a scheduler (`tcp://host:8786`) or `local:N` for a
`LocalCluster` of N single-threaded worker processes started here and stopped after.
With SQLite the client writes what comes back; a shared PostgreSQL store could take
writes from the workers themselves, which this module leaves to the store.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

from localties.errors import ExtractionError, LocaltiesError
from localties.model import ArticleResult
from localties.model.article import RawArticle

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


def _extract_partition(articles: list[RawArticle], prefilter: bool) -> list[dict[str, Any]]:
    """On a worker: extract one partition with the worker's pipeline (built once)."""
    from distributed import get_worker

    from localties.pipeline import Pipeline

    worker = get_worker()
    cache: dict[bool, Pipeline] | None = getattr(worker, _WORKER_STATE, None)
    if cache is None:
        cache = {}
        setattr(worker, _WORKER_STATE, cache)  # the worker lives as long as its pipeline
    pipeline = cache.get(prefilter)
    if pipeline is None:
        pipeline = cache[prefilter] = Pipeline(prefilter=prefilter)
    out: list[dict[str, Any]] = []
    for result in pipeline.extract(articles):
        if isinstance(result, ExtractionError):
            out.append({"error": str(result)})
        else:
            out.append({"result": result.to_contract()})
    return out


def extract_pairs(
    articles: Iterable[RawArticle],
    client: Any,
    *,
    partition: int = 32,
    prefilter: bool = False,
) -> Iterator[tuple[RawArticle, ArticleResult | ExtractionError]]:
    """(article, result) in input order, extracted on the cluster behind `client`."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    inflight = 2 * workers
    source = iter(articles)
    pending: list[tuple[list[RawArticle], Any]] = []

    def submit() -> bool:
        chunk = list(islice(source, partition))
        if not chunk:
            return False
        pending.append((chunk, client.submit(_extract_partition, chunk, prefilter, pure=False)))
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
        for raw, row in zip(chunk, rows, strict=True):
            if "error" in row:
                yield raw, ExtractionError(row["error"])
            else:
                yield raw, ArticleResult.from_contract(row["result"])
