"""Order a story's dated facts into a timeline that keeps disagreements.

Each fact's sentences are dated by the time expression that tells when its event happened
(not when someone said so: "said on Saturday" gives way to "ran aground on Tuesday"). Sources
that date a fact alike share one entry; sources that date it differently get one entry each,
side by side, each naming the other dates (`conflict_dates`), and the fact gains a `date`
conflict. What a source states as planned or expected is marked `planned`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from storyline.model import (
    Claim,
    Conflict,
    DateAnchor,
    Doc,
    Evidence,
    Fact,
    FactStatus,
    TimeExpr,
    TimelineEntry,
    Variant,
)
from storyline.stories.matching import plain_text, written_date

_REPORTING = re.compile(
    r"\b(?:said|says|told|tells|announced|reported|added|stated|confirmed|wrote)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_PRECISION_ORDER = ("day", "week", "month", "quarter", "season", "year")


@dataclass(frozen=True, slots=True)
class _Dated:
    """One source sentence of a fact with the time expression that dates its event."""

    claim: Claim
    time: TimeExpr
    precision: str


def build_timeline(
    facts: Sequence[Fact],
    docs: Sequence[Doc] = (),
    anchors: Sequence[DateAnchor] = (),
) -> tuple[TimelineEntry, ...]:
    """Return the story's dated entries, oldest first, conflicting dates side by side."""
    claims = {c.id: c for d in docs for c in d.claims}
    anchor_day = {a.article_id: a.date for a in anchors}
    entries: list[TimelineEntry] = []
    for fact in facts:
        dated = [
            d
            for cid in fact.claim_ids
            if (claim := claims.get(cid)) and (d := _dated(claim)) is not None
        ]
        if dated:
            entries.extend(_entries(fact, dated, anchor_day))
        elif fact.date and not docs:
            entries.append(TimelineEntry(fact.date, fact.text, fact.article_ids, fact.id))
    return tuple(sorted(entries, key=_order))


def _order(e: TimelineEntry) -> tuple[str, int, int, str]:
    return (e.date, _PRECISION_ORDER.index(e.precision), -len(e.article_ids), e.text)


def event_time(claim: Claim) -> TimeExpr | None:
    """Return the time expression that dates a sentence's event, if one is resolved."""
    usable = [t for t in claim.times if t.start and _precision(t) is not None]
    if not usable:
        return None
    sentence_start = claim.span.start
    text = claim.text

    def reporting(t: TimeExpr) -> bool:
        before = text[: t.span.start - sentence_start]
        return _REPORTING.search(before) is not None

    events = [t for t in usable if not reporting(t)] or usable
    return min(events, key=lambda t: (_PRECISION_ORDER.index(_precision(t) or "year"), 0))


def lead_event_time(doc: Doc, sentences: int = 8) -> TimeExpr | None:
    """Return the date of an article's main event (5W1H "when").

    Candidates are the event dates of the first few sentences that resolve to a day; the one
    the article repeats most wins (the main event is told more than once), then the earliest.
    """
    candidates: list[TimeExpr] = []
    for sent in doc.sentences[:sentences]:
        times = tuple(t for t in doc.times if sent.start <= t.span.start < sent.end)
        claim = Claim("", sent, doc.article.text[sent.start : sent.end], (), None, (), (), times)
        t = event_time(claim)
        if t is not None and _precision(t) == "day":
            candidates.append(t)
    if not candidates:
        return None
    mentions = Counter(t.value for t in doc.times if t.value and len(t.value) == 10)
    return max(candidates, key=lambda t: (mentions[t.value or ""], -candidates.index(t)))


def _precision(t: TimeExpr) -> str | None:
    """Return how fine a resolved date is, or None for what a timeline cannot place."""
    value = t.value or ""
    if t.timex_type not in ("DATE", "TIME") or not value or not t.start:
        return None
    if len(value) == 10:
        return "day"
    if "-W" in value:
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}-[QH]\d", value):
        return "quarter"
    if re.fullmatch(r"\d{4}-(?:SP|SU|FA|WI)", value):
        return "season"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return None


def _dated(claim: Claim) -> _Dated | None:
    t = event_time(claim)
    if t is None:
        return None
    return _Dated(claim, t, _precision(t) or "day")


