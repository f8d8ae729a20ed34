"""Run a pipeline on local worker processes; each worker loads the models once."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator

from storyline.engines.serial import SerialEngine
from storyline.model import Doc
from storyline.pipeline import Pipeline

#: Below this many docs, starting workers (and loading a model in each) costs more than it saves.
MIN_DOCS_FOR_WORKERS = 24


class LocalEngine:
    """Spread docs over a pool of processes, keeping input order."""

    def __init__(self, processes: int | None = None, chunksize: int = 4) -> None:
        self.processes = processes or max(1, min(os.cpu_count() or 1, 4))
        self.chunksize = chunksize

    def map(self, pipeline: Pipeline, docs: Iterable[Doc]) -> Iterator[Doc]:
        items = docs if isinstance(docs, list) else list(docs)
        if self.processes < 2 or len(items) < MIN_DOCS_FOR_WORKERS:
            yield from SerialEngine().map(pipeline, items)
            return
        # fork shares the already-imported code; each worker still loads spaCy lazily, once.
        ctx = mp.get_context("fork")
        with ctx.Pool(self.processes) as pool:
            yield from pool.imap(pipeline, items, chunksize=self.chunksize)
