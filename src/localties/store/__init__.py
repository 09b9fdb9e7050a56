"""Storage of articles and extraction results: the `Store` interface and its SQLite backend."""

from __future__ import annotations

import os
from pathlib import Path

from localties.store.base import AddOutcome, ArticleSummary, Store, StoredArticle
from localties.store.sqlite import SQLiteStore

DB_ENV = "LOCALTIES_DB"
DEFAULT_DB = "localties.db"


def default_db_path() -> Path:
    """Return `$LOCALTIES_DB` if set, else `localties.db` in the working directory."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def open_store(path: str | Path | None = None) -> SQLiteStore:
    """Open (creating and migrating as needed) the database at `path` or the default."""
    return SQLiteStore(path if path is not None else default_db_path())


__all__ = [
    "DB_ENV",
    "DEFAULT_DB",
    "AddOutcome",
    "ArticleSummary",
    "SQLiteStore",
    "Store",
    "StoredArticle",
    "default_db_path",
    "open_store",
]
