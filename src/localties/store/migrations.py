"""The SQLite schema, as ordered migration steps.

`MIGRATIONS[n]` brings a database from `PRAGMA user_version` n to n + 1. Steps are
only ever appended: a released step is never edited, so every database, however old,
reaches the same schema by running the steps it has not run yet.
"""

from __future__ import annotations

# 0 -> 1: articles (latest version), their superseded versions, full-text search.
_ARTICLES = """
CREATE TABLE articles (
    pk          INTEGER PRIMARY KEY,      -- stable rowid, shared with articles_fts
    id          TEXT NOT NULL UNIQUE,     -- the input's id, else a content hash
    version     INTEGER NOT NULL,         -- 1 for the first text seen, +1 per changed text
    hash        TEXT NOT NULL,            -- sha256 of text
    text        TEXT NOT NULL,            -- exactly as given; offsets index it
    raw         TEXT,                     -- the page source, for HTML inputs
    url         TEXT,
    title       TEXT,
    published   TEXT,                     -- the input's date, else the cleaner's
    input_published TEXT,                 -- the date the input's metadata states
    source      TEXT,                     -- news agency named in the text
    dateline    TEXT,                     -- dateline place as written
    origin      TEXT NOT NULL,            -- file (and line) it was read from
    ingested_at TEXT NOT NULL
);

CREATE TABLE article_history (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    hash        TEXT NOT NULL,
    text        TEXT NOT NULL,
    raw         TEXT,
    url         TEXT,
    title       TEXT,
    published   TEXT,
    input_published TEXT,
    source      TEXT,
    dateline    TEXT,
    origin      TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    PRIMARY KEY (article_id, version)
);
CREATE INDEX article_history_hash ON article_history(article_id, hash);

-- The story text (the cleaner's view), searchable without regard to diacritics.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);
"""

# 1 -> 2: extraction results, whole and one row per record.
_EXTRACTIONS = """
CREATE TABLE extractions (
    article_id        TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    article_version   INTEGER NOT NULL,   -- the text version that was extracted
    extractor_version TEXT NOT NULL,
    result            TEXT NOT NULL,      -- the whole contract object, as JSON
    extracted_at      TEXT NOT NULL
);

CREATE TABLE records (
    pk                INTEGER PRIMARY KEY,
    article_id        TEXT NOT NULL REFERENCES extractions(article_id) ON DELETE CASCADE,
    kind              TEXT NOT NULL,      -- meeting, agreement, statement, ..., entity, topic
    data              TEXT NOT NULL,      -- the record, as JSON
    evidence_start    INTEGER,            -- first evidence (or mention) offset
    evidence_end      INTEGER,            -- last evidence (or mention) end offset
    extractor_version TEXT NOT NULL
);
CREATE INDEX records_article ON records(article_id);
CREATE INDEX records_kind ON records(kind);
"""

# 2 -> 3: the hash of the text an extraction read (its offsets index that text).
_TEXT_HASH = """
ALTER TABLE extractions ADD COLUMN text_hash TEXT;
UPDATE extractions SET text_hash =
    (SELECT hash FROM articles WHERE articles.id = extractions.article_id);
"""

MIGRATIONS: tuple[str, ...] = (_ARTICLES, _EXTRACTIONS, _TEXT_HASH)
SCHEMA_VERSION = len(MIGRATIONS)
