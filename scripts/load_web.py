#!/usr/bin/env python3
"""Load test: many concurrent loopback clients against a real `localties serve`.

Copies the database (default: the demo database), starts the server on a free port,
and runs `--clients` concurrent clients for `--seconds`, each requesting pages and API
endpoints in turn, while one more client posts `--posts` new articles (ingest during
serving). Prints the requests made, the number of 5xx answers and failed connections,
latency percentiles, and whether every posted article is stored and extracted.

usage:
    python scripts/load_web.py                        # 50 clients, 60 s
    python scripts/load_web.py --clients 20 --seconds 10 --db localties-demo.db
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from liveserver import serving

ROOT = Path(__file__).resolve().parent.parent
PATHS = [
    "/", "/network", "/events", "/events?q=Chinh", "/events?kind=meeting&place=JP",
    "/api/events?limit=20", "/api/events?q=Kanagawa", "/api/network", "/api/ties",
    "/api/meetings?place=VN", "/api/persons", "/api/places?country=JP", "/articles",
    "/places/JP-14", "/api/articles?q=governor",
]  # fmt: skip
TOKEN = "load-test-token"


async def reader(
    client: httpx.AsyncClient, stop: float, start_at: int, out: dict[str, list]
) -> None:
    n = start_at
    while time.monotonic() < stop:
        path = PATHS[n % len(PATHS)]
        n += 1
        began = time.perf_counter()
        try:
            response = await client.get(path)
        except httpx.HTTPError as exc:
            out["errors"].append(f"{path}: {exc!r}")
            continue
        out["latency"].append((time.perf_counter() - began) * 1000)
        if response.status_code >= 500:
            out["5xx"].append(path)


async def writer(client: httpx.AsyncClient, posts: int, out: dict[str, list]) -> None:
    for n in range(posts):
        body = {
            "id": f"load-{n}",
            "published": "2025-01-15",
            "text": f"HANOI - Governor number {n} of Gunma prefecture, Yamamoto Ichita, met the "
            f"chairman of Hanoi People's Committee on January 14 to discuss cooperation in "
            f"tourism and labour (report {n}).",
        }
        response = await client.post(
            "/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        if response.status_code != 201:
            out["post_failures"].append(f"load-{n}: {response.status_code} {response.text[:100]}")


async def run(url: str, clients: int, seconds: float, posts: int) -> dict[str, list]:
    out: dict[str, list] = {"latency": [], "5xx": [], "errors": [], "post_failures": []}
    limits = httpx.Limits(max_connections=clients + 2, max_keepalive_connections=clients + 2)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        stop = time.monotonic() + seconds
        await asyncio.gather(
            writer(client, posts, out), *(reader(client, stop, i, out) for i in range(clients))
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=ROOT / "localties-demo.db")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--posts", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.db"
        shutil.copy(args.db, db)
        with serving(db, TOKEN) as url:
            began = time.monotonic()
            out = asyncio.run(run(url, args.clients, args.seconds, args.posts))
            took = time.monotonic() - began
        with sqlite3.connect(db) as check:
            stored = check.execute(
                "SELECT count(*) FROM articles WHERE id LIKE 'load-%'"
            ).fetchone()[0]
            extracted = check.execute(
                "SELECT count(*) FROM extractions WHERE article_id LIKE 'load-%'"
            ).fetchone()[0]
    lat = sorted(out["latency"])
    q = statistics.quantiles(lat, n=100) if len(lat) > 1 else [0.0] * 99
    print(f"{len(lat):,} requests from {args.clients} clients in {took:.0f} s "
          f"({len(lat) / took:.0f}/s); 5xx: {len(out['5xx'])}; connection errors: {len(out['errors'])}")  # fmt: skip
    print(f"latency ms: median {statistics.median(lat):.0f}, p95 {q[94]:.0f}, p99 {q[98]:.0f}, "
          f"max {lat[-1]:.0f}")  # fmt: skip
    print(f"posted {args.posts} articles during the run: {stored} stored, {extracted} extracted, "
          f"{len(out['post_failures'])} refused")  # fmt: skip
    for line in (out["5xx"] + out["errors"] + out["post_failures"])[:10]:
        print("  ", line)


if __name__ == "__main__":
    main()
