"""Load a crawl run (`storyline run --db`) into the store: its articles, inputs and stories.

The run has already done the work: per-article stages in its shards, corpus stages per time
window. Loading writes their results with the same functions as `ingest` (`record_inputs`,
`save_docs`, `replace_stories`, the search index), so a loaded run reads like an ingested one.

Loading again (a resumed rerun) adds nothing twice: ids are content hashes, stored articles are
skipped, inputs are keyed by content and a story is replaced under its id. An article is in one
story: a stored story that shares an article with the run's new stories (the window was
clustered again, or `ingest` stored the article before) is replaced by them, and its other
articles are rebuilt as a story of their own, as `ingest` rebuilds a story (`rebuild_pending`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from storyline.model import InputRecord, Story, content_id
from storyline.run import RunResult, iter_docs, iter_stories, read_input_log
from storyline.store.articles import record_inputs, save_docs, stored_inputs
from storyline.store.connect import Writer
from storyline.store.intake import (
    finish_run,
    in_batches,
    stored_ids,
    utc_now,
)
from storyline.store.read import load_articles
from storyline.store.stories import StoryWrite, delete_stories, replace_stories

#: Articles per committed batch: the analysis is done, so batches can be larger than ingest's.
BATCH_SIZE = 256


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What loading one run into the store did."""

    run_id: str
    new_articles: int
    stored_articles: int  # the run's articles that were already in the store
    stories: tuple[str, ...]  # keys of the stories written, by window
    superseded: tuple[str, ...]  # stored stories the run's stories replaced
    rebuilt: tuple[str, ...]  # stories rebuilt from what the replaced ones held besides


def check_store(db: str | Path) -> None:
    """Create or upgrade store `db` now, so a busy or unusable file stops a run before its work."""
    with Writer(db) as writer, writer.window():
        pass


def load_run(result: RunResult, db: str | Path, *, batch_size: int = BATCH_SIZE) -> LoadReport:
    """Load a finished run's articles, inputs and stories into store `db`."""
    started = utc_now()
    run_id = content_id(started.isoformat(), result.out_dir, *result.paths, prefix="r")
    new = stored = 0
    with Writer(db) as writer:
        with writer.window() as con:
            record_inputs(con, read_input_log(result.out_dir), run_id, started)
            con.execute(
                "INSERT INTO runs (id, started_at, paths) VALUES (?, ?, ?)",
                [run_id, started, result.paths],
            )
        for batch in in_batches(iter_docs(result.shards), batch_size):
            with writer.window() as con:
                known = stored_ids(con, [d.id for d in batch])
                fresh = [d for d in batch if d.id not in known]
                save_docs(con, fresh, {}, run_id, utc_now())
            new, stored = new + len(fresh), stored + len(known)
        written: list[str] = []
        superseded: list[str] = []
        for _, stories in iter_stories(result.blocks):
            with writer.window() as con:  # one window per block: a reader sees all of it or none
                superseded += _save_block(con, stories, run_id)
            written += [s.id for s in stories]
        rebuilt = finish_run(writer, run_id, new, written)
    return LoadReport(run_id, new, stored, tuple(written), tuple(superseded), tuple(rebuilt))


def _save_block(con: duckdb.DuckDBPyConnection, stories: Sequence[Story], run_id: str) -> list[str]:
    """Write one window's stories under their ids; return the stored stories they replace.

    An article is in one story: a stored story that shares an article with these is replaced,
    and its articles these lack wait in `pending_articles` to be rebuilt as their own story.
    """
    members = sorted({a for s in stories for a in s.article_ids})
    keys = [s.id for s in stories]
    overlapping = [str(r[0]) for r in con.execute(_OVERLAPPING, [members]).fetchall()]
    con.execute(_LEFTOVERS, [run_id, overlapping, members])
    replaced = [k for k in overlapping if k not in keys]
    delete_stories(con, replaced)
    articles = load_articles(con, members)
    records = stored_inputs(con, members)  # in the order `ingest` gives a story's brief
    items = [StoryWrite(s.id, s, articles, _inputs_of(s, records)) for s in stories]
    replace_stories(con, items, utc_now())
    return replaced


def _inputs_of(story: Story, records: Sequence[InputRecord]) -> list[InputRecord]:
    members = set(story.article_ids)
    return [r for r in records if r.article_id in members]


#: Stored stories that hold any of the articles being written.
_OVERLAPPING = """
SELECT DISTINCT story_id FROM story_articles WHERE list_contains(?, article_id) ORDER BY story_id
"""

#: Queue the other articles of those stories for a rebuild under their story's key (an article
#: already waiting keeps its place; one in two of them, from an older store, joins the first).
_LEFTOVERS = """
INSERT OR IGNORE INTO pending_articles (article_id, story_id, position, run_id)
SELECT article_id, story_id, position, ? FROM story_articles
WHERE list_contains(?, story_id) AND NOT list_contains(?, article_id)
QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY story_id) = 1
"""
