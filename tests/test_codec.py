"""Docs survive the trip to JSON and back unchanged (Parquet shards, Ray rows)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.codec import doc_from_json, doc_to_json
from storyline.model import Claim, Doc, Figure, Mention, Removal, Span, TimeExpr, Token
from tests.conftest import make_article


def hand_doc(text: str = "The ship, 400 m long, ran aground on Tuesday.") -> Doc:
    art = make_article(text, published="2021-03-24", source="Wire")
    aid = art.id
    span = Span(aid, 0, len(text))
    fig = Figure(Span(aid, 10, 15), "400 m", 400.0, "m", None, "about")
    when = TimeExpr(Span(aid, 36, 43), "Tuesday", "2021-03-23", "weekday")
    claim = Claim("c1", span, text, ("ship",), "run", ("ship", "aground"), (fig,), (when,))
    return Doc(
        article=replace(art, removed=(Removal("Share this", "share-buttons"),)),
        sentences=(span,),
        tokens=(Token(0, 3, "the", "DET", "DT", "det", 1),),
        mentions=(Mention(Span(aid, 4, 8), "ship", "PRODUCT"),),
        figures=(fig,),
        times=(when,),
        claims=(claim,),
        stages=("parse.v1",),
    )


def test_hand_built_doc_round_trips() -> None:
    doc = hand_doc()
    assert doc_from_json(doc_to_json(doc)) == doc


@given(st.text(min_size=1, max_size=200))
def test_any_text_round_trips(text: str) -> None:
    doc = Doc(article=make_article(text))
    assert doc_from_json(doc_to_json(doc)) == doc


@pytest.mark.model
def test_real_pipeline_docs_round_trip(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        'About 369 ships were waiting on Sunday, the canal authority said. "It is a disaster," '
        "said Captain Ali Hassan of the Suez Canal Authority, according to Reuters.",
        published="2021-03-28",
    )
    assert doc.claims and doc.figures and doc.quotes
    assert doc_from_json(doc_to_json(doc)) == doc
