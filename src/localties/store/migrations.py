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

# 3 -> 4: the knowledge base: canonical places, events gathered across reports.
_KNOWLEDGE_BASE = """
CREATE TABLE places (
    code         TEXT PRIMARY KEY,        -- VN, JP-14, JP-KANTO
    name         TEXT NOT NULL,           -- English, ASCII
    local_name   TEXT,                    -- as the country writes it, where it differs
    country      TEXT NOT NULL,
    level        TEXT NOT NULL,           -- country | admin1 | region
    region       TEXT,                    -- a Japanese prefecture's region
    successor    TEXT,                    -- Viet Nam 2025: the province a unit merged into
    predecessors TEXT NOT NULL DEFAULT '' -- Viet Nam 2025: the former units, space-separated
);

CREATE TABLE events (
    id       TEXT PRIMARY KEY,            -- ev-<digest of the earliest mention>
    kind     TEXT NOT NULL,               -- meeting | agreement | exchange_event | fact
    date     TEXT,                        -- EDTF
    date_lo  TEXT,                        -- ISO days, for sorting and filtering
    date_hi  TEXT,
    place    TEXT,
    data     TEXT NOT NULL                -- the event as `localties events --json` prints it
);
CREATE INDEX events_kind_date ON events(kind, date_lo);

CREATE TABLE event_places (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    place    TEXT NOT NULL
);
CREATE INDEX event_places_place ON event_places(place);

CREATE TABLE event_persons (
    event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL,
    name      TEXT NOT NULL,
    affiliation TEXT
);
CREATE INDEX event_persons_person ON event_persons(person_id);

CREATE TABLE event_mentions (
    event_id   TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    mention    TEXT NOT NULL,             -- ARTICLE#kind#INDEX
    article_id TEXT NOT NULL,
    evidence   TEXT NOT NULL              -- JSON list of {start, end} into the article text
);
CREATE INDEX event_mentions_article ON event_mentions(article_id);

CREATE TABLE merges (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    rule     TEXT NOT NULL,
    score    REAL NOT NULL,
    a        TEXT NOT NULL,               -- the two mentions the rule joined
    b        TEXT NOT NULL
);

CREATE TABLE tombstones (
    old_id     TEXT PRIMARY KEY,          -- an event id that no longer exists
    survivor   TEXT NOT NULL,             -- the event its reports now belong to
    retired_at TEXT NOT NULL
);

CREATE VIEW meeting_participants AS
    SELECT e.id AS event_id, e.date, e.date_lo, e.place, p.person_id, p.name, p.affiliation
    FROM events e JOIN event_persons p ON p.event_id = e.id WHERE e.kind = 'meeting';
"""

# 4 -> 5: people's corrections of extracted records, kept across re-extraction.
_CORRECTIONS = """
CREATE TABLE corrections (
    pk     INTEGER PRIMARY KEY,
    record TEXT NOT NULL,                 -- ARTICLE#kind#INDEX
    action TEXT NOT NULL,                 -- reject | set
    field  TEXT,
    value  TEXT,
    who    TEXT NOT NULL,
    at     TEXT NOT NULL,
    why    TEXT NOT NULL
);
CREATE INDEX corrections_record ON corrections(record);
"""

