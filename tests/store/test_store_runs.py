"""`storyline run --db`: a crawl run's articles and stories land in the store, once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.engines import SerialEngine
from storyline.errors import StorylineError
from storyline.run import RunResult, run_corpus
from storyline.store import ingest, read_store
from storyline.store.runs import LoadReport
from storyline.store.stories import COLUMNS
from tests.ingest.test_warc import make_warc
from tests.store.builders import write_articles

TABLES = ("articles", "inputs", "mentions", "claims", "pending_articles", *COLUMNS)


def quick_run(paths: list[str], out: Path, db: Path, window: str = "all") -> RunResult:
    """Run with no per-article stages: fast, and enough to exercise the loading."""
    return run_corpus(paths, out, engine=SerialEngine(), stages=(), window=window, db=db)


def counts(db: Path) -> dict[str, int]:
    with read_store(db) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]


def memberships(db: Path) -> dict[str, list[str]]:
    """Map each stored article to the stories that hold it."""
    with read_store(db) as con:
        rows = con.execute(
            "SELECT a.id, list(s.story_id ORDER BY s.story_id) FILTER (s.story_id IS NOT NULL) "
            "FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id GROUP BY a.id"
        ).fetchall()
    return {str(a): list(s) for a, s in rows}


def test_a_loaded_run_stores_what_ingest_stores_and_a_rerun_adds_nothing(tmp_path: Path) -> None:
    warc = str(make_warc(tmp_path / "crawl.warc.gz"))
    first = quick_run([warc], tmp_path / "run", tmp_path / "run.duckdb")
    assert isinstance(first.stored, LoadReport)
    assert (first.stored.new_articles, first.stored.stored_articles) == (2, 0)
    loaded = counts(tmp_path / "run.duckdb")
    assert loaded["articles"] == 2 and loaded["inputs"] == 5 and loaded["stories"] == 1
    assert loaded["pending_articles"] == 0
    # the same store content as `storyline ingest` of the same crawl, story ids included
    ingested = ingest([warc], tmp_path / "ingest.duckdb", stages=(), engine=SerialEngine())
    assert counts(tmp_path / "ingest.duckdb") == loaded
    assert first.stored.stories == ingested.stories_updated
    again = quick_run([warc], tmp_path / "run", tmp_path / "run.duckdb")
    assert (again.shards_written, again.shards_resumed) == (0, 1)
    assert again.stored is not None and again.stored.new_articles == 0
    assert (again.stored.stored_articles, again.stored.superseded) == (2, ())
    assert counts(tmp_path / "run.duckdb") == loaded


def test_each_window_is_a_story_in_the_store(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    paths = []
    for i in range(6):  # two ISO weeks of three articles each
        record = {"title": f"Bridge {i}", "text": f"The bridge number {i} opened. " * 5}
        record["published"] = f"2021-03-{1 + 7 * (i // 3):02d}"
        path = tmp_path / "in" / f"a{i}.json"
        path.write_text(json.dumps(record), encoding="utf-8")
        paths.append(str(path))
    result = quick_run(paths, tmp_path / "run", tmp_path / "s.duckdb", window="week")
    assert [b.window for b in result.blocks] == ["2021-W09", "2021-W10"]
    assert result.stored is not None and len(result.stored.stories) == 2
    held = memberships(tmp_path / "s.duckdb")
    assert len(held) == 6 and all(len(s) == 1 for s in held.values())
    assert len({s[0] for s in held.values()}) == 2


def test_a_run_replaces_the_stored_story_of_its_articles_and_rebuilds_the_rest(
    tmp_path: Path,
) -> None:
    db = tmp_path / "s.duckdb"
    older = write_articles(tmp_path / "in", 3)  # ingested together: one story of three
    [old_key] = ingest(older, db, stages=(), engine=SerialEngine()).stories_updated
    crawl = [*older[:2], *write_articles(tmp_path / "more", 2, start=10)]
    result = quick_run(crawl, tmp_path / "run", db)
    assert result.stored is not None and result.stored.superseded == (old_key,)
    assert result.stored.rebuilt == (old_key,)  # the third article keeps a story of its own
    held = memberships(db)
    assert len(held) == 5 and all(len(s) == 1 for s in held.values())
    [new_key] = result.stored.stories
    assert sorted(s[0] for s in held.values()) == [old_key, *[new_key] * 4]


def test_a_changed_article_on_rerun_leaves_no_article_in_two_stories(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    paths = write_articles(tmp_path / "in", 3)
    quick_run(paths, tmp_path / "run", db)
    [changed] = write_articles(tmp_path / "edit", 1, start=2, topic="trams")
    Path(paths[2]).write_text(Path(changed).read_text(encoding="utf-8"), encoding="utf-8")
    again = quick_run(paths, tmp_path / "run", db)
    assert again.stored is not None and again.stored.new_articles == 1
    held = memberships(db)
    assert len(held) == 4 and all(len(s) == 1 for s in held.values())
    # the run's two (the bus reports, and the changed article, now about another event) and
    # the old version of the changed article on its own
    assert counts(db)["stories"] == 3


def test_an_unusable_store_stops_the_run_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "not.duckdb").write_text("not a database", encoding="utf-8")
    paths = write_articles(tmp_path / "in", 2)
    with pytest.raises(StorylineError, match="not a valid DuckDB"):
        quick_run(paths, tmp_path / "run", tmp_path / "not.duckdb")
    assert not (tmp_path / "run").exists()


@pytest.mark.model
def test_run_cli_loads_the_store_for_stories_show_and_search(tmp_path: Path) -> None:
    warc = str(make_warc(tmp_path / "crawl.warc.gz"))
    db = str(tmp_path / "news.duckdb")
    args = ["run", warc, "--out", str(tmp_path / "run"), "--db", db, "--processes", "1"]
    runner = CliRunner()
    done = runner.invoke(main, args)
    assert done.exit_code == 0, done.output
    assert "store: 2 new articles, 0 already stored; 1 stories written" in done.output
    listed = json.loads(runner.invoke(main, ["stories", "--db", db, "--json"]).output)
    [story] = listed["stories"]
    assert listed["total"] == 1 and story["article_count"] == 2
    shown = runner.invoke(main, ["show", story["id"][:8], "--db", db, "--json"])
    brief = json.loads(shown.output)
    assert brief["stories"][0]["id"] == story["id"]
    run_brief = json.loads((tmp_path / "run" / "briefs" / "2021-W12" / "brief.json").read_text())
    assert brief["stories"] == run_brief["stories"]  # the store holds the run's story as built
    found = json.loads(runner.invoke(main, ["search", "Brookfield", "--db", db, "--json"]).output)
    assert len(found["articles"]) == 2
    before = counts(Path(db))
    rerun = runner.invoke(main, args)
    assert rerun.exit_code == 0 and "0 new articles, 2 already stored" in rerun.output
    assert counts(Path(db)) == before
