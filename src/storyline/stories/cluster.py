"""Group articles into stories.

For now every input set is one story; this is the seam where incremental, event-level
clustering plugs in (it receives the processed docs and returns groups of them).
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Doc


def group_stories(docs: Sequence[Doc]) -> list[list[Doc]]:
    """Return the docs grouped by story: one group holding every doc."""
    return [list(docs)] if docs else []
