"""Shared fixtures: a real SQLite database file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from localties.store import SQLiteStore


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Path of a database file that does not exist yet."""
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[SQLiteStore]:
    """A freshly migrated store on a real file, closed after the test."""
    with SQLiteStore(db_path) as opened:
        yield opened
