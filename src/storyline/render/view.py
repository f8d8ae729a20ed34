"""Presentation helpers shared by the Markdown and HTML writers."""

from __future__ import annotations

from storyline.model import FactStatus, Story

STATUS_LABEL: dict[FactStatus, str] = {
    "corroborated": "corroborated",
    "single-source": "single source",
    "conflicting": "conflicting",
}


def outlet_names(story: Story) -> dict[str, str]:
    """Map article ids to outlet names, numbered when one outlet has several articles."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for p in story.sources:
        counts[p.outlet] = counts.get(p.outlet, 0) + 1
        n = counts[p.outlet]
        names[p.article_id] = p.outlet if n == 1 else f"{p.outlet} ({n})"
    return names
