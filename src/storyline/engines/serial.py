"""Run a pipeline in this process, one doc after another (tests, tiny inputs)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from storyline.model import Doc
from storyline.pipeline import Pipeline


class SerialEngine:
    """Run every stage in the calling process."""

    def map(self, pipeline: Pipeline, docs: Iterable[Doc]) -> Iterator[Doc]:
        for doc in docs:
            yield pipeline(doc)
