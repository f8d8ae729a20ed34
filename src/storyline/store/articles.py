"""Write inputs and analysed articles into the store.

Each article keeps its full `Doc` (compressed JSON, so fields added to the model later are kept
too) next to normalised tables of what was found in it: mentions, quotes, figures, time
expressions and claims, each with its span into the article's text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import datetime

import duckdb

from storyline.model import Doc, InputRecord, Span, content_id
from storyline.store.bulk import insert_rows
from storyline.store.codec import pack

_SPAN = (("article_id", "VARCHAR"), ("span_start", "INTEGER"), ("span_end", "INTEGER"))
_ARTICLE_COLUMNS = (
    ("id", "VARCHAR"),
    ("title", "VARCHAR"),
    ("text", "VARCHAR"),
    ("path", "VARCHAR"),
    ("url", "VARCHAR"),
    ("source", "VARCHAR"),
    ("author", "VARCHAR"),
    ("published", "VARCHAR"),
    ("language", "VARCHAR"),
    ("removed", "JSON"),
    ("stages", "VARCHAR[]"),
    ("run_id", "VARCHAR"),
    ("ingested_at", "TIMESTAMP"),
    ("doc", "BLOB"),
)


def record_inputs(
    con: duckdb.DuckDBPyConnection, records: Sequence[InputRecord], run_id: str, now: datetime
) -> None:
    """Record what became of each input; an input seen before in the same state is kept once."""
    rows = []
    for r in records:
        key = content_id(r.path, r.status, r.reason or "", r.article_id or "", prefix="i")
        rows.append((key, r.path, r.status, r.reason, r.article_id, run_id, now))
    # Dedupe within the batch too: INSERT OR IGNORE only skips rows already in the table.
    unique = list({row[0]: row for row in rows}.values())
    con.execute("CREATE TEMP TABLE IF NOT EXISTS new_inputs AS SELECT * FROM inputs LIMIT 0")
    con.execute("DELETE FROM new_inputs")
    insert_rows(con, "new_inputs", _INPUT_COLUMNS, unique)
    con.execute("INSERT OR IGNORE INTO inputs SELECT * FROM new_inputs")


def stored_inputs(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> list[InputRecord]:
    """Return the recorded inputs that gave these articles, oldest first."""
    rows = con.execute(
        "SELECT path, status, reason, article_id FROM inputs "
        "WHERE list_contains(?, article_id) ORDER BY seen_at, path",
        [list(article_ids)],
    ).fetchall()
    return [InputRecord(path=r[0], status=r[1], reason=r[2], article_id=r[3]) for r in rows]


_INPUT_COLUMNS = (
    ("key", "VARCHAR"),
    ("path", "VARCHAR"),
    ("status", "VARCHAR"),
    ("reason", "VARCHAR"),
    ("article_id", "VARCHAR"),
    ("run_id", "VARCHAR"),
    ("seen_at", "TIMESTAMP"),
)


_V, _I = "VARCHAR", "INTEGER"

#: Each table of what was found in an article, with its columns.
ITEM_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "mentions": (*_SPAN, ("text", _V), ("label", _V)),
    "quotes": (
        *_SPAN, ("text", _V), ("speaker", _V), ("speaker_start", _I), ("speaker_end", _I),
        ("cue", _V), ("direct", "BOOLEAN"),
    ),
    "figures": (
        *_SPAN, ("text", _V), ("value", "DOUBLE"), ("unit", _V), ("counts", _V),
        ("qualifier", _V),
    ),
    "time_exprs": (*_SPAN, ("text", _V), ("value", _V), ("kind", _V)),
    "claims": (
        ("id", _V), *_SPAN, ("text", _V), ("predicate", _V), ("entities", "VARCHAR[]"),
        ("keywords", "VARCHAR[]"),
    ),
}  # fmt: skip
_PENDING = (("article_id", _V), ("story_id", _V), ("position", _I), ("run_id", _V))


def save_docs(
    con: duckdb.DuckDBPyConnection,
    docs: Sequence[Doc],
    placement: Mapping[str, tuple[str, int]],
    run_id: str,
    now: datetime,
) -> None:
    """Store analysed docs and their items, each queued for its story (`placement`)."""
    insert_rows(con, "articles", _ARTICLE_COLUMNS, [_article_row(d, run_id, now) for d in docs])
    for table, rows in item_rows(docs).items():
        insert_rows(con, table, ITEM_COLUMNS[table], rows)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', 'yes')")
    pending = [(d.id, *placement[d.id], run_id) for d in docs if d.id in placement]
    insert_rows(con, "pending_articles", _PENDING, pending)


def item_rows(docs: Sequence[Doc]) -> dict[str, list[tuple[object, ...]]]:
    """Return the rows of each item table for `docs`, in `ITEM_COLUMNS` order."""
    return {
        "mentions": [(*_span(m.span), m.text, m.label) for d in docs for m in d.mentions],
        "quotes": [
            (*_span(q.span), q.text, q.speaker, *_span_ends(q.speaker_span), q.cue, q.direct)
            for d in docs
            for q in d.quotes
            if q.speech  # the store, like the brief, holds what was said
        ],
        "figures": [
            (*_span(f.span), f.text, f.value, f.unit, f.counts, f.qualifier)
            for d in docs
            for f in d.figures
        ],
        "time_exprs": [(*_span(t.span), t.text, t.value, t.kind) for d in docs for t in d.times],
        "claims": [
            (c.id, *_span(c.span), c.text, c.predicate, list(c.entities), list(c.keywords))
            for d in docs
            for c in d.claims
        ],
    }


def _article_row(doc: Doc, run_id: str, now: datetime) -> tuple[object, ...]:
    a = doc.article
    removed = json.dumps([asdict(r) for r in a.removed], ensure_ascii=False)
    return (
        a.id,
        a.title,
        a.text,
        a.path,
        a.url,
        a.source,
        a.author,
        a.published,
        a.language,
        removed,
        list(doc.stages),
        run_id,
        now,
        pack(doc),
    )


def _span(span: Span) -> tuple[str, int, int]:
    return (span.article_id, span.start, span.end)


def _span_ends(span: Span | None) -> tuple[int | None, int | None]:
    return (None, None) if span is None else (span.start, span.end)
