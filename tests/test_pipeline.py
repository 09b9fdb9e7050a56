"""The pipeline: one result per article in input order, failures reported in their place."""

from __future__ import annotations

import logging

import pytest

from localties.errors import ExtractionError
from localties.extract import Extractor
from localties.model import ArticleResult
from localties.model.article import RawArticle
from localties.pipeline import Pipeline
from localties.store import SQLiteStore

STORY = (
    "Hanoi (VNA) - Deputy Prime Minister Tran Hong Ha on March 3 received Governor of "
    "Japan's Shizuoka prefecture Kawakatsu Heita in Hanoi.\n"
)


def test_results_come_in_input_order_with_failures_in_place(pipeline: Pipeline) -> None:
    huge = "Tokyo is far from Hanoi. " * (pipeline.nlp.max_length // 25 + 10)
    articles = [
        RawArticle(id="a", text=STORY),
        RawArticle(id="long", text=huge, origin="long.txt"),
        RawArticle(id="b", text=STORY.replace("March 3", "March 4")),
    ]
    results = list(pipeline.extract(articles))
    assert [type(r) for r in results] == [ArticleResult, ExtractionError, ArticleResult]
    assert isinstance(results[0], ArticleResult) and results[0].id == "a"
    assert "long.txt" in str(results[1]) and "longer than" in str(results[1])
    assert isinstance(results[2], ArticleResult) and results[2].id == "b"
    assert str(results[2].meetings[0].date) == "XXXX-03-04"


def test_a_failing_rule_is_one_error_with_its_traceback_logged(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = Extractor.extract

    def fails_on_b(self: Extractor, raw: RawArticle, view: object, doc: object) -> ArticleResult:
        if raw.id == "b":
            raise ZeroDivisionError("injected fault")
        return real(self, raw, view, doc)  # type: ignore[arg-type]

    monkeypatch.setattr(Extractor, "extract", fails_on_b)
    articles = [RawArticle(id=i, text=STORY, origin=f"{i}.txt") for i in "abc"]
    with caplog.at_level(logging.INFO, logger="localties.pipeline"):
        results = list(pipeline.extract(articles))
    assert [getattr(r, "id", None) for r in results] == ["a", None, "c"]
    assert "b.txt: extraction failed: ZeroDivisionError" in str(results[1])
    (record,) = [r for r in caplog.records if "extraction failed" in r.getMessage()]
    assert record.exc_info and record.exc_info[0] is ZeroDivisionError


def test_extract_store_refuses_results_of_a_replaced_text(
    pipeline: Pipeline, store: SQLiteStore
) -> None:
    first = RawArticle(id="a", text=STORY)
    store.add_article(first, pipeline.clean(first))
    outcomes = list(pipeline.extract_store(store))
    assert [(o.article_id, o.error) for o in outcomes] == [("a", None)]
    assert outcomes[0].records > 0
    stored = store.get_extraction("a")
    assert stored is not None and stored.meetings[0].participants


def test_ingest_reports_each_input(pipeline: Pipeline, store: SQLiteStore) -> None:
    from localties.errors import EmptyInputError
    from localties.ingest import Ingested

    items = [
        Ingested(RawArticle(id="a", text=STORY), None),
        EmptyInputError("x.txt", "empty input"),
        Ingested(RawArticle(id="a", text=STORY), None),
    ]
    outcomes = [(o.outcome, o.article_id) for o in pipeline.ingest(store, items)]
    assert outcomes == [("added", "a"), ("failed", None), ("unchanged", "a")]


@pytest.mark.sqlite_only
def test_a_full_database_stops_the_run_at_the_first_failed_write(
    pipeline: Pipeline, store: SQLiteStore
) -> None:
    from localties.errors import StoreUnavailableError
    from localties.ingest import Ingested

    store._db.execute("PRAGMA journal_mode = DELETE")  # pages are written to the file itself
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages + 2}")  # a disk with two pages left
    items = (
        Ingested(RawArticle(id=f"a{n}", text=STORY.replace("March 3", f"March {n % 28 + 1}") * 40))
        for n in range(50)
    )
    stored = []
    with pytest.raises(StoreUnavailableError, match="takes no more writes"):
        for outcome in pipeline.ingest(store, items):
            stored.append(outcome.article_id)
    assert len(stored) < 50  # it stopped, it did not report every remaining article
    count = store._db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert count == len(stored)
    assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
def test_worker_processes_give_the_one_process_output(pipeline: Pipeline) -> None:
    """Past the small-input threshold `jobs=2` parses in two worker processes; below it,
    in this one. Either way the results are the same, in input order."""
    import dataclasses
    from pathlib import Path

    from localties.ingest import articles_only, read_inputs
    from localties.pipeline import SMALL_INPUT

    sample = Path(__file__).resolve().parent.parent / "src" / "localties" / "data" / "sample"
    base = list(articles_only(read_inputs([sample])))
    many = [
        dataclasses.replace(base[n % len(base)], id=f"copy-{n}") for n in range(SMALL_INPUT + 7)
    ]
    alone = [r.to_contract() for r in pipeline.extract(many, jobs=1)]  # type: ignore[union-attr]
    spread = [r.to_contract() for r in pipeline.extract(many, jobs=2)]  # type: ignore[union-attr]
    assert [r["article"]["id"] for r in spread] == [a.id for a in many]
    assert spread == alone


@pytest.mark.slow
def test_an_article_that_fails_in_a_worker_keeps_its_place(pipeline: Pipeline) -> None:
    """In the worker processes too, an article spaCy cannot take is reported in its
    place, naming it, and the run goes on to the next."""
    import dataclasses
    from pathlib import Path

    from localties.errors import ExtractionError
    from localties.ingest import articles_only, read_inputs
    from localties.pipeline import SMALL_INPUT

    sample = Path(__file__).resolve().parent.parent / "src" / "localties" / "data" / "sample"
    base = list(articles_only(read_inputs([sample])))
    many = [
        dataclasses.replace(base[n % len(base)], id=f"copy-{n}") for n in range(SMALL_INPUT + 3)
    ]
    huge = "Hanoi hosted talks. " * (pipeline.nlp.max_length // 20 + 10)
    many[70] = dataclasses.replace(many[70], id="too-long", origin="too-long.json", text=huge)
    results = list(pipeline.extract(many, jobs=2))
    assert len(results) == len(many)
    failed = results[70]
    assert isinstance(failed, ExtractionError) and "too-long" in str(failed), failed
    assert all(not isinstance(r, ExtractionError) for i, r in enumerate(results) if i != 70)
    assert [r.id for r in results if not isinstance(r, ExtractionError)] == [  # type: ignore[union-attr]
        a.id for i, a in enumerate(many) if i != 70
    ]
