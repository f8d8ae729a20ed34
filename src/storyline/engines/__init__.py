"""Where a pipeline runs: an `Engine` has one method, `map(pipeline, docs)`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from storyline.engines.local import LocalEngine
from storyline.engines.serial import SerialEngine
from storyline.model import Doc
from storyline.pipeline import Pipeline


class Engine(Protocol):
    """Runs a pipeline over docs; yields results in input order."""

    def map(self, pipeline: Pipeline, docs: Iterable[Doc]) -> Iterator[Doc]: ...


def make_engine(processes: int | None = None) -> Engine:
    """Return the default engine: local processes, or serial when asked for one process."""
    if processes == 1:
        return SerialEngine()
    return LocalEngine(processes=processes)


__all__ = ["Engine", "LocalEngine", "SerialEngine", "make_engine"]
