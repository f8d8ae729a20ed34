"""Add articles to a store incrementally: idempotent, resumable, and rebuilding only the
stories that changed.

Ids are content hashes, so an article already stored is never analysed or written again. New
articles are analysed with the store closed and written in small batches, each one committed
transaction; a killed run keeps every committed batch, and re-running it skips them and
finishes the rest. Articles wait in `pending_articles` until their story is rebuilt from its
stored docs, also one transaction per story, so a reader sees the old story or the new one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

import duckdb

from storyline.brief import Tracker
from storyline.engines import Engine, make_engine
from storyline.errors import InputError
from storyline.ingest import read_inputs
from storyline.model import Article, Doc, InputRecord, content_id
from storyline.pipeline import DEFAULT_STAGES, build_pipeline
from storyline.store.articles import record_inputs, save_docs, stored_inputs
from storyline.store.assign import StoryAssigner, name_new_stories
from storyline.store.codec import unpack
from storyline.store.connect import Writer, load_fts
from storyline.store.stories import StoryWrite, save_story
from storyline.stories import build_story

#: Articles per committed batch: small enough that a kill loses little work.
BATCH_SIZE = 16


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest run did."""

    run_id: str
    inputs: tuple[InputRecord, ...]
    new_article_ids: tuple[str, ...]
    stored_article_ids: tuple[str, ...]  # usable inputs that were already in the store
    stories_updated: tuple[str, ...]


def ingest(
    paths: Sequence[str],
    db: str | Path,
    *,
    story: str | None = None,
    engine: Engine | None = None,
    stages: Sequence[str] = DEFAULT_STAGES,
    batch_size: int = BATCH_SIZE,
    track: Tracker | None = None,
) -> IngestReport:
    """Add the articles in `paths` to store `db` and rebuild the stories they join."""
    pipeline = build_pipeline(stages)
    records, articles = _read(paths)
    started = utc_now()
    run_id = content_id(started.isoformat(), *paths, prefix="r")
    with Writer(db) as writer:
        with writer.window() as con:
            stored = stored_ids(con, [a.id for a in articles])
            fresh = [a for a in articles if a.id not in stored]
            assigner = StoryAssigner(con, fresh, story)
            record_inputs(con, records, run_id, started)
            con.execute(
                "INSERT INTO runs (id, started_at, paths, story_request) VALUES (?, ?, ?, ?)",
                [run_id, started, list(paths), story],
            )
        docs = (engine or make_engine()).map(pipeline, [Doc(article=a) for a in fresh])
        stream: Iterable[Doc] = track(docs, len(fresh)) if track else docs
        for batch in in_batches(stream, batch_size):
            with writer.window() as con:
                save_docs(con, batch, assigner.place(con, batch), run_id, utc_now())
        updated = finish_run(writer, run_id, len(fresh))
    return IngestReport(
        run_id=run_id,
        inputs=records,
        new_article_ids=tuple(a.id for a in fresh),
        stored_article_ids=tuple(a.id for a in articles if a.id in stored),
        stories_updated=tuple(updated),
    )


def _read(paths: Sequence[str]) -> tuple[tuple[InputRecord, ...], list[Article]]:
    records: list[InputRecord] = []
    articles: list[Article] = []
    for result in read_inputs(paths):
        records.append(result.record)
        if result.article is not None:
            articles.append(result.article)
    if not articles:
        reasons = sorted({f"{r.path}: {r.reason}" for r in records if r.reason})[:5]
        raise InputError("no usable article in the inputs; " + "; ".join(reasons))
    return tuple(records), articles


def finish_run(
    writer: Writer, run_id: str, new_articles: int, written: Sequence[str] = ()
) -> list[str]:
    """Rebuild the pending stories, refresh the search index and record the run as finished.

    `written` are stories the run stored whole (a crawl run's); they are recorded with the
    rebuilt ones. Returns the keys of the rebuilt stories.
    """
    rebuilt = rebuild_pending(writer)
    refresh_search_index(writer)
    with writer.window() as con:
        con.execute(
            "UPDATE runs SET finished_at = ?, new_articles = ?, stories_updated = ? WHERE id = ?",
            [utc_now(), new_articles, [*written, *rebuilt], run_id],
        )
    return rebuilt


def rebuild_pending(writer: Writer) -> list[str]:
    """Rebuild every story with articles waiting for it (from this run or a killed one)."""
    with writer.window() as con:
        name_new_stories(con)
        rows = con.execute(
            "SELECT story_id FROM pending_articles GROUP BY story_id "
            "ORDER BY min(position), story_id"
        ).fetchall()
    keys = [str(r[0]) for r in rows]
    for key in keys:
        with writer.window() as con:
            docs, inputs = load_story_docs(con, key)
        story = build_story(docs)  # the slow part runs with the store closed
        with writer.window() as con:
            articles = {d.id: d.article for d in docs}
            save_story(con, StoryWrite(key, story, articles, inputs), utc_now())
    return keys


def load_story_docs(
    con: duckdb.DuckDBPyConnection, key: str
) -> tuple[list[Doc], list[InputRecord]]:
    """Return a story's stored docs (members, then pending, in order) and their inputs."""
    rows = con.execute(
        "SELECT a.doc FROM (SELECT article_id, position FROM story_articles WHERE story_id = ? "
        "UNION ALL SELECT article_id, position FROM pending_articles WHERE story_id = ?) m "
        "JOIN articles a ON a.id = m.article_id ORDER BY m.position",
        [key, key],
    ).fetchall()
    docs = [unpack(Doc, bytes(r[0])) for r in rows]
    return docs, stored_inputs(con, [d.id for d in docs])


def refresh_search_index(writer: Writer) -> None:
    """Rebuild the BM25 index over article titles and texts when articles were added.

    No stopword list: the English one drops words that are names in the news ("Ever Given",
    "The Who"), and BM25's inverse document frequency already discounts common words.
    """
    with writer.window() as con:
        stale = con.execute("SELECT value FROM meta WHERE key = 'fts_stale'").fetchone()
        if stale is None or stale[0] != "yes":
            return
        load_fts(con)
        con.execute(
            "PRAGMA create_fts_index('articles', 'id', 'title', 'text', "
            "stemmer = 'porter', stopwords = 'none', strip_accents = 1, lower = 1, "
            "overwrite = 1)"
        )
        # Term frequencies sorted by term: a query then reads only its terms' row groups.
        con.execute(
            "CREATE OR REPLACE TABLE search_postings AS SELECT termid, docid, "
            "count(*)::INTEGER AS tf FROM fts_main_articles.terms "
            "GROUP BY termid, docid ORDER BY termid, docid"
        )
        con.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', 'no')")


def stored_ids(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> set[str]:
    """Return which of these article ids are already in the store."""
    rows = con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [list(ids)])
    return {str(r[0]) for r in rows.fetchall()}


def in_batches(docs: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    """Yield lists of up to `size` docs, each one committed write window's worth."""
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


def utc_now() -> datetime:
    """Return the time as the store keeps it: UTC, without a zone."""
    return datetime.now(UTC).replace(tzinfo=None)
