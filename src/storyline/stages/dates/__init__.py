"""Find temporal expressions and normalise them to TIMEX3 values (the `dates.v1` stage).

Rules in `grammar` find candidates; `explicit` and `relative` normalise them against the
article's publication date (the anchor), the sentence's tense (`tense`) and the last date the
text mentioned. Without an anchor, expressions that need one stay unresolved (an
underspecified TIMEX3 value such as ``XXXX-WXX-2`` and ``value=None``), never guessed from
today; the story step (`storyline.stories.anchor`) may resolve them later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from storyline.model import Doc, Span, TimeExpr
from storyline.pipeline import stage
from storyline.stages.dates.calendar import Point
from storyline.stages.dates.calendar import resolve_weekday as _resolve_weekday
from storyline.stages.dates.explicit import HANDLERS as _EXPLICIT
from storyline.stages.dates.filters import as_rate, plausible, rules_for
from storyline.stages.dates.foreign import find_foreign, normalise_foreign, supported
from storyline.stages.dates.grammar import Candidate, find_candidates
from storyline.stages.dates.relative import HANDLERS as _RELATIVE
from storyline.stages.dates.resolved import Context, Resolved
from storyline.stages.dates.tense import Tense, tense_at

_HANDLERS = {**_EXPLICIT, **_RELATIVE, "dateparser": normalise_foreign}
#: Rules whose result is not a new reference time ("a year earlier" looks back from one).
_NO_REFERENCE = frozenset({"ago", "year_end"})
_KINDS = {
    "date", "weekday", "relative", "year", "month", "time", "duration", "set", "range",
    "quarter", "season", "anniversary",
}  # fmt: skip


@stage("dates.v1", requires=["tokens", "sentences"], provides=["times"])
def add_times(doc: Doc) -> Doc:
    """Add the article's temporal expressions, normalised where the text allows."""
    return doc.with_(times=find_times(doc, parse_anchor(doc.article.published)))


def parse_anchor(published: str | None) -> date | None:
    """Return the publication date as a `date`, or None when missing or malformed."""
    try:
        day = date.fromisoformat((published or "")[:10]) if published else None
    except ValueError:
        return None
    return day if day is not None and 1000 <= day.year <= 9000 else None


def find_times(doc: Doc, anchor: date | None, basis: str = "published") -> tuple[TimeExpr, ...]:
    """Return the doc's temporal expressions normalised against `anchor`.

    `basis` names where the anchor came from ("published" metadata, or "story" when it was
    inferred from the other articles), and is recorded on every expression resolved with it.
    """
    return resolve_found(doc, find_expressions(doc), anchor, basis)


@dataclass(frozen=True, slots=True)
class Found:
    """A candidate the parse accepts, with its clause's tense: all a resolution needs."""

    candidate: Candidate
    tense: Tense


def find_expressions(doc: Doc) -> tuple[Found, ...]:
    """Return the doc's temporal expressions before normalisation (no anchor needed yet)."""
    lang = doc.article.language or "en"
    found = find_candidates(doc.article.text, rules_for(lang))
    cands = [as_rate(doc, c) for c in found if plausible(doc, c)]
    if lang != "en" and supported(lang):
        cands = sorted([*cands, *_dateparser_candidates(doc.article.text, lang, cands)],
                       key=lambda c: c.start)  # fmt: skip
    if lang != "en":  # the English parse cannot read another language's tenses; news tells the past
        return tuple(Found(c, Tense("past")) for c in cands)
    return tuple(Found(c, tense_at(doc, c.start, c.end)) for c in cands)


def _dateparser_candidates(text: str, lang: str, ours: list[Candidate]) -> list[Candidate]:
    """Return what dateparser finds that our own rules for the language did not."""
    return [
        Candidate(start, end, "dateparser", {"expr": expr, "lang": lang})
        for start, end, expr in find_foreign(text, lang)
        if not any(start < c.end and c.start < end for c in ours)
    ]


