"""Storage of articles and extraction results: the `Store` interface, its SQLite backend
(a file, the default) and its PostgreSQL backend (`postgresql://...`, for a team)."""

from __future__ import annotations

import os
from pathlib import Path

from localties.store.base import AddOutcome, ArticleSummary, Store, StoredArticle
from localties.store.postgres import PostgresStore
from localties.store.sql import SQLStore
from localties.store.sqlite import SQLiteStore
from localties.store.target import DbUrl, is_postgres

DB_ENV = "LOCALTIES_DB"
DEFAULT_DB = "localties.db"


def default_db_path() -> Path:
    """Return `$LOCALTIES_DB` if set, else `localties.db` in the working directory."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


Target = Path | DbUrl  # what `--db` names: a SQLite file or a PostgreSQL database


def db_target(value: str | Path | DbUrl) -> Target:
    """A `--db` value as a file path or a database URL."""
    if isinstance(value, DbUrl | Path):
        return value
    return DbUrl(value) if is_postgres(value) else Path(value)


def open_store(target: str | Path | DbUrl | None = None) -> SQLStore:
    """Open (creating and migrating as needed) the database `target` names: a
    `postgresql://` URL, else a SQLite file; `$LOCALTIES_DB` or `localties.db` if None."""
    if target is None:
        target = os.environ.get(DB_ENV) or DEFAULT_DB
    target = db_target(target)
    if isinstance(target, DbUrl):
        return PostgresStore(target)
    return SQLiteStore(target)


__all__ = [
    "DB_ENV",
    "DEFAULT_DB",
    "AddOutcome",
    "ArticleSummary",
    "DbUrl",
    "PostgresStore",
    "SQLStore",
    "SQLiteStore",
    "Store",
    "StoredArticle",
    "Target",
    "db_target",
    "default_db_path",
    "is_postgres",
    "open_store",
]
