"""Run a pipeline on local worker processes; each worker loads the models once.

Docs stream through: they are sent to the workers in batches, and only a few batches per
worker are in flight at once, so memory stays bounded however long the input is. A worker
runs each stage over a whole batch (spaCy's `nlp.pipe` for the parse), which is where the
speed over a per-doc loop comes from.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from multiprocessing.pool import AsyncResult

from storyline.engines.serial import R, SerialEngine, T
from storyline.model import Doc
from storyline.pipeline import Pipeline

#: Below this many docs, starting workers (and loading a model in each) costs more than it saves.
MIN_DOCS_FOR_WORKERS = 24

_WORKER_PIPELINE: Pipeline | None = None


def _start_worker(pipeline: Pipeline) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline


def _run_batch(docs: list[Doc]) -> list[Doc]:
    if _WORKER_PIPELINE is None:
        raise RuntimeError("worker started without a pipeline")
    return _WORKER_PIPELINE.run_batch(docs)


def batches(items: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    """Yield consecutive lists of at most `size` items."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class LocalEngine:
    """Spread docs over a pool of processes, in batches, keeping input order."""

    def __init__(self, processes: int | None = None, batch_size: int = 16, ahead: int = 2) -> None:
        self.processes = processes or max(1, min(os.cpu_count() or 1, 4))
        self.batch_size = batch_size
        self.ahead = ahead  # batches in flight per worker: enough to keep each one busy

    def map(self, pipeline: Pipeline, docs: Iterable[Doc]) -> Iterator[Doc]:
        it = iter(docs)
        head = list(islice(it, MIN_DOCS_FOR_WORKERS))
        if self.processes < 2 or len(head) < MIN_DOCS_FOR_WORKERS:
            yield from SerialEngine().map(pipeline, head)
            return
        # fork shares the already-imported code; each worker still loads spaCy lazily, once.
        ctx = mp.get_context("fork")
        with ctx.Pool(self.processes, _start_worker, (pipeline,)) as pool:
            pending: deque[AsyncResult[list[Doc]]] = deque()
            for batch in batches(chain(head, it), self.batch_size):
                pending.append(pool.apply_async(_run_batch, (batch,)))
                if len(pending) >= self.processes * self.ahead:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()

    def each(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Apply a picklable function to independent items on the pool, in input order."""
        jobs = list(items)  # a handful of blocks, not a stream
        if self.processes < 2 or len(jobs) < 2:
            yield from SerialEngine().each(fn, jobs)
            return
        with mp.get_context("fork").Pool(min(self.processes, len(jobs))) as pool:
            yield from pool.imap(fn, jobs, chunksize=1)
