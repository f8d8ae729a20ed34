"""Evaluation harness for storyline: dataset lookup, errors and progress shared by every eval.

Run one eval with ``python -m evals NAME [--data DIR]``; the last line it prints is its
metrics as one JSON object. See ``docs/EVALUATION.md`` for the full convention.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TypeVar

__all__ = [
    "DATA_ENV",
    "REPO_ROOT",
    "DatasetError",
    "Metrics",
    "data_root",
    "resolve_data",
    "track",
]

Metrics = dict[str, float | int]
T = TypeVar("T")

# The harness lives at <repo>/evals, so the repo root is found from this file, not from the
# working directory; that keeps `python -m evals` working from any folder.
REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_ENV = "STORYLINE_DATA"


class DatasetError(Exception):
    """A dataset folder is missing or not laid out as its eval expects."""


def data_root() -> Path:
    """Return the root of shared data: $STORYLINE_DATA, else <repo>/../shared/data."""
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    return REPO_ROOT.parent / "shared" / "data"


def resolve_data(subpath: str, override: str | Path | None = None) -> Path:
    """Return an eval's dataset folder, raising DatasetError when it is not there."""
    folder = Path(override).expanduser() if override is not None else data_root() / subpath
    if not folder.is_dir():
        hint = "" if override is not None else f" (pass --data DIR or set {DATA_ENV})"
        raise DatasetError(f"dataset folder not found: {folder}{hint}")
    return folder


def track(items: Sequence[T], description: str) -> Iterator[T]:
    """Yield items, drawing a progress bar on stderr only when stderr is a terminal."""
    if not sys.stderr.isatty():
        # Piped or captured output (CI, tests, `| tail -1`) stays free of progress noise.
        yield from items
        return
    from rich.console import Console
    from rich.progress import track as rich_track

    console = Console(stderr=True)
    yield from rich_track(items, description=description, console=console, transient=True)
