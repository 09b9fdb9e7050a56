#!/usr/bin/env python3
"""Benchmark the relevance prefilter: its own speed on irrelevant news, and the
end-to-end extraction speed on a realistic mix (90% irrelevant) with and without it.

Irrelevant stories are the domestic stories of the dev, sample and hold-out sets (news
that names places or officials of one country only), their sentences reordered per copy
so no two documents are the same; relevant ones are the dev set's cross-border stories.

usage:
    python scripts/bench_prefilter.py                  # 20,000 for the filter, 1,000 mixed
    python scripts/bench_prefilter.py --filter-docs 5000 --mix-docs 400
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator
from pathlib import Path

from localties.extract.prefilter import Prefilter
from localties.ingest import read_inputs
from localties.knowledge import load_knowledge
from localties.model.article import RawArticle
from localties.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [
    ROOT.parent / "shared" / "corpus" / "dev",
    ROOT / "src" / "localties" / "data" / "sample",
    ROOT / "tests" / "data" / "holdout" / "articles",
]


def corpora(prefilter: Prefilter, pipeline: Pipeline) -> tuple[list[str], list[str]]:
    irrelevant, relevant = [], []
    for item in read_inputs([f for f in FOLDERS if f.is_dir()]):
        text = item.article.text  # type: ignore[union-attr]
        view = pipeline.clean(item.article)  # type: ignore[union-attr]
        (relevant if prefilter.relevant(view.text) else irrelevant).append(text)
    return irrelevant, relevant


def shuffled(texts: list[str], n: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    for i in range(n):
        sentences = texts[i % len(texts)].split(". ")
        rng.shuffle(sentences)
        yield ". ".join(sentences)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--filter-docs", type=int, default=20_000)
    ap.add_argument("--mix-docs", type=int, default=1_000)
    args = ap.parse_args()
    knowledge = load_knowledge()
    start = time.perf_counter()
    prefilter = Prefilter(knowledge)
    print(f"automaton of {prefilter.names:,} names built in {time.perf_counter() - start:.2f} s")
    plain = Pipeline(knowledge)
    irrelevant, relevant = corpora(prefilter, plain)
    print(f"{len(irrelevant)} irrelevant and {len(relevant)} relevant source stories")

    docs = list(shuffled(irrelevant, args.filter_docs, 1))
    chars = sum(map(len, docs))
    start = time.perf_counter()
    kept = sum(prefilter.relevant(d) for d in docs)
    took = time.perf_counter() - start
    print(f"prefilter alone: {len(docs):,} irrelevant documents ({chars / len(docs):,.0f} chars "
          f"each) in {took:.2f} s = {len(docs) / took:,.0f} documents/s on one core; {kept} pass on their "
          "whole text (names in boilerplate) and are tested again once cleaned")  # fmt: skip

    n_rel = max(1, args.mix_docs // 10)
    mix = list(shuffled(irrelevant, args.mix_docs - n_rel, 2)) + list(shuffled(relevant, n_rel, 3))
    random.Random(4).shuffle(mix)
    articles = [RawArticle(id=f"m{i}", text=t) for i, t in enumerate(mix)]
    filtered = Pipeline(knowledge, prefilter=True)
    list(plain.extract(articles[:20]))  # load the model before timing
    list(filtered.extract(articles[:20]))
    rates = {}
    for label, run in (("without", plain), ("with", filtered)):
        start = time.perf_counter()
        out = list(run.extract(articles))
        took = time.perf_counter() - start
        rates[label] = len(out) / took
        print(f"mix of {len(articles):,} (10% relevant) {label} the prefilter: {took:.1f} s = "
              f"{rates[label]:,.0f} articles/s")  # fmt: skip
    print(f"speed-up on the mix: {rates['with'] / rates['without']:.1f}x")


if __name__ == "__main__":
    main()
