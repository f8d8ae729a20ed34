"""Anchor every article of a story in time: its publication date from metadata, or, when the
metadata has none, inferred from the article and the story, with how and how sure.

An undated article's weekdays and relative dates say nothing alone, but the same event told by
a dated article pins them: "Until Sunday, 450 ships were waiting" matches "By Sunday, 369 ships
were waiting" in an article that resolves that Sunday to 28 March, so the undated article was
written on a day from which "Sunday" in the past tense is 28 March (28 March to 3 April). Every
candidate day in the story's window is tried; the days that agree with the most matched events
win, and explicit dates the article writes out bound it from below. An expression is resolved
only when every winning day gives it the same date; otherwise it stays unresolved. Nothing is
ever resolved against today.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from storyline.model import Claim, DateAnchor, Doc, Evidence, TimeExpr
from storyline.stages.dates import Found, find_expressions, parse_anchor, resolve_found
from storyline.stories.matching import figure_agreement, term_weights, word_overlap

#: Days around the story's known dates where an undated article may have been published.
WINDOW_DAYS = 14
METADATA_CONFIDENCE = 0.95


@dataclass(frozen=True, slots=True)
class _Match:
    """An undated claim that tells a dated event: the date it must resolve to."""

    claim: Claim
    other: Claim
    date: str


def anchor_docs(docs: Sequence[Doc]) -> tuple[list[Doc], tuple[DateAnchor, ...]]:
    """Return the docs with dates re-resolved where an anchor was inferred, and every anchor."""
    window = _story_window(docs)
    dated_claims = [c for d in docs if d.article.published for c in d.claims if _day_of(c)]
    idf = term_weights([c for d in docs for c in d.claims])
    out_docs: list[Doc] = []
    anchors: list[DateAnchor] = []
    for doc in docs:
        if parse_anchor(doc.article.published) is not None:
            anchors.append(_from_metadata(doc))
            out_docs.append(doc)
            continue
        new_doc, anchor = _infer(doc, window, dated_claims, idf)
        out_docs.append(new_doc)
        anchors.append(anchor)
    return out_docs, tuple(anchors)


def _from_metadata(doc: Doc) -> DateAnchor:
    day = (doc.article.published or "")[:10]
    return DateAnchor(
        doc.id, day, "metadata", METADATA_CONFIDENCE, day, day, note="publication date in metadata"
    )


def _story_window(docs: Sequence[Doc]) -> list[date]:
    """Return the candidate publication days: around the story's dated articles and dates."""
    known = [d for doc in docs if (d := parse_anchor(doc.article.published))]
    if not known:
        known = [
            date.fromisoformat(t.value)
            for doc in docs
            for t in doc.times
            if t.basis == "text" and t.value and len(t.value) == 10
        ]
    if not known:
        return []
    first = min(known) - timedelta(days=WINDOW_DAYS)
    days = (max(known) - first).days + WINDOW_DAYS + 1
    return [first + timedelta(days=i) for i in range(days)]


def _day_of(claim: Claim) -> str | None:
    """Return the first full date a claim's sentence resolves to."""
    for t in claim.times:
        if t.value and len(t.value) == 10 and t.timex_type in ("DATE", "TIME"):
            return t.value
    return None


def _needs_anchor(t: TimeExpr) -> bool:
    return t.basis is None and t.timex_type in ("DATE", "TIME") and t.kind != "duration"


def _infer(
    doc: Doc, window: list[date], dated: list[Claim], idf: dict[str, float]
) -> tuple[Doc, DateAnchor]:
    """Infer an undated doc's anchor and re-resolve its dates with it."""
    if not window:
        return doc, _none(doc, "no article of the story has a date to anchor it against")
    found = find_expressions(doc)
    runs = {day: resolve_found(doc, found, day, "story") for day in window}
    matches = _matches(doc, dated, idf)
    scores = {day: sum(_agrees(runs[day], m) for m in matches) for day in window}
    floors = {day: _explicit_floor(runs[day]) for day in window}
    allowed = [d for d in window if (f := floors[d]) is None or d >= f] or window
    floor = floors[allowed[0]]
    best = max(scores[d] for d in allowed)
    if best > 0:
        chosen = [d for d in allowed if scores[d] == best]
        method, confidence = "story-events", min(0.9, 1 - 0.5**best)
        evidence = _evidence([m for m in matches if _agrees(runs[chosen[0]], m)])
        note = f"{best} event(s) also dated by other articles agree with these days"
    elif floor is not None and floor >= window[0]:
        chosen = [d for d in allowed if d <= floor + timedelta(days=7)]
        method, confidence, evidence = "explicit-date", 0.3, ()
        note = "no later than a week after the latest date the article writes out in full"
    else:
        chosen = []
    if not chosen:  # nothing ties the article to the story's days
        return doc, _anniversary_or_none(doc, found)
    if chosen[-1] - chosen[0] > timedelta(days=7):
        confidence *= 0.5
    times = _agreed(doc, found, [runs[d] for d in chosen])
    anchor = DateAnchor(
        doc.id,
        chosen[0].isoformat(),
        method,
        round(confidence, 2),
        chosen[0].isoformat(),
        chosen[-1].isoformat(),
        evidence,
        note,
    )
    return _with_times(doc, times), anchor


