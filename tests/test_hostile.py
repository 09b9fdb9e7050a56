"""Hostile inputs: each gives one line naming the input, and the run goes on.

Every case puts one bad input next to a good article; the good one must still be
stored and extracted, the bad one reported on one line, and nothing may hang.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from localties.cli import cli
from localties.model import Edtf
from localties.store import SQLiteStore, Target, open_store

GOOD = {
    "id": "good",
    "text": "Hanoi (VNA) - Prime Minister Pham Minh Chinh received Governor of Chiba prefecture "
    "Kumagai Toshihito in Hanoi on May 5, 2024.",
}


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout, result.stderr


def folder_with(tmp_path: Path, name: str, content: bytes | None = None) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.json").write_text(json.dumps(GOOD), encoding="utf-8")
    if content is not None:
        (folder / name).write_bytes(content)
    return folder


def ingest_and_extract(tmp_path: Path, folder: Path) -> tuple[str, str]:
    """Ingest the folder and extract it with --json: both must report and go on."""
    db = tmp_path / "t.db"
    code, _, ingest_err = run("ingest", "--db", db, folder)
    assert code == 1, ingest_err
    with SQLiteStore(db) as store:
        assert store.get_article("good") is not None
    code, out, extract_err = run("extract", "--json", folder)
    assert code == 1
    assert [json.loads(line)["article"]["id"] for line in out.splitlines()] == ["good"]
    for err in (ingest_err, extract_err):
        assert "Traceback" not in err
        assert len([line for line in err.splitlines() if line.startswith("error:")]) == 1
    return ingest_err, extract_err


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        ("big.json", b'{"id": ' + b"9" * 5000 + b', "text": "x"}', "invalid JSON"),
        (
            "s.json",
            b'{"id": "s", "title": "Chiba \\ud800", "text": "Chiba met Hanoi"}',
            "surrogate",
        ),
        ("long.txt", b"word " * 220_001, "extraction takes"),
        ("id.json", json.dumps({"id": "x" * 100_000, "text": "Hanoi"}).encode(), "'id' is"),
    ],
    ids=["deep-json", "big-int", "surrogate", "long-text", "long-id"],
)
def test_a_bad_file_is_one_line_and_the_run_goes_on(
    tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    ingest_err, extract_err = ingest_and_extract(tmp_path, folder_with(tmp_path, name, content))
    assert name in ingest_err and says in ingest_err
    assert name in extract_err


def test_a_pipe_in_a_folder_is_reported_not_read(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "unused")
    os.mkfifo(folder / "a.json")
    ingest_err, _ = ingest_and_extract(tmp_path, folder)
    assert "a.json: not a regular file" in ingest_err


def test_a_link_to_an_endless_device_is_reported_not_read(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "unused")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "zero.jsonl").symlink_to("/dev/zero")
    db = tmp_path / "t.db"
    code, _, err = run("ingest", "--db", db, folder)
    assert code == 1 and err.count("not a regular file") == 2
    # Named explicitly, a device is read, but only up to the size limit.
    code, _, err = run("ingest", "--db", db, "--max-size", "64K", folder / "zero.txt")
    assert code == 1 and "over the limit" in err
    code, _, err = run("ingest", "--db", db, "--max-size", "64K", folder / "zero.jsonl")
    assert code == 1 and "rest of file skipped" in err


def test_an_impossible_published_date_is_ignored_and_the_article_extracted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "b.jsonl"
    lines = [
        {"id": f"b{n}", "published": bad, "text": GOOD["text"]}
        for n, bad in enumerate(["2023-02-29", "2022-13-01", "0000-00-00", "9999-12-31"])
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    code, out, err = run("extract", "--json", path)
    assert code == 0, err
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["article"]["published"] for r in results] == [None] * 4
    assert err.count("is not a valid date; ignored") == 4


def test_no_impossible_date_is_ever_emitted(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    text = (
        " date 2022-02-10 Hanoi (VNA) - President Nguyen Xuan Phuc received Governor Kuroiwa "
        "Yuji of Kanagawa on February 30. The two sides met again on November 31."
    )
    header = " date 2023-02-30 Hanoi (VNA) - Governor Kuroiwa Yuji met Nguyen Xuan Phuc today."
    path.write_text(
        json.dumps({"id": "d1", "text": text}) + "\n" + json.dumps({"id": "d2", "text": header}),
        encoding="utf-8",
    )
    code, out, _ = run("extract", "--json", path)
    assert code == 0
    dates = [m["date"] for line in out.splitlines() for m in json.loads(line)["meetings"]]
    dates += [json.loads(line)["article"]["published"] for line in out.splitlines()]
    assert all(d is None or Edtf.valid(d) for d in dates), dates


def test_a_filename_with_control_characters_is_printed_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad\nname\x1b[31m.txt").write_bytes(b"")
    code, _, err = run("ingest", "--db", tmp_path / "t.db", folder)
    assert code == 1
    (line,) = [line for line in err.splitlines() if line.strip()]
    assert "\x1b" not in line and "\\n" in line and "\\x1b" in line


def test_two_processes_creating_one_new_database_both_land(
    tmp_path: Path, another_db: Callable[[str], Target]
) -> None:
    code = "from localties.cli import cli; cli()"
    for attempt in range(4):
        db = another_db(f"race{attempt}")
        files = []
        for n in range(2):
            path = tmp_path / f"r{attempt}-{n}.json"
            path.write_text(json.dumps({"id": f"r{n}", "text": f"Tokyo met Hanoi {n}."}))
            files.append(path)
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", code, "ingest", "-q", "--db", str(db), str(f)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for f in files
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err.decode()
        with open_store(db) as store:
            assert store.count_articles() == 2


def test_arguments_that_are_not_utf8_are_refused_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    assert run("ingest", "--db", db, path)[0] == 0
    for args in (
        ("articles", "--search", "\udcff"),
        ("show", "\udcff"),
        ("extract", "--id", "\udcff"),
    ):
        code, _out, err = run(*args[:1], "--db", db, *args[1:])
        assert code == 2 and "not valid UTF-8" in err and "Traceback" not in err


def test_extracting_an_unknown_id_is_an_error(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    run("ingest", "--db", db, path)
    code, _, err = run("extract", "--db", db, "--id", "nosuch", "--id", "good")
    assert code == 1 and "no article 'nosuch'" in err
    with SQLiteStore(db) as store:
        assert store.get_extraction("good") is not None


@pytest.mark.parametrize("kind", ["not-a-database", "missing-folder"])
def test_a_database_that_cannot_be_used_is_one_error(tmp_path: Path, kind: str) -> None:
    db = tmp_path / ("bad.db" if kind == "not-a-database" else "nope/x.db")
    if kind == "not-a-database":
        db.write_text("plain text, not SQLite " * 50)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    for args in (("ingest", "--db", db, path), ("extract", "--db", db), ("articles", "--db", db)):
        code, _, err = run(*args)
        assert code == 1 and str(db) in err and "Traceback" not in err
        assert len([line for line in err.splitlines() if line.strip()]) == 1


def _jsonl(path: Path, prefix: str, n: int, extra: str = "") -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = (
                f"Governor of Shiga prefecture Mikazuki Taizo met the chairman of Hue city on "
                f"May {i % 28 + 1} to discuss nursing trainees ({prefix} {i}{extra})."
            )
            out.write(json.dumps({"id": f"{prefix}{i}", "text": text}) + "\n")
    return path


@pytest.mark.slow
def test_two_ingests_and_an_ingest_during_extract_lose_nothing(
    tmp_path: Path, db_target: Target
) -> None:
    """Real processes on one database (each backend): two ingests at once (overlapping
    ids), then re-ingesting changed texts while `extract --db` runs. Every article lands
    once, and every stored extraction was made from its article's current text."""
    from localties.ingest import text_hash

    db = db_target
    code = "from localties.cli import cli; cli()"

    def start(*args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-c", code, *args, "-q", "--db", str(db)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip

    first = start("ingest", str(_jsonl(tmp_path / "a.jsonl", "a", 60)))
    second = start(
        "ingest",
        str(_jsonl(tmp_path / "b.jsonl", "a", 30)),
        str(_jsonl(tmp_path / "c.jsonl", "c", 60)),
    )
    for proc in (first, second):
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
    with open_store(db) as store:
        assert store.count_articles() == 120  # a0..a59 once, c0..c59
    extract = start("extract")
    changed = start("ingest", str(_jsonl(tmp_path / "d.jsonl", "a", 60, extra=", revised")))
    for proc in (extract, changed):
        _, err = proc.communicate(timeout=600)
        assert proc.returncode in (0, 1), err.decode()  # a refused stale write is reported
    with open_store(db) as store:
        assert store.count_articles() == 120
        for article in store.iter_articles():
            stored = store._db.execute(
                "SELECT text_hash FROM extractions WHERE article_id = ?", (article.id,)
            ).fetchone()
            if stored is not None:  # never the records of a text the article no longer has
                assert stored[0] == text_hash(article.text), article.id
            if article.id.startswith("a"):
                assert article.text.endswith(", revised).")
