"""Run a pipeline on Ray (one machine or a cluster): an optional extra, `storyline[ray]`.

Per-article stages run in Ray Data actors; each actor loads the models once and runs the
stages over whole batches, exactly as a `LocalEngine` worker does, so both engines give the
same docs. Docs travel as JSON rows (`storyline.codec`), never as pickles. The input stream
is cut into windows of `window` docs, so the driver never holds a whole crawl.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from storyline.codec import doc_from_json, doc_to_json
from storyline.engines.local import batches
from storyline.errors import StorylineError
from storyline.model import Doc
from storyline.pipeline import Pipeline

T = TypeVar("T")
R = TypeVar("R")


def _ray() -> Any:
    """Import Ray, or say how to install it."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # never phone home
    try:
        import ray
    except ImportError as err:
        raise StorylineError(
            "the Ray engine needs the optional extra: pip install 'storyline[ray]'"
        ) from err
    return ray


def _import_path() -> str:
    """Return PYTHONPATH with the folder this storyline package is imported from first."""
    import storyline

    here = os.path.dirname(os.path.dirname(os.path.abspath(storyline.__file__)))
    rest = os.environ.get("PYTHONPATH", "")
    return os.pathsep.join(p for p in (here, rest) if p)


class StageActor:
    """A Ray Data actor: holds the pipeline (and its models, once loaded) for its lifetime."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        docs = [doc_from_json(str(text)) for text in batch["doc"]]
        done = self.pipeline.run_batch(docs)
        return {"doc": np.array([doc_to_json(d) for d in done], dtype=object)}


class RayEngine:
    """Spread docs over Ray actors, keeping input order."""

    def __init__(
        self,
        address: str | None = None,
        num_cpus: int | None = None,
        actors: int | None = None,
        batch_size: int = 16,
        window: int = 10_000,
    ) -> None:
        self.address = address  # None: start a local Ray; "auto" or "ray://...": a cluster
        self.num_cpus = num_cpus
        self.actors = actors
        self.batch_size = batch_size
        self.window = window

    def start(self) -> Any:
        """Connect to Ray (starting a local instance if no address is given)."""
        ray = _ray()
        if not ray.is_initialized():
            local = self.address is None
            ray.init(
                address=self.address,
                num_cpus=self.num_cpus if local else None,
                include_dashboard=False,
                log_to_driver=False,
                configure_logging=False,
                # workers import the same storyline as this driver (a cluster installs it)
                runtime_env={"env_vars": {"PYTHONPATH": _import_path()}} if local else None,
            )
        with warnings.catch_warnings():  # Ray's own deprecations, raised inside Ray
            warnings.simplefilter("ignore", DeprecationWarning)
            ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True  # shards are cut by position
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False
        for name in ("ray", "ray.data"):  # Ray Data logs every dataset at INFO level
            logging.getLogger(name).setLevel(logging.ERROR)
        return ray

    def _actor_count(self, ray: Any) -> int:
        if self.actors:
            return self.actors
        return max(1, int(ray.cluster_resources().get("CPU", 1)))

    def map(self, pipeline: Pipeline, docs: Iterable[Doc]) -> Iterator[Doc]:
        ray = self.start()
        actors = self._actor_count(ray)
        for window in batches(docs, self.window):
            rows = [{"doc": doc_to_json(d)} for d in window]
            # enough blocks for every actor to have work, and never an empty block
            width = min(actors, -(-len(rows) // self.batch_size))
            data = ray.data.from_items(
                rows, override_num_blocks=min(len(rows), max(width * 4, len(rows) // 256))
            )
            done = data.map_batches(
                StageActor,
                fn_constructor_args=(pipeline,),
                batch_size=self.batch_size,
                compute=ray.data.ActorPoolStrategy(size=width),
                num_cpus=1,
            )
            for row in done.iter_rows():
                yield doc_from_json(str(row["doc"]))

    def each(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Run `fn` on each item as a Ray task (corpus blocks), yielding results in order."""
        ray = self.start()
        task = ray.remote(num_cpus=1)(fn)
        refs = [task.remote(item) for item in items]
        for ref in refs:
            yield ray.get(ref)

    def shutdown(self) -> None:
        """Stop the local Ray instance this engine started, if any."""
        ray = _ray()
        if ray.is_initialized():
            ray.shutdown()
