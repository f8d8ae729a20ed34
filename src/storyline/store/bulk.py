"""Insert many rows into DuckDB quickly (its row-by-row `executemany` is slow)."""

from __future__ import annotations

import base64
import json
import math
import os
import tempfile
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import duckdb

_AS_TEXT = {"BLOB": "from_base64({})", "JSON": "CAST({} AS JSON)"}

#: Below this many rows a plain executemany is fast enough and skips the temporary file.
_SMALL = 8


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[tuple[str, str]],
    rows: Sequence[Sequence[Any]],
) -> None:
    """Insert `rows` into `table`; `columns` names each value's column and SQL type.

    Many rows go through a temporary JSON-lines file that DuckDB reads in one statement.
    `table` and `columns` come from this package's code, never from user input.
    """
    if not rows:
        return
    names = ", ".join(name for name, _ in columns)
    if len(rows) <= _SMALL:
        marks = ", ".join("?" for _ in columns)
        values = [[_finite(v) for v in row] for row in rows]
        con.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", values)
        return
    # JSON lines cannot hold bytes: BLOB values travel as base64 text. JSON values are
    # already JSON text: they travel as strings and are cast, so they are not quoted twice.
    spec = ", ".join(
        f"{name}: '{'VARCHAR' if sql_type in _AS_TEXT else sql_type}'" for name, sql_type in columns
    )
    picks = ", ".join(_AS_TEXT.get(sql_type, "{}").format(name) for name, sql_type in columns)
    fd, path = tempfile.mkstemp(prefix="storyline-", suffix=".jsonl")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for row in rows:
                record = {name: _json_safe(v) for (name, _), v in zip(columns, row, strict=True)}
                fh.write(json.dumps(record, ensure_ascii=False))
                fh.write("\n")
        con.execute(
            f"INSERT INTO {table} ({names}) SELECT {picks} FROM read_json(?, "
            f"columns = {{{spec}}}, format = 'newline_delimited', "
            "maximum_object_size = 1073741824)",
            [path],
        )
    finally:
        os.unlink(path)


def _finite(value: Any) -> Any:
    """Return None for NaN and infinities, which both insert paths store as NULL."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return list(value) if isinstance(value, tuple) else value


def _json_safe(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, tuple):
        return list(value)
    return value
