"""Records written to the store come back unchanged, from the packed doc and the tables alike."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.model import Article, Doc, Figure, Mention, Quote, Span, TimeExpr
from storyline.store.articles import save_docs
from storyline.store.bulk import insert_rows
from storyline.store.codec import unpack
from storyline.store.connect import Writer, read_store

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=120,
)


@st.composite
def _doc(draw: st.DrawFn) -> Doc:
    text = draw(_TEXT)
    aid = Article.make_id(text)

    def span() -> Span:
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        return Span(aid, start, end)

    article = Article(
        id=aid,
        text=text,
        title=draw(_TEXT),
        source=draw(st.none() | _TEXT),
        published=draw(st.none() | st.dates().map(str)),
    )
    mentions = tuple(
        Mention(s, s.text_in(text), draw(st.sampled_from(["PERSON", "ORG", "GPE"])))
        for s in [span() for _ in range(draw(st.integers(0, 3)))]
    )
    quotes = tuple(
        Quote(
            s,
            s.text_in(text),
            draw(st.none() | _TEXT),
            None,
            "said",
            draw(st.booleans()),
            speech=draw(st.booleans()),
        )
        for s in [span() for _ in range(draw(st.integers(0, 2)))]
    )
    figures = tuple(
        Figure(s, s.text_in(text), draw(st.floats(-1e9, 1e9)), draw(st.none() | _TEXT), None)
        for s in [span() for _ in range(draw(st.integers(0, 2)))]
    )
    times = tuple(
        TimeExpr(s, s.text_in(text), draw(st.none() | st.dates().map(str)), "date")
        for s in [span() for _ in range(draw(st.integers(0, 2)))]
    )
    return Doc(article, (span(),), (), mentions, quotes, figures, times, (), ("test.v1",))


def docs_strategy() -> st.SearchStrategy[list[Doc]]:
    """Lists of docs with distinct articles and valid spans."""
    return st.lists(_doc(), min_size=1, max_size=4, unique_by=lambda d: d.id)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(docs=docs_strategy())
def test_docs_and_their_items_round_trip_through_the_store(tmp_path: Path, docs: list[Doc]) -> None:
    db = tmp_path / f"{uuid.uuid4().hex}.duckdb"  # one store per example
    with Writer(db) as writer, writer.window() as con:
        save_docs(con, docs, {}, "r1", datetime(2024, 1, 1))
    with read_store(db) as con:
        for doc in docs:
            blob = con.execute("SELECT doc FROM articles WHERE id = ?", [doc.id]).fetchone()
            assert blob is not None and unpack(Doc, bytes(blob[0])) == doc
            row = con.execute(
                "SELECT title, text, source, published FROM articles WHERE id = ?", [doc.id]
            ).fetchone()
            a = doc.article
            assert row == (a.title, a.text, a.source, a.published)
            _check_items(con, doc)


def _same(con: object, sql: str, doc: Doc, want: list[tuple[object, ...]]) -> None:
    rows = con.execute(sql, [doc.id]).fetchall()  # type: ignore[attr-defined]
    assert sorted(rows, key=repr) == sorted(want, key=repr)


def _check_items(con: object, doc: Doc) -> None:
    text = doc.article.text
    _same(
        con,
        "SELECT span_start, span_end, text, label FROM mentions WHERE article_id = ?",
        doc,
        [(m.span.start, m.span.end, m.text, m.label) for m in doc.mentions],
    )
    _same(
        con,
        "SELECT span_start, span_end, text, speaker, direct FROM quotes WHERE article_id = ?",
        doc,
        # the packed doc keeps every attribution; the quotes table only what was said
        [(q.span.start, q.span.end, q.text, q.speaker, q.direct) for q in doc.quotes if q.speech],
    )
    _same(
        con,
        "SELECT span_start, span_end, text, value, unit FROM figures WHERE article_id = ?",
        doc,
        [(f.span.start, f.span.end, f.text, f.value, f.unit) for f in doc.figures],
    )
    _same(
        con,
        "SELECT span_start, span_end, text, value, kind FROM time_exprs WHERE article_id = ?",
        doc,
        [(t.span.start, t.span.end, t.text, t.value, t.kind) for t in doc.times],
    )
    # Provenance survives the store: every stored span still covers its text.
    for table in ("mentions", "quotes", "figures", "time_exprs"):
        spans = con.execute(  # type: ignore[attr-defined]
            f"SELECT span_start, span_end, text FROM {table} WHERE article_id = ?", [doc.id]
        ).fetchall()
        for start, end, covered in spans:
            assert text[start:end] == covered


@pytest.mark.parametrize("count", [3, 40])  # the small path (executemany) and the bulk path
def test_bulk_insert_keeps_every_column_type(count: int) -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t (s VARCHAR, i INTEGER, d DOUBLE, j JSON, b BLOB, l VARCHAR[], "
        "ts TIMESTAMP, f BOOLEAN)"
    )
    rows = [
        (f"é'\"{i}\n", i, float("nan") if i == 1 else i / 3, json.dumps({"k": [i]}),
         bytes([i % 256, 0, 255]), [f"x{i}", "y"], datetime(2024, 1, 2, 3, 4, i % 60), i % 2 == 0)
        for i in range(count)
    ]  # fmt: skip
    types = ["VARCHAR", "INTEGER", "DOUBLE", "JSON", "BLOB", "VARCHAR[]", "TIMESTAMP", "BOOLEAN"]
    columns = tuple(zip(["s", "i", "d", "j", "b", "l", "ts", "f"], types, strict=True))
    insert_rows(con, "t", columns, rows)
    got = con.execute("SELECT s, i, d, j ->> '$.k[0]', b, l, ts, f FROM t ORDER BY i").fetchall()
    for row, back in zip(rows, got, strict=True):
        assert back[0] == row[0] and back[1] == row[1]
        assert back[2] is None if row[1] == 1 else back[2] == row[2]
        assert back[3] == str(row[1])  # JSON stayed JSON, not a quoted string
        assert bytes(back[4]) == row[4] and back[5] == row[5] and back[6] == row[6]
        assert back[7] == row[7]
