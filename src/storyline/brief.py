"""The main job: read inputs, run the pipeline, build stories, and return a `Brief`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path

from storyline.engines import Engine, make_engine
from storyline.errors import InputError
from storyline.ingest import read_inputs
from storyline.model import Article, Brief, Doc, InputRecord, Story
from storyline.pipeline import DEFAULT_STAGES, build_pipeline
from storyline.stories import build_stories

#: Wraps the stream of processed docs, e.g. to draw a progress bar; gets the total count.
Tracker = Callable[[Iterator[Doc], int], Iterable[Doc]]


def sample_paths() -> list[str]:
    """Return the paths of the bundled sample story's articles."""
    folder = resources.files("storyline") / "sample"
    return sorted(str(p) for p in Path(str(folder)).iterdir() if not p.name.startswith("."))


def make_brief(
    paths: Sequence[str],
    *,
    engine: Engine | None = None,
    stages: Sequence[str] = DEFAULT_STAGES,
    track: Tracker | None = None,
) -> Brief:
    """Return the brief for the articles found in `paths`; raise `InputError` if none is usable."""
    pipeline = build_pipeline(stages)
    inputs: list[InputRecord] = []
    articles: list[Article] = []
    for result in read_inputs(paths):
        inputs.append(result.record)
        if result.article is not None:
            articles.append(result.article)
    if not articles:
        raise InputError(_nothing_usable(inputs))
    docs_in = [Doc(article=a) for a in articles]
    stream = (engine or make_engine()).map(pipeline, docs_in)
    docs = list(track(stream, len(docs_in)) if track else stream)
    return Brief(
        inputs=tuple(inputs),
        articles=tuple(d.article for d in docs),
        stories=build_stories(docs),
    )


def story_brief(brief: Brief, story: Story) -> Brief:
    """Return the brief of one story: its articles and the inputs that became them."""
    mine = set(story.article_ids)
    return Brief(
        inputs=tuple(r for r in brief.inputs if r.article_id in mine),
        articles=tuple(a for a in brief.articles if a.id in mine),
        stories=(story,),
        schema=brief.schema,
    )


def _nothing_usable(inputs: Sequence[InputRecord]) -> str:
    if not inputs:
        return "no input files found: give files, folders, globs or '-' for stdin"
    reasons = sorted({f"{r.path}: {r.reason}" for r in inputs if r.reason})[:5]
    return "no usable article in the inputs; " + "; ".join(reasons)
