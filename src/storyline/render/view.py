"""Presentation helpers shared by the Markdown and HTML writers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from storyline.model import Article, Fact, FactStatus, Story

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


#: Most facts a coverage matrix shows; the rest are in the lists above it.
MATRIX_ROWS = 40


@dataclass(frozen=True, slots=True)
class CoverageRow:
    fact_id: str
    label: str
    status: FactStatus
    cells: tuple[str, ...]  # per source: "states", "copies", "rival", or ""


def coverage(story: Story) -> tuple[tuple[str, ...], tuple[CoverageRow, ...]]:
    """Return the source ids and one row per important fact: who states it, copies it or
    gives a rival value."""
    sources = tuple(p.article_id for p in story.sources)
    chosen = [f for f in story.facts if f.status != "single-source" or len(f.article_ids) > 1]
    chosen += [f for f in story.facts if f not in chosen][: max(0, MATRIX_ROWS - len(chosen))]
    rows = []
    for fact in chosen[:MATRIX_ROWS]:
        rival = _rival_articles(fact)
        cells = tuple(
            "rival" if aid in rival else "copies" if aid in fact.copied_article_ids
            else "states" if aid in fact.article_ids else ""
            for aid in sources
        )  # fmt: skip
        label = fact.text if len(fact.text) <= 70 else fact.text[:67] + "..."
        rows.append(CoverageRow(fact.id, label, fact.status, cells))
    return sources, tuple(rows)


def _rival_articles(fact: Fact) -> set[str]:
    """Articles that state a minority value in one of the fact's conflicts."""
    out: set[str] = set()
    for conflict in fact.conflicts:
        ranked = sorted(conflict.variants, key=lambda v: (-len(v.article_ids), v.value))
        for variant in ranked[1:]:
            out.update(variant.article_ids)
    return out


SLOT_LABEL = {"date": "date", "happened": "whether it happened"}


def slot_label(slot: str) -> str:
    """Return a reader's name for a conflict slot: "figure:ship" -> "number of ship"."""
    if slot.startswith("figure:"):
        return f"figure ({slot.split(':', 1)[1]})"
    return SLOT_LABEL.get(slot, slot)


def single_source_by_source(story: Story) -> list[tuple[str, list[Fact]]]:
    """Return, per source, the single-source facts it states first-hand (not by copying)."""
    return [
        (p.article_id, [f for f in story.facts if f.status == "single-source"
                        and p.article_id in f.article_ids
                        and p.article_id not in f.copied_article_ids])
        for p in story.sources
    ]  # fmt: skip
