"""What normalising one candidate yields, and the context it is normalised in."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from storyline.stages.dates.calendar import Direction, Point, bounds

#: How an expression got its value: written out in full ("text"), against the article's
#: publication date ("published"), or against an earlier date in the same text ("reference").
Basis = str


@dataclass(frozen=True, slots=True)
class Context:
    """What an expression is resolved against."""

    anchor: date | None  # the article's publication date (TimeML's DCT)
    ref: Point | None = None  # the last date the text mentioned, for "the next day"
    direction: Direction = "nearest"  # where the sentence's tense points
    lang: str = "en"


@dataclass(frozen=True, slots=True)
class Resolved:
    """A normalised expression: TIMEX3 type and value, plus the calendar points it covers."""

    type: str  # DATE, TIME, DURATION, SET
    value: str | None  # TIMEX3 value; underspecified ("XXXX-WXX-2") or None when unresolved
    kind: str
    point: Point | None = None  # the calendar unit a DATE or TIME falls in
    last: Point | None = None  # the end of a range
    time: str = ""  # the time-of-day part of a TIME value: "T14:30", "TMO"
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, ...
    basis: Basis | None = None

    def with_mod(self, mod: str | None) -> Resolved:
        """Return a copy with a TIMEX3 mod (kept when already set)."""
        return self if mod is None or self.mod else replace(self, mod=mod)

    def span_days(self) -> tuple[date, date] | None:
        """Return the first and last day covered, when the expression is resolved."""
        if self.point is None:
            return None
        first = bounds(self.point)[0]
        last = bounds(self.last or self.point)[1]
        return first, last


def dated(point: Point, kind: str, basis: Basis, time: str = "") -> Resolved:
    """Return a resolved DATE (or TIME, when a time of day is given) at a calendar point."""
    return Resolved(
        "TIME" if time else "DATE", point.value() + time, kind, point, None, time, None, basis
    )


def fuzzy(value: str, kind: str = "relative") -> Resolved:
    """Return a reference kept fuzzy on purpose: PAST_REF, PRESENT_REF, FUTURE_REF."""
    return Resolved("DATE", value, kind)


def unresolved(value: str | None, kind: str, type_: str = "DATE") -> Resolved:
    """Return an expression whose date needs an anchor nobody gave (value underspecified)."""
    return Resolved(type_, value, kind)


EDGE_MODS = {
    "early": "START", "beginning": "START", "start": "START", "late": "END", "end": "END",
    "mid": "MID", "middle": "MID", "earlier": None, "later": None, "rest": None,
}  # fmt: skip
