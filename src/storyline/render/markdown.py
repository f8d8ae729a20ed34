"""The brief as Markdown, for reading in a terminal, a wiki or a pull request."""

from __future__ import annotations

from storyline.model import Article, Brief, Fact, Story, TimelineEntry
from storyline.render.view import STATUS_LABEL, outlet_names


def brief_to_markdown(brief: Brief) -> str:
    """Return the brief as Markdown text."""
    articles = {a.id: a for a in brief.articles}
    lines = ["# storyline brief", ""]
    for story in brief.stories:
        lines += _story(story, articles)
    lines += ["## Inputs", "", "| input | status | reason |", "| --- | --- | --- |"]
    lines += [f"| {_esc(r.path)} | {r.status} | {_esc(r.reason or '')} |" for r in brief.inputs]
    return "\n".join(lines) + "\n"


def _story(story: Story, articles: dict[str, Article]) -> list[str]:
    names = {aid: _esc(name) for aid, name in outlet_names(story, articles).items()}
    out = [
        f"## {_esc(story.title)}",
        "",
        f"{len(story.article_ids)} articles, {len(story.facts)} facts, "
        f"{sum(f.status == 'conflicting' for f in story.facts)} conflicts.",
        "",
        "### Facts",
        "",
    ]
    out += [
        _fact_line(f, names)
        for f in story.facts
        if f.independent_sources > 1 or f.status == "conflicting"
    ]
    out += ["", "### Conflicts", ""]
    for fact in (f for f in story.facts if f.conflicts):
        for conflict in fact.conflicts:
            out.append(f"- **{_esc(conflict.slot)}** in: {_esc(fact.text)}")
            out += [
                f"  - `{_esc(v.value)}`: {', '.join(names[a] for a in v.article_ids)}"
                for v in conflict.variants
            ]
    out += ["", "### Single-source facts", ""]
    out += [_fact_line(f, names) for f in story.facts if f.status == "single-source"]
    out += ["", "### Quotes", ""]
    out += [
        f"- “{_esc(q.text)}” — {_esc(q.speaker or 'speaker not named')} "
        f"({names[q.span.article_id]})"
        for q in story.quotes
    ]
    out += ["", "### Timeline", ""]
    out += [
        f"- {_when(t)}: {_esc(t.text)} ({', '.join(names[a] for a in t.article_ids)}){_flags(t)}"
        for t in story.timeline
    ]
    out += [
        "",
        "### Sources",
        "",
        "| outlet | words | boilerplate | quotes | copy of | unique facts |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for p in story.sources:
        copy = names.get(p.signals.copy_of, "") if p.signals.copy_of else ""
        out.append(
            f"| {_esc(p.outlet)} | {p.signals.words} | {p.signals.boilerplate_share:.0%} "
            f"| {p.signals.quotes} | {copy} | {len(p.unique_fact_ids)} |"
        )
    return [*out, ""]


def _fact_line(fact: Fact, names: dict[str, str]) -> str:
    sources = ", ".join(names[a] for a in fact.article_ids)
    return (
        f"- [{STATUS_LABEL[fact.status]}, {fact.independent_sources} independent] "
        f"{_esc(fact.text)} ({sources})"
    )


def _esc(text: str) -> str:
    """Neutralise Markdown and HTML in untrusted article text."""
    return text.replace("\\", "\\\\").replace("<", "&lt;").replace("|", "\\|").replace("\n", " ")


def _when(t: TimelineEntry) -> str:
    """Return an entry's date as written in the list: a range, or a coarse date's precision."""
    if t.end:
        return f"{t.date} to {t.end}" + (f" ({t.precision})" if t.precision != "day" else "")
    return t.date


def _flags(t: TimelineEntry) -> str:
    """Return the conflict, plan and inference notes of a timeline entry."""
    notes = []
    if t.conflict_dates:
        notes.append("**conflicting date**; other sources: " + ", ".join(t.conflict_dates))
    if t.status == "planned":
        notes.append("planned")
    if t.inferred:
        notes.append("date inferred from the story")
    return f" [{'; '.join(notes)}]" if notes else ""
