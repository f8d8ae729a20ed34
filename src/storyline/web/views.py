"""Shape stored data for the pages: highlighted article text, the drawn timeline, quote groups,
the facts x sources matrix and coverage bars. Every piece of text is escaped here or by Jinja.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from storyline.model import Fact, Quote, Story, TimelineEntry
from storyline.store.read import Highlight

_INNER_ORDER = ("quote", "mention", "figure", "time")


def highlight_text(text: str, items: Sequence[Highlight]) -> Markup:
    """Return the article text as HTML with every extracted item marked.

    Evidence sentences become links to the fact they support (with an id, so a link to
    `#c<start>` shows the sentence); quotes, entity mentions, figures and dates are marked
    inside them. Items that cross each other are split where they cross.
    """
    evidence = _disjoint([h for h in items if h.kind == "fact"])
    inner = [h for h in items if h.kind != "fact"]
    out: list[str] = []
    pos = 0
    for ev in evidence:
        out.append(_marked(text, pos, ev.start, inner, link_mentions=True))
        out.append(
            f'<a class="ev {escape(ev.label)}" id="c{ev.start}" '
            f'href="/stories/{escape(ev.story_id or "")}#fact-{escape(ev.target or "")}" '
            f'title="supports a {escape(ev.label)} fact">'
        )
        out.append(_marked(text, ev.start, ev.end, inner, link_mentions=False))
        out.append("</a>")
        pos = ev.end
    out.append(_marked(text, pos, len(text), inner, link_mentions=True))
    return Markup("".join(out))


def _disjoint(spans: list[Highlight]) -> list[Highlight]:
    """Keep evidence spans that do not overlap an earlier one (sentences rarely do)."""
    kept: list[Highlight] = []
    for h in sorted(spans, key=lambda h: (h.start, -h.end)):
        if h.end > h.start and (not kept or h.start >= kept[-1].end):
            kept.append(h)
    return kept


def _marked(
    text: str, start: int, end: int, items: Sequence[Highlight], link_mentions: bool
) -> str:
    """Return text[start:end] escaped, with the items inside it wrapped in marks."""
    if start >= end:
        return ""
    inside = [h for h in items if h.start < end and h.end > start and h.end > h.start]
    cuts = sorted(
        {start, end} | {max(start, min(end, p)) for h in inside for p in (h.start, h.end)}
    )
    out = []
    for a, b in pairwise(cuts):
        piece = str(escape(text[a:b]))
        for kind in reversed(_INNER_ORDER):
            for h in inside:
                if h.kind == kind and h.start <= a and h.end >= b:
                    piece = _wrap(h, piece, first=h.start == a, link=link_mentions)
                    break
        out.append(piece)
    return "".join(out)


def _wrap(h: Highlight, inner: str, *, first: bool, link: bool) -> str:
    label = escape(h.label)
    anchor = f' id="q{h.start}"' if first and h.kind == "quote" else ""
    if h.kind == "mention" and link and h.target:
        return f'<a class="hl ent" href="/entities/{escape(h.target)}" title="{label}">{inner}</a>'
    kind = "ent" if h.kind == "mention" else h.kind
    return f'<span class="hl {kind}"{anchor} title="{label}">{inner}</span>'


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    """One date on the drawn timeline: its x position and the facts dated to it."""

    x: float
    date: str
    entries: tuple[TimelineEntry, ...]
    label_y: int


def timeline_points(entries: Sequence[TimelineEntry], width: int = 760) -> list[TimelinePoint]:
    """Place each dated fact on a horizontal axis `width` units wide (20 units of margin)."""
    by_date: dict[str, list[TimelineEntry]] = defaultdict(list)
    for e in entries:
        if _day(e.date) is not None:
            by_date[e.date].append(e)
    if not by_date:
        return []
    days = {d: _day(d) or 0 for d in by_date}
    low, high = min(days.values()), max(days.values())
    span = max(high - low, 1)
    points = []
    for i, d in enumerate(sorted(by_date, key=lambda d: days[d])):
        x = width / 2 if high == low else 40 + (days[d] - low) / span * (width - 80)
        points.append(TimelinePoint(round(x, 1), d, tuple(by_date[d]), 22 if i % 2 else 84))
    return points


def _day(iso: str) -> int | None:
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """The quotes of one speaker (or of unnamed speakers, when `speaker` is None)."""

    speaker: str | None
    entity_id: str | None
    quotes: list[Quote]


def quote_groups(story: Story, speakers: Mapping[tuple[str, int], str | None]) -> list[QuoteGroup]:
    """Group a story's quotes by speaker entity (named as the entity), else by the name as
    written; unnamed speakers come last.

    `speakers` maps (article id, quote start) to the speaker's entity id, as the brief has it.
    """
    known = {e.id: e.name for e in story.entities}
    groups: dict[str, QuoteGroup] = {}
    for q in story.quotes:
        entity = speakers.get((q.span.article_id, q.span.start))
        key = entity or (q.speaker or "").casefold() or "\0"
        if key not in groups:
            name = known.get(entity, q.speaker) if entity else q.speaker
            groups[key] = QuoteGroup(name, entity, [])
        groups[key].quotes.append(q)
    return sorted(
        groups.values(), key=lambda g: (g.speaker is None, -len(g.quotes), g.speaker or "")
    )


def ranked_articles(story: Story) -> list[tuple[str, float | None]]:
    """Return the story's article ids, most central first, with their centrality.

    Stories stored before ranking existed have none: their articles come in input order.
    """
    ranked = [(r.article_id, r.centrality) for r in story.ranking]
    seen = {aid for aid, _ in ranked}
    return ranked + [(aid, None) for aid in story.article_ids if aid not in seen]


def fact_matrix(story: Story, limit: int = 200) -> list[tuple[Fact, list[str]]]:
    """Return, per fact, one cell per source: the value it states, a dot, or empty."""
    rows = []
    for fact in story.facts[:limit]:
        stated = {e.span.article_id for e in fact.evidence} | set(fact.article_ids)
        values = {aid: v.value for c in fact.conflicts for v in c.variants for aid in v.article_ids}
        cells = [
            values.get(p.article_id, "●") if p.article_id in stated else "" for p in story.sources
        ]
        rows.append((fact, cells))
    return rows


def coverage(
    corroborated: int, conflicting: int, single: int, width: int = 120
) -> list[tuple[str, float, float]]:
    """Return (status, x, width) segments of a bar that splits `width` by fact status."""
    total = corroborated + conflicting + single
    if total == 0:
        return []
    out, x = [], 0.0
    for status, n in (
        ("corroborated", corroborated),
        ("conflicting", conflicting),
        ("single-source", single),
    ):
        w = width * n / total
        if w > 0:
            out.append((status, round(x, 2), round(w, 2)))
        x += w
    return out


def safe_url(url: str | None) -> str | None:
    """Return `url` when it is a plain web link (http or https), else None.

    Article metadata is untrusted: a `javascript:` or `data:` URL must never become a link.
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None
