"""The `ingest`, `articles`, `show` and `demo` commands, run through click's CliRunner."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from localties.cli import cli
from localties.cli.articles import COMMANDS, render_view, sample_files
from localties.ingest import content_id
from localties.model.article import CleanView, Excluded, RawArticle
from localties.pipeline import Pipeline
from localties.store import DbUrl, Target, open_store

STORY = (
    "President Nguyen Xuan Phuc (right) meets the governor. (Photo: VNA)\n\n"
    "Hanoi (VNA) – President Nguyễn Xuân Phúc on November 20 received Kuroiwa Yuji, "
    "governor of Kanagawa prefecture of Japan, who is on a working trip to Vietnam.\n"
)


def run(*args: str | Path | DbUrl, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def good_and_bad_inputs(folder: Path) -> dict[str, str]:
    """Write one good article of each type and every kind of bad one; return name -> error."""
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    (folder / "good.json").write_text(json.dumps({"id": "g1", "text": STORY, "url": "u"}))
    (folder / "good.jsonl").write_text(
        json.dumps({"id": "g2", "text": "Osaka and Hanoi."}) + "\n{broken\n"
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00")
    (folder / "latin.txt").write_bytes(b"caf\x81 \x8d")
    (folder / "broken.json").write_text('{"id": "x", "text": "unterminated')
    (folder / "notext.json").write_text('{"id": "x", "title": "no text"}')
    (folder / "nomain.html").write_text("<html><body></body></html>")
    (folder / "huge.txt").write_text("word " * 400)
    return {
        "empty.txt": "empty input",
        "binary.txt": "binary data",
        "latin.txt": "cannot decode",
        "broken.json": "invalid JSON",
        "notext.json": "no 'text'",
        "nomain.html": "no main text",
        "huge.txt": "over the limit of 1024",
        "good.jsonl:2": "invalid JSON",
    }


def test_every_command_has_help_with_an_example() -> None:
    for command in COMMANDS:
        assert command.help and "Example:" in command.help, command.name
        assert run(command.name or "", "--help").exit_code == 0


def test_bad_inputs_are_reported_and_the_rest_is_stored(tmp_path: Path, db_target: Target) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    expected = good_and_bad_inputs(folder)
    got = run("ingest", "--db", db_target, "--max-size", "1K", folder)
    assert got.exit_code == 1
    errors = [line for line in got.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(expected)
    for name, message in expected.items():
        assert any(f"{folder / name}: " in e and message in e for e in errors), name
    assert "3 added, 0 updated (new version), 0 unchanged, 8 failed" in got.stdout
    with open_store(db_target) as store:
        ids = {row[0] for row in store._db.execute("SELECT id FROM articles")}
        assert store._db.execute("SELECT count(*) FROM articles_fts").fetchone() == (3,)
    if isinstance(db_target, Path):
        with sqlite3.connect(db_target) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert ids == {"g1", "g2", content_id(STORY)}


def test_reingest_is_a_no_op_and_a_changed_text_a_new_version(
    tmp_path: Path, db_target: Target
) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"id": "a", "text": STORY}))
    assert run("ingest", "--db", db_target, path).exit_code == 0
    again = run("ingest", "--db", db_target, path)
    assert again.exit_code == 0 and "0 added, 0 updated (new version), 1 unchanged" in again.stdout
    path.write_text(json.dumps({"id": "a", "text": STORY + "They also discussed trade.\n"}))
    changed = run("ingest", "--db", db_target, path)
    assert "0 added, 1 updated" in changed.stdout
    listed = json.loads(run("articles", "--db", db_target, "--json").stdout)
    assert (listed["id"], listed["version"]) == ("a", 2)


def test_stdin_dash(db_target: Target) -> None:
    lines = json.dumps({"id": "s1", "text": STORY}) + "\n\nnot json\n"
    got = run("ingest", "--db", db_target, "-", input=lines)
    assert got.exit_code == 1
    assert "error: <stdin>:3: invalid JSON" in got.stderr
    with open_store(db_target) as store:
        stored = store.get_article("s1")
    assert stored is not None and stored.text == STORY and stored.origin == "<stdin>:1"


def test_quiet_prints_errors_only(tmp_path: Path, db_target: Target) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text("")
    got = run("ingest", "-q", "--db", db_target, tmp_path)
    assert got.exit_code == 1
    assert got.stdout == ""
    assert got.stderr.strip() == f"error: {tmp_path / 'b.txt'}: empty input"


def test_articles_search_and_env_db(
    tmp_path: Path, db_target: Target, monkeypatch: pytest.MonkeyPatch, pipeline: Pipeline
) -> None:
    with open_store(db_target) as store:
        for raw in (
            RawArticle(id="vn", text=STORY, title="Reception", origin="x"),
            RawArticle(id="jp", text="Chiba hosts a fair.", origin="y"),
        ):
            store.add_article(raw, pipeline.clean(raw))
    monkeypatch.setenv("LOCALTIES_DB", str(db_target))
    found = run("articles", "--search", "Nguyen Xuan Phuc", "--json")
    assert found.exit_code == 0
    assert [json.loads(line)["id"] for line in found.stdout.splitlines()] == ["vn"]
    table = run("articles", "--limit", "1")
    assert table.exit_code == 0 and "jp" in table.stdout and "vn" not in table.stdout
    assert "no matching articles" in run("articles", "--search", "Kyoto").stdout


def test_show_prints_metadata_story_and_labelled_exclusions(
    db_target: Target, pipeline: Pipeline
) -> None:
    raw = RawArticle(
        id="vn", text=STORY, title="Reception", url="https://example.org/vn", origin="x"
    )
    with open_store(db_target) as store:
        store.add_article(raw, pipeline.clean(raw))
    got = run("show", "--db", db_target, "vn")
    assert got.exit_code == 0
    assert "Reception" in got.stdout and "https://example.org/vn" in got.stdout
    assert "Kanagawa" in got.stdout
    for part in pipeline.clean(raw).excluded:
        assert f"[{part.reason}]" in got.stdout
    as_json = json.loads(run("show", "--db", db_target, "--json", "vn").stdout)
    assert as_json["text"] == STORY and as_json["extraction"] is None
    missing = run("show", "--db", db_target, "nope")
    assert missing.exit_code == 1 and "no article 'nope'" in missing.output


def test_render_view_marks_excluded_parts_in_place() -> None:
    original = "Photo: VNA\nHanoi – Talks held. See more"
    story_start = original.index("Hanoi")
    story = original[story_start : original.index(" See more")]
    view = CleanView(
        text=story,
        offsets=tuple(range(story_start, story_start + len(story) + 1)),
        excluded=(
            Excluded(0, 10, "caption"),
            Excluded(original.index("See more"), len(original), "boilerplate"),
        ),
    )
    rendered = render_view(view, original)
    assert rendered.plain == "[caption]Photo: VNA\nHanoi – Talks held. [boilerplate]See more"
    struck = [rendered.plain[s.start : s.end] for s in rendered.spans if "strike" in str(s.style)]
    assert struck == ["Photo: VNA", "See more"]


def test_unusable_database_is_a_clean_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("not sqlite " * 200)
    got = run("articles", "--db", bad)
    assert got.exit_code == 1
    assert "bad.db" in got.output and "Traceback" not in got.output


def test_demo_ingests_and_extracts_the_bundled_sample(db_target: Target) -> None:
    samples = sample_files()
    if not samples:
        pytest.skip("no sample articles bundled yet")
    got = run("demo", "--db", db_target)
    assert got.exit_code == 0, got.output
    assert f"{len(samples)} sample articles in {db_target}" in got.stdout
    assert f"localties articles --db {db_target}" in got.stdout
    rerun = run("demo", "--db", db_target)
    assert f"0 added, 0 updated, {len(samples)} unchanged" in rerun.stdout
    with open_store(db_target) as store:
        assert store.count_articles() == len(samples)
        assert all(store.get_extraction(a.id) is not None for a in store.iter_articles())
