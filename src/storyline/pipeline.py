"""Per-article stages, registered by versioned name, and the pipeline that chains them.

A stage is a plain, picklable function `Doc -> Doc` with what it needs (`requires`) and what it
adds (`provides`); `build_pipeline` checks that every stage's needs are met by earlier stages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from storyline.errors import PipelineError
from storyline.model import Doc

StageFn = Callable[[Doc], Doc]
#: The same stage over many docs at once (e.g. spaCy's `nlp.pipe`); must equal mapping `fn`.
BatchFn = Callable[[Sequence[Doc]], list[Doc]]

#: What an `Article` brings before any stage has run.
BASE_FIELDS = frozenset({"article", "text"})

#: The stages `storyline brief` runs, in order.
DEFAULT_STAGES = (
    "language.v1",
    "parse.v1",
    "figures.v1",
    "dates.v1",
    "quotes.v1",
    "claims.v2",
    "events.v1",
)


@dataclass(frozen=True, slots=True)
class Stage:
    """A registered per-article stage."""

    name: str
    fn: StageFn
    requires: frozenset[str] = field(default_factory=frozenset)
    provides: frozenset[str] = field(default_factory=frozenset)
    batch_fn: BatchFn | None = None

    def run_batch(self, docs: Sequence[Doc]) -> list[Doc]:
        """Run the stage over many docs, with its batch form when it has one."""
        if self.batch_fn is not None:
            return self.batch_fn(docs)
        return [self.fn(doc) for doc in docs]


_REGISTRY: dict[str, Stage] = {}


def stage(
    name: str, *, requires: Sequence[str] = (), provides: Sequence[str] = ()
) -> Callable[[StageFn], StageFn]:
    """Register a function as a per-article stage under a versioned name like `quotes.v1`."""

    def register(fn: StageFn) -> StageFn:
        if name in _REGISTRY and _REGISTRY[name].fn is not fn:
            raise PipelineError(f"stage {name!r} is registered twice")
        _REGISTRY[name] = Stage(name, fn, frozenset(requires), frozenset(provides))
        return fn

    return register


def batch_form(name: str) -> Callable[[BatchFn], BatchFn]:
    """Register the batch form of an already registered stage (same output, less overhead)."""

    def register(fn: BatchFn) -> BatchFn:
        if name not in _REGISTRY:
            raise PipelineError(f"stage {name!r} must be registered before its batch form")
        _REGISTRY[name] = replace(_REGISTRY[name], batch_fn=fn)
        return fn

    return register


def registered_stages() -> dict[str, Stage]:
    """Return every registered stage by name (importing the built-in ones first)."""
    import storyline.stages  # noqa: F401  (registers the built-in stages)

    return dict(_REGISTRY)


@dataclass(frozen=True, slots=True)
class Pipeline:
    """An ordered, checked list of stages; calling it runs them on one `Doc`."""

    stages: tuple[Stage, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def __call__(self, doc: Doc) -> Doc:
        for st in self.stages:
            doc = st.fn(doc)
            doc = doc.with_(stages=(*doc.stages, st.name))
        return doc

    def run_batch(self, docs: Sequence[Doc]) -> list[Doc]:
        """Run every stage over a batch of docs; the result equals calling the pipeline on each."""
        out = list(docs)
        for st in self.stages:
            out = [d.with_(stages=(*d.stages, st.name)) for d in st.run_batch(out)]
        return out


def build_pipeline(names: Sequence[str] = DEFAULT_STAGES) -> Pipeline:
    """Return a pipeline of the named stages, or raise `PipelineError` if it cannot run."""
    known = registered_stages()
    available = set(BASE_FIELDS)
    chosen: list[Stage] = []
    for name in names:
        if name not in known:
            raise PipelineError(f"unknown stage {name!r}; known stages: {', '.join(sorted(known))}")
        st = known[name]
        missing = st.requires - available
        if missing:
            raise PipelineError(
                f"stage {name!r} needs {', '.join(sorted(missing))}, "
                "which no earlier stage provides; reorder the stages or add the one that does"
            )
        available |= st.provides
        chosen.append(st)
    return Pipeline(tuple(chosen))
