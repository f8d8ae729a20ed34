"""Run a pipeline in this process, one doc after another (tests, tiny inputs)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from storyline.model import Doc
from storyline.pipeline import Pipeline

T = TypeVar("T")
R = TypeVar("R")


class SerialEngine:
    """Run every stage in the calling process."""

    def map(self, pipeline: Pipeline, docs: Iterable[Doc]) -> Iterator[Doc]:
        for doc in docs:
            yield pipeline(doc)

    def each(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Apply a picklable function to independent items (e.g. time-window blocks)."""
        for item in items:
            yield fn(item)
