"""PostgreSQL store: the same schema, migrations and queries as SQLite, for a team.

`--db postgresql://user@host/db` (or `LOCALTIES_DB`) opens it. The tables live in the
connection's current schema (a URL may choose one with `?options=-csearch_path%3Dname`),
and `localties_schema` there records the migration step reached, counted as SQLite
counts `PRAGMA user_version`. The migration steps are SQLite's, translated statement by
statement (`INTEGER` -> `BIGINT`, `REAL` -> `DOUBLE PRECISION`, text in the "C"
collation so that rows sort as they do in SQLite), except the two full-text tables:
here they are plain tables with a generated `tsvector` (the `simple` configuration
over `unaccent`, so that `Chinh` finds `Chính`) and a GIN index. The `unaccent`
extension must exist or be creatable by the connecting role (it is a trusted extension).

Writers take turns as in SQLite: each write transaction first takes a transaction-level
advisory lock of the schema, so two ingests and an extract writing at once serialise
their writes; readers never wait.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

from localties.errors import StoreError, StoreUnavailableError
from localties.store.migrations import MIGRATIONS, SCHEMA_VERSION
from localties.store.pgconn import PgConnection
from localties.store.sql import SQLStore
from localties.store.sqlite import _statements
from localties.store.target import DbUrl, redact

log = logging.getLogger(__name__)

_LOCK = 0x10CA17  # the advisory lock class of localties' writers (the schema is the key)


class PostgresStore(SQLStore):
    """A localties database in a PostgreSQL schema, migrated to the latest step on open.

    with PostgresStore("postgresql://localties@127.0.0.1/news") as store:
        store.add_article(article, view)
    """

    _no_limit = None

    def __init__(self, url: str | DbUrl) -> None:
        import psycopg

        url = url.url if isinstance(url, DbUrl) else url
        self.url = self.location = url
        self.name = redact(url)
        self._errors = (psycopg.Error,)
        try:
            self._pg = PgConnection(url)
        except psycopg.Error as exc:
            raise StoreUnavailableError(f"{self.name}: cannot connect: {_first_line(exc)}") from exc
        self._db = self._pg
        try:
            migrate(self._pg, self.name)
        except psycopg.Error as exc:
            self._pg.close()
            raise StoreError(f"{self.name}: cannot use database: {_first_line(exc)}") from exc
        except StoreError:
            self._pg.close()
            raise

    def close(self) -> None:
        """Close the connection."""
        self._pg.close()

    @property
    def schema_version(self) -> int:
        """The migration step recorded in `localties_schema`."""
        return _version(self._pg)

    @contextmanager
    def _transaction(self) -> Iterator[PgConnection]:
        db = self._pg
        db.execute("BEGIN")
        try:
            db.execute("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))", (_LOCK,))
            yield db
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _unavailable(self, exc: Exception) -> None:
        import psycopg

        if isinstance(exc, psycopg.OperationalError) or getattr(exc, "sqlstate", "") in (
            "53100",  # disk full
            "25006",  # read-only transaction
        ):
            raise StoreUnavailableError(
                f"{self.name}: the database takes no more writes: {_first_line(exc)}"
            ) from exc

    def _search_sql(self, columns: str) -> str:
        return (
            f"SELECT {columns} FROM articles_fts f JOIN articles a ON a.pk = f.rowid, "
            "to_tsquery('simple', localties_fold(?)) q WHERE f.doc @@ q "
            "ORDER BY ts_rank(f.doc, q) DESC, a.pk LIMIT ?"
        )

    def _search_queries(self, search: str) -> list[str]:
        return [tsquery(search, operators=True), tsquery(search, operators=False)]


def tsquery(text: str, *, operators: bool) -> str:
    """A user's search as a `to_tsquery` string: its words joined by `&`; with
    `operators`, FTS5's `AND`, `OR`, `NOT` and a trailing `*` (a prefix) are kept."""
    out: list[str] = []
    for token in text.split():
        word = "".join(c for c in token if c.isalnum())
        if operators and token in ("AND", "OR", "NOT"):
            out.append({"AND": "&", "OR": "|", "NOT": "& !"}[token])
            continue
        if not word:
            continue
        term = word + (":*" if operators and token.endswith("*") else "")
        if out and out[-1] not in ("&", "|", "& !"):
            out.append("&")
        out.append(term)
    while out and out[-1] in ("&", "|", "& !"):
        out.pop()
    while out and out[0] in ("&", "|", "& !"):
        out.pop(0)
    return " ".join(out) or "''"


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# -- migrations ----------------------------------------------------------------------

