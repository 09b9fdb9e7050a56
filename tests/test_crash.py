"""Crash safety: `kill -9` a real ingest and a real extract at random points.

After every kill the store must be whole (SQLite integrity, one FTS row per article, no
record without its extraction, no extraction of a text the article no longer has, no
gap in versions), and running again must finish the job without duplicates, extracting
only what the killed run had not (it resumes, it does not start over).
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

CLI = [sys.executable, "-c", "from localties.cli import cli; cli()"]
ARTICLES = 30


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    for n in range(ARTICLES):
        text = (
            f"Hanoi (VNA) - Deputy Prime Minister Tran Hong Ha on May {n % 28 + 1} received "
            f"Governor of Japan's Chiba prefecture Kumagai Toshihito, visit number {n}. "
            "The two sides agreed to boost cooperation in trade and labour. " * 3
        )
        (folder / f"a{n:03d}.json").write_text(json.dumps({"id": f"a{n:03d}", "text": text}))


def check_store(db: Path) -> tuple[int, int]:
    """Assert the store is whole; return (articles, extractions)."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert con.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == articles
        assert (
            con.execute(
                "SELECT count(*) FROM records r LEFT JOIN extractions x ON x.article_id = r.article_id "
                "WHERE x.article_id IS NULL"
            ).fetchone()[0]
            == 0
        )
        assert (
            con.execute(
                "SELECT count(*) FROM extractions x JOIN articles a ON a.id = x.article_id "
                "WHERE x.text_hash != a.hash"
            ).fetchone()[0]
            == 0
        )
        for article_id, version in con.execute("SELECT id, version FROM articles"):
            older = [v for (v,) in con.execute(
                "SELECT version FROM article_history WHERE article_id = ? ORDER BY version",
                (article_id,),
            )]  # fmt: skip
            assert older == list(range(1, version)), (article_id, older, version)
        extractions = con.execute("SELECT count(*) FROM extractions").fetchone()[0]
        return articles, extractions
    finally:
        con.close()


def run_and_kill(args: list[str], after: float) -> None:
    proc = subprocess.Popen([*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(after)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)


@pytest.mark.slow
def test_kill_9_during_ingest_and_extract_leaves_a_whole_store(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "t.db"
    write_corpus(corpus)
    rng = random.Random(11)
    for _ in range(4):
        run_and_kill(["ingest", "-q", "--db", str(db), str(corpus)], rng.uniform(0.6, 2.5))
        if db.exists():
            check_store(db)
    subprocess.run([*CLI, "ingest", "-q", "--db", str(db), str(corpus)], check=True, timeout=120)
    assert check_store(db) == (ARTICLES, 0)
    for _ in range(3):
        run_and_kill(["extract", "-q", "--db", str(db), "--new"], rng.uniform(1.5, 4.0))
        check_store(db)
    _, before = check_store(db)
    done = subprocess.run(
        [*CLI, "extract", "--db", str(db), "--new"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert check_store(db) == (ARTICLES, ARTICLES)
    if before == ARTICLES:
        assert "nothing to do" in done.stdout
    else:  # the next run did only what the killed runs had not stored
        assert f"extracted {ARTICLES - before} article(s)" in done.stdout
    again = subprocess.run([*CLI, "ingest", "-q", "--db", str(db), str(corpus)], timeout=120)
    assert again.returncode == 0 and check_store(db) == (ARTICLES, ARTICLES)
