"""SQLite store: one database file, migrated on open (see `localties.store.sql`).

Writers take the file's write lock at the start of each transaction (`BEGIN
IMMEDIATE`), so processes take turns; readers never wait, thanks to the write-ahead log.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from localties.errors import StoreError, StoreUnavailableError
from localties.store.migrations import MIGRATIONS, SCHEMA_VERSION
from localties.store.sql import SQLStore

log = logging.getLogger(__name__)

_UNAVAILABLE = ("database or disk is full", "readonly database", "disk i/o error", "unable to open")


class SQLiteStore(SQLStore):
    """A localties database in one SQLite file, migrated to the latest schema on open.

    Use as a context manager, or call `close()`:

        with SQLiteStore("localties.db") as store:
            store.add_article(article, view)
    """

    _errors = (sqlite3.Error,)
    _no_limit = -1

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.name = self.location = str(self.path)
        try:
            self._sqlite = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc
        self._db = self._sqlite
        try:
            self._sqlite.execute("PRAGMA foreign_keys = ON")
            self._sqlite.execute("PRAGMA busy_timeout = 30000")
            migrate(self._sqlite, self.name)
            _write_ahead_log(self._sqlite, self.name)
        except sqlite3.Error as exc:
            self._sqlite.close()
            raise StoreError(f"{self.path}: cannot use database: {exc}") from exc
        except StoreError:
            self._sqlite.close()
            raise

    def close(self) -> None:
        """Close the connection."""
        self._sqlite.close()

    @property
    def schema_version(self) -> int:
        """The database's `PRAGMA user_version`."""
        return int(self._sqlite.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._sqlite
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.in_transaction:  # SQLite rolls back by itself on a full disk
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _unavailable(self, exc: Exception) -> None:
        message = str(exc).lower()
        if any(cue in message for cue in _UNAVAILABLE):
            raise StoreUnavailableError(
                f"{self.path}: the database takes no more writes: {exc}"
            ) from exc

    def _search_sql(self, columns: str) -> str:
        return (
            f"SELECT {columns} FROM articles_fts f JOIN articles a ON a.pk = f.rowid "
            "WHERE articles_fts MATCH ? ORDER BY f.rank LIMIT ?"
        )

    def _search_queries(self, search: str) -> list[str]:
        # FTS5 query syntax when it parses as such, else all of the words as given
        return [search, _quote_words(search)]


def migrate(db: sqlite3.Connection, name: str) -> int:
    """Run the migration steps `db` has not run yet, each in its own transaction.

    Each step takes the write lock (`BEGIN IMMEDIATE`) before it reads the schema
    version, so processes that open a new database at the same moment take turns: the
    second finds the step done and skips it. Returns the schema version reached.

    Raises:
        StoreError: the database is newer than this code, or a step fails.
    """
    while True:
        try:
            db.execute("BEGIN IMMEDIATE")
            current = int(db.execute("PRAGMA user_version").fetchone()[0])
            if current > SCHEMA_VERSION:
                db.execute("ROLLBACK")
                raise StoreError(
                    f"{name}: schema version {current} is newer than this localties "
                    f"(knows up to {SCHEMA_VERSION}); upgrade localties"
                )
            if current == SCHEMA_VERSION:
                db.execute("COMMIT")
                return SCHEMA_VERSION
            for statement in _statements(MIGRATIONS[current]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {current + 1}")
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise StoreError(f"{name}: migration failed: {exc}") from exc
        log.info("%s: migrated to schema version %d", name, current + 1)


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of a migration script, one at a time (comments kept with them)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""
    if buffer.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in buffer.splitlines()
    ):
        raise sqlite3.OperationalError(f"incomplete statement in migration: {buffer[:60]!r}")


def _write_ahead_log(db: sqlite3.Connection, name: str) -> None:
    """WAL journaling, so readers (the sqlite3 shell, Datasette) never wait for a writer."""
    try:
        db.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as exc:  # a read-only folder: the default journal still works
        log.info("%s: keeps its rollback journal (%s)", name, exc)


def _quote_words(query: str) -> str:
    words = query.split()
    return " ".join('"' + word.replace('"', '""') + '"' for word in words) or '""'
