"""The relevance prefilter: cheap, and it never drops a story with records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from localties.extract.prefilter import Prefilter
from localties.ingest import read_inputs
from localties.knowledge import Knowledge
from localties.model.article import RawArticle
from localties.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "dev": (ROOT.parent / "shared" / "corpus" / "dev", ROOT.parent / "shared" / "corpus" / "dev"),
    "sample": (ROOT / "src" / "localties" / "data" / "sample", ROOT / "tests" / "data" / "gold"),
    "holdout": (
        ROOT / "tests" / "data" / "holdout" / "articles",
        ROOT / "tests" / "data" / "holdout" / "gold",
    ),
}
KINDS = ("meetings", "agreements", "statements", "exchange_events", "ties", "facts")


@pytest.fixture(scope="module")
def prefilter(knowledge: Knowledge) -> Prefilter:
    return Prefilter(knowledge)


@pytest.mark.parametrize("name", sorted(SETS))
def test_no_story_with_gold_records_is_dropped(
    name: str, prefilter: Prefilter, pipeline: Pipeline
) -> None:
    folder, gold = SETS[name]
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    kept = dropped = 0
    for item in read_inputs([folder]):
        article = item.article  # type: ignore[union-attr]
        truth = json.loads((gold / f"{article.id}.gold.json").read_text(encoding="utf-8"))
        # the pipeline tests the raw text, then the story
        relevant = prefilter.relevant(article.text) and prefilter.relevant(
            pipeline.clean(article).text
        )
        if any(truth[k] for k in KINDS):
            assert relevant, f"{article.id} holds gold records but was dropped"
        kept += relevant
        dropped += not relevant
    assert kept > dropped


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("The governor of Shizuoka met the mayor of Hamamatsu on Monday.", {"JP"}),
        ("Shizuoka prefecture will send nurses to train in Da Nang.", {"JP", "VN"}),
        ("Vietnamese students arrived in Osaka for a summer course.", {"JP", "VN"}),
        ("Nguyen Xuan Phuc praised the cooperation programme.", {"VN"}),
        ("Vanessa Hanoverson wrote about Osakagawa river fishing.", set()),  # word boundaries
        (
            "The Osaka delegation visitedHanoi and some 5,900Vietnamese workers.",
            {"JP", "VN"},
        ),  # glued
    ],
)
def test_countries_named(prefilter: Prefilter, text: str, countries: set[str]) -> None:
    assert prefilter.countries(text) == countries


def test_the_pipeline_skips_in_place_and_keeps_the_rest(
    knowledge: Knowledge, pipeline: Pipeline
) -> None:
    filtered = Pipeline(knowledge, prefilter=True)
    articles = [
        RawArticle(
            id="a",
            text="Chiba Governor Kumagai Toshihito met the chairman of Can Tho city on May 3.",
        ),
        RawArticle(id="b", text="Rain is expected across Hokkaido and Aomori through the weekend."),
        RawArticle(
            id="c", text="Ho Chi Minh City and Osaka signed an MoU on smart city development."
        ),
    ]
    plain = [r.to_contract() for r in pipeline.extract(articles)]  # type: ignore[union-attr]
    skipped = [r.to_contract() for r in filtered.extract(articles)]  # type: ignore[union-attr]
    assert [r["article"]["id"] for r in skipped] == ["a", "b", "c"]
    assert skipped[1]["article"]["skipped"] == "prefilter" and not skipped[1]["entities"]
    assert skipped[0] == plain[0] and skipped[2] == plain[2]
