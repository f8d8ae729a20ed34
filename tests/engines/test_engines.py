"""Engines give the same docs, in the same order, whatever runs them."""

from __future__ import annotations

import pytest

from storyline.engines import LocalEngine, SerialEngine, make_engine
from storyline.model import Doc
from storyline.pipeline import build_pipeline
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
