"""Engines give the same docs, in the same order, whatever runs them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from storyline.engines import LocalEngine, SerialEngine, make_engine
from storyline.engines.local import MIN_DOCS_FOR_WORKERS
from storyline.model import Doc
from storyline.pipeline import Pipeline, Stage, build_pipeline
from tests.conftest import make_article

TEXTS = [
    f"Article {i}: the council of Springfield voted on Tuesday to spend ${i + 1} million on "
    f"{i + 3} new buses, the mayor said."
    for i in range(30)
]


def test_make_engine_defaults() -> None:
    assert isinstance(make_engine(1), SerialEngine)
    assert isinstance(make_engine(), LocalEngine)


@pytest.mark.model
def test_local_engine_matches_serial() -> None:
    pipe = build_pipeline()
    docs = [Doc(article=make_article(t, published="2024-05-08")) for t in TEXTS]
    serial = list(SerialEngine().map(pipe, docs))
    local = list(LocalEngine(processes=2).map(pipe, docs))
    assert [d.id for d in local] == [d.id for d in docs]
    assert local == serial
    assert all(d.claims for d in local)


def counting(docs: list[Doc], pulled: list[int]) -> Iterator[Doc]:
    """Yield docs, recording how many the consumer has pulled so far."""
    for doc in docs:
        pulled[0] += 1
        yield doc


def upper_title(doc: Doc) -> Doc:
    return doc.with_(article=replace(doc.article, title=doc.article.title.upper()))


def test_local_engine_streams_with_bounded_lookahead() -> None:
    pipe = Pipeline((Stage("upper.v1", upper_title),))
    docs = [Doc(article=make_article(f"Text number {i} " * 5)) for i in range(400)]
    pulled = [0]
    engine = LocalEngine(processes=2, batch_size=8, ahead=2)
    stream = engine.map(pipe, counting(docs, pulled))
    first = next(stream)
    # 2 workers x 2 batches x 8 docs in flight, plus the batch being cut: far from all 400
    assert pulled[0] <= 2 * 2 * 8 + 8 + MIN_DOCS_FOR_WORKERS
    rest = list(stream)
    assert [first.id, *(d.id for d in rest)] == [d.id for d in docs]
    assert all(d.stages == ("upper.v1",) and d.article.title == "A HEADLINE" for d in rest)


def test_run_batch_equals_calling_the_pipeline_on_each() -> None:
    batch = Stage("upper.v1", upper_title, batch_fn=lambda ds: [upper_title(d) for d in ds])
    pipe = Pipeline((batch, Stage("again.v1", upper_title)))
    docs = [Doc(article=make_article(f"Text {i} " * 5)) for i in range(5)]
    assert pipe.run_batch(docs) == [pipe(d) for d in docs]


@pytest.mark.model
def test_batched_parse_equals_per_doc_parse() -> None:
    pipe = build_pipeline()
    docs = [Doc(article=make_article(t, published="2024-05-08")) for t in TEXTS[:8]]
    assert pipe.run_batch(docs) == [pipe(d) for d in docs]
