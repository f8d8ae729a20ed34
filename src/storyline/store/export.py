"""Export the store's tables as Parquet, JSON lines or CSV files, one file per table."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import duckdb

ExportFormat = Literal["parquet", "jsonl", "csv"]

#: What each table exports; packed records (`doc`, `story`) stay inside the store, since the
#: normalised tables and each story's brief JSON carry the same data in an open form.
EXPORTS: dict[str, str] = {
    "articles": "SELECT * EXCLUDE (doc) FROM articles ORDER BY id",
    "inputs": "SELECT * FROM inputs ORDER BY path, key",
    "mentions": "SELECT * FROM mentions ORDER BY article_id, span_start",
    "quotes": "SELECT * FROM quotes ORDER BY article_id, span_start",
    "figures": "SELECT * FROM figures ORDER BY article_id, span_start",
    "time_exprs": "SELECT * FROM time_exprs ORDER BY article_id, span_start",
    "claims": "SELECT * FROM claims ORDER BY article_id, span_start",
    "stories": "SELECT * EXCLUDE (story) FROM stories ORDER BY id",
    "story_articles": "SELECT * FROM story_articles ORDER BY story_id, position",
    "facts": "SELECT * FROM facts ORDER BY story_id, position",
    "evidence": "SELECT * FROM evidence ORDER BY story_id, fact_id, article_id, span_start",
    "conflicts": "SELECT * FROM conflicts ORDER BY story_id, fact_id, slot, variant",
    "conflict_evidence": "SELECT * FROM conflict_evidence "
    "ORDER BY story_id, fact_id, slot, variant, article_id",
    "entities": "SELECT * FROM entities ORDER BY story_id, id",
    "entity_aliases": "SELECT * FROM entity_aliases ORDER BY story_id, entity_id, alias",
    "entity_mentions": "SELECT * FROM entity_mentions ORDER BY story_id, entity_id, article_id, "
    "span_start",
    "story_quotes": "SELECT * FROM story_quotes ORDER BY story_id, article_id, span_start",
    "timeline": "SELECT * FROM timeline ORDER BY story_id, position",
    "sources": "SELECT * FROM sources ORDER BY story_id, article_id",
    "events": "SELECT * FROM events ORDER BY story_id, id",
}

_OPTIONS: dict[str, tuple[str, str]] = {
    "parquet": ("parquet", "FORMAT parquet"),
    "jsonl": ("jsonl", "FORMAT json"),
    "csv": ("csv", "FORMAT csv, HEADER true"),
}


def export_tables(con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: ExportFormat) -> list[Path]:
    """Write every exported table into `out_dir` in format `fmt`; return the files written."""
    suffix, options = _OPTIONS[fmt]
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table, query in EXPORTS.items():
        target = out_dir / f"{table}.{suffix}"
        literal = str(target.resolve()).replace("'", "''")
        con.execute(f"COPY ({query}) TO '{literal}' ({options})")
        written.append(target)
    return written
