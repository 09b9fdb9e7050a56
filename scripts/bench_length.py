#!/usr/bin/env python3
"""Benchmark how extraction cost grows with the length of an article.

The dev corpus's stories (their cleaned text, so that no boilerplate cut shortens a
long article) are joined into one stream of words, repeated as needed. For each length
from 500 to 128,000 words the stream is cut into consecutive articles of that length,
as many as cover `--cover` words (at least one), and all are extracted with the full
pipeline in this process; the best of `--repeat` runs gives the cost per word. Every
length reads the same text, so the per-word costs compare directly: flat means linear
growth, and the goal is within 1.5x across the range.

usage:
    python scripts/bench_length.py
    python scripts/bench_length.py --words 500 8000 --cover 16000 --repeat 1
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from localties.ingest import articles_only, read_inputs
from localties.model.article import RawArticle
from localties.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--words", type=int, nargs="*", default=[500, 2000, 8000, 32000, 128000])
    ap.add_argument("--cover", type=int, default=32000, help="words read at each length")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    pipeline = Pipeline()
    raws = list(articles_only(read_inputs([args.corpus])))
    stories = [pipeline.clean(raw).text.strip() for raw in raws]
    stream = " \n\n".join(s for s in stories if s).split(" ")
    list(pipeline.extract([RawArticle(id="warm", text=stories[0])]))
    rows = []
    for n in args.words:
        count = max(1, args.cover // n)
        needed = n * count
        words = (stream * (needed // len(stream) + 1))[:needed]
        articles = [
            RawArticle(id=f"w{n}-{i}", text=" ".join(words[i * n : (i + 1) * n]))
            for i in range(count)
        ]
        chars = sum(len(a.text) for a in articles)
        kept = sum(len(pipeline.clean(a).text) for a in articles)
        assert kept == chars, f"the cleaner cut {chars - kept:,} characters at {n:,} words"
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            results = list(pipeline.extract(articles, jobs=1))
            best = min(best, time.perf_counter() - start)
            failed = [r for r in results if isinstance(r, Exception)]
            assert not failed, failed[0]
        rows.append((n, count, chars, best, best / needed))
    low = min(r[4] for r in rows)
    print("| words per article | articles | characters | seconds | µs per word | vs cheapest |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, count, chars, t, per in rows:
        print(f"| {n:,} | {count} | {chars:,} | {t:.2f} | {per * 1e6:.0f} | {per / low:.2f} |")
    spread = max(r[4] for r in rows) / low
    print(f"\nmost / least cost per word: {spread:.2f}x (goal: within 1.5x)")


if __name__ == "__main__":
    main()
