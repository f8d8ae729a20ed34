"""The store on the bundled sample with the real model: the CLI commands, and kill-and-resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from storyline.brief import sample_paths
from storyline.cli import main
from storyline.model import Brief
from storyline.render.json import brief_to_dict
from storyline.store import read_store
from storyline.store.locks import lock_path, writer_waiting
from tests.store.builders import write_articles

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "news.duckdb"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--processes", "1"])
    assert result.exit_code == 0, result.output
    assert "8 new articles" in result.output
    return db


def _story_key(db: Path) -> str:
    with read_store(db) as con:
        return str(con.execute("SELECT id FROM stories").fetchone()[0])  # type: ignore[index]


def test_stored_brief_is_the_brief_of_the_same_articles(
    sample_store: Path, sample_brief: Brief
) -> None:
    with read_store(sample_store) as con:
        stored = json.loads(con.execute("SELECT brief FROM stories").fetchone()[0])  # type: ignore[index]
    fresh = json.loads(json.dumps(brief_to_dict(sample_brief)))
    assert stored == fresh


def test_brief_from_the_store_writes_the_same_files(
    sample_store: Path, sample_brief: Brief, tmp_path: Path
) -> None:
    key = _story_key(sample_store)
    out = tmp_path / "b"
    result = CliRunner().invoke(
        main, ["brief", "--db", str(sample_store), key[:6], "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    written = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(brief_to_dict(sample_brief)))
    assert (out / "brief.html").stat().st_size > 10_000


def test_stories_search_and_show(sample_store: Path) -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["stories", "--db", str(sample_store), "--json"])
    data = json.loads(listing.output)
    assert data["total"] == 1 and data["stories"][0]["article_count"] == 8
    assert data["stories"][0]["conflicting"] >= 1
    found = runner.invoke(main, ["search", "Osama Rabie", "--db", str(sample_store)])
    assert (
        found.exit_code == 0 and "entity" in found.output and "Osama Rabie (PERSON)" in found.output
    )
    text = runner.invoke(main, ["search", "Ever Given", "--db", str(sample_store), "--json"])
    assert json.loads(text.output)["articles"], "BM25 finds the ship's name (no stopwords)"
    shown = runner.invoke(main, ["show", _story_key(sample_store), "--db", str(sample_store)])
    assert "conflict on figure:ship" in shown.output


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_export_writes_every_table_readably(sample_store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / fmt
    result = CliRunner().invoke(
        main, ["export", "--db", str(sample_store), "--format", fmt, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    reader = {"parquet": "read_parquet", "jsonl": "read_json", "csv": "read_csv"}[fmt]
    con = duckdb.connect()
    facts = con.execute(f"SELECT count(*) FROM {reader}(?)", [str(out / f"facts.{fmt}")]).fetchone()
    evidence = con.execute(
        f"SELECT article_id, span_start, span_end, text FROM {reader}(?)",
        [str(out / f"evidence.{fmt}")],
    ).fetchall()
    assert facts is not None and facts[0] >= 40
    with read_store(sample_store) as store:
        texts = dict(store.execute("SELECT id, text FROM articles").fetchall())
    for aid, start, end, text in evidence:  # exported spans still point into the text
        assert texts[aid][start:end] == text


def test_events_are_a_table_in_plover_field_names(sample_store: Path) -> None:
    con = duckdb.connect(str(sample_store), read_only=True)
    try:
        [story_id] = con.execute("SELECT id FROM stories").fetchone() or [""]
        rows = con.execute(
            "SELECT event, event_text, article_id, span_start, span_end, plover FROM events "
            "WHERE story_id = ?",
            [story_id],
        ).fetchall()
        texts = dict(con.execute("SELECT id, text FROM articles").fetchall())
    finally:
        con.close()
    assert rows, "the sample's typed events are stored"
    assert {r[0] for r in rows} >= {"SUPPORT"}
    for event, action, article_id, start, end, plover in rows:
        record = json.loads(plover)
        assert record["event"] == event and record["eventText"] == action
        assert action.split()[-1] in texts[article_id][start:end]


def test_store_commands_fail_in_one_line_without_a_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["stories", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no store at" in result.output and "Traceback" not in result.output


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "storyline.cli", *args]


def _snapshot(db: Path) -> tuple[list[str], list[str], int]:
    with read_store(db) as con:
        ids = sorted(r[0] for r in con.execute("SELECT id FROM articles").fetchall())
        briefs = sorted(r[0] for r in con.execute("SELECT brief FROM stories").fetchall())
        facts = con.execute("SELECT count(*) FROM facts").fetchone()[0]  # type: ignore[index]
    return ids, briefs, facts


def _kill_when(proc: subprocess.Popen[bytes], ready: object, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not ready():  # type: ignore[operator]
        assert proc.poll() is None, "the ingest finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


@pytest.fixture(scope="module")
def kill_setup(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[str], dict[str, str], tuple[list[str], list[str], int]]:
    """The inputs, environment and the snapshot of a clean, uninterrupted ingest of them."""
    folder = tmp_path_factory.mktemp("kill")
    inputs = [*sample_paths(), *write_articles(folder / "extra", 12)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    clean = folder / "clean.duckdb"
    subprocess.run(_cli(*_ingest_args(inputs), "--db", str(clean)), check=True, env=env)
    return inputs, env, _snapshot(clean)


def _ingest_args(inputs: list[str]) -> list[str]:
    return ["ingest", *inputs, "--processes", "1", "--batch-size", "2", "--quiet"]


@pytest.mark.parametrize("moment", ["between batches", "inside a write window"])
def test_a_killed_ingest_resumes_losing_and_duplicating_nothing(
    tmp_path: Path,
    moment: str,
    kill_setup: tuple[list[str], dict[str, str], tuple[list[str], list[str], int]],
) -> None:
    inputs, env, clean = kill_setup
    broken = tmp_path / "broken.duckdb"
    run = _cli(*_ingest_args(inputs), "--db", str(broken))
    proc = subprocess.Popen(run, env=env)
    if moment == "inside a write window":
        # Once a batch is committed, kill the writer the next time it is inside a window.
        seen = [0]

        def in_window() -> bool:
            if not seen[0]:
                seen[0] = _committed(broken) if broken.exists() else 0
                return False
            return writer_waiting(lock_path(broken, "intent"))

        _kill_when(proc, in_window)
    else:
        _kill_when(proc, lambda: broken.exists() and 0 < _committed(broken) < len(inputs))
    committed = _committed(broken)
    subprocess.run(run, check=True, env=env)

    assert _snapshot(broken) == clean  # nothing lost, nothing doubled
    assert _committed(broken) == len(inputs) >= committed
    with read_store(broken) as con:
        assert con.execute("SELECT count(*) FROM pending_articles").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM inputs").fetchone() == (len(inputs),)


def _committed(db: Path) -> int:
    try:
        with read_store(db, timeout=5) as con:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]
    except Exception:  # not created yet, or mid-migration: nothing committed to count
        return 0
