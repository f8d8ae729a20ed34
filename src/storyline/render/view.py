"""Presentation helpers shared by the Markdown and HTML writers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from storyline.model import Article, FactStatus, Story

STATUS_LABEL: dict[FactStatus, str] = {
    "corroborated": "corroborated",
    "single-source": "single source",
    "conflicting": "conflicting",
}


def outlet_names(story: Story, articles: Mapping[str, Article] | None = None) -> dict[str, str]:
    """Map article ids to outlet names; an outlet with several articles gets each one's date."""
    per_outlet = Counter(p.outlet for p in story.sources)
    seen: Counter[str] = Counter()
    names: dict[str, str] = {}
    for p in story.sources:
        seen[p.outlet] += 1
        if per_outlet[p.outlet] == 1:
            names[p.article_id] = p.outlet
            continue
        art = articles.get(p.article_id) if articles else None
        tag = art.published if art and art.published else f"#{seen[p.outlet]}"
        names[p.article_id] = f"{p.outlet} ({tag})"
    return names