# 5 -> 6: one typed table per record kind, with the evidence text; the JSON stays a cache.
_RECORD_TABLES = """
CREATE TABLE meetings (
    article_id TEXT NOT NULL REFERENCES extractions(article_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, date TEXT, date_lo TEXT, date_hi TEXT, place TEXT,
    evidence TEXT NOT NULL, evidence_text TEXT NOT NULL, PRIMARY KEY (article_id, idx)
);
CREATE TABLE participants (
    article_id TEXT NOT NULL REFERENCES extractions(article_id) ON DELETE CASCADE,
    meeting_idx INTEGER NOT NULL, name TEXT NOT NULL, title TEXT, affiliation TEXT, role TEXT
);
CREATE INDEX participants_name ON participants(name);
CREATE TABLE agreements (
    article_id TEXT NOT NULL REFERENCES extractions(article_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, kind TEXT NOT NULL, instrument TEXT, date TEXT, date_lo TEXT,
    date_hi TEXT, topics TEXT NOT NULL, evidence TEXT NOT NULL, evidence_text TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE agreement_parties (
    article_id TEXT NOT NULL REFERENCES extractions(article_id) ON DELETE CASCADE,
    agreement_idx INTEGER NOT NULL, party TEXT NOT NULL
);
CREATE TABLE statements (
    article_id TEXT NOT NULL REFERENCES extractions(article_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, kind TEXT NOT NULL, speaker TEXT, source TEXT NOT NULL,
    target TEXT NOT NULL, topics TEXT NOT NULL, evidence TEXT NOT NULL,
    evidence_text TEXT NOT NULL, PRIMARY KEY (article_id, idx)
);
CREATE TABLE exchange_events (
    article_id TEXT NOT NULL REFERENCES extractions(article_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT, place TEXT, date TEXT, date_lo TEXT,
    date_hi TEXT, evidence TEXT NOT NULL, evidence_text TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE ties (
    article_id TEXT NOT NULL REFERENCES extractions(article_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, evidence TEXT NOT NULL,
    evidence_text TEXT NOT NULL, PRIMARY KEY (article_id, idx)
);
CREATE INDEX ties_pair ON ties(a, b);
CREATE TABLE facts (
    article_id TEXT NOT NULL REFERENCES extractions(article_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, kind TEXT NOT NULL, place TEXT, grp TEXT, origin TEXT,
    destination TEXT, a TEXT, b TEXT, value REAL, approx TEXT, as_of TEXT,
    evidence TEXT NOT NULL, evidence_text TEXT NOT NULL, PRIMARY KEY (article_id, idx)
);
CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES extractions(article_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, place_id TEXT, title TEXT,
    affiliation TEXT, mentions INTEGER NOT NULL, PRIMARY KEY (article_id, idx)
);
CREATE TABLE topics (
    article_id TEXT NOT NULL REFERENCES extractions(article_id) ON DELETE CASCADE,
    topic TEXT NOT NULL
);
CREATE VIEW tie_evidence AS
    SELECT t.a, t.b, t.article_id, a.published, a.title, a.url, t.evidence_text
    FROM ties t JOIN articles a ON a.id = t.article_id;
"""

# Each article's consolidation blocks: an article added or extracted again re-consolidates
# only the articles its blocks reach (see `Pipeline.consolidate`).
_MENTION_BLOCKS = """
CREATE TABLE mention_blocks (
    block      TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (block, article_id)
) WITHOUT ROWID;
CREATE INDEX mention_blocks_article ON mention_blocks(article_id);
CREATE INDEX event_mentions_event ON event_mentions(event_id);
CREATE INDEX event_persons_event ON event_persons(event_id);
CREATE INDEX event_places_event ON event_places(event_id);
CREATE INDEX merges_event ON merges(event_id);
"""

# 7 -> 8: events searchable by the names they hold, without regard to diacritics
# (`Chinh` finds `Chính`); existing events are indexed by their JSON until rebuilt.
_EVENTS_FTS = """
CREATE VIRTUAL TABLE events_fts USING fts5(
    event_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO events_fts (event_id, body) SELECT id, data FROM events;
"""

# 8 -> 9: indexes the web app's filters need (a meeting's participants, an agreement's
# parties, places of the typed records, events by date for both sort orders).
_QUERY_INDEXES = """
CREATE INDEX participants_meeting ON participants(article_id, meeting_idx);
CREATE INDEX participants_affiliation ON participants(affiliation);
CREATE INDEX agreement_parties_agreement ON agreement_parties(article_id, agreement_idx);
CREATE INDEX agreement_parties_party ON agreement_parties(party);
CREATE INDEX events_sort_up ON events(coalesce(date_lo, '9999-99-99'), id);
CREATE INDEX events_sort_down ON events(coalesce(date_hi, '0000-00-00'), id);
CREATE INDEX topics_topic ON topics(topic);
"""

# 9 -> 10: followed feeds (for conditional GET) and the items already taken from each.
_FEEDS = """
CREATE TABLE feeds (
    url        TEXT PRIMARY KEY,
    etag       TEXT,
    modified   TEXT,                  -- the Last-Modified the server gave
    checked_at TEXT,
    status     TEXT                   -- what the last poll found, in words
);
CREATE TABLE feed_items (
    feed       TEXT NOT NULL,
    link       TEXT NOT NULL,
    article_id TEXT,                  -- NULL: the page could not be had (and never will)
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (feed, link)
);
"""

MIGRATIONS: tuple[str, ...] = (
    _ARTICLES,
    _EXTRACTIONS,
    _TEXT_HASH,
    _KNOWLEDGE_BASE,
    _CORRECTIONS,
    _RECORD_TABLES,
    _MENTION_BLOCKS,
    _EVENTS_FTS,
    _QUERY_INDEXES,
    _FEEDS,
)
SCHEMA_VERSION = len(MIGRATIONS)
