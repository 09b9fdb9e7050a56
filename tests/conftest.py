"""Shared fixtures: the packaged knowledge and pipeline, a real SQLite database per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from localties.knowledge import Knowledge, load_knowledge
from localties.model.article import RawArticle
from localties.pipeline import Pipeline
from localties.store import SQLiteStore


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The packaged gazetteer, registry and word lists, loaded once for the session."""
    return load_knowledge()


@pytest.fixture(scope="session")
def pipeline(knowledge: Knowledge) -> Pipeline:
    """The pipeline over the packaged knowledge (spaCy is built on first use)."""
    return Pipeline(knowledge)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Path of a database file that does not exist yet."""
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[SQLiteStore]:
    """A freshly migrated store on a real file, closed after the test."""
    with SQLiteStore(db_path) as opened:
        yield opened


@pytest.fixture
def add(store: SQLiteStore, pipeline: Pipeline) -> Callable[..., str]:
    """Store an article the way ingest does: cleaned by the pipeline first."""

    def add_article(raw: RawArticle, **kw: Any) -> str:
        return store.add_article(raw, pipeline.clean(raw), **kw)

    return add_article
