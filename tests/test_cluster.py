"""Extraction on a real Dask LocalCluster gives exactly what one process gives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from localties.cli import cli
from localties.cluster import connect, extract_pairs
from localties.ingest import articles_only, read_inputs
from localties.pipeline import Pipeline
from localties.store import DbUrl, Target, open_store

pytestmark = pytest.mark.slow
SAMPLE = Path(__file__).resolve().parent.parent / "src" / "localties" / "data" / "sample"


def test_a_local_cluster_gives_the_single_process_output(pipeline: Pipeline) -> None:
    articles = list(articles_only(read_inputs([SAMPLE])))
    alone = [r.to_contract() for r in pipeline.extract(articles)]  # type: ignore[union-attr]
    with connect("local:2") as client:
        spread = list(extract_pairs(iter(articles), client, partition=3))
    assert [raw.id for raw, _ in spread] == [a.id for a in articles]  # input order
    assert [r.to_contract() for _, r in spread] == alone  # type: ignore[union-attr]


def test_extract_dask_into_the_database(another_db: Callable[[str], Target]) -> None:
    """SQLite: the client writes what the workers send back. PostgreSQL: the workers
    write to the shared store themselves. Either way the store equals a local run."""
    runner = CliRunner()
    one, two = another_db("one"), another_db("two")
    for db in (one, two):
        assert runner.invoke(cli, ["ingest", "-q", "--db", _arg(db), str(SAMPLE)]).exit_code == 0
    assert runner.invoke(cli, ["extract", "-q", "--db", _arg(one)]).exit_code == 0
    result = runner.invoke(cli, ["extract", "--db", _arg(two), "--dask", "local:2"])
    assert result.exit_code == 0, result.output
    assert "extracted 17 article(s)" in result.output

    def rows(db: Target) -> list[tuple[str, str]]:
        with open_store(db) as store:
            return [
                tuple(row)
                for row in store._db.execute(
                    "SELECT article_id, result FROM extractions ORDER BY article_id"
                ).fetchall()
            ]

    assert rows(one) == rows(two) and len(rows(one)) == 17


def _arg(db: Target) -> str:
    return db.url if isinstance(db, DbUrl) else str(db)


def test_an_unreachable_scheduler_is_one_error() -> None:
    result = CliRunner().invoke(
        cli, ["extract", "--json", str(SAMPLE), "--dask", "tcp://127.0.0.1:1"]
    )
    assert result.exit_code == 1 and "cannot reach the Dask scheduler" in result.output
