"""Parquet shards of per-article results, and the record of which shards are finished.

A shard is written to a temporary name and renamed, then recorded in `_done.jsonl` with a
digest of its articles and stages; a rerun skips a shard whose digest matches (datatrove's
resumable runs). The `doc` column holds the whole `Doc` as JSON (`storyline.codec`); the
other columns are there for queries (DuckDB reads the files directly).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from storyline.codec import doc_to_json
from storyline.model import Doc

SCHEMA = pa.schema([
    ("article_id", pa.string()),
    ("published", pa.string()),
    ("url", pa.string()),
    ("path", pa.string()),
    ("source", pa.string()),
    ("title", pa.string()),
    ("language", pa.string()),
    ("words", pa.int32()),
    ("sentences", pa.int32()),
    ("claims", pa.int32()),
    ("quotes", pa.int32()),
    ("doc", pa.large_string()),
])  # fmt: skip

DONE = "_done.jsonl"


def docs_table(docs: Sequence[Doc]) -> pa.Table:
    """Return the shard table for processed docs (one row each, in order)."""
    arts = [d.article for d in docs]
    columns = {
        "article_id": [a.id for a in arts],
        "published": [a.published for a in arts],
        "url": [a.url for a in arts],
        "path": [a.path for a in arts],
        "source": [a.source for a in arts],
        "title": [a.title for a in arts],
        "language": [a.language for a in arts],
        "words": [len(a.text.split()) for a in arts],
        "sentences": [len(d.sentences) for d in docs],
        "claims": [len(d.claims) for d in docs],
        "quotes": [len(d.quotes) for d in docs],
        "doc": [doc_to_json(d) for d in docs],
    }
    return pa.table(columns, schema=SCHEMA)


class ShardStore:
    """The shard files of one run folder and the record of the finished ones."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self._done: dict[int, str] = {}
        done_file = root / DONE
        if done_file.exists():
            for line in done_file.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                    self._done[int(entry["shard"])] = str(entry["digest"])
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut by a crash: that shard is simply redone
        self.current: list[int] = []  # shards of this run, in input order

    def path(self, index: int) -> Path:
        return self.root / f"part-{index:05d}.parquet"

    def is_done(self, index: int, digest: str) -> bool:
        """Tell whether shard `index` holds exactly these articles already (and note it)."""
        if self._done.get(index) == digest and self.path(index).exists():
            self.current.append(index)
            return True
        return False

    def write(self, index: int, digest: str, docs: Sequence[Doc]) -> None:
        """Write one shard atomically, then record it as finished."""
        path = self.path(index)
        tmp = path.with_suffix(".parquet.tmp")
        pq.write_table(docs_table(docs), tmp, compression="zstd")
        os.replace(tmp, path)
        with (self.root / DONE).open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"shard": index, "digest": digest, "rows": len(docs)}) + "\n")
        self._done[index] = digest
        self.current.append(index)

    def files(self) -> list[str]:
        """Return this run's shard files in input order."""
        return [str(self.path(i)) for i in sorted(self.current)]


def read_column(files: Sequence[str], column: str) -> Iterator[tuple[str, int, object]]:
    """Yield (file, row, value) of one column over shard files, in order."""
    for name in files:
        values = pq.read_table(name, columns=[column]).column(column).to_pylist()
        for row, value in enumerate(values):
            yield name, row, value


def read_docs(rows: dict[str, list[int]]) -> Iterator[str]:
    """Yield the `doc` JSON of the given rows per shard file, in file then row order."""
    for name, indices in rows.items():
        column = pq.read_table(name, columns=["doc"]).column("doc")
        for row in indices:
            yield str(column[row].as_py())
