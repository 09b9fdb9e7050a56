"""`localties extract` and `localties evaluate` through the real CLI, model and database."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from localties.cli import cli
from localties.store import Target, open_store
from localties.version import extractor_version

STORY = (
    " date 2023-11-20 Governor Fukuda Tomikazu meets officials (Photo: VNA)\n\n"
    "Hanoi (VNA) – National Assembly Vice Chairman Trần Quang Phương on November 20 "
    "received Governor of Japan's Tochigi prefecture Fukuda Tomikazu in Hanoi.\n\n"
    "Phương asked Tochigi to receive more Vietnamese technical interns and praised the "
    "cooperation between Tochigi and Vietnam's northern province of Vinh Phuc./."
)


def _write(folder: Path, name: str, text: str, **extra: str) -> Path:
    path = folder / name
    path.write_text(json.dumps({"id": name.split(".")[0], "text": text, **extra}), "utf-8")
    return path


def test_extract_json_prints_one_contract_object_per_article(tmp_path: Path) -> None:
    path = _write(tmp_path, "tochigi.json", STORY)
    result = CliRunner().invoke(cli, ["extract", "--json", str(path)])
    assert result.exit_code == 0, result.output
    (line,) = result.output.strip().splitlines()
    out = json.loads(line)
    assert out["article"] == {
        "id": "tochigi", "url": None, "title": None, "published": "2023-11-20",
        "source": "VNA", "dateline": "VN-HN",
    }  # fmt: skip
    (meeting,) = out["meetings"]
    assert meeting["date"] == "2023-11-20"
    assert {p["affiliation"] for p in meeting["participants"]} == {"VN", "JP-09"}
    assert frozenset({"JP-09", "VN-70"}) in {frozenset((t["a"], t["b"])) for t in out["ties"]}
    assert "labour" in out["topics"]
    # Evidence indexes the original text, diacritics and all; the caption yields nothing.
    for record in out["meetings"] + out["statements"] + out["ties"]:
        for span in record["evidence"]:
            assert "(Photo: VNA)" not in STORY[span["start"] : span["end"]]
    names = {e["name"] for e in out["entities"] if e["type"] == "person"}
    assert "Trần Quang Phương" in names
    person = next(e for e in out["entities"] if e.get("name") == "Trần Quang Phương")
    start, end = person["mentions"][0]["start"], person["mentions"][0]["end"]
    assert STORY[start:end] == "Trần Quang Phương"


def test_extract_json_reports_a_bad_file_and_goes_on(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.json", STORY)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    result = CliRunner().invoke(cli, ["extract", "--json", str(bad), str(good)])
    assert result.exit_code == 1
    assert "bad.json" in result.stderr
    assert [json.loads(x)["article"]["id"] for x in result.stdout.strip().splitlines()] == ["good"]


def test_extract_stores_records_with_version_and_replaces_them(
    tmp_path: Path, db_target: Target
) -> None:
    path = _write(tmp_path, "tochigi.json", STORY)
    runner = CliRunner()
    db = str(db_target)
    assert runner.invoke(cli, ["ingest", "--db", db, "-q", str(path)]).exit_code == 0
    first = runner.invoke(cli, ["extract", "--db", db])
    assert first.exit_code == 0, first.output
    assert "extracted 1 article" in first.output
    with open_store(db_target) as store:
        rows = store._db.execute("SELECT kind, extractor_version FROM records").fetchall()
        count = len(rows)
        assert {v for _, v in rows} == {extractor_version()}
        assert {"meeting", "tie", "topic"} <= {k for k, _ in rows}
    again = runner.invoke(cli, ["extract", "--db", db, "--id", "tochigi"])
    assert again.exit_code == 0, again.output
    with open_store(db_target) as store:
        assert store._db.execute("SELECT count(*) FROM records").fetchone()[0] == count


def test_extract_needs_paths_with_json() -> None:
    result = CliRunner().invoke(cli, ["extract", "--json"])
    assert result.exit_code == 2
    assert "PATHS" in result.output


def test_evaluate_scores_predictions_against_gold(tmp_path: Path) -> None:
    path = _write(tmp_path, "tochigi.json", STORY)
    runner = CliRunner()
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(runner.invoke(cli, ["extract", "--json", str(path)]).stdout, "utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    gold = json.loads(predictions.read_text("utf-8"))
    (gold_dir / "tochigi.gold.json").write_text(json.dumps(gold), "utf-8")
    result = runner.invoke(cli, ["evaluate", "--json", str(gold_dir), str(predictions)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["headline_f1"] == 1.0
    assert report["components"]["meeting_pairs"]["tp"] == 1
