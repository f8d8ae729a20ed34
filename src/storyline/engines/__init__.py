"""Where a pipeline runs: an `Engine` has one method, `map(pipeline, docs)`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

from storyline.engines.local import LocalEngine
from storyline.engines.serial import SerialEngine
from storyline.model import Doc
from storyline.pipeline import Pipeline

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    """Runs a pipeline over docs; yields results in input order."""

    def map(self, pipeline: Pipeline, docs: Iterable[Doc]) -> Iterator[Doc]: ...

    def each(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Apply `fn` to independent items (corpus blocks), in input order."""
        ...


def make_engine(
    processes: int | None = None, kind: str = "local", address: str | None = None
) -> Engine:
    """Return an engine: local processes (the default, serial for one process) or Ray."""
    if kind == "ray":
        from storyline.engines.ray import RayEngine

        return RayEngine(address=address, num_cpus=processes)
    if processes == 1:
        return SerialEngine()
    return LocalEngine(processes=processes)


__all__ = ["Engine", "LocalEngine", "SerialEngine", "make_engine"]
