"""The SQLite store: versions, search, migrations, extraction results, transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from localties.errors import IdConflictError, StaleTextError, StoreError
from localties.ingest import text_hash
from localties.model import ArticleResult
from localties.model.article import RawArticle
from localties.pipeline import Pipeline
from localties.store import SQLiteStore, open_store
from localties.store.migrations import MIGRATIONS, SCHEMA_VERSION

TEXT = "Hanoi (VNA) – Deputy Prime Minister Phạm Bình Minh received the Governor of Gunma.\n"


def article(text: str = TEXT, id: str = "a1", **kw: Any) -> RawArticle:
    return RawArticle(id=id, text=text, origin=f"{id}.json", **kw)


def result(article_id: str, meetings: int = 1) -> ArticleResult:
    return ArticleResult.from_contract(contract(article_id, meetings))


def contract(article_id: str, meetings: int = 1) -> dict[str, Any]:
    return {
        "article": {"id": article_id, "published": None, "source": "VNA", "dateline": None},
        "meetings": [
            {"date": None, "place": None, "participants": [], "evidence": [{"start": 0, "end": 9}]}
        ]
        * meetings,
        "agreements": [],
        "statements": [],
        "exchange_events": [],
        "ties": [
            {
                "a": "VN",
                "b": "JP-10",
                "evidence": [{"start": 40, "end": 50}, {"start": 5, "end": 8}],
            }
        ],
        "facts": [],
        "topics": ["trade", "labour"],
        "entities": [
            {
                "type": "place",
                "id": "JP-10",
                "name": "Gunma",
                "mentions": [{"start": 76, "end": 81}],
            }
        ],
    }


def test_new_database_is_at_latest_schema(store: SQLiteStore) -> None:
    assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
    assert store.count_articles() == 0


def test_reingest_is_a_no_op_and_changed_text_a_new_version(
    store: SQLiteStore, add: Callable[..., str]
) -> None:
    assert add(article()) == "added"
    assert add(article()) == "unchanged"
    assert add(article(TEXT + "More.\n")) == "updated"
    assert add(article()) == "updated"  # a revert to the earlier text is a new version
    assert store.get_article("a1").version == 3  # type: ignore[union-attr]
    assert add(article()) == "unchanged"
    assert add(article(title="A new title")) == "updated"  # metadata only: same version
    stored = store.get_article("a1")
    assert stored is not None and (stored.version, stored.title) == (3, "A new title")
    assert store.count_articles() == 1
    assert stored.text == TEXT
    assert [v for v, _, _ in store.versions("a1")] == [1, 2, 3]


def test_text_is_stored_exactly_and_streams_back(
    store: SQLiteStore, add: Callable[..., str]
) -> None:
    weird = "  line one\r\n\tline two \u00a0\n\n"
    add(article(weird, id="w", url="https://example.org/w", published="2024-01-02"))
    add(article(id="z"))
    back = list(store.iter_articles())
    assert [a.id for a in back] == ["w", "z"]
    assert back[0] == RawArticle(
        id="w", text=weird, url="https://example.org/w", published="2024-01-02", origin="w.json"
    )
    assert [a.id for a in store.iter_articles(["z", "missing", "w"])] == ["z", "w"]


def test_search_ignores_diacritics_and_case(store: SQLiteStore, add: Callable[..., str]) -> None:
    add(article())
    add(article("Osaka and Ho Chi Minh City signed an MoU.", id="b"))
    assert [a.id for a in store.list_articles(search="pham binh")] == ["a1"]
    assert [a.id for a in store.list_articles(search="Phạm")] == ["a1"]
    assert {a.id for a in store.list_articles(search="osaka OR gunma")} == {"a1", "b"}
    assert store.list_articles(search='"unbalanced') == []  # bad FTS syntax falls back to words
    assert store.list_articles(search="Kyoto") == []


def test_search_follows_new_versions(store: SQLiteStore, add: Callable[..., str]) -> None:
    add(article())
    add(article("Now a story about Nagano.", id="a1"))
    assert store.list_articles(search="Gunma") == []
    assert [a.id for a in store.list_articles(search="Nagano")] == ["a1"]


def test_migrates_an_existing_older_database(db_path: Path, pipeline: Pipeline) -> None:
    db = sqlite3.connect(db_path)
    db.executescript(MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    db.execute(
        "INSERT INTO articles (id, version, hash, text, origin, ingested_at) "
        "VALUES ('old', 1, 'h', 'An old article about Chiba.', 'x', '2024-01-01')"
    )
    db.commit()
    db.close()
    with SQLiteStore(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert [a.id for a in store.iter_articles()] == ["old"]
        store.add_article(article(), pipeline.clean(article()))
        assert store.replace_extraction(result("a1"), "test/1", text_hash=text_hash(TEXT)) == 5


def test_refuses_a_newer_schema(db_path: Path) -> None:
    db = sqlite3.connect(db_path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer than this localties"):
        SQLiteStore(db_path)


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is a text file, not SQLite " * 100)
    with pytest.raises(StoreError, match=r"notes\.db"):
        open_store(path)


def test_default_path_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOCALTIES_DB", str(tmp_path / "env.db"))
    with open_store() as store:
        assert store.path == tmp_path / "env.db"
    assert (tmp_path / "env.db").exists()


def test_replace_extraction_replaces(store: SQLiteStore, add: Callable[..., str]) -> None:
    add(article())
    assert (
        store.replace_extraction(result("a1", meetings=3), "test/1", text_hash=text_hash(TEXT)) == 7
    )
    assert (
        store.replace_extraction(result("a1", meetings=1), "test/2", text_hash=text_hash(TEXT)) == 5
    )
    assert store.record_counts("a1") == {"entity": 1, "meeting": 1, "tie": 1, "topic": 2}
    assert store.get_extraction("a1") == result("a1", meetings=1)
    rows = store._db.execute(
        "SELECT evidence_start, evidence_end, extractor_version FROM records WHERE kind = 'tie'"
    ).fetchall()
    assert rows == [(5, 50, "test/2")]


def test_replace_extraction_of_unknown_article(store: SQLiteStore) -> None:
    with pytest.raises(StoreError, match="no such article"):
        store.replace_extraction(result("nope"), "test/1", text_hash=text_hash(TEXT))
    assert store.record_counts() == {}


def test_failed_extraction_write_keeps_previous_results(
    store: SQLiteStore, add: Callable[..., str]
) -> None:
    add(article())
    store.replace_extraction(result("a1"), "test/1", text_hash=text_hash(TEXT))
    bad = contract("a1", meetings=2)
    bad["facts"] = [{"kind": "diaspora", "evidence": [{"start": 2**70, "end": 2**70 + 1}]}]
    with pytest.raises(StoreError):
        store.replace_extraction(
            ArticleResult.from_contract(bad), "test/2", text_hash=text_hash(TEXT)
        )
    assert store.get_extraction("a1") == result("a1")
    assert store.record_counts("a1")["meeting"] == 1


def test_extraction_of_a_text_no_longer_current_is_refused(
    store: SQLiteStore, add: Callable[..., str]
) -> None:
    add(article())
    add(article("A rewritten story about Gunma.", id="a1"))
    with pytest.raises(StaleTextError, match="changed"):
        store.replace_extraction(result("a1"), "test/1", text_hash=text_hash(TEXT))
    assert store.get_extraction("a1") is None
    assert store.record_counts() == {}
    fresh = text_hash("A rewritten story about Gunma.")
    assert store.replace_extraction(result("a1"), "test/1", text_hash=fresh) == 5
    row = store._db.execute("SELECT article_version, text_hash FROM extractions").fetchone()
    assert row == (2, fresh)


def test_new_version_drops_stale_extraction(store: SQLiteStore, add: Callable[..., str]) -> None:
    add(article())
    store.replace_extraction(result("a1"), "test/1", text_hash=text_hash(TEXT))
    add(article("A rewritten story about Gunma.", id="a1"))
    assert store.get_extraction("a1") is None
    assert store.record_counts() == {}


def test_failure_mid_write_leaves_nothing_half_written(
    store: SQLiteStore, add: Callable[..., str]
) -> None:
    add(article())
    # A real database failure after the first two writes of a new version.
    if isinstance(store, SQLiteStore):
        store._db.execute(
            "CREATE TRIGGER fail AFTER UPDATE ON articles "
            "BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
        )
    else:
        store._db.execute(
            "CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql "
            "AS $$ BEGIN RAISE EXCEPTION 'disk says no'; END $$"
        )
        store._db.execute(
            "CREATE TRIGGER fail AFTER UPDATE ON articles FOR EACH ROW EXECUTE FUNCTION fail()"
        )
    with pytest.raises(StoreError, match="disk says no"):
        add(article("Changed text about Gunma.", id="a1"))
    stored = store.get_article("a1")
    assert stored is not None and (stored.version, stored.text) == (1, TEXT)
    assert store.versions("a1") == [(1, stored.hash, stored.ingested_at)]
    assert [a.id for a in store.list_articles(search="Phạm")] == ["a1"]
    assert store._db.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 1


def test_an_id_arriving_with_another_url_and_unrelated_text_is_refused(
    store: SQLiteStore, add: Callable[..., str]
) -> None:
    first = "Governor Hirai of Tottori met the chairman of Hai Phong city on trade ties."
    add(RawArticle(id="a-1", text=first, url="https://news.example/a/1"))
    # an update of the same story from the same page (another spelling of the URL)
    revised = first + " The two sides agreed to meet again next spring."
    assert add(RawArticle(id="a-1", text=revised, url="http://www.news.example/a/1/")) == "updated"
    # a revision moved to another URL is still a revision
    assert add(RawArticle(id="a-1", text=first, url="https://news.example/b/7")) == "updated"
    unrelated = "A rice festival in Can Tho drew forty thousand visitors over three days."
    with pytest.raises(IdConflictError, match=r"a-1.*news\.example/b/7.*unrelated"):
        add(RawArticle(id="a-1", text=unrelated, url="https://other.example/x"))
    stored = store.get_article("a-1")
    assert stored is not None and stored.text == first  # nothing versioned over
    # without a URL on either side there is nothing to tell them apart: a new version
    assert add(RawArticle(id="a-1", text=unrelated)) == "updated"
