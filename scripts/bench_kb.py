#!/usr/bin/env python3
"""Benchmark consolidation on synthetic reports: time per record as the corpus grows.

Generates articles whose records are reports of a known set of events (meetings between
a pool of officials, agreement acts, festivals, facts), each event reported by one to
four articles with other name orders and, for some, the year left out. Prints, for each
size, the records, the events found and expected, the seconds, and microseconds per
record, and the ratio of the per-record cost to `log n`: flat or falling means the work
grows no worse than n log n.

With `--clusters`, it also scores consolidation against the hand-made clusters of
`tests/data/kb/clusters.json` on the golden extraction outputs of the dev corpus and
the sample (`tests/data/golden/`): pairwise precision and recall of "these two reports
are one event", over meeting and agreement reports.

usage:
    python scripts/bench_kb.py                      # 10,000, 30,000 and 100,000 records
    python scripts/bench_kb.py --sizes 1000 5000
    python scripts/bench_kb.py --clusters --sizes   # merge precision / recall only
    python scripts/bench_kb.py --incremental 20000 --sizes
                                # a SQLite knowledge base of 20,000 records: a rebuild,
                                # then articles added one at a time (incremental)

With `--incremental N`, it stores N synthetic records in a real SQLite database, times a
full rebuild (`localties consolidate`), then adds ten reports of existing meetings and
ten of new ones, one article at a time, each followed by the incremental update that
`extract --db` runs, and prints the median and largest time and how many articles each
update reached; it checks that the result equals a rebuild.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from pathlib import Path

from localties.kb import consolidate
from localties.knowledge import Knowledge, load_knowledge
from localties.model import (
    ArticleMeta,
    ArticleResult,
    Edtf,
    Evidence,
    Fact,
    Meeting,
    Participant,
    PlaceId,
)

JP = [f"JP-{n:02d}" for n in range(1, 48)]
VN = ["VN-HN", "VN-SG", "VN-DN", "VN-HP", "VN-CT", *[f"VN-{n:02d}" for n in range(1, 60)]]
FAMILY = "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato".split()
GIVEN = "Hiroshi Takeshi Kenji Yuki Akira Satoshi Makoto Naoki Daisuke Kazuo".split()
VN_NAMES = (
    "Nguyen Tran Le Pham Hoang".split(),
    "Van Thi Duc Minh Quoc".split(),
    "An Binh Chinh Dung Hai".split(),
)


def synthetic(records: int, seed: int = 7) -> tuple[list[ArticleResult], int]:
    """Articles holding about `records` records, and the number of distinct events."""
    rng = random.Random(seed)
    results: list[ArticleResult] = []
    events = 0
    made = 0
    article = 0
    while made < records:
        events += 1
        year = rng.randint(2015, 2025)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        jp = (f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}{rng.randint(0, 99)}", rng.choice(JP))
        vn = (
            " ".join(rng.choice(part) for part in VN_NAMES) + f" {rng.randint(0, 99)}",
            rng.choice(VN),
        )
        for copy in range(rng.randint(1, 4)):
            article += 1
            date = f"{year}-{month:02d}-{day:02d}" if copy != 2 else f"XXXX-{month:02d}-{day:02d}"
            name = jp[0] if copy % 2 == 0 else " ".join(reversed(jp[0].split()))
            meeting = Meeting(
                Edtf(date),
                PlaceId(vn[1]),
                (Participant(vn[0], "Chairman", PlaceId(vn[1]), "host"),
                 Participant(name, "Governor", PlaceId(jp[1]), "guest")),
                (Evidence(0, 100),),
            )  # fmt: skip
            fact = Fact("investing_firms", rng.randint(1, 500), None,
                        origin=PlaceId(jp[1]), destination=PlaceId(vn[1]), evidence=(Evidence(0, 9),))  # fmt: skip
            results.append(
                ArticleResult(
                    ArticleMeta(f"a{article:07d}", published=f"{year}-{month:02d}-{day:02d}"),
                    meetings=(meeting,),
                    facts=(fact,),
                )
            )
            made += 2
    return results, events


def merge_scores(knowledge: Knowledge) -> tuple[float, float, int, int, int]:
    """(precision, recall, true, predicted, gold) of same-event pairs on dev + sample."""
    root = Path(__file__).resolve().parent.parent
    clusters = json.loads((root / "tests/data/kb/clusters.json").read_text())["clusters"]
    results = []
    for name in ("dev", "sample"):
        for line in (root / f"tests/data/golden/{name}.jsonl").read_text().splitlines():
            results.append(ArticleResult.from_contract(json.loads(line)))
    events, _ = consolidate(iter(results), knowledge)
    kinds = ("meeting", "agreement")

    def pairs(groups: list[list[str]]) -> set[frozenset[str]]:
        return {frozenset((a, b)) for g in groups for i, a in enumerate(g) for b in g[i + 1 :]}

    predicted = pairs([[m.key for m in e.mentions] for e in events if e.kind in kinds])
    gold = pairs(clusters)
    true = len(predicted & gold)
    precision = true / len(predicted) if predicted else 1.0
    recall = true / len(gold) if gold else 1.0
    return precision, recall, true, len(predicted), len(gold)


def incremental(size: int, knowledge: Knowledge) -> None:
    import statistics
    import tempfile

    from localties.ingest import text_hash
    from localties.model.article import RawArticle
    from localties.pipeline import Pipeline
    from localties.store import SQLiteStore

    results, _ = synthetic(size + 60)
    base, extra = results[:-40], results[-40:]
    later = extra[::2][:20]  # some continue meetings already stored, some are new
    pipeline = Pipeline(knowledge)
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "kb.db") as store:

        def put(result: ArticleResult) -> None:
            raw = RawArticle(
                id=result.id, text=f"report {result.id}", published=result.article.published
            )
            store.add_article(raw, pipeline.clean(raw))
            store.replace_extraction(result, "bench", text_hash=text_hash(raw.text))

        for result in base:
            put(result)
        start = time.perf_counter()
        events, _ = pipeline.consolidate(store)
        full = time.perf_counter() - start
        print(f"rebuild of {sum(len(r.meetings) + len(r.facts) for r in base):,} records: "
              f"{full:.2f} s, {events:,} events")  # fmt: skip
        times, reached = [], []
        for result in later:
            put(result)
            before = time.perf_counter()
            pipeline.consolidate(store, [result.id])
            times.append(time.perf_counter() - before)
            reached.append(len(pipeline._reach(store, {result.id}, store.corrections())))
        print(f"incremental, one article at a time ({len(times)}): median "
              f"{statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms; "
              f"articles reached: median {statistics.median(reached):.0f}, max {max(reached)}")  # fmt: skip
        rows = store._db.execute("SELECT id, data FROM events ORDER BY id").fetchall()
        pipeline.consolidate(store)
        again = store._db.execute("SELECT id, data FROM events ORDER BY id").fetchall()
        print(f"equal to a rebuild: {rows == again}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 30_000, 100_000])
    ap.add_argument("--clusters", action="store_true", help="score against the cluster file")
    ap.add_argument(
        "--incremental", type=int, metavar="N", help="incremental updates of a KB of N records"
    )
    args = ap.parse_args()
    knowledge = load_knowledge()
    if args.incremental:
        incremental(args.incremental, knowledge)
    if args.clusters:
        p, r, true, predicted, gold = merge_scores(knowledge)
        print(f"merge pairs on dev + sample: precision {p:.3f} ({true}/{predicted}), "
              f"recall {r:.3f} ({true}/{gold})")  # fmt: skip
    if not args.sizes:
        return
    print(
        "| records | meeting events expected | events found | seconds | us/record | us/record / log2(n) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        results, expected = synthetic(size)
        start = time.perf_counter()
        events, _merges = consolidate(iter(results), knowledge)
        seconds = time.perf_counter() - start
        meetings = sum(1 for e in events if e.kind == "meeting")
        per = seconds / size * 1e6
        print(
            f"| {size:,} | {expected:,} | {meetings:,} | {seconds:.2f} | {per:.1f} | {per / math.log2(size):.2f} |"
        )


if __name__ == "__main__":
    main()
