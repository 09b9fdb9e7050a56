#!/usr/bin/env python3
"""Benchmark how extraction cost grows with the length of one article.

Builds articles of 500 to 128,000 words from the dev corpus's text (stories joined,
then cut to length), extracts each `--repeat` times with the full pipeline and prints
the best time, the cost per word, and its ratio to the cost per word of the 8,000-word
article (flat means linear growth; the goal is within 1.5x across the range).

usage:
    python scripts/bench_length.py
    python scripts/bench_length.py --words 500 2000 8000 --repeat 3
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
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    pipeline = Pipeline()
    texts = [a.text for a in articles_only(read_inputs([args.corpus]))]
    words = " \n\n".join(texts).split(" ")
    list(pipeline.extract([RawArticle(id="warm", text=texts[0])]))
    rows = []
    for n in args.words:
        text = " ".join((words * (n // len(words) + 1))[:n])
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            (result,) = list(pipeline.extract([RawArticle(id=f"w{n}", text=text)]))
            best = min(best, time.perf_counter() - start)
            assert not isinstance(result, Exception), result
        rows.append((n, len(text), best))
    base = next((t / n for n, _, t in rows if n == 8000), rows[0][2] / rows[0][0])
    print("| words | characters | seconds | µs per word | vs 8,000 words |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for n, chars, t in rows:
        print(f"| {n:,} | {chars:,} | {t:.2f} | {t / n * 1e6:.0f} | {t / n / base:.2f} |")


if __name__ == "__main__":
    main()
