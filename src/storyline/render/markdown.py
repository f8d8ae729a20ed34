"""The brief as Markdown, for reading in a terminal, a wiki or a pull request."""

from __future__ import annotations

from storyline.model import Article, Brief, Fact, Quote, Story, TimelineEntry
from storyline.render.index import span_label
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


def _speaker(q: Quote, speakers: dict[str, str], articles: dict[str, Article]) -> str:
    """Return who said it: the entity, else the name, else the unresolved words the text uses."""
    if q.speaker_entity in speakers:
        return _esc(speakers[q.speaker_entity or ""])
    if q.speaker:
        return _esc(q.speaker)
    if (words := q.source_span) is not None:
        as_written = articles[words.article_id].text[words.start : words.end]
        return f"speaker not named (as written: “{_esc(as_written)}”)"
    return "speaker not named"


def _said(q: Quote, articles: dict[str, Article]) -> str:
    """Return a quote's words: in quotation marks only when the article quotes them.

    Every piece of a split quote is shown, joined by an ellipsis (`which ... was a successful
    test`: the first piece alone would be `which`). Reported speech is the writer's
    paraphrase, so it is shown as such, with its cue.
    """
    text = articles[q.span.article_id].text
    words = _esc(" … ".join(text[p.start : p.end] for p in q.parts) if q.parts else q.text)
    if q.direct:
        return f": “{words}”"
    cue = f" (“{_esc(q.cue)}”)" if q.cue else ""
    return f", reported speech{cue}: {words}"


def _story(story: Story, articles: dict[str, Article]) -> list[str]:
    names = {aid: _esc(name) for aid, name in outlet_names(story, articles).items()}
    out = [
        f"## {_esc(story.title)}",
        "",
        f"{len(story.article_ids)} articles, {len(story.facts)} facts, "
        f"{sum(f.status == 'conflicting' for f in story.facts)} conflicts; "
        f"{span_label(story)}.",
        "",
        *(
            [f"Key entities: {_esc(', '.join(story.key_entities))}.", ""]
            if story.key_entities
            else []
        ),
        *_events(story, names),
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
    speakers = {e.id: e.name for e in story.entities}
    ordered = sorted(story.quotes, key=lambda q: (q.speaker_entity is None, q.speaker_entity or ""))
    out += [
        f"- {_speaker(q, speakers, articles)}{_said(q, articles)} ({names[q.span.article_id]})"
        for q in ordered
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
        "| outlet | reads as | words | boilerplate | claims | quotes | copy of | only it "
        "| repeats | contradicted |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for p in story.sources:
        copy = names.get(p.signals.copy_of, "") if p.signals.copy_of else ""
        out.append(
            f"| {_esc(p.outlet)} | {', '.join(p.kinds)} | {p.signals.words} "
            f"| {p.signals.boilerplate_share:.0%} | {p.signals.claims} | {p.signals.quotes} "
            f"| {copy} | {len(p.unique_fact_ids)} | {len(p.repeated_fact_ids)} "
            f"| {len(p.contradicted_fact_ids)} |"
        )
    if story.log:
        out += ["", "### How this story was formed", ""]
        out += [
            f"- {d.kind}: {_esc(d.detail)} (score {d.score}"
            + (f", bridged by {names.get(d.article_id, d.article_id)})" if d.article_id else ")")
            for d in story.log
        ]
    out += ["", "### Who copied whom", ""]
    out += [
        f"- {names[c.article_id]} copies {names[c.original_id]} "
        + ("(whole article)" if c.kind == "syndicated" else f"({c.similarity:.0f} sentences)")
        for c in story.copies
    ] or ["- no copies found"]
    return [*out, ""]


def _events(story: Story, names: dict[str, str]) -> list[str]:
    """Return the 5W1H of the main event and the events sources report, as Markdown lines."""
    out = ["### What happened (5W1H)", ""]
    five = story.five_w1h
    for w in ("who", "what", "when", "where", "why", "how"):
        ans = getattr(five, w) if five else None
        if ans is not None:
            who_says = ", ".join(names[e.span.article_id] for e in ans.evidence)
            out.append(f"- **{w}**: {_esc(ans.text)} ({who_says})")
        else:
            out.append(f"- **{w}**: not stated")
    out += ["", "### Events", ""]
    shown = [e for e in story.events if e.type or len(e.article_ids) > 1][:30]
    for e in shown:
        actor = _esc(e.actor.text) if e.actor else "—"
        target = f" → {_esc(e.target.text)}" if e.target else ""
        flags = ("not " if e.negated else "") + (f"*{e.modality}* " if e.modality else "")
        conflicts = "".join(f"; conflict on {c.slot}" for c in e.conflicts)
        sources = ", ".join(names[a] for a in e.article_ids)
        out.append(f"- [{e.type or 'event'}] {actor}: {flags}{_esc(e.action)}{target} "
                   f"({sources}{conflicts})")  # fmt: skip
    return [*(out if shown else [*out, "- no event names who acted"]), ""]


def _fact_line(fact: Fact, names: dict[str, str]) -> str:
    sources = ", ".join(
        names[a] + (" (copy)" if a in fact.copied_article_ids else "") for a in fact.article_ids
    )
    extra = f" *{fact.modality}*" if fact.modality else ""
    if fact.attributions:
        extra += f" — according to {_esc('; '.join(fact.attributions))}"
    return (
        f"- [{STATUS_LABEL[fact.status]}, {fact.independent_sources} independent] "
        f"{_esc(fact.text)}{extra} ({sources})"
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
