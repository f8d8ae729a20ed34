"""Lay out a story's timeline as a picture: entries on a day axis, conflicts joined in red,
planned events hollow. The HTML template draws the layout as inline SVG (no script)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from storyline.model import Story, TimelineEntry

WIDTH = 960
MARGIN = 60
AXIS_Y = 40  # distance of the axis from the bottom
STEP = 26  # vertical distance between stacked markers
#: The axis spans at most this many days; entries outside the busiest window are listed only.
MAX_DAYS = 45


@dataclass(frozen=True, slots=True)
class Marker:
    """One timeline entry on the drawing."""

    number: int  # the entry's number in the list under the drawing
    x: float
    y: float
    x_end: float | None  # a range's end
    css: str  # "reported", "planned", "conflict", plus "inferred"
    title: str  # tooltip: date, sources, text


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    weekday: str


@dataclass(frozen=True, slots=True)
class Link:
    """A dashed line between two entries that date the same fact differently."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True, slots=True)
class TimelineLayout:
    """Everything the template needs to draw the timeline."""

    width: int
    height: int
    axis_y: float
    ticks: tuple[Tick, ...]
    markers: tuple[Marker, ...]
    links: tuple[Link, ...]
    numbered: tuple[tuple[int, TimelineEntry], ...]  # every entry with its number
    off_axis: tuple[int, ...]  # numbers of entries listed but not drawn (coarse or far away)


def timeline_layout(story: Story, names: dict[str, str] | None = None) -> TimelineLayout:
    """Return the drawing of a story's timeline."""
    numbered = tuple(enumerate(story.timeline, 1))
    days = [date.fromisoformat(e.date) for _, e in numbered if e.precision == "day"]
    first, last = _window(days)
    drawn = [(n, e) for n, e in numbered if _drawable(e, first, last)]
    span = max((last - first).days, 1)

    def x_of(d: str) -> float:
        delta = (min(max(date.fromisoformat(d), first), last) - first).days
        return round(MARGIN + (WIDTH - 2 * MARGIN) * delta / span, 1)

    stack: dict[str, int] = defaultdict(int)
    placed: dict[int, tuple[float, int]] = {}
    for n, e in drawn:
        stack[e.date] += 1
        placed[n] = (x_of(e.date), stack[e.date])
    height = int(AXIS_Y + 30 + STEP * max(stack.values(), default=1))
    axis_y = height - AXIS_Y
    markers = tuple(
        Marker(
            n,
            placed[n][0],
            axis_y - STEP * placed[n][1],
            x_of(e.end) if e.end else None,
            _css(e),
            _title(e, names or {}),
        )
        for n, e in drawn
    )
    ticks = tuple(
        Tick(x_of(d.isoformat()), d.strftime("%d %b"), d.strftime("%a"))
        for d in _tick_days(first, last)
    )
    return TimelineLayout(
        WIDTH,
        height,
        axis_y,
        ticks,
        markers,
        _links(drawn, markers),
        numbered,
        tuple(n for n, _ in numbered if n not in placed),
    )


def _drawable(e: TimelineEntry, first: date, last: date) -> bool:
    """Draw single days and short ranges (a weekend, "June 4 to 6") inside the window."""
    start = date.fromisoformat(e.date)
    end = date.fromisoformat(e.end) if e.end else start
    return first <= start and end <= last and (end - start).days <= 7


def _window(days: Sequence[date]) -> tuple[date, date]:
    """Return the busiest stretch of at most MAX_DAYS days, padded by a day on each side."""
    if not days:
        today_free = date(2000, 1, 1)  # an empty axis; no entry is drawn on it
        return today_free, today_free + timedelta(days=1)
    ordered = sorted(days)
    best = (0, ordered[0], ordered[0])
    for i, start in enumerate(ordered):
        inside = [d for d in ordered[i:] if (d - start).days <= MAX_DAYS]
        if len(inside) > best[0]:
            best = (len(inside), start, inside[-1])
    return best[1] - timedelta(days=1), best[2] + timedelta(days=1)


def _tick_days(first: date, last: date) -> list[date]:
    span = (last - first).days
    step = 1 if span <= 16 else 7 if span <= 60 else 30
    return [first + timedelta(days=i) for i in range(0, span + 1, step)]


def _css(e: TimelineEntry) -> str:
    kind = "conflict" if e.conflict_dates else e.status
    return f"{kind} inferred" if e.inferred else kind


def _title(e: TimelineEntry, names: dict[str, str]) -> str:
    sources = ", ".join(names.get(a, a) for a in e.article_ids)
    when = e.date + (f" to {e.end}" if e.end else "")
    flags = []
    if e.conflict_dates:
        flags.append("other sources say " + ", ".join(e.conflict_dates))
    if e.status == "planned":
        flags.append("planned")
    if e.inferred:
        flags.append("date inferred from the story")
    extra = f" ({'; '.join(flags)})" if flags else ""
    return f"{when}{extra}: {e.text} [{sources}]"


def _links(drawn: list[tuple[int, TimelineEntry]], markers: tuple[Marker, ...]) -> tuple[Link, ...]:
    """Join entries of one fact that sources date differently."""
    at = {m.number: m for m in markers}
    by_fact: dict[str, list[int]] = defaultdict(list)
    for n, e in drawn:
        if e.conflict_dates and e.fact_id:
            by_fact[e.fact_id].append(n)
    links = []
    for numbers in by_fact.values():
        for a, b in pairwise(numbers):
            links.append(Link(at[a].x, at[a].y, at[b].x, at[b].y))
    return tuple(links)


__all__ = ["TimelineLayout", "timeline_layout"]
