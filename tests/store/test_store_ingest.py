"""Incremental ingest without the language model: idempotent, story-scoped, migrated once."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from storyline.engines import SerialEngine
from storyline.store import StoreBusyError, StoreError, Writer, ingest, read_store, search
from storyline.store import schema as schema_module
from storyline.store.connect import load_fts
from storyline.store.schema import MIGRATIONS
from storyline.web.reader import StoreReader
from tests.store.builders import write_articles

TABLES = (
    "articles", "inputs", "mentions", "quotes", "figures", "time_exprs", "claims", "stories",
    "story_articles", "pending_articles", "facts", "evidence", "entities", "entity_mentions",
    "story_quotes", "timeline", "sources",
)  # fmt: skip


def quick_ingest(paths: list[str], db: Path, **kw: object) -> object:
    """Ingest with no per-article stages: fast, and enough to exercise the store."""
    return ingest(paths, db, stages=(), engine=SerialEngine(), batch_size=2, **kw)  # type: ignore[arg-type]


def counts(db: Path) -> dict[str, int]:
    with read_store(db) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]


def test_ingesting_twice_duplicates_nothing(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "in", 5)
    first = quick_ingest(paths, tmp_path / "s.duckdb")
    before = counts(tmp_path / "s.duckdb")
    second = quick_ingest(paths, tmp_path / "s.duckdb")
    assert counts(tmp_path / "s.duckdb") == before
    assert before["articles"] == 5 and before["stories"] == 1 and before["pending_articles"] == 0
    assert len(first.new_article_ids) == 5  # type: ignore[attr-defined]
    assert second.new_article_ids == () and second.stories_updated == ()  # type: ignore[attr-defined]
    assert len(second.stored_article_ids) == 5  # type: ignore[attr-defined]


def test_only_the_affected_story_is_rebuilt(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    buses = quick_ingest(write_articles(tmp_path / "a", 3), db).stories_updated  # type: ignore[attr-defined]
    trams = quick_ingest(write_articles(tmp_path / "b", 3, topic="trams"), db).stories_updated  # type: ignore[attr-defined]
    with read_store(db) as con:
        stamps = dict(con.execute("SELECT id, updated_at FROM stories").fetchall())
    time.sleep(0.01)
    more = write_articles(tmp_path / "c", 2, start=50)
    report = quick_ingest(more, db, story=buses[0][:6])  # a unique prefix names the story
    assert report.stories_updated == buses  # type: ignore[attr-defined]
    with read_store(db) as con:
        after = dict(con.execute("SELECT id, updated_at FROM stories").fetchall())
        sizes = dict(con.execute("SELECT id, article_count FROM stories").fetchall())
    assert after[trams[0]] == stamps[trams[0]]  # untouched
    assert after[buses[0]] > stamps[buses[0]]
    assert sizes == {buses[0]: 5, trams[0]: 3}


def test_new_articles_join_the_story_of_the_runs_stored_articles(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    paths = write_articles(tmp_path / "in", 3)
    key = quick_ingest(paths, db).stories_updated  # type: ignore[attr-defined]
    grown = quick_ingest([*paths, *write_articles(tmp_path / "in2", 1, start=9)], db)
    assert grown.stories_updated == key  # type: ignore[attr-defined]
    assert counts(db)["stories"] == 1


def test_one_run_with_two_events_makes_two_stories_and_later_reports_join_theirs(
    tmp_path: Path,
) -> None:
    db = tmp_path / "s.duckdb"
    mixed = [*write_articles(tmp_path / "a", 3), *write_articles(tmp_path / "b", 3, topic="trams")]
    first = quick_ingest(mixed, db)
    assert len(first.stories_updated) == 2  # type: ignore[attr-defined]
    with read_store(db) as con:
        members = dict(
            con.execute(
                "SELECT s.story_id, list(a.path ORDER BY a.path) FROM story_articles s "
                "JOIN articles a ON a.id = s.article_id GROUP BY s.story_id"
            ).fetchall()
        )
    by_topic = {Path(paths[0]).name.split("-")[0]: key for key, paths in members.items()}
    assert sorted(len(p) for p in members.values()) == [3, 3]
    assert all(len({Path(p).name.split("-")[0] for p in paths}) == 1 for paths in members.values())
    later = quick_ingest(write_articles(tmp_path / "c", 1, start=70, topic="trams"), db)
    assert later.stories_updated == (by_topic["trams"],)  # type: ignore[attr-defined]
    assert counts(db)["stories"] == 2


def test_naming_an_unknown_story_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    quick_ingest(write_articles(tmp_path / "in", 1), db)
    with pytest.raises(StoreError, match="no story"):
        quick_ingest(write_articles(tmp_path / "in2", 1, start=5), db, story="snope")


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    with Writer(tmp_path / "s.duckdb"), pytest.raises(StoreBusyError, match="one writer"):
        Writer(tmp_path / "s.duckdb").__enter__()


def test_migrations_apply_once_and_later_ones_on_the_next_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.duckdb"
    quick_ingest(write_articles(tmp_path / "in", 1), db)
    with read_store(db) as con:
        names = [r[0] for r in con.execute("SELECT name FROM migrations ORDER BY name").fetchall()]
    assert names == [name for name, _ in MIGRATIONS]

    def add_column(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("ALTER TABLE articles ADD COLUMN word_count INTEGER")
        con.execute("UPDATE articles SET word_count = len(string_split(text, ' '))")

    monkeypatch.setattr(schema_module, "MIGRATIONS", (*MIGRATIONS, ("999_words", add_column)))
    # readers refuse a store that is behind the code
    with pytest.raises(StoreError, match="999_words"), read_store(db):
        pass
    quick_ingest(write_articles(tmp_path / "in", 1), db)  # nothing new, but it migrates
    with read_store(db) as con:
        assert con.execute("SELECT min(word_count) FROM articles").fetchone()[0] > 10  # type: ignore[index]
        applied = con.execute("SELECT count(*) FROM migrations WHERE name = '999_words'")
        assert applied.fetchone() == (1,)


_INGEST = """
import sys
from storyline.engines import SerialEngine
from storyline.store import ingest
ingest([sys.argv[1]], sys.argv[2], stages=(), engine=SerialEngine(), batch_size=3)
"""


def _consistent(con: duckdb.DuckDBPyConnection) -> None:
    """Check what a reader sees: every story agrees with its members and its brief JSON."""
    rows = con.execute(
        "SELECT s.id, s.article_count, json_array_length(s.brief -> '$.articles'), "
        "(SELECT count(*) FROM story_articles m WHERE m.story_id = s.id) FROM stories s"
    ).fetchall()
    for key, count, in_brief, members in rows:
        assert count == in_brief == members, key
    orphans = con.execute(
        "SELECT count(*) FROM story_articles m LEFT JOIN stories s ON s.id = m.story_id "
        "WHERE s.id IS NULL"
    ).fetchone()
    assert orphans == (0,)


def test_readers_see_only_whole_windows_while_an_ingest_runs(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    quick_ingest(write_articles(tmp_path / "first", 2), db)
    write_articles(tmp_path / "more", 12, start=100)
    reader = StoreReader(db, poll=0.01)
    proc = subprocess.Popen([sys.executable, "-c", _INGEST, str(tmp_path / "more"), str(db)])
    seen = set()
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            with reader.cursor() as cur:
                _consistent(cur)
                seen.add(cur.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]
        assert proc.wait(timeout=60) == 0
        with reader.cursor() as cur:
            _consistent(cur)
            final = cur.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
    finally:
        reader.close()
        proc.kill()
    assert final == 14
    assert len(seen) > 2  # the reader really read between the writer's windows


def test_search_scores_equal_the_extensions_bm25(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    quick_ingest(write_articles(tmp_path / "a", 6), db)
    quick_ingest(write_articles(tmp_path / "b", 4, topic="trams"), db)
    with read_store(db) as con:
        load_fts(con)
        for query in ["trams", "Town3 mayor", "council buses spring", "nothing-matches-this"]:
            ours = [(h.id, round(h.score, 9)) for h in search(con, query, limit=50).articles]
            theirs = con.execute(
                "SELECT id, round(score, 9) FROM (SELECT id, "
                "fts_main_articles.match_bm25(id, ?) AS score FROM articles) "
                "WHERE score IS NOT NULL ORDER BY score DESC, id",
                [query],
            ).fetchall()
            assert ours == theirs, query
        assert search(con, "trams").articles and not search(con, "nothing-matches-this").articles


def test_a_store_killed_while_being_created_is_created_again(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    # What a kill during creation leaves: a half-made file beside the store's name.
    (tmp_path / "s.duckdb.new").write_bytes(b"DUCK half a header")
    quick_ingest(write_articles(tmp_path / "in", 2), db)
    assert counts(db)["articles"] == 2
    assert not (tmp_path / "s.duckdb.new").exists()