def _matches(doc: Doc, dated: list[Claim], idf: dict[str, float]) -> list[_Match]:
    """Pair the doc's claims that need an anchor with the dated claims that tell the same."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, other in enumerate(dated):
        for term in {*other.keywords, *other.entities}:
            postings[term].append(i)
    out: list[_Match] = []
    for claim in doc.claims:
        if not any(_needs_anchor(t) for t in claim.times):
            continue
        # Only claims sharing a term can score above the threshold.
        near = sorted({i for term in {*claim.keywords, *claim.entities} for i in postings[term]})
        for other in (dated[i] for i in near):
            day = _day_of(other)
            if day is not None and _alike(claim, other, idf):
                out.append(_Match(claim, other, day))
    return out


#: How alike (shared rare words and names, an equal figure) two claims must be for one to
#: date the other. Cheaper than the story's full matching (no embeddings): anchoring only
#: needs a few confident pairs, and a wrong pair is caught by the weekday check after it.
ANCHOR_MATCH = 0.33


def _alike(a: Claim, b: Claim, idf: dict[str, float]) -> bool:
    return word_overlap(a, b, idf) + 0.25 * figure_agreement(a, b) >= ANCHOR_MATCH


def _agrees(times: tuple[TimeExpr, ...], m: _Match) -> bool:
    """Tell whether, with this run's anchor, the claim's sentence resolves to the match's date."""
    span = m.claim.span
    return any(
        t.value == m.date for t in times if span.start <= t.span.start < span.end and t.value
    )


def _explicit_floor(times: tuple[TimeExpr, ...]) -> date | None:
    """Return the latest calendar date the article writes out, in the past tense: the article
    cannot be older than what it reports ("got stuck on Wednesday, March 24")."""
    days = [
        date.fromisoformat(t.value)
        for t in times
        if t.kind == "date" and t.value and len(t.value) == 10 and not t.future
    ]
    return max(days) if days else None


def _agreed(
    doc: Doc, found: Sequence[Found], runs: list[tuple[TimeExpr, ...]]
) -> tuple[TimeExpr, ...]:
    """Keep a value only where every candidate anchor day gives the same one."""
    unanchored = {t.span.start: t for t in resolve_found(doc, found, None)}
    values = [{t.span.start: t.timex_value for t in run} for run in runs]
    out: list[TimeExpr] = []
    for t in runs[0]:
        if all(v.get(t.span.start) == t.timex_value for v in values) or t.basis != "story":
            out.append(t)
        else:
            out.append(unanchored.get(t.span.start, replace(t, value=None, basis=None)))
    return tuple(out)


def _with_times(doc: Doc, times: tuple[TimeExpr, ...]) -> Doc:
    """Replace the doc's times, and the copies its claims hold."""
    by_start = {t.span.start: t for t in times}
    claims = tuple(
        replace(c, times=tuple(by_start.get(t.span.start, t) for t in c.times)) for c in doc.claims
    )
    return doc.with_(times=times, claims=claims)


def _evidence(matches: list[_Match]) -> tuple[Evidence, ...]:
    seen: dict[tuple[str, int], Evidence] = {}
    for m in matches:
        for c in (m.claim, m.other):
            seen.setdefault((c.span.article_id, c.span.start), Evidence(c.span, c.text))
    return tuple(seen.values())


def _anniversary_or_none(doc: Doc, found: Sequence[Found]) -> DateAnchor:
    """Fall back to the year an anniversary names, else record that nothing pins the date."""
    years = [
        t.value
        for t in resolve_found(doc, found, None)
        if t.kind == "anniversary" and t.value and len(t.value) == 4
    ]
    if years:
        year = max(years)
        return DateAnchor(
            doc.id,
            None,
            "anniversary-year",
            0.2,
            f"{year}-01-01",
            f"{year}-12-31",
            note=f"an anniversary the article marks falls in {year}; the day is unknown",
        )
    return _none(doc, "no date in metadata, and nothing in the text ties it to the story's dates")


def _none(doc: Doc, why: str) -> DateAnchor:
    return DateAnchor(doc.id, None, "none", 0.0, note=f"{why}; its relative dates stay unresolved")


__all__ = ["anchor_docs"]
