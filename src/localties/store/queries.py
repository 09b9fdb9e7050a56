"""Read queries over a knowledge base (SQLite or PostgreSQL), for the web app and the API.

Every list is a page: rows in a fixed order and an opaque cursor for the next page
(keyset pagination, so a page costs the same however deep it is). Filters narrow; `q`
is a full-text search that ignores case and diacritics (`Chinh` finds `Chính`). The
`Reader` holds one read-only connection and never writes.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unidecode import unidecode

from localties.errors import LocaltiesError
from localties.store.pgconn import PgConnection
from localties.store.target import DbUrl, is_postgres

EVENT_KINDS = ("meeting", "agreement", "exchange_event", "fact")
RECORD_TABLES = ("meetings", "agreements", "statements", "exchange_events", "ties", "facts")
MAX_LIMIT = 500


class QueryError(LocaltiesError):
    """A filter, sort or cursor that cannot be used (the API answers 422)."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of rows and the cursor of the next page (None at the end)."""

    rows: list[dict[str, Any]]
    next_cursor: str | None


def encode_cursor(values: Sequence[object]) -> str:
    """An opaque cursor for the row keys `values`."""
    raw = json.dumps(list(values), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[Any]:
    """The row keys a cursor holds; QueryError when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise QueryError("cursor: not a cursor this server gave") from exc
    if not isinstance(values, list) or len(values) != size:
        raise QueryError("cursor: not a cursor this server gave")
    if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values):
        raise QueryError("cursor: not a cursor this server gave")
    return values


def fts_query(text: str, *, postgres: bool = False) -> str:
    """A user's words as a full-text query that matches all of them (prefixes too): for
    SQLite's FTS5, or for PostgreSQL's `to_tsquery`."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
    if not words:
        raise QueryError("q: give at least one letter or digit")
    if postgres:
        return " & ".join(f"{w}:*" for w in words[:20])
    return " ".join(f'"{w}"*' for w in words[:20])


def match_clause(table: str, key: str, *, postgres: bool) -> str:
    """SQL selecting the `key` of the `table` (articles_fts, events_fts) rows matching
    the parameter (a `fts_query`)."""
    if postgres:
        return f"SELECT {key} FROM {table} WHERE doc @@ to_tsquery('simple', localties_fold(?))"
    return f"SELECT {key} FROM {table} WHERE {table} MATCH ?"


def date_upper(value: str) -> str:
    """The last ISO day a date prefix covers, for `to` filters (`2023` -> `2023-99-99`)."""
    return value + "-99" * (2 - value.count("-"))


def check_date(value: str | None, name: str) -> str | None:
    """A `from`/`to` filter: YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None or value == "":
        return None
    parts = value.split("-")
    if not (
        1 <= len(parts) <= 3
        and len(parts[0]) == 4
        and all(p.isdigit() and p.isascii() for p in parts)
        and all(len(p) == 2 for p in parts[1:])
    ):
        raise QueryError(f"{name}: give a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value


def place_clause(column: str, place: str) -> tuple[str, list[str]]:
    """SQL matching `column` to a place code; a country (`JP`) also matches its units."""
    if "-" in place:
        return f"{column} = ?", [place]
    return f"({column} = ? OR {column} LIKE ?)", [place, f"{place}-%"]


def event_filters(
    *,
    q: str | None = None,
    kind: str | None = None,
    place: str | None = None,
    person: str | None = None,
    topic: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    also: str | None = None,
    postgres: bool = False,
) -> tuple[list[str], list[Any]]:
    """SQL conditions on `events e` (and their parameters) for the filters given; every
    filter narrows. Dates are ISO days or their prefixes; an undated event matches no
    date filter. `place` matches any place the event involves (a country its units);
    `also` is a second place the event must involve too (what two places share)."""
    where: list[str] = ["1 = 1"]
    args: list[Any] = []
    if q:
        where.append(f"e.id IN ({match_clause('events_fts', 'event_id', postgres=postgres)})")
        args.append(fts_query(q, postgres=postgres))
    if kind:
        where.append("e.kind = ?")
        args.append(kind)
    if date_from:
        where.append("e.date_hi >= ?")
        args.append(date_from)
    if date_to:
        where.append("e.date_lo <= ?")
        args.append(date_upper(date_to))
    for one in (place, also):
        if one:
            clause, values = place_clause("place", one)
            where.append(f"e.id IN (SELECT event_id FROM event_places WHERE {clause})")
            args += values
    if person:
        where.append("e.id IN (SELECT event_id FROM event_persons WHERE person_id = ?)")
        args.append(person)
    if topic:
        where.append(
            "e.id IN (SELECT m.event_id FROM event_mentions m JOIN topics t "
            "ON t.article_id = m.article_id WHERE t.topic = ?)"
        )
        args.append(topic)
    return where, args


class Reader:
    """Read-only queries over one database: a SQLite file or a PostgreSQL URL."""

    db: Any  # sqlite3.Connection, or the PostgreSQL backend's `PgConnection`

    def __init__(self, target: str | Path | DbUrl) -> None:
        self.postgres = is_postgres(target)
        if isinstance(target, DbUrl) or self.postgres:
            url = target.url if isinstance(target, DbUrl) else str(target)
            self.db = PgConnection(url, read_only=True)
        else:
            path = Path(target)
            uri = f"{path.resolve().as_uri()}?mode=ro"
            self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self.db.execute("PRAGMA busy_timeout = 10000")
            self.db.execute("PRAGMA query_only = 1")
        self._names: dict[str, str] | None = None
        self._names_version = -1

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def version(self) -> int:
        """Changes when another connection commits (for caches of whole-base figures)."""
        sql = (  # PostgreSQL: the next transaction id, which moves when anyone writes
            "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint"
            if self.postgres
            else "PRAGMA data_version"
        )
        return int(self.db.execute(sql).fetchone()[0])

    # -- overview ---------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Articles, events by kind, tied pairs, persons and places with events."""
        out = {"articles": int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])}
        for kind in EVENT_KINDS:
            out[kind] = 0
        for kind, n in self.db.execute("SELECT kind, count(*) FROM events GROUP BY kind"):
            out[str(kind)] = int(n)
        out["ties"] = int(
            self.db.execute(
                "SELECT count(*) FROM (SELECT DISTINCT a, b FROM ties) AS pairs"
            ).fetchone()[0]
        )
        out["persons"] = int(
            self.db.execute("SELECT count(DISTINCT person_id) FROM event_persons").fetchone()[0]
        )
        return out

    def timeline(self, place: str | None = None) -> list[dict[str, Any]]:
        """Events per month and kind (events known to the month), oldest first."""
        where, args = (
            ["e.date_lo IS NOT NULL", "substr(e.date_lo, 1, 7) = substr(e.date_hi, 1, 7)"],
            [],
        )
        if place:
            clause, values = place_clause("place", place)
            where.append(f"e.id IN (SELECT event_id FROM event_places WHERE {clause})")
            args += values
        rows = self.db.execute(
            "SELECT substr(e.date_lo, 1, 7) AS month, e.kind, count(*) FROM events e "
            f"WHERE {' AND '.join(where)} GROUP BY month, e.kind ORDER BY month, e.kind",
            args,
        )
        return [{"month": m, "kind": k, "events": int(n)} for m, k, n in rows]

    # -- events -----------------------------------------------------------------------

    def events(
        self,
        *,
        q: str | None = None,
        kind: str | None = None,
        place: str | None = None,
        person: str | None = None,
        topic: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        also: str | None = None,
        sort: str = "date",
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page:
        """A page of events (as `localties events --json` prints them)."""
        if kind and kind not in EVENT_KINDS:
            raise QueryError(f"kind: one of {', '.join(EVENT_KINDS)}, not {kind!r}")
        if sort not in ("date", "-date"):
            raise QueryError("sort: date or -date")
        date_from, date_to = check_date(date_from, "from"), check_date(date_to, "to")
        limit = _limit(limit)
        where, args = event_filters(
            q=q, kind=kind, place=place, person=person, topic=topic,
            date_from=date_from, date_to=date_to, also=also, postgres=self.postgres,
        )  # fmt: skip
        # undated events come last either way
        if sort == "date":
            key, op, order = "coalesce(e.date_lo, '9999-99-99')", ">", "ASC"
        else:
            key, op, order = "coalesce(e.date_hi, '0000-00-00')", "<", "DESC"
        if cursor:
            after_key, after_id = decode_cursor(cursor, 2)
            where.append(f"({key} {op} ? OR ({key} = ? AND e.id {op} ?))")
            args += [after_key, after_key, after_id]
        rows = self.db.execute(
            f"SELECT {key}, e.id, e.data FROM events e WHERE {' AND '.join(where)} "
            f"ORDER BY {key} {order}, e.id {order} LIMIT ?",
            [*args, limit + 1],
        ).fetchall()
        page = [json.loads(data) for _, _, data in rows[:limit]]
        more = len(rows) > limit
        return Page(page, encode_cursor(rows[limit - 1][:2]) if more else None)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with the merges that made it, or None."""
        row = self.db.execute("SELECT data FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            return None
        data: dict[str, Any] = json.loads(row[0])
        data["merges"] = [
            {"rule": rule, "score": score, "a": a, "b": b}
            for rule, score, a, b in self.db.execute(
                "SELECT rule, score, a, b FROM merges WHERE event_id = ? ORDER BY a, b",
                (event_id,),
            )
        ]
        return data

    def survivor(self, event_id: str) -> str | None:
        """The event that took over a retired id, or None."""
        row = self.db.execute(
            "SELECT survivor FROM tombstones WHERE old_id = ?", (event_id,)
        ).fetchone()
        return str(row[0]) if row else None

    # -- records ----------------------------------------------------------------------

    def records(
        self,
        table: str,
        *,
        place: str | None = None,
        article: str | None = None,
        kind: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page:
        """A page of one record kind's typed rows (with evidence), by article and position."""
        if table not in RECORD_TABLES:
            raise QueryError(f"no record kind {table!r}")
        date_from, date_to = check_date(date_from, "from"), check_date(date_to, "to")
        limit = _limit(limit)
        where, args = ["1 = 1"], []
        columns = [d[0] for d in self.db.execute(f"SELECT * FROM {table} LIMIT 0").description]
        if article:
            where.append("r.article_id = ?")
            args.append(article)
        if kind:
            if "kind" not in columns:
                raise QueryError(f"kind: {table} have no kind")
            where.append("r.kind = ?")
            args.append(kind)
        if place:
            where.append(self._place_of(table, place, args))
        has_dates = "date_lo" in columns
        if (date_from or date_to) and not has_dates:
            raise QueryError(f"from/to: {table} have no dates")
        if date_from:
            where.append("r.date_hi >= ?")
            args.append(date_from)
        if date_to:
            where.append("r.date_lo <= ?")
            args.append(date_upper(date_to))
        if cursor:
            after_article, after_idx = decode_cursor(cursor, 2)
            where.append("(r.article_id > ? OR (r.article_id = ? AND r.idx > ?))")
            args += [after_article, after_article, after_idx]
        rows = self.db.execute(
            f"SELECT r.* FROM {table} r WHERE {' AND '.join(where)} "
            "ORDER BY r.article_id, r.idx LIMIT ?",
            [*args, limit + 1],
        )
        names = [d[0] for d in rows.description]
        found = [dict(zip(names, row, strict=True)) for row in rows.fetchall()]
        for row in found:
            row["id"] = f"{row['article_id']}#{table.rstrip('s')}#{row['idx']}"
            row["evidence"] = json.loads(row["evidence"])
            if table == "meetings":
                row["participants"] = self._participants(row["article_id"], row["idx"])
            if table == "agreements":
                row["parties"] = [
                    p
                    for (p,) in self.db.execute(
                        "SELECT party FROM agreement_parties WHERE article_id = ? "
                        "AND agreement_idx = ?",
                        (row["article_id"], row["idx"]),
                    )
                ]
            if "topics" in row:
                row["topics"] = row["topics"].split() if row["topics"] else []
        more = len(found) > limit
        last = found[limit - 1] if more else None
        return Page(
            found[:limit], encode_cursor([last["article_id"], last["idx"]]) if last else None
        )

    def _place_of(self, table: str, place: str, args: list[Any]) -> str:
        if table == "meetings":
            clause, values = place_clause("p.affiliation", place)
            other, more = place_clause("r.place", place)
            args += [*values, *more]
            return (
                f"(EXISTS (SELECT 1 FROM participants p WHERE p.article_id = r.article_id "
                f"AND p.meeting_idx = r.idx AND {clause}) OR {other})"
            )
        if table == "agreements":
            clause, values = place_clause("x.party", place)
            args += values
            return (
                "EXISTS (SELECT 1 FROM agreement_parties x WHERE x.article_id = r.article_id "
                f"AND x.agreement_idx = r.idx AND {clause})"
            )
        columns = {
            "statements": ("r.source", "r.target"),
            "exchange_events": ("r.place",),
            "ties": ("r.a", "r.b"),
            "facts": ("r.place", "r.origin", "r.destination", "r.a", "r.b"),
        }[table]
        parts = []
        for column in columns:
            clause, values = place_clause(column, place)
            parts.append(clause)
            args += values
        return "(" + " OR ".join(parts) + ")"

    def _participants(self, article_id: str, idx: int) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT name, title, affiliation, role FROM participants "
            "WHERE article_id = ? AND meeting_idx = ?",
            (article_id, idx),
        )
        return [
            {"name": n, "title": t, "affiliation": a, "role": r} for n, t, a, r in rows.fetchall()
        ]

    # -- persons, places, articles ----------------------------------------------------

    def persons(self, *, q: str | None = None, limit: int = 50, cursor: str | None = None) -> Page:
        """Persons who take part in events: id, a name, affiliation and event count."""
        limit = _limit(limit)
        where, args = ["1 = 1"], []
        if q:
            words = "".join(c if c.isalnum() else " " for c in unidecode(q).lower()).split()
            where.append("person_id LIKE ?")
            args.append("%" + "-".join(words) + "%")
        if cursor:
            (after,) = decode_cursor(cursor, 1)
            where.append("person_id > ?")
            args.append(after)
        rows = self.db.execute(
            "SELECT person_id, max(name), max(affiliation), count(DISTINCT event_id) "
            f"FROM event_persons WHERE {' AND '.join(where)} GROUP BY person_id "
            "ORDER BY person_id LIMIT ?",
            [*args, limit + 1],
        ).fetchall()
        found = [
            {"id": pid, "name": name, "affiliation": aff, "events": int(n)}
            for pid, name, aff, n in rows
        ]
        more = len(found) > limit
        return Page(found[:limit], encode_cursor([found[limit - 1]["id"]]) if more else None)

    def person(self, person_id: str) -> dict[str, Any] | None:
        """A person's names, affiliations and number of events, or None."""
        rows = self.db.execute(
            "SELECT name, affiliation, count(DISTINCT event_id) FROM event_persons "
            "WHERE person_id = ? GROUP BY name, affiliation ORDER BY 3 DESC, name",
            (person_id,),
        ).fetchall()
        if not rows:
            return None
        return {
            "id": person_id,
            "name": max((r[0] for r in rows), key=len),
            "names": sorted({r[0] for r in rows}),
            "affiliations": sorted({r[1] for r in rows if r[1]}),
            "events": int(
                self.db.execute(
                    "SELECT count(DISTINCT event_id) FROM event_persons WHERE person_id = ?",
                    (person_id,),
                ).fetchone()[0]
            ),
        }

    def places(
        self,
        *,
        q: str | None = None,
        country: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page:
        """Canonical places by code; `q` matches the code or the name (ignoring case)."""
        limit = _limit(limit)
        where, args = ["1 = 1"], []
        if q:
            where.append("(lower(code) LIKE ? OR lower(name) LIKE ? OR lower(local_name) LIKE ?)")
            low = q.lower()
            args += [f"{low}%", f"%{low}%", f"%{low}%"]
        if country:
            where.append("country = ?")
            args.append(country)
        if cursor:
            (after,) = decode_cursor(cursor, 1)
            where.append("code > ?")
            args.append(after)
        rows = self.db.execute(
            f"SELECT * FROM places WHERE {' AND '.join(where)} ORDER BY code LIMIT ?",
            [*args, limit + 1],
        )
        names = [d[0] for d in rows.description]
        found = [dict(zip(names, row, strict=True)) for row in rows.fetchall()]
        for row in found:
            row["predecessors"] = row["predecessors"].split()
        more = len(found) > limit
        return Page(found[:limit], encode_cursor([found[limit - 1]["code"]]) if more else None)

    def place(self, code: str) -> dict[str, Any] | None:
        """One canonical place, or None."""
        page = self.db.execute("SELECT * FROM places WHERE code = ?", (code,))
        names = [d[0] for d in page.description]
        row = page.fetchone()
        if row is None:
            return None
        out = dict(zip(names, row, strict=True))
        out["predecessors"] = out["predecessors"].split()
        return out

    def place_names(self) -> dict[str, str]:
        """Every place code's English name (read again only after another connection
        has written)."""
        version = self.version()
        if self._names is None or self._names_version != version:
            self._names = dict(self.db.execute("SELECT code, name FROM places").fetchall())
            self._names_version = version
        return self._names

    def articles(self, *, q: str | None = None, limit: int = 50, cursor: str | None = None) -> Page:
        """Articles by id (or, with `q`, those whose title or story matches)."""
        limit = _limit(limit)
        where, args = ["1 = 1"], []
        if q:
            where.append(
                f"a.pk IN ({match_clause('articles_fts', 'rowid', postgres=self.postgres)})"
            )
            args.append(fts_query(q, postgres=self.postgres))
        if cursor:
            (after,) = decode_cursor(cursor, 1)
            where.append("a.id > ?")
            args.append(after)
        rows = self.db.execute(
            "SELECT a.id, a.version, a.title, a.url, a.published, a.source, length(a.text) "
            f"FROM articles a WHERE {' AND '.join(where)} ORDER BY a.id LIMIT ?",
            [*args, limit + 1],
        ).fetchall()
        keys = ("id", "version", "title", "url", "published", "source", "chars")
        found = [dict(zip(keys, row, strict=True)) for row in rows]
        more = len(found) > limit
        return Page(found[:limit], encode_cursor([found[limit - 1]["id"]]) if more else None)

    def article_events(self, article_id: str) -> dict[str, str]:
        """Each of an article's records that joined an event: record id -> event id."""
        rows = self.db.execute(
            "SELECT mention, event_id FROM event_mentions WHERE article_id = ?", (article_id,)
        )
        return {str(m): str(e) for m, e in rows}

    # -- ties -------------------------------------------------------------------------

    def network(
        self,
        *,
        place: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int = 300,
    ) -> dict[str, Any]:
        """The tie network: localities and the ties between them (strongest first)."""
        date_from, date_to = check_date(date_from, "from"), check_date(date_to, "to")
        where, args = ["1 = 1"], []
        if place:
            one, first = place_clause("t.a", place)
            two, second = place_clause("t.b", place)
            where.append(f"({one} OR {two})")
            args += [*first, *second]
        if date_from:
            where.append("a.published >= ?")
            args.append(date_from)
        if date_to:
            where.append("a.published <= ?")
            args.append(date_upper(date_to))
        rows = self.db.execute(
            "SELECT CASE WHEN t.a < t.b THEN t.a ELSE t.b END AS x, "
            "CASE WHEN t.a < t.b THEN t.b ELSE t.a END AS y, count(*), min(a.published), "
            "max(a.published) FROM ties t JOIN articles a ON a.id = t.article_id "
            f"WHERE {' AND '.join(where)} GROUP BY x, y ORDER BY 3 DESC, x, y LIMIT ?",
            [*args, max(1, min(limit, 5000))],
        ).fetchall()
        edges = [
            {"a": x, "b": y, "weight": int(n), "first": lo, "last": hi} for x, y, n, lo, hi in rows
        ]
        codes = sorted({e["a"] for e in edges} | {e["b"] for e in edges})
        nodes = []
        for code in codes:
            row = self.place(code)
            activity = sum(e["weight"] for e in edges if code in (e["a"], e["b"]))
            nodes.append(
                {
                    "id": code,
                    "name": row["name"] if row else code,
                    "country": row["country"] if row else code[:2],
                    "level": row["level"] if row else None,
                    "activity": activity,
                }
            )
        return {"nodes": nodes, "edges": edges}

    def tie_evidence(self, a: str, b: str, *, limit: int = 200) -> list[dict[str, Any]]:
        """Every report of the tie between `a` and `b`, with its sentence and article."""
        rows = self.db.execute(
            "SELECT t.article_id, t.idx, t.evidence, t.evidence_text, a.published, a.title, "
            "a.url FROM ties t JOIN articles a ON a.id = t.article_id "
            "WHERE (t.a = ? AND t.b = ?) OR (t.a = ? AND t.b = ?) "
            "ORDER BY a.published IS NULL, a.published, t.article_id, t.idx LIMIT ?",
            (a, b, b, a, limit),
        ).fetchall()
        return [
            {
                "id": f"{aid}#tie#{idx}",
                "article": aid,
                "evidence": json.loads(spans),
                "text": text,
                "published": published,
                "title": title,
                "url": url,
            }
            for aid, idx, spans, text, published, title, url in rows
        ]


def _limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit: between 1 and {MAX_LIMIT}")
    return limit
