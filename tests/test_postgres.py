"""PostgreSQL and SQLite hold the same schema and give the same results.

The rest of the suite runs on both backends through the `store`, `db_target` and
`sample_db` fixtures; these tests compare the two directly.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import new_schema
from localties.cli import cli
from localties.store import DbUrl, PostgresStore, SQLiteStore, open_store
from localties.store.pgconn import to_pyformat
from localties.store.postgres import tsquery
from localties.store.queries import Reader
from localties.store.target import redact

pytestmark = pytest.mark.postgres

# Columns whose values are the moment of writing, not results.
_CLOCK = {"ingested_at", "extracted_at", "retired_at", "seen_at", "checked_at", "at"}


def _sqlite_columns(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as db:
        names = [
            n
            for (n,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        out = {}
        for name in names:
            if name.rsplit("_", 1)[-1] in ("data", "idx", "content", "docsize", "config"):
                continue  # FTS5's shadow tables
            out[name] = [row[1] for row in db.execute(f"PRAGMA table_info({name})")]
    return out


def _pg_columns(store: PostgresStore) -> dict[str, list[str]]:
    rows = store._db.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
    ).fetchall()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        if table == "localties_schema" or column == "doc":
            continue  # the migration counter, and the search vectors of the FTS tables
        out.setdefault(table, []).append(column)
    return out


def test_both_backends_have_the_same_tables_and_columns(tmp_path: Path, pg_server: str) -> None:
    path = tmp_path / "schema.db"
    SQLiteStore(path).close()
    with PostgresStore(new_schema(pg_server)) as pg:
        assert pg.schema_version == SQLiteStore(path).schema_version
        pg_tables = _pg_columns(pg)
    lite = _sqlite_columns(path)
    lite["articles_fts"] = ["rowid", "title", "body"]  # FTS5 keeps the rowid implicit
    assert pg_tables == lite


def _rows(store: Any, table: str) -> list[tuple[Any, ...]]:
    cursor = store._db.execute(f"SELECT * FROM {table} LIMIT 0")
    columns = [d[0] for d in cursor.description if d[0] not in _CLOCK and d[0] != "doc"]
    rows = store._db.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
    return sorted((tuple(r) for r in rows), key=repr)


def test_the_sample_gives_the_same_rows_on_both(sample_sqlite: Path, sample_pg: DbUrl) -> None:
    tables = [t for t in _sqlite_columns(sample_sqlite) if t != "articles_fts"]
    with SQLiteStore(sample_sqlite) as lite, open_store(sample_pg) as pg:
        for table in [*tables, "events_fts"]:
            if table == "events_fts":
                assert sorted(_rows(lite, table)) == sorted(_rows(pg, table)), table
                continue
            assert _rows(lite, table) == _rows(pg, table), table
        assert [a.id for a in lite.list_articles()] == [a.id for a in pg.list_articles()]
        assert list(lite.events()) == list(pg.events())


def test_the_reader_answers_the_same_on_both(sample_sqlite: Path, sample_pg: DbUrl) -> None:
    lite, pg = Reader(sample_sqlite), Reader(sample_pg)
    try:
        calls: list[tuple[str, dict[str, Any]]] = [
            ("counts", {}),
            ("timeline", {}),
            ("timeline", {"place": "JP"}),
            ("events", {"limit": 5}),
            ("events", {"sort": "-date", "limit": 500}),
            ("events", {"q": "chinh"}),
            ("events", {"q": "Tỉnh Thái Bình"}),
            ("events", {"place": "VN", "also": "JP-10", "kind": "meeting"}),
            ("events", {"date_from": "2023", "date_to": "2023-12"}),
            ("persons", {"q": "pham"}),
            ("places", {"q": "gun"}),
            ("places", {"country": "JP", "limit": 100}),
            ("articles", {"q": "hai phong"}),
            ("articles", {"limit": 3}),
            ("network", {}),
            ("network", {"place": "JP-14"}),
        ]
        for table in ("meetings", "agreements", "statements", "exchange_events", "ties", "facts"):
            calls.append(("records", {"table": table, "limit": 500}))
            calls.append(("records", {"table": table, "place": "JP"}))
        for name, kwargs in calls:
            mine, theirs = getattr(lite, name)(**kwargs), getattr(pg, name)(**kwargs)
            assert mine == theirs, (name, kwargs)
        first = lite.events(limit=2)
        assert first.next_cursor is not None
        assert lite.events(cursor=first.next_cursor) == pg.events(cursor=first.next_cursor)
        some = lite.events(limit=1).rows[0]["id"]
        assert lite.event(some) == pg.event(some)
    finally:
        lite.close()
        pg.close()


def test_search_ignores_diacritics_on_postgres(sample_pg: DbUrl) -> None:
    with open_store(sample_pg) as pg:
        plain = {a.id for a in pg.list_articles(search="Chinh")}
        marked = {a.id for a in pg.list_articles(search="Chính")}
        assert plain and plain == marked
        assert {a.id for a in pg.list_articles(search="Chin*")} >= plain  # a prefix
        assert pg.list_articles(search="Chinh AND nonexistentword") == []
        assert pg.list_articles(search='"unbalanced (quote') == []  # refused syntax: words


def test_a_server_that_does_not_answer_is_one_line() -> None:
    result = CliRunner().invoke(
        cli, ["articles", "--db", "postgresql://someone:secret@127.0.0.1:1/none"]
    )
    assert result.exit_code == 1
    (line,) = [x for x in result.output.splitlines() if x.strip()]
    assert "cannot connect" in line and "secret" not in line and "127.0.0.1:1" in line


def test_parameters_and_queries_are_rewritten_for_psycopg() -> None:
    assert to_pyformat("SELECT ? WHERE a LIKE '%?%' AND b = :name") == (
        "SELECT %s WHERE a LIKE '%%?%%' AND b = %(name)s"
    )
    assert to_pyformat("SELECT x::text, 5 % 2") == "SELECT x::text, 5 %% 2"
    assert tsquery("Pham AND Chiba", operators=True) == "Pham & Chiba"
    assert tsquery("agri* OR trade", operators=True) == "agri:* | trade"
    assert tsquery("(broken", operators=True) == "broken"
    assert tsquery("", operators=False) == "''"
    assert redact("postgresql://u:pw@h:5/db") == "postgresql://u:***@h:5/db"