def _entries(
    fact: Fact, dated: list[_Dated], anchor_day: dict[str, str | None]
) -> list[TimelineEntry]:
    """Group a fact's sources by the date they give; more than one day-level date conflicts."""
    groups: dict[tuple[str, str, str], list[_Dated]] = defaultdict(list)
    for d in dated:
        groups[(d.time.start or "", d.time.end or "", d.precision)].append(d)
    _fold_coarse(groups)
    # A date conflict needs one side to write its day (`23 March 2021`, `Wednesday, March
    # 24`) and the other to name it too or give a weekday of an article whose date is known:
    # `the next day`, or two weekdays read against two articles' dates, are our reading. One
    # sentence copied into two articles written days apart never conflicts with itself.
    anchored = {
        key[0]: members
        for key, members in groups.items()
        if key[2] == "day" and any(_names_its_day(m.time) for m in members)
    }
    named = {day for day, ms in anchored.items() if any(written_date(m.time) for m in ms)}

    def rivals(day: str) -> tuple[str, ...]:
        mine = anchored.get(day, [])
        return tuple(
            other
            for other, theirs in sorted(anchored.items())
            if other != day
            and named & {day, other}
            and any(
                a.claim.span.article_id != b.claim.span.article_id
                and plain_text(a.claim.text) != plain_text(b.claim.text)
                for a in mine
                for b in theirs
            )
        )

    out = []
    for (start, end, precision), members in groups.items():
        out.append(
            TimelineEntry(
                date=start,
                text=_text(fact, members),
                article_ids=tuple(sorted({m.claim.span.article_id for m in members})),
                fact_id=fact.id,
                end=end if end != start else None,
                precision=precision,  # type: ignore[arg-type]
                status="planned" if _planned(members, anchor_day) else "reported",
                evidence=tuple(Evidence(m.time.span, m.time.text) for m in members),
                timex_values=tuple(m.time.timex_value or "" for m in members),
                conflict_dates=rivals(start) if precision == "day" else (),
                inferred=any(m.time.basis == "story" for m in members),
            )
        )
    return out


def _names_its_day(t: TimeExpr) -> bool:
    """Tell whether a time expression names its day, or is a weekday of a dated article."""
    return written_date(t) or (t.kind == "weekday" and t.basis == "published")


def _fold_coarse(groups: dict[tuple[str, str, str], list[_Dated]]) -> None:
    """Merge a coarser date ("March 2021") into the one finer date that falls inside it."""
    for key in [k for k in groups if k[2] != "day"]:
        inside = [k for k in groups if k[2] == "day" and key[0] <= k[0] <= key[1]]
        if len(inside) == 1:
            groups[inside[0]].extend(groups.pop(key))


def _text(fact: Fact, members: list[_Dated]) -> str:
    """Use the fact's own sentence when this group has it, else the group's first sentence."""
    texts = [m.claim.text for m in members]
    return fact.text if fact.text in texts else texts[0]


def _planned(members: list[_Dated], anchor_day: dict[str, str | None]) -> bool:
    """Tell whether every source states this as planned, or dates it after it was written."""

    def ahead(m: _Dated) -> bool:
        written = anchor_day.get(m.claim.span.article_id)
        return m.time.future or bool(written and (m.time.start or "") > written)

    return all(ahead(m) for m in members)


def mark_date_conflicts(
    facts: Sequence[Fact], timeline: Sequence[TimelineEntry]
) -> tuple[Fact, ...]:
    """Date each fact by its event, as the timeline does, and give facts whose sources date
    them differently a `date` conflict (status conflicting)."""
    days: dict[str, list[TimelineEntry]] = defaultdict(list)
    for entry in timeline:
        if entry.fact_id and entry.precision == "day":
            days[entry.fact_id].append(entry)
    out = []
    for fact in facts:
        if not days.get(fact.id):
            out.append(fact)  # undated here: whatever reconcile found stands
            continue
        best = min(days[fact.id], key=lambda e: (-len(e.article_ids), e.date))
        # The timeline dates the event itself, so its verdict replaces reconcile's first look.
        others = tuple(c for c in fact.conflicts if c.slot != "date")
        entries = [e for e in days[fact.id] if e.conflict_dates]
        if entries:
            variants = tuple(
                Variant(e.date, e.article_ids, _sentences(fact, e.article_ids)) for e in entries
            )
            others = (*others, Conflict("date", variants))
        status: FactStatus = (
            "conflicting" if others
            else "corroborated" if fact.independent_sources >= 2 else "single-source"
        )  # fmt: skip
        out.append(replace(fact, date=best.date, conflicts=others, status=status))
    return tuple(out)


def _sentences(fact: Fact, article_ids: tuple[str, ...]) -> tuple[Evidence, ...]:
    return tuple(ev for ev in fact.evidence if ev.span.article_id in article_ids)


__all__ = ["build_timeline", "event_time", "lead_event_time", "mark_date_conflicts"]
