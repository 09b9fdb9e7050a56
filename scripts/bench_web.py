#!/usr/bin/env python3
"""Benchmark the web app: server time of each page and endpoint over a large knowledge base.

Builds (or reuses, with `--db`) a real SQLite store of synthetic articles whose records
consolidate into about `--events` events (meetings between a pool of officials, each
reported by one or two articles, plus a fact and a tie per article), then requests each
page and API endpoint `--repeat` times through the ASGI app in process and prints the
median and 95th percentile of the time the server took (no network in between).

usage:
    python scripts/bench_web.py                      # about 100,000 events
    python scripts/bench_web.py --events 5000 --repeat 10
    python scripts/bench_web.py --db /tmp/web100k.db # reuse a store built before
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_kb import FAMILY, GIVEN, JP, VN, VN_NAMES

from localties.ingest import text_hash
from localties.model import (
    ArticleMeta,
    ArticleResult,
    Edtf,
    Evidence,
    Fact,
    Meeting,
    Participant,
    PlaceId,
    Tie,
)
from localties.model.article import RawArticle
from localties.pipeline import Pipeline
from localties.store import SQLiteStore


def build(path: Path, events: int, pipeline: Pipeline, seed: int = 11) -> None:
    rng = random.Random(seed)
    made = article = 0
    start = time.perf_counter()
    with SQLiteStore(path) as store:
        while made < events:
            year = rng.randint(2015, 2025)
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            jp_name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}{rng.randint(0, 99)}"
            jp, vn = rng.choice(JP), rng.choice(VN)
            vn_name = " ".join(rng.choice(part) for part in VN_NAMES) + f" {rng.randint(0, 99)}"
            copies = rng.randint(1, 2)
            made += 1
            for _ in range(copies):
                article += 1
                made += 1  # each article's fact is an event of its own
                text = (
                    f"Chairman {vn_name} of {vn} received Governor {jp_name} of {jp} on "
                    f"{year}-{month:02d}-{day:02d}; {rng.randint(1, 900)} firms of {jp} invest "
                    f"in {vn}, and the two localities will cooperate in trade."
                )
                raw = RawArticle(
                    id=f"w{article:07d}", text=text, title=f"Report {article}",
                    published=f"{year}-{month:02d}-{day:02d}",
                )  # fmt: skip
                store.add_article(raw, pipeline.clean(raw))
                whole = (Evidence(0, len(text)),)
                result = ArticleResult(
                    ArticleMeta(raw.id, published=raw.published),
                    meetings=(
                        Meeting(
                            Edtf(f"{year}-{month:02d}-{day:02d}"),
                            PlaceId(vn),
                            (
                                Participant(vn_name, "Chairman", PlaceId(vn), "host"),
                                Participant(jp_name, "Governor", PlaceId(jp), "guest"),
                            ),
                            whole,
                        ),
                    ),
                    facts=(
                        Fact(
                            "investing_firms",
                            rng.randint(1, 100_000),
                            None,
                            origin=PlaceId(jp),
                            destination=PlaceId(vn),
                            evidence=whole,
                        ),
                    ),
                    ties=(Tie(PlaceId(jp), PlaceId(vn), whole),),
                )
                store.replace_extraction(result, "bench", text_hash=text_hash(text))
        stored = time.perf_counter()
        count, _ = pipeline.consolidate(store)
    print(
        f"built {path}: {article:,} articles in {stored - start:.0f} s, "
        f"{count:,} events consolidated in {time.perf_counter() - stored:.0f} s",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--db", type=Path, default=None, help="reuse (or build here) this store")
    args = ap.parse_args()

    from fastapi.testclient import TestClient

    from localties.web import WebSettings, create_app

    pipeline = Pipeline()
    db = args.db or Path(f"/tmp/localties-bench-web-{args.events}.db")
    if not db.exists():
        build(db, args.events, pipeline)
    client = TestClient(create_app(WebSettings(db=db), pipeline))
    reader_events = client.get("/api/events", params={"limit": 1, "kind": "meeting"}).json()
    event = reader_events["items"][0]
    person = event["participants"][0]["person_id"]
    article = event["mentions"][0]["article"]
    cursor = client.get("/api/events", params={"limit": 50}).json()["next_cursor"]
    targets = [
        ("page /", "/"),
        ("page /?place=JP-14", "/?place=JP-14"),
        ("page /network", "/network"),
        ("page /events", "/events"),
        ("page /events?q=Sato", "/events?q=Sato"),
        ("page /events?kind&place&from&to", "/events?kind=meeting&place=JP-14&from=2020&to=2021"),
        ("page /events/{id}", f"/events/{event['id']}"),
        ("page /places/JP-14", "/places/JP-14"),
        ("page /persons/{id}", f"/persons/{person}"),
        ("page /pair/JP-14/VN-HN", "/pair/JP-14/VN-HN"),
        ("page /articles", "/articles"),
        ("page /articles/{id}", f"/articles/{article}"),
        ("page /ingest", "/ingest"),
        ("api /api/events", "/api/events"),
        ("api /api/events (page 2)", f"/api/events?cursor={cursor}"),
        ("api /api/events?q&kind&place", "/api/events?q=Sato&kind=meeting&place=JP-14"),
        ("api /api/events?sort=-date", "/api/events?sort=-date"),
        ("api /api/events/{id}", f"/api/events/{event['id']}"),
        ("api /api/meetings?place", "/api/meetings?place=JP-14"),
        ("api /api/ties", "/api/ties"),
        ("api /api/facts", "/api/facts"),
        ("api /api/network", "/api/network"),
        ("api /api/ties/evidence", "/api/ties/evidence?a=JP-14&b=VN-HN"),
        ("api /api/persons", "/api/persons"),
        ("api /api/places?q", "/api/places?q=Kana"),
        ("api /api/articles?q", "/api/articles?q=Governor"),
        ("api /api/articles/{id}", f"/api/articles/{article}"),
    ]
    events = client.get("/api/events", params={"limit": 1}).json()
    assert events["items"], "empty store"
    print(f"| request | median ms | p95 ms |  ({args.repeat} requests each, {db})")
    print("| --- | ---: | ---: |")
    worst = 0.0
    for label, path in targets:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code, response.text[:200])
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        if label.startswith("page"):
            worst = max(worst, p95)
        print(f"| {label} | {statistics.median(times):.1f} | {p95:.1f} |", flush=True)
    print(f"slowest page p95: {worst:.1f} ms")


if __name__ == "__main__":
    main()
