"""The store's tables, built by migrations: a list of named functions, each applied once.

To change the schema, append a new function to `MIGRATIONS`; never edit one that has shipped.
A field added to the model is kept in the `doc`/`story` records without any migration; give it
a column of its own with a migration that adds the column and fills it from those records.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

Migration = Callable[[duckdb.DuckDBPyConnection], None]

#: Span columns are named span_start/span_end because END is an SQL keyword.
_M001 = """
CREATE TABLE runs (
    id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, paths VARCHAR[],
    story_request VARCHAR, new_articles INTEGER, stories_updated VARCHAR[]
);
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY, title VARCHAR NOT NULL, text VARCHAR NOT NULL, path VARCHAR,
    url VARCHAR, source VARCHAR, author VARCHAR, published VARCHAR, language VARCHAR,
    removed JSON, stages VARCHAR[], run_id VARCHAR, ingested_at TIMESTAMP,
    doc BLOB NOT NULL
);
CREATE TABLE inputs (
    key VARCHAR PRIMARY KEY, path VARCHAR NOT NULL, status VARCHAR NOT NULL, reason VARCHAR,
    article_id VARCHAR, run_id VARCHAR, seen_at TIMESTAMP
);
CREATE TABLE mentions (
    article_id VARCHAR NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    text VARCHAR NOT NULL, label VARCHAR
);
CREATE TABLE quotes (
    article_id VARCHAR NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    text VARCHAR NOT NULL, speaker VARCHAR, speaker_start INTEGER, speaker_end INTEGER,
    cue VARCHAR, direct BOOLEAN
);
CREATE TABLE figures (
    article_id VARCHAR NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    text VARCHAR NOT NULL, value DOUBLE, unit VARCHAR, counts VARCHAR, qualifier VARCHAR
);
CREATE TABLE time_exprs (
    article_id VARCHAR NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    text VARCHAR NOT NULL, value VARCHAR, kind VARCHAR
);
CREATE TABLE claims (
    id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL, text VARCHAR NOT NULL, predicate VARCHAR,
    entities VARCHAR[], keywords VARCHAR[]
);
CREATE TABLE stories (
    id VARCHAR PRIMARY KEY, content_id VARCHAR NOT NULL, title VARCHAR NOT NULL,
    created_at TIMESTAMP, updated_at TIMESTAMP, latest_published VARCHAR,
    article_count INTEGER, source_count INTEGER, fact_count INTEGER, corroborated INTEGER,
    conflicting INTEGER, single_source INTEGER, brief JSON NOT NULL, story BLOB NOT NULL
);
CREATE TABLE story_articles (
    story_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, position INTEGER NOT NULL
);
CREATE TABLE pending_articles (
    article_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL, position INTEGER NOT NULL,
    run_id VARCHAR
);
CREATE TABLE facts (
    story_id VARCHAR NOT NULL, id VARCHAR NOT NULL, position INTEGER NOT NULL,
    text VARCHAR NOT NULL, status VARCHAR NOT NULL, independent_sources INTEGER,
    article_ids VARCHAR[], date VARCHAR
);
CREATE TABLE evidence (
    story_id VARCHAR NOT NULL, fact_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
    span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text VARCHAR NOT NULL
);
CREATE TABLE conflicts (
    story_id VARCHAR NOT NULL, fact_id VARCHAR NOT NULL, slot VARCHAR NOT NULL,
    variant INTEGER NOT NULL, value VARCHAR NOT NULL, article_ids VARCHAR[]
);
CREATE TABLE conflict_evidence (
    story_id VARCHAR NOT NULL, fact_id VARCHAR NOT NULL, slot VARCHAR NOT NULL,
    variant INTEGER NOT NULL, article_id VARCHAR NOT NULL, span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL, text VARCHAR NOT NULL
);
CREATE TABLE entities (
    story_id VARCHAR NOT NULL, id VARCHAR NOT NULL, name VARCHAR NOT NULL, type VARCHAR,
    article_ids VARCHAR[], mention_count INTEGER
);
CREATE TABLE entity_aliases (
    story_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, alias VARCHAR NOT NULL
);
CREATE TABLE entity_mentions (
    story_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
    span_start INTEGER NOT NULL, span_end INTEGER NOT NULL
);
CREATE TABLE story_quotes (
    story_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL, speaker_entity VARCHAR
);
CREATE TABLE timeline (
    story_id VARCHAR NOT NULL, position INTEGER NOT NULL, date VARCHAR NOT NULL,
    text VARCHAR NOT NULL, fact_id VARCHAR, article_ids VARCHAR[]
);
CREATE TABLE sources (
    story_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, outlet VARCHAR NOT NULL,
    words INTEGER, sentences INTEGER, boilerplate_share DOUBLE, quotes INTEGER,
    figures INTEGER, attributed_per_100_sentences DOUBLE, copy_of VARCHAR,
    copy_similarity DOUBLE, signals JSON, unique_fact_ids VARCHAR[]
);
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
"""

#: Point lookups the web pages make (an entity across stories, an article's items).
_M002 = """
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX figures_article ON figures (article_id);
CREATE INDEX time_exprs_article ON time_exprs (article_id);
CREATE INDEX story_articles_story ON story_articles (story_id);
CREATE INDEX story_articles_article ON story_articles (article_id);
CREATE INDEX evidence_article ON evidence (article_id);
CREATE INDEX entities_id ON entities (id);
CREATE INDEX entities_story ON entities (story_id);
CREATE INDEX story_quotes_speaker ON story_quotes (speaker_entity);
"""


def initial_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the first tables: articles, their items, stories and their parts."""
    con.execute(_M001)


def lookup_indexes(con: duckdb.DuckDBPyConnection) -> None:
    """Index the columns the web pages look rows up by."""
    con.execute(_M002)


#: Events in PLOVER's field names (issue 9): one row per codable event of a stored story.
_M003 = """
CREATE TABLE events (
    story_id VARCHAR NOT NULL, id VARCHAR NOT NULL, event VARCHAR, mode VARCHAR,
    event_text VARCHAR, date VARCHAR, source_actor_text VARCHAR, source_code VARCHAR,
    source_sector VARCHAR, target_actor_text VARCHAR, target_code VARCHAR,
    target_sector VARCHAR, place VARCHAR, dead DOUBLE, injured DOUBLE, negated BOOLEAN,
    modality VARCHAR, independent_sources INTEGER, article_ids VARCHAR[],
    article_id VARCHAR, span_start INTEGER, span_end INTEGER, plover JSON
);
CREATE INDEX events_story ON events (story_id);
"""


def events_table(con: duckdb.DuckDBPyConnection) -> None:
    """Add the events table (who did what to whom, PLOVER-coded)."""
    con.execute(_M003)


MIGRATIONS: tuple[tuple[str, Migration], ...] = (
    ("001_initial_tables", initial_tables),
    ("002_lookup_indexes", lookup_indexes),
    ("003_events_table", events_table),
)


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply, in order, every migration not yet recorded; return the names applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"
    )
    done = {row[0] for row in con.execute("SELECT name FROM migrations").fetchall()}
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        fn(con)
        con.execute("INSERT INTO migrations VALUES (?, current_timestamp)", [name])
        applied.append(name)
    return applied


def pending_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return the names of migrations a store still needs (all of them for an empty file)."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "migrations" not in tables:
        return [name for name, _ in MIGRATIONS]
    done = {row[0] for row in con.execute("SELECT name FROM migrations").fetchall()}
    return [name for name, _ in MIGRATIONS if name not in done]
