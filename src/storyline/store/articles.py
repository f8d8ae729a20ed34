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


_INPUT_COLUMNS = (
    ("key", "VARCHAR"),
    ("path", "VARCHAR"),
    ("status", "VARCHAR"),
    ("reason", "VARCHAR"),
    ("article_id", "VARCHAR"),
    ("run_id", "VARCHAR"),
    ("seen_at", "TIMESTAMP"),
)


def save_docs(
    con: duckdb.DuckDBPyConnection,
    docs: Sequence[Doc],
    placement: Mapping[str, tuple[str, int]],
    run_id: str,
    now: datetime,
) -> None:
    """Store analysed docs and their items, each queued for its story (`placement`)."""
    insert_rows(con, "articles", _ARTICLE_COLUMNS, [_article_row(d, run_id, now) for d in docs])
    insert_rows(
        con,
        "mentions",
        (*_SPAN, ("text", "VARCHAR"), ("label", "VARCHAR")),
        [(*_span(m.span), m.text, m.label) for d in docs for m in d.mentions],
    )
    quote_columns = (
        *_SPAN,
        ("text", "VARCHAR"),
        ("speaker", "VARCHAR"),
        ("speaker_start", "INTEGER"),
        ("speaker_end", "INTEGER"),
        ("cue", "VARCHAR"),
        ("direct", "BOOLEAN"),
    )
    insert_rows(
        con,
        "quotes",
        quote_columns,
        [
            (*_span(q.span), q.text, q.speaker, *_span_ends(q.speaker_span), q.cue, q.direct)
            for d in docs
            for q in d.quotes
        ],
    )
    figure_columns = (
        *_SPAN,
        ("text", "VARCHAR"),
        ("value", "DOUBLE"),
        ("unit", "VARCHAR"),
        ("counts", "VARCHAR"),
        ("qualifier", "VARCHAR"),
    )
    insert_rows(
        con,
        "figures",
        figure_columns,
        [
            (*_span(f.span), f.text, f.value, f.unit, f.counts, f.qualifier)
            for d in docs
            for f in d.figures
        ],
    )
    time_columns = (*_SPAN, ("text", "VARCHAR"), ("value", "VARCHAR"), ("kind", "VARCHAR"))
    insert_rows(
        con,
        "time_exprs",
        time_columns,
        [(*_span(t.span), t.text, t.value, t.kind) for d in docs for t in d.times],
    )
    claim_columns = (
        ("id", "VARCHAR"),
        *_SPAN,
        ("text", "VARCHAR"),
        ("predicate", "VARCHAR"),
        ("entities", "VARCHAR[]"),
        ("keywords", "VARCHAR[]"),
    )
    insert_rows(
        con,
        "claims",
        claim_columns,
        [
            (c.id, *_span(c.span), c.text, c.predicate, list(c.entities), list(c.keywords))
            for d in docs
            for c in d.claims
        ],
    )
    con.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', 'yes')")
    pending = [(d.id, *placement[d.id], run_id) for d in docs if d.id in placement]
    insert_rows(
        con,
        "pending_articles",
        (
            ("article_id", "VARCHAR"),
            ("story_id", "VARCHAR"),
            ("position", "INTEGER"),
            ("run_id", "VARCHAR"),
        ),
        pending,
    )


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
