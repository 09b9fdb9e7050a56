#!/usr/bin/env python3
"""Benchmark the two stores: writes, a knowledge-base rebuild and reads, SQLite vs PostgreSQL.

The dev corpus is extracted once; its articles and results are then stored again and
again under fresh ids (`--articles` in all), one transaction each, the way `ingest` and
`extract --db` store them. For each backend it prints articles stored per second,
extraction results stored per second, the seconds of a full consolidation, and the
median time of the web app's first events page and of a full-text search.

PostgreSQL is `--pg URL`, else a throwaway server started here from the machine's
PostgreSQL (`scripts/pgserver.py`) and stopped after.

usage:
    python scripts/bench_store.py                    # 2,000 articles on each backend
    python scripts/bench_store.py --articles 5000 --pg postgresql://me@db.example/news
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pgserver
from bench import corpus

from localties.ingest import text_hash
from localties.model import ArticleResult
from localties.model.article import RawArticle
from localties.pipeline import Pipeline
from localties.store import DbUrl, open_store
from localties.store.queries import Reader
from localties.version import extractor_version

ROOT = Path(__file__).resolve().parent.parent


def _median_ms(call: Callable[[], Any], times: int = 20) -> float:
    spent = []
    for _ in range(times):
        start = time.perf_counter()
        call()
        spent.append(time.perf_counter() - start)
    return 1000 * statistics.median(spent)


def run(
    name: str, target: Path | DbUrl, pipeline: Pipeline, base: list[tuple[RawArticle, Any]], n: int
) -> None:
    version = extractor_version()
    items = []
    for i in range(n):
        raw, result = base[i % len(base)]
        contract = result.to_contract()
        new_id = f"{raw.id}-{i}"
        contract["article"]["id"] = new_id
        copy = RawArticle(id=new_id, text=raw.text, url=None, title=raw.title,
                          published=raw.published, origin=raw.origin)  # fmt: skip
        items.append((copy, pipeline.clean(copy), ArticleResult.from_contract(contract)))
    with open_store(target) as store:
        start = time.perf_counter()
        for raw, view, _ in items:
            store.add_article(raw, view)
        adds = n / (time.perf_counter() - start)
        start = time.perf_counter()
        for raw, _, result in items:
            store.replace_extraction(result, version, text_hash=text_hash(raw.text))
        results = n / (time.perf_counter() - start)
        start = time.perf_counter()
        pipeline.consolidate(store)
        rebuild = time.perf_counter() - start
    reader = Reader(target)
    try:
        page = _median_ms(lambda: reader.events(limit=50))
        search = _median_ms(lambda: reader.events(q="tokyo", limit=50))
        articles = _median_ms(lambda: reader.articles(q="hai phong", limit=50))
    finally:
        reader.close()
    print(f"{name:<10} {n:>6} {adds:>10.0f} {results:>10.0f} {rebuild:>10.2f} "
          f"{page:>9.1f} {search:>9.1f} {articles:>9.1f}")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--pg", default=None, help="a PostgreSQL URL (else one is started here)")
    args = ap.parse_args()
    pipeline = Pipeline()
    raws = list(corpus(args.corpus, 60))
    base = [(r, res) for r, res in zip(raws, pipeline.extract(raws), strict=True)
            if isinstance(res, ArticleResult)]  # fmt: skip
    folder = Path(tempfile.mkdtemp(prefix="localties-bench-"))
    folder.chmod(0o755)
    server = None
    try:
        url = args.pg
        if url is None:
            server = folder / "pg"
            url = pgserver.start(server)
        import psycopg

        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        glue = "&" if "?" in url else "?"
        pg = DbUrl(f"{url}{glue}options=-csearch_path%3D{schema}")
        print(f"{'backend':<10} {'articles':>6} {'stored/s':>10} {'results/s':>10} "
              f"{'rebuild s':>10} {'page ms':>9} {'search ms':>9} {'text ms':>9}")  # fmt: skip
        run("SQLite", folder / "bench.db", pipeline, base, args.articles)
        run("PostgreSQL", pg, pipeline, base, args.articles)
        if args.pg:
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")
    finally:
        if server is not None:
            pgserver.stop(server)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
