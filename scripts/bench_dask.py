#!/usr/bin/env python3
"""Benchmark extraction on Dask: throughput with 1 and 2 local workers, against one process.

The dev corpus (or `--corpus`) is repeated with fresh ids up to `--articles` articles;
each run extracts them all and prints articles/s and the cost per article. From the
measured cost it estimates what a day of a public news crawl (`--day`, default 300,000
English articles) needs, with and without the prefilter (whose share of relevant news
is given by `--relevant`, default 10%).

usage:
    python scripts/bench_dask.py                       # 600 articles
    python scripts/bench_dask.py --articles 1000 --workers 1 2
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import corpus

from localties.cluster import connect, extract_pairs
from localties.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--articles", type=int, default=600)
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--day", type=int, default=300_000)
    ap.add_argument("--relevant", type=float, default=0.10)
    args = ap.parse_args()
    pipeline = Pipeline()
    list(pipeline.extract(corpus(args.corpus, 20)))  # load the model first
    start = time.perf_counter()
    n = sum(1 for _ in pipeline.extract(corpus(args.corpus, args.articles)))
    alone = n / (time.perf_counter() - start)
    print(
        f"one process, no Dask: {n} articles, {alone:.1f} articles/s ({1000 / alone:.1f} ms each)"
    )
    rates = {}
    for workers in args.workers:
        with connect(f"local:{workers}") as client:
            list(extract_pairs(corpus(args.corpus, 4 * workers), client, partition=2))  # warm
            start = time.perf_counter()
            n = sum(1 for _ in extract_pairs(corpus(args.corpus, args.articles), client))
            rates[workers] = n / (time.perf_counter() - start)
        print(f"Dask, {workers} local worker(s): {n} articles, {rates[workers]:.1f} articles/s")
    per_worker = max(rates[w] / w for w in rates)
    day = args.day
    print(f"a day of {day:,} articles at {per_worker:.1f} articles/s per worker: "
          f"{day / per_worker / 3600:.1f} worker-hours; in 24 h on {day / per_worker / 86400:.1f} workers")  # fmt: skip
    # with the prefilter, irrelevant stories cost about one cleaning (measured by
    # scripts/bench_prefilter.py: ~2.5 ms each) and only the relevant ones are extracted
    skipped_cost = 0.0025
    cost = args.relevant / per_worker + (1 - args.relevant) * skipped_cost
    print(f"with the prefilter ({args.relevant:.0%} relevant): {day * cost / 3600:.1f} worker-hours; "
          f"in 24 h on {day * cost / 86400:.2f} workers")  # fmt: skip


if __name__ == "__main__":
    main()
