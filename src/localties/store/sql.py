"""The store's logic in SQL both backends speak: articles (versioned), full-text search,
extraction results, the knowledge base and followed feeds.

`SQLStore` holds every query; a backend (`SQLiteStore`, `PostgresStore`) supplies the
connection, its transactions and migrations, and the few statements the two dialects
write differently (full-text search, "no limit"). Statements use `?` and `:name`
parameters; the PostgreSQL connection rewrites them for its driver. Every write runs
in its own transaction: an article, or one article's extraction, is stored whole or
not at all.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, Protocol, Self

from localties.errors import (
    IdConflictError,
    StaleTextError,
    StoreError,
    printable,
)
from localties.ingest import text_hash
from localties.kb.places import PlaceRow
from localties.model import ArticleResult, Edtf, Evidence, PlaceEntity
from localties.model.article import CleanView, RawArticle
from localties.model.events import Correction, Event, Merge
from localties.store.base import AddOutcome, ArticleSummary, StoredArticle
from localties.store.queries import event_filters

log = logging.getLogger(__name__)

# Contract list field -> record kind stored per row. `topics` are plain strings.
RECORD_KINDS: dict[str, str] = ArticleResult.RECORD_KINDS

_BATCH = 200
_ARTICLE_COLUMNS = (
    "id, version, hash, text, raw, url, title, published, input_published, source, dateline, "
    "origin, ingested_at"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_WORD = re.compile(r"\w+")


def _url_key(url: str | None) -> str:
    """A URL without scheme, `www.`, query or trailing slash: two spellings of one page."""
    if not url:
        return ""
    rest = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower()).split("#")[0].split("?")[0]
    return rest.removeprefix("www.").rstrip("/")


def _shingles(text: str, limit: int = 50_000) -> set[tuple[str, ...]]:
    words = _WORD.findall(text[:limit].lower())
    return {tuple(words[i : i + 3]) for i in range(max(0, len(words) - 2))}


def _other_article(old_url: str | None, old_text: str, url: str | None, text: str) -> bool:
    """Whether a new text for a stored id is another article, not a revision: it comes
    from another URL (both known) and shares under a fifth of its word triples with the
    stored text (a corrected or updated story shares most of them)."""
    a, b = _url_key(old_url), _url_key(url)
    if not a or not b or a == b:
        return False
    old, new = _shingles(old_text), _shingles(text)
    if not old or not new:
        return True
    return len(old & new) / min(len(old), len(new)) < 0.2


class Connection(Protocol):
    """What the store needs of a database connection (`Connection` has it; the
    PostgreSQL backend wraps psycopg's in it)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any: ...


class SQLStore:
    """The queries of a localties database; subclasses open the connection.

    Use as a context manager, or call `close()`.
    """

    name: str  # what messages call the database (a file, or a URL without password)
    location: str  # what `--db` takes to open it again (a file, or the whole URL)
    _db: Connection
    _errors: tuple[type[Exception], ...]
    _no_limit: int | None  # the LIMIT parameter that means "all rows"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        raise NotImplementedError

    @property
    def schema_version(self) -> int:
        """The migration step the database has reached."""
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[Connection]:
        """One write transaction; writers take turns (the first write waits for the lock)."""
        raise NotImplementedError

    def _unavailable(self, exc: Exception) -> None:
        """Raise `StoreUnavailableError` when no later write can succeed either."""

    def _search_sql(self, columns: str) -> str:
        """Articles whose story matches the first parameter, best first, `LIMIT ?`."""
        raise NotImplementedError

    def _search_queries(self, search: str) -> list[str]:
        """What to try for a user's search, in turn, until one parses."""
        raise NotImplementedError

    # -- articles ---------------------------------------------------------------------

    def add_article(
        self, article: RawArticle, view: CleanView, *, raw: str | None = None
    ) -> AddOutcome:
        """Store `article` unless this exact text is already stored under its id.

        `view` is the article's cleaned view: its date, source and dateline are kept, and
        its story text is what full-text search reads. A text never seen for the id
        becomes a new version (the previous one moves to `article_history`, and its
        extraction results are dropped since their offsets index the old text).
        Returns what happened.
        """
        digest = text_hash(article.text)
        values = {
            "id": article.id,
            "hash": digest,
            "text": article.text,
            "raw": raw,
            "url": article.url,
            "title": article.title,
            "published": view.published,  # the input's date when valid, else the text's
            "input_published": article.published,
            "source": view.source,
            "dateline": view.dateline,
            "origin": article.origin,
            "ingested_at": _now(),
        }
        try:
            with self._transaction() as db:
                return self._add(db, values, view.text)
        except self._errors as exc:
            self._unavailable(exc)
            raise StoreError(
                f"{article.origin or article.id}: cannot store article: {exc}"
            ) from exc

    def _add(self, db: Connection, values: dict[str, Any], body: str) -> AddOutcome:
        row = db.execute(
            "SELECT pk, version, hash FROM articles WHERE id = ?", (values["id"],)
        ).fetchone()
        if row is None:
            (pk,) = db.execute(
                "INSERT INTO articles (version, id, hash, text, raw, url, title, published, "
                "input_published, source, dateline, origin, ingested_at) VALUES (1, :id, :hash, "
                ":text, :raw, :url, :title, :published, :input_published, :source, :dateline, "
                ":origin, :ingested_at) RETURNING pk",
                values,
            ).fetchone()
            db.execute(
                "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                (pk, values["title"] or "", body),
            )
            return "added"
        pk, version, current = row
        if current == values["hash"]:
            return self._same_text(db, pk, values, body)
        old_url, old_text = db.execute(
            "SELECT url, text FROM articles WHERE pk = ?", (pk,)
        ).fetchone()
        if _other_article(old_url, old_text, values["url"], values["text"]):
            raise IdConflictError(
                f"{values['origin'] or values['id']}: id {printable(values['id'])!r} is "
                f"already stored for {printable(old_url)} with an unrelated text; not "
                "stored (give this article an id of its own)"
            )
        rest = _ARTICLE_COLUMNS.removeprefix("id, ")
        db.execute(
            f"INSERT INTO article_history (article_id, {rest}) "
            f"SELECT id, {rest} FROM articles WHERE pk = ?",
            (pk,),
        )
        db.execute(
            "UPDATE articles SET version = :version, hash = :hash, text = :text, raw = :raw, "
            "url = :url, title = :title, published = :published, "
            "input_published = :input_published, source = :source, dateline = :dateline, "
            "origin = :origin, ingested_at = :ingested_at WHERE pk = :pk",
            {**values, "version": version + 1, "pk": pk},
        )
        _reindex(db, pk, values, body)
        return "updated"

    def _same_text(self, db: Connection, pk: int, values: dict[str, Any], body: str) -> AddOutcome:
        """The text is the current one: nothing changes, unless its metadata did (a new
        title, URL or date is written in place, and the extraction, which read the old
        date, is dropped so that `extract --new` redoes it)."""
        known = db.execute(
            "SELECT url, title, input_published, raw FROM articles WHERE pk = ?", (pk,)
        ).fetchone()
        given = (values["url"], values["title"], values["input_published"], values["raw"])
        if tuple(known) == given:
            return "unchanged"
        db.execute(
            "UPDATE articles SET url = :url, title = :title, published = :published, "
            "input_published = :input_published, raw = :raw, origin = :origin WHERE pk = :pk",
            {**values, "pk": pk},
        )
        _reindex(db, pk, values, body)
        return "updated"

    def get_article(self, article_id: str) -> StoredArticle | None:
        """Return the latest version of an article, or None."""
        row = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return StoredArticle(*row) if row else None

    def versions(self, article_id: str) -> list[tuple[int, str, str]]:
        """Return (version, hash, ingested_at) of every stored version, oldest first."""
        rows = self._db.execute(
            "SELECT version, hash, ingested_at FROM article_history WHERE article_id = ? "
            "UNION ALL SELECT version, hash, ingested_at FROM articles WHERE id = ? "
            "ORDER BY version",
            (article_id, article_id),
        )
        return [(int(v), str(h), str(t)) for v, h, t in rows]

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[RawArticle]:
        """Stream stored articles (latest versions): all in storage order, or `ids` in order.

        Rows are fetched in batches, so no cursor stays open between items and the
        caller may write to the store while iterating. Unknown ids are logged and skipped.
        """
        if ids is None:
            yield from self._iter_all()
            return
        batch: list[str] = []
        for article_id in ids:
            batch.append(article_id)
            if len(batch) == _BATCH:
                yield from self._iter_ids(batch)
                batch = []
        yield from self._iter_ids(batch)

    def _iter_all(self) -> Iterator[RawArticle]:
        last = 0
        while True:
            rows = self._db.execute(
                f"SELECT pk, {_ARTICLE_COLUMNS} FROM articles WHERE pk > ? ORDER BY pk LIMIT ?",
                (last, _BATCH),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            for row in rows:
                yield StoredArticle(*row[1:]).to_raw()

    def _iter_ids(self, ids: list[str]) -> Iterator[RawArticle]:
        if not ids:
            return
        marks = ", ".join("?" * len(ids))
        rows = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", ids
        ).fetchall()
        found = {row[0]: StoredArticle(*row) for row in rows}
        for article_id in ids:
            if article_id in found:
                yield found[article_id].to_raw()
            else:
                log.warning("no article with id %r in %s", article_id, self.name)

    def count_articles(self) -> int:
        """Return the number of stored articles."""
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def list_articles(
        self, *, search: str | None = None, limit: int | None = None
    ) -> list[ArticleSummary]:
        """List articles, newest ingested first, or the best matches of a full-text `search`.

        `search` uses FTS5 query syntax when it parses as such (`Pham AND Chiba`,
        `agri*`), else it matches all of its words. Matching ignores case and diacritics.
        """
        columns = (
            "a.id, a.version, a.title, a.url, a.published, a.source, length(a.text), "
            "(SELECT count(*) FROM records r WHERE r.article_id = a.id), a.origin"
        )
        bound = self._no_limit if limit is None else limit
        if not search:
            rows = self._db.execute(
                f"SELECT {columns} FROM articles a ORDER BY a.ingested_at DESC, a.pk DESC LIMIT ?",
                (bound,),
            ).fetchall()
            return [ArticleSummary(*row) for row in rows]
        sql = self._search_sql(columns)
        *tries, last = self._search_queries(search)
        for query in tries:
            try:
                rows = self._db.execute(sql, (query, bound)).fetchall()
                return [ArticleSummary(*row) for row in rows]
            except self._errors:  # not valid query syntax: try the next reading
                continue
        rows = self._db.execute(sql, (last, bound)).fetchall()
        return [ArticleSummary(*row) for row in rows]

    # -- extraction results -----------------------------------------------------------

    def replace_extraction(
        self, result: ArticleResult, extractor_version: str, *, text_hash: str
    ) -> int:
        """Replace an article's extraction results with `result`.

        `text_hash` is the hash of the text the result was extracted from: when the
        article's current text is another one (it was re-ingested meanwhile), nothing is
        written and `StaleTextError` is raised, since the result's offsets index the old
        text. The whole contract object is kept with the text version and hash it read,
        plus one `records` row per meeting, agreement, statement, exchange event, tie,
        fact, entity and topic. Returns the number of record rows written.

        Raises:
            StaleTextError: the article's current text is not the one extracted.
            StoreError: unknown article, or a failed write.
        """
        article_id = result.id
        contract = result.to_contract()
        rows = list(_record_rows(contract))
        payload = json.dumps(contract, ensure_ascii=False)
        try:
            with self._transaction() as db:
                found = db.execute(
                    "SELECT version, hash, text FROM articles WHERE id = ?", (article_id,)
                ).fetchone()
                if found is None:
                    raise StoreError(f"{article_id}: no such article in {self.name}")
                if found[1] != text_hash:
                    raise StaleTextError(
                        f"{article_id}: the text changed (now version {found[0]}) while it was "
                        "being extracted; extract it again"
                    )
                db.execute("DELETE FROM extractions WHERE article_id = ?", (article_id,))
                db.execute(
                    "INSERT INTO extractions (article_id, article_version, text_hash, "
                    "extractor_version, result, extracted_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (article_id, found[0], text_hash, extractor_version, payload, _now()),
                )
                db.executemany(
                    "INSERT INTO records (article_id, kind, data, evidence_start, evidence_end, "
                    "extractor_version) VALUES (?, ?, ?, ?, ?, ?)",
                    [(article_id, *row, extractor_version) for row in rows],
                )
                _write_record_tables(db, result, found[2])
        except OverflowError as exc:
            raise StoreError(f"{article_id}: cannot store extraction: {exc}") from exc
        except self._errors as exc:
            self._unavailable(exc)
            raise StoreError(f"{article_id}: cannot store extraction: {exc}") from exc
        return len(rows)

    def get_extraction(self, article_id: str) -> ArticleResult | None:
        """Return the stored result of an article, or None if not extracted."""
        row = self._db.execute(
            "SELECT result FROM extractions WHERE article_id = ?", (article_id,)
        ).fetchone()
        return ArticleResult.from_contract(json.loads(row[0])) if row else None

    def record_counts(self, article_id: str | None = None) -> dict[str, int]:
        """Return the number of stored records per kind, for one article or all."""
        sql = "SELECT kind, count(*) FROM records"
        args: tuple[str, ...] = ()
        if article_id is not None:
            sql += " WHERE article_id = ?"
            args = (article_id,)
        rows = self._db.execute(sql + " GROUP BY kind ORDER BY kind", args)
        return {str(kind): int(n) for kind, n in rows}

    def stale_ids(self, extractor_version: str) -> Iterator[str]:
        """Ids of the articles without a current extraction: none yet, one made by other
        rules or data, or one of a text the article no longer has."""
        rows = self._db.execute(
            "SELECT a.id FROM articles a LEFT JOIN extractions x ON x.article_id = a.id "
            "WHERE x.article_id IS NULL OR x.extractor_version != ? "
            "OR x.text_hash IS NULL OR x.text_hash != a.hash ORDER BY a.pk",
            (extractor_version,),
        ).fetchall()
        return (str(r[0]) for r in rows)

    # -- knowledge base ---------------------------------------------------------------

    def iter_results(self, ids: Iterable[str] | None = None) -> Iterator[ArticleResult]:
        """Every stored extraction result (or those of `ids`), in article order, in batches."""
        if ids is not None:
            sql = "SELECT article_id, result FROM extractions WHERE article_id IN ({}) ORDER BY article_id"
            for _, payload in self._rows_in(sql, sorted(set(ids))):
                yield ArticleResult.from_contract(json.loads(payload))
            return
        last = ""
        while True:
            rows = self._db.execute(
                "SELECT article_id, result FROM extractions WHERE article_id > ? "
                "ORDER BY article_id LIMIT ?",
                (last, _BATCH),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            for _, payload in rows:
                yield ArticleResult.from_contract(json.loads(payload))

    def replace_places(self, rows: Iterable[PlaceRow]) -> int:
        """Replace the `places` table; returns the number of rows."""
        values = [
            (r.code, r.name, r.local_name, r.country, r.level, r.region, r.successor,
             " ".join(r.predecessors))
            for r in rows
        ]  # fmt: skip
        try:
            with self._transaction() as db:
                db.execute("DELETE FROM places")
                db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values)
        except self._errors as exc:
            raise StoreError(f"{self.name}: cannot store places: {exc}") from exc
        return len(values)

    def place(self, code: str) -> PlaceRow | None:
        """A place by its code, or None."""
        row = self._db.execute("SELECT * FROM places WHERE code = ?", (code,)).fetchone()
        if row is None:
            return None
        code, name, local, country, level, region, successor, before = row
        return PlaceRow(code, name, local, country, level, region, successor, tuple(before.split()))

    def _rows_in(self, sql: str, values: list[str], *before: object) -> Iterator[tuple[Any, ...]]:
        """Rows of `sql` whose `IN ({})` takes `values`, a batch at a time (SQLite caps the
        number of parameters); `before` are the parameters ahead of the list."""
        for start in range(0, len(values), _BATCH):
            chunk = values[start : start + _BATCH]
            yield from self._db.execute(
                sql.format(", ".join("?" * len(chunk))), [*before, *chunk]
            ).fetchall()

    def blocks_indexed(self) -> bool:
        """Whether the consolidation blocks are stored for the events there are."""
        has_events = self._db.execute("SELECT 1 FROM events LIMIT 1").fetchone()
        has_blocks = self._db.execute("SELECT 1 FROM mention_blocks LIMIT 1").fetchone()
        return has_events is None or has_blocks is not None

    def blocks_of(self, article_ids: Iterable[str]) -> set[str]:
        """The blocks stored for these articles at the last consolidation."""
        sql = "SELECT block FROM mention_blocks WHERE article_id IN ({})"
        return {str(r[0]) for r in self._rows_in(sql, sorted(set(article_ids)))}

    def articles_in_blocks(self, blocks: Iterable[str]) -> set[str]:
        """The articles that have a mention in any of these blocks."""
        sql = "SELECT article_id FROM mention_blocks WHERE block IN ({})"
        return {str(r[0]) for r in self._rows_in(sql, sorted(set(blocks)))}

    def replace_events(
        self,
        events: Iterable[Event],
        merges: Iterable[Merge],
        *,
        blocks: dict[str, set[str]] | None = None,
        articles: Iterable[str] | None = None,
    ) -> int:
        """Replace the events (one transaction): all of them, or only those whose reports
        come from `articles` (which must be every article those events draw on).

        `blocks` are the consolidation blocks of the articles consolidated. An event id
        that disappears leaves a tombstone pointing to the event that now holds most of
        its reports.
        """
        events = list(events)
        try:
            with self._transaction() as db:
                old: dict[str, list[str]] = defaultdict(list)
                if articles is None:
                    scope = ""
                    db.execute("DELETE FROM mention_blocks")
                else:
                    db.execute("CREATE TEMP TABLE IF NOT EXISTS scope (id TEXT PRIMARY KEY)")
                    db.execute("DELETE FROM scope")
                    db.executemany(
                        "INSERT INTO scope VALUES (?) ON CONFLICT DO NOTHING",
                        [(a,) for a in articles],
                    )
                    db.execute(
                        "DELETE FROM mention_blocks WHERE article_id IN (SELECT id FROM scope)"
                    )
                    scope = (
                        " WHERE event_id IN (SELECT event_id FROM event_mentions WHERE "
                        "article_id IN (SELECT id FROM scope))"
                    )
                for event_id, mention in db.execute(
                    f"SELECT event_id, mention FROM event_mentions{scope}"
                ):
                    old[event_id].append(mention)
                if articles is None:
                    for table in ("merges", "event_mentions", "event_persons", "event_places",
                                  "events_fts", "events"):  # fmt: skip
                        db.execute(f"DELETE FROM {table}")
                else:
                    gone = [(e,) for e in old]
                    db.execute(
                        "DELETE FROM events_fts WHERE event_id IN "
                        f"(SELECT DISTINCT event_id FROM event_mentions{scope})"
                    )
                    for table in ("merges", "event_mentions", "event_persons", "event_places"):
                        db.executemany(f"DELETE FROM {table} WHERE event_id = ?", gone)
                    db.executemany("DELETE FROM events WHERE id = ?", gone)
                db.executemany(
                    "INSERT INTO mention_blocks VALUES (?, ?) ON CONFLICT DO NOTHING",
                    [(b, a) for a, found in (blocks or {}).items() for b in sorted(found)],
                )
                holder: dict[str, str] = {}
                names = dict(db.execute("SELECT code, name FROM places").fetchall())
                for event in events:
                    data = event.to_json()
                    db.execute(
                        "INSERT INTO events_fts (event_id, body) VALUES (?, ?)",
                        (event.id, _search_text(event, names)),
                    )
                    db.execute(
                        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (event.id, event.kind, event.date, event.date_lo, event.date_hi,
                         event.place, json.dumps(data, ensure_ascii=False)),
                    )  # fmt: skip
                    db.executemany(
                        "INSERT INTO event_places VALUES (?, ?)",
                        [(event.id, place) for place in event.places()],
                    )
                    db.executemany(
                        "INSERT INTO event_persons VALUES (?, ?, ?, ?)",
                        [
                            (event.id, p.person_id, p.name, p.affiliation)
                            for p in event.participants
                        ],
                    )
                    for m in event.mentions:
                        holder[m.key] = event.id
                        db.execute(
                            "INSERT INTO event_mentions VALUES (?, ?, ?, ?)",
                            (event.id, m.key, m.article,
                             json.dumps([e.to_contract() for e in m.evidence])),
                        )  # fmt: skip
                db.executemany(
                    "INSERT INTO merges VALUES (?, ?, ?, ?, ?)",
                    [(m.event_id, m.rule, m.score, m.a, m.b) for m in merges],
                )
                alive = {e.id for e in events}
                db.executemany("DELETE FROM tombstones WHERE old_id = ?", [(a,) for a in alive])
                for old_id, mentions in old.items():
                    if old_id in alive:
                        continue
                    survivors = Counter(holder[m] for m in mentions if m in holder)
                    if survivors:
                        db.execute(
                            "INSERT INTO tombstones VALUES (?, ?, ?) ON CONFLICT (old_id) "
                            "DO UPDATE SET survivor = excluded.survivor, "
                            "retired_at = excluded.retired_at",
                            (old_id, survivors.most_common(1)[0][0], _now()),
                        )
        except self._errors as exc:
            raise StoreError(f"{self.name}: cannot store events: {exc}") from exc
        return len(events)

    def events(
        self,
        *,
        kind: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        place: str | None = None,
        person: str | None = None,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Events as `localties events --json` prints them, by date; every filter narrows.

        `date_from` / `date_to` are ISO dates or their prefixes (`2023`, `2023-07`); an
        event without a known date matches no date filter. `place` matches the event's
        place, its participants' affiliations, parties and fact places (a country also
        matches its units); `person` a person id.
        """
        where, args = event_filters(
            kind=kind, date_from=date_from, date_to=date_to, place=place, person=person
        )
        sql = (
            f"SELECT data FROM events e WHERE {' AND '.join(where)} "
            "ORDER BY e.date_lo IS NULL, e.date_lo, e.id LIMIT ?"
        )
        for (data,) in self._db.execute(
            sql, [*args, self._no_limit if limit is None else limit]
        ).fetchall():
            yield json.loads(data)

    def add_correction(self, correction: Correction) -> None:
        """Keep a correction (it applies at every consolidation from now on)."""
        try:
            with self._transaction() as db:
                db.execute(
                    "INSERT INTO corrections (record, action, field, value, who, at, why) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (correction.record, correction.action, correction.field, correction.value,
                     correction.who, correction.when, correction.why),
                )  # fmt: skip
        except self._errors as exc:
            raise StoreError(f"{self.name}: cannot store correction: {exc}") from exc

    def corrections(self) -> list[Correction]:
        """Every correction, oldest first."""
        rows = self._db.execute(
            "SELECT record, action, field, value, who, at, why FROM corrections ORDER BY pk"
        ).fetchall()
        return [Correction(*row) for row in rows]

    def person_ids_named(self, name: str) -> set[str]:
        """Person ids of the participants whose name has the same tokens as `name`."""
        from localties.resolve.persons import name_key

        key = name_key(name)
        rows = self._db.execute("SELECT DISTINCT person_id, name FROM event_persons").fetchall()
        return {str(pid) for pid, n in rows if name_key(n) == key}

    # -- feeds ------------------------------------------------------------------------

    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        """The (ETag, Last-Modified) the feed's last answer gave, for a conditional GET."""
        row = self._db.execute("SELECT etag, modified FROM feeds WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def save_feed_state(
        self, url: str, etag: str | None, modified: str | None, status: str
    ) -> None:
        """Remember a poll: the validators for the next conditional GET and what it found."""
        try:
            with self._transaction() as db:
                db.execute(
                    "INSERT INTO feeds VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
                    "etag = coalesce(excluded.etag, feeds.etag), "
                    "modified = coalesce(excluded.modified, feeds.modified), "
                    "checked_at = excluded.checked_at, status = excluded.status",
                    (url, etag, modified, _now(), status),
                )
        except self._errors as exc:
            self._unavailable(exc)
            raise StoreError(f"{self.name}: cannot store feed state: {exc}") from exc

    def seen_links(self, feed: str, links: Iterable[str]) -> set[str]:
        """Those of `links` already taken from `feed`."""
        sql = "SELECT link FROM feed_items WHERE feed = ? AND link IN ({})"
        return {str(r[0]) for r in self._rows_in(sql, list(dict.fromkeys(links)), feed)}

    def mark_seen(self, feed: str, link: str, article_id: str | None) -> None:
        """Record that `link` of `feed` was taken (as `article_id`, or given up on)."""
        try:
            with self._transaction() as db:
                db.execute(
                    "INSERT INTO feed_items VALUES (?, ?, ?, ?) ON CONFLICT (feed, link) "
                    "DO UPDATE SET article_id = excluded.article_id, seen_at = excluded.seen_at",
                    (feed, link, article_id, _now()),
                )
        except self._errors as exc:
            self._unavailable(exc)
            raise StoreError(f"{self.name}: cannot store feed item: {exc}") from exc

    def tombstone(self, old_id: str) -> str | None:
        """The event that replaced a retired event id, or None."""
        row = self._db.execute(
            "SELECT survivor FROM tombstones WHERE old_id = ?", (old_id,)
        ).fetchone()
        return str(row[0]) if row else None


def _spans(spans: Iterable[Evidence], text: str) -> tuple[str, str]:
    """(the spans as JSON, the text they cover, joined)."""
    spans = list(spans)
    return (
        json.dumps([s.to_contract() for s in spans]),
        " … ".join(text[s.start : s.end] for s in spans),
    )


def _bounds(date: Edtf | None) -> tuple[str | None, str | None, str | None]:
    if date is None:
        return None, None, None
    lo, hi = date.lower, date.upper
    return str(date), lo.isoformat() if lo else None, hi.isoformat() if hi else None


def _write_record_tables(db: Connection, result: ArticleResult, text: str) -> None:
    """One typed row per record, in the per-kind tables (the JSON blob is the cache); one
    batched statement per table, which saves PostgreSQL a round trip per row."""
    aid = result.id
    rows: dict[str, list[tuple[object, ...]]] = defaultdict(list)
    for i, m in enumerate(result.meetings):
        rows["meetings"].append((aid, i, *_bounds(m.date), m.place, *_spans(m.evidence, text)))
        rows["participants"] += [
            (aid, i, p.name, p.title, p.affiliation, p.role) for p in m.participants
        ]
    for i, a in enumerate(result.agreements):
        rows["agreements"].append(
            (aid, i, a.kind, a.instrument, *_bounds(a.date), " ".join(a.topics),
             *_spans(a.evidence, text))
        )  # fmt: skip
        rows["agreement_parties"] += [(aid, i, p) for p in a.parties]
    for i, s in enumerate(result.statements):
        rows["statements"].append(
            (aid, i, s.kind, s.speaker, s.source, s.target, " ".join(s.topics),
             *_spans(s.evidence, text))
        )  # fmt: skip
    for i, e in enumerate(result.exchange_events):
        rows["exchange_events"].append(
            (aid, i, e.kind, e.name, e.place, *_bounds(e.date), *_spans(e.evidence, text))
        )
    for i, t in enumerate(result.ties):
        rows["ties"].append((aid, i, t.a, t.b, *_spans(t.evidence, text)))
    for i, f in enumerate(result.facts):
        rows["facts"].append(
            (aid, i, f.kind, f.place, f.group, f.origin, f.destination, f.a, f.b, f.value,
             f.approx, str(f.as_of) if f.as_of else None, *_spans(f.evidence, text))
        )  # fmt: skip
    for i, entity in enumerate(result.entities):
        if isinstance(entity, PlaceEntity):
            rows["entities"].append(
                (aid, i, "place", entity.name, entity.id, None, None, len(entity.mentions))
            )
        else:
            rows["entities"].append(
                (aid, i, "person", entity.name, None, entity.title, entity.affiliation,
                 len(entity.mentions))
            )  # fmt: skip
    rows["topics"] += [(aid, t) for t in result.topics]
    for table, values in rows.items():
        if values:
            marks = ", ".join("?" * len(values[0]))
            db.executemany(f"INSERT INTO {table} VALUES ({marks})", values)


def _reindex(db: Connection, pk: int, values: dict[str, Any], body: str) -> None:
    """After a change of an article: its search row anew, its extraction dropped."""
    db.execute("DELETE FROM articles_fts WHERE rowid = ?", (pk,))
    db.execute(
        "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
        (pk, values["title"] or "", body),
    )
    db.execute("DELETE FROM extractions WHERE article_id = ?", (values["id"],))


def _search_text(event: Event, place_names: dict[str, str]) -> str:
    """What an event is found by: its kind, names, people, places and instrument."""
    words: list[str] = [event.kind.replace("_", " ")]
    for p in event.participants:
        words += [p.name, p.affiliation or ""]
    words += [event.name or "", *event.names, event.instrument or "", event.agreement_kind or ""]
    for code in event.places():
        words += [code, place_names.get(code, "")]
    return " ".join(w for w in dict.fromkeys(words) if w)


def _record_rows(result: dict[str, Any]) -> Iterator[tuple[str, str, int | None, int | None]]:
    if not isinstance(result, dict):
        raise StoreError(f"extraction result must be an object, got {type(result).__name__}")
    for field, kind in RECORD_KINDS.items():
        items = result.get(field) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise StoreError(f"extraction result field {field!r} must be a list of objects")
        for item in items:
            start, end = _span_bounds(item.get("evidence") or item.get("mentions") or [])
            yield kind, json.dumps(item, ensure_ascii=False), start, end
    topics = result.get("topics") or []
    if not isinstance(topics, list):
        raise StoreError("extraction result field 'topics' must be a list")
    for topic in topics:
        yield "topic", json.dumps(topic, ensure_ascii=False), None, None


def _span_bounds(spans: object) -> tuple[int | None, int | None]:
    if not isinstance(spans, list):
        return None, None
    starts = [s["start"] for s in spans if isinstance(s, dict) and isinstance(s.get("start"), int)]
    ends = [s["end"] for s in spans if isinstance(s, dict) and isinstance(s.get("end"), int)]
    return (min(starts) if starts else None, max(ends) if ends else None)
