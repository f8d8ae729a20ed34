"""Order a story's dated facts into a timeline."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Fact, TimelineEntry


def build_timeline(facts: Sequence[Fact]) -> tuple[TimelineEntry, ...]:
    """Return one entry per fact that resolves to a date, oldest first."""
    entries = [TimelineEntry(f.date, f.text, f.article_ids, f.id) for f in facts if f.date]
    return tuple(sorted(entries, key=lambda e: (e.date, -len(e.article_ids), e.text)))
