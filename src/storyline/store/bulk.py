"""Insert many rows into DuckDB quickly (its row-by-row `executemany` is slow)."""

from __future__ import annotations

import base64
import json
import math
import os
import tempfile
from datetime import datetime
from collections.abc import Sequence
from typing import Any

import duckdb

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
        con.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", [list(r) for r in rows])
        return
    # JSON cannot hold bytes: BLOB values travel as base64 text and are decoded by DuckDB.
    spec = ", ".join(
        f"{name}: '{'VARCHAR' if sql_type == 'BLOB' else sql_type}'" for name, sql_type in columns
    )
    picks = ", ".join(
        f"from_base64({name})" if sql_type == "BLOB" else name for name, sql_type in columns
    )
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