def resolve_found(
    doc: Doc, found: Sequence[Found], anchor: date | None, basis: str = "published"
) -> tuple[TimeExpr, ...]:
    """Normalise found expressions against an anchor, in text order (for "the next day")."""
    lang = doc.article.language or "en"
    ref: Point | None = None
    out: list[TimeExpr] = []
    for f in found:
        resolved = normalise(f.candidate, Context(anchor, ref, f.tense.direction, lang))
        if resolved is None:
            continue
        if resolved.point is not None and f.candidate.rule not in _NO_REFERENCE:
            ref = resolved.point
        out.append(_time_expr(doc, f.candidate, resolved, f.tense, basis))
    return tuple(out)


def normalise(cand: Candidate, ctx: Context) -> Resolved | None:
    """Return a candidate's TIMEX3 normalisation, or None when it is not a time after all."""
    handler = _HANDLERS.get(cand.rule)
    if handler is None:
        return None
    try:
        resolved = handler(cand.groups, ctx)
        if resolved is not None:
            resolved.span_days()  # a date outside the calendar (year 0, 5000 years ago) fails here
        return resolved
    except (ValueError, OverflowError):
        return None


def _time_expr(doc: Doc, cand: Candidate, r: Resolved, tense: Tense, anchor_basis: str) -> TimeExpr:
    days = r.span_days()
    kind = r.kind if r.kind in _KINDS else "relative"
    basis = anchor_basis if r.basis == "published" else r.basis
    return TimeExpr(
        span=Span(doc.article.id, cand.start, cand.end),
        text=doc.article.text[cand.start : cand.end],
        value=_calendar_value(r),
        kind=kind,  # type: ignore[arg-type]
        timex_type=r.type,
        timex_value=r.value,
        mod=r.mod,
        start=days[0].isoformat() if days else None,
        end=days[1].isoformat() if days else None,
        future=tense.planned,
        basis=basis,
    )


def _calendar_value(r: Resolved) -> str | None:
    """Return the ISO calendar value (YYYY-MM-DD, YYYY-MM, YYYY, 2019-W23...) of a resolved date."""
    if r.point is None or r.type not in ("DATE", "TIME"):
        return None
    return r.point.value()


def explicit_date(text: str, default_year: int | None) -> date | None:
    """Return the date written out in `text` (`March 23, 2021`, `23 March`, `2021-03-23`)."""
    rules = ("date_mdy", "date_dmy", "date_iso")
    for cand in find_candidates(text, rules):
        groups = dict(cand.groups)
        if "year" not in groups:
            if default_year is None:
                continue
            groups["year"] = str(default_year)
        groups.pop("wd", None)
        resolved = normalise(Candidate(cand.start, cand.end, cand.rule, groups), Context(None))
        if resolved is not None and resolved.point is not None:
            return resolved.point.as_date()
    return None


def resolve_weekday(weekday: int, anchor: date, future: bool) -> date:
    """Return the weekday nearest the anchor: the next one in future tense, else the last one."""
    return _resolve_weekday(weekday, anchor, "future" if future else "past")


def timeml_timexes(doc: Doc, dct: str) -> list[tuple[int, int, str, str]]:
    """Tag a parsed doc anchored at `dct` the TimeML way: (start, end, type, value) per timex.

    Used by `evals/tempeval.py`; ranges are given as their two ends, as TimeML annotates them.
    """
    out: list[tuple[int, int, str, str]] = []
    for t in find_times(doc, parse_anchor(dct)):
        out.extend(_timeml_parts(t))
    return out


def _timeml_parts(t: TimeExpr) -> list[tuple[int, int, str, str]]:
    """Split a range into its two TimeML timexes; anything else is one."""
    value = t.timex_value or ""
    if t.kind != "range" or not t.start or not t.end:
        return [(t.span.start, t.span.end, t.timex_type, value)]
    from storyline.stages.dates.filters import range_split

    cut = range_split(t.text)
    if cut is None:
        return [(t.span.start, t.span.end, t.timex_type, value)]
    (a, b), (c, d) = cut
    year_grain = len(value) == 4
    first = t.start[:4] if year_grain else t.start
    last = t.end[:4] if year_grain else t.end
    s = t.span.start
    return [(s + a, s + b, "DATE", first), (s + c, s + d, "DATE", last)]


__all__ = [
    "Found",
    "add_times",
    "explicit_date",
    "find_expressions",
    "find_times",
    "normalise",
    "parse_anchor",
    "resolve_found",
    "resolve_weekday",
    "timeml_timexes",
]