_FOLD = """
CREATE OR REPLACE FUNCTION localties_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$
"""

# The two FTS5 tables, as tables with a generated search vector.
_FULL_TEXT = {
    "articles_fts": [
        "CREATE TABLE articles_fts (rowid BIGINT PRIMARY KEY, title TEXT, body TEXT, "
        "doc tsvector GENERATED ALWAYS AS (to_tsvector('simple', "
        "localties_fold(coalesce(title, '') || ' ' || coalesce(body, '')))) STORED)",
        "CREATE INDEX articles_fts_doc ON articles_fts USING gin (doc)",
    ],
    "events_fts": [
        'CREATE TABLE events_fts (event_id TEXT COLLATE "C", body TEXT, '
        "doc tsvector GENERATED ALWAYS AS "
        "(to_tsvector('simple', localties_fold(coalesce(body, '')))) STORED)",
        "CREATE INDEX events_fts_event ON events_fts (event_id)",
        "CREATE INDEX events_fts_doc ON events_fts USING gin (doc)",
    ],
}
_VIRTUAL = re.compile(r"CREATE VIRTUAL TABLE (\w+)")


def translate(statement: str) -> list[str]:
    """One SQLite migration statement as the PostgreSQL statements that do the same."""
    virtual = _VIRTUAL.search(statement)
    if virtual:
        return _FULL_TEXT[virtual.group(1)]
    sql = re.sub(r"--[^\n]*", "", statement)
    sql = re.sub(
        r"\bINTEGER PRIMARY KEY\b", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", sql
    )
    sql = re.sub(r"\bINTEGER\b", "BIGINT", sql)
    sql = re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)
    sql = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', sql)
    sql = re.sub(r"\)\s*WITHOUT ROWID", ")", sql)
    return [sql.strip().rstrip(";")]


def steps() -> list[list[str]]:
    """Every migration step as PostgreSQL statements (`steps()[n]` goes n -> n + 1)."""
    return [[pg for statement in _statements(step) for pg in translate(statement)]
            for step in MIGRATIONS]  # fmt: skip


def _version(db: PgConnection) -> int:
    row = db.execute("SELECT version FROM localties_schema LIMIT 1").fetchone()
    return int(row[0]) if row else 0


def migrate(db: PgConnection, name: str) -> int:
    """Run the steps the schema has not run yet, each in its own transaction, under the
    writers' lock (so processes opening a new database at once take turns).

    Raises:
        StoreError: the schema is newer than this code, or a step fails.
    """
    import psycopg

    while True:
        db.execute("BEGIN")
        try:
            db.execute("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))", (_LOCK,))
            db.execute("CREATE TABLE IF NOT EXISTS localties_schema (version BIGINT NOT NULL)")
            current = _version(db)
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"{name}: schema version {current} is newer than this localties "
                    f"(knows up to {SCHEMA_VERSION}); upgrade localties"
                )
            if current == SCHEMA_VERSION:
                db.execute("COMMIT")
                return SCHEMA_VERSION
            if current == 0:
                _prepare(db)
            for statement in steps()[current]:
                db.execute(statement)
            db.execute("DELETE FROM localties_schema")
            db.execute("INSERT INTO localties_schema VALUES (?)", (current + 1,))
            db.execute("COMMIT")
        except (psycopg.Error, StoreError) as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"{name}: migration failed: {_first_line(exc)}") from exc
        log.info("%s: migrated to schema version %d", name, current + 1)


def _prepare(db: PgConnection) -> None:
    """The `unaccent` extension and the immutable folding function the search uses."""
    row = db.execute(
        "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
    ).fetchone()
    if row is None:
        db.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        row = db.execute(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
        ).fetchone()
    db.execute(_FOLD.format(schema=row[0]))
