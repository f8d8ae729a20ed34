"""Shared fixtures: hand-built docs for unit tests, and the sample brief (real model) once."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.brief import make_brief, sample_paths
from storyline.engines import SerialEngine
from storyline.model import Article, Brief, Doc
from storyline.pipeline import build_pipeline


def make_article(
    text: str, *, title: str = "A headline", published: str | None = None, source: str | None = None
) -> Article:
    """Return an article with a content-hash id, as ingest would build it."""
    return Article(
        id=Article.make_id(text), text=text, title=title, published=published, source=source
    )


@pytest.fixture(scope="session")
def nlp_pipeline():  # type: ignore[no-untyped-def]
    """The default pipeline with the real spaCy model."""
    return build_pipeline()


@pytest.fixture(scope="session")
def analyse(nlp_pipeline):  # type: ignore[no-untyped-def]
    """Run the real pipeline on one text."""

    def run(text: str, published: str | None = None) -> Doc:
        return nlp_pipeline(Doc(article=make_article(text, published=published)))

    return run


@pytest.fixture(scope="session")
def sample_brief() -> Brief:
    """The brief of the bundled sample, built once per test session."""
    return make_brief(sample_paths(), engine=SerialEngine())


@pytest.fixture()
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a file under tmp_path and return its path as a string."""

    def put(name: str, data: str | bytes) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        return str(path)

    return put
