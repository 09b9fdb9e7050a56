"""Evaluation gate: extraction quality on the dev corpus may not fall below the README's figure.

Runs the real extractor over `<repo>/../shared/corpus/dev` (skipped when absent), scores
the output against the gold with `localties.evaluate`, and fails when the headline F1
drops more than `TOLERANCE` below the figure README.md states on the line
`Headline F1 on the dev corpus: 0.XXXX`. Raise that figure when extraction improves.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from localties.evaluate import format_report, score_files
from localties.ingest import articles_only, read_inputs
from localties.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "corpus" / "dev"
README = REPO / "README.md"
TOLERANCE = 0.02
STATED = re.compile(r"Headline F1 on the dev corpus:\s*[`*_]*([01]\.\d+)")


def stated_headline(readme: Path) -> float:
    """The headline F1 the README states; fails the test when the line is missing."""
    match = STATED.search(readme.read_text(encoding="utf-8"))
    if match is None:
        pytest.fail(
            f"{readme.name} has no line 'Headline F1 on the dev corpus: 0.XXXX'; "
            "state the current figure there (run `localties evaluate` on the dev corpus)",
            pytrace=False,
        )
    return float(match.group(1))


def test_stated_figure_is_parsed(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("## Quality\n\nHeadline F1 on the dev corpus: **0.6125**\n", encoding="utf-8")
    assert stated_headline(readme) == 0.6125


def test_headline_f1_does_not_drop(tmp_path: Path, pipeline: Pipeline) -> None:
    if not any(DEV.glob("*.gold.json")):
        pytest.skip("dev corpus not found beside the repository")
    stated = stated_headline(README)

    predictions = tmp_path / "dev.jsonl"
    with predictions.open("w", encoding="utf-8") as out:
        for result in pipeline.extract(articles_only(read_inputs([DEV]))):
            out.write(json.dumps(result.to_contract(), ensure_ascii=False) + "\n")
    report = score_files(DEV, predictions)

    assert report["missing_predictions"] == 0
    assert report["headline_f1"] >= stated - TOLERANCE, (
        f"headline F1 {report['headline_f1']:.4f} is more than {TOLERANCE} below the "
        f"README's {stated:.4f}\n{format_report(report)}"
    )


# The bundled sets the rules were not tuned on: the sample corpus and the hold-out articles.
BUNDLED = {
    "sample": (REPO / "src" / "localties" / "data" / "sample", REPO / "tests" / "data" / "gold"),
    "holdout": (
        REPO / "tests" / "data" / "holdout" / "articles",
        REPO / "tests" / "data" / "holdout" / "gold",
    ),
}
STATED_BUNDLED = re.compile(r"Headline F1 on the (sample|holdout) set:\s*[`*_]*([01]\.\d+)")


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_bundled_set_headline_does_not_drop(tmp_path: Path, name: str, pipeline: Pipeline) -> None:
    stated = dict(STATED_BUNDLED.findall(README.read_text(encoding="utf-8")))
    assert name in stated, f"README.md has no line 'Headline F1 on the {name} set: 0.XXXX'"
    articles, gold = BUNDLED[name]
    predictions = tmp_path / f"{name}.jsonl"
    with predictions.open("w", encoding="utf-8") as out:
        for result in pipeline.extract(articles_only(read_inputs([articles]))):
            out.write(json.dumps(result.to_contract(), ensure_ascii=False) + "\n")
    report = score_files(gold, predictions)
    assert report["missing_predictions"] == 0
    assert report["headline_f1"] >= float(stated[name]) - TOLERANCE, format_report(report)
