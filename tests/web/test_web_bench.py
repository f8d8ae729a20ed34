"""The load benchmark still runs: a tiny synthetic store, a short bounded loopback run."""

from __future__ import annotations

import sys
from pathlib import Path

from storyline.store import read_store

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_synthetic_store_and_load_run(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        import make_store
        import web_load
    finally:
        sys.path.remove(str(BENCH))
    db = tmp_path / "bench.duckdb"
    make_store.build(db, 30, batch=10)
    with read_store(db) as con:
        assert con.execute("SELECT count(*) FROM stories").fetchone() == (30,)
        texts = dict(con.execute("SELECT id, text FROM articles").fetchall())
        spans = con.execute("SELECT article_id, span_start, span_end, text FROM evidence")
        for aid, start, end, text in spans.fetchall():
            assert texts[aid][start:end] == text  # synthetic, but with exact provenance
    pools = web_load.scenarios(db)
    proc, port = web_load.start_server(db, threads=2)
    try:
        for name in ("story page", "search page (name)"):
            result = web_load.run_scenario(name, port, pools[name], 2, 1.0, 200)
            assert result.requests > 0 and result.errors == 0, result
            assert result.p50_ms <= result.p99_ms
    finally:
        proc.terminate()
        proc.wait(timeout=10)
