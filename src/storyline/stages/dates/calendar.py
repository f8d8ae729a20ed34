"""Calendar points at any grain (day, week, month, quarter, season, year, decade, ...), their
TIMEX3 values, their first and last days, and shifting them by a number of units."""

from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Grain = Literal[
    "day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade", "century"
]
#: How the tense of a sentence moves an underspecified date away from the anchor.
Direction = Literal["past", "future", "forward", "nearest"]
SEASON_CODES = ("SP", "SU", "FA", "WI")
_FINE_TO_COARSE: tuple[Grain, ...] = ("day", "week", "month", "quarter", "year")


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar unit: `year` plus `n` (month, ISO week, quarter, half, season index)."""

    grain: Grain
    year: int
    n: int = 0
    day: int = 0  # day of month, for grain "day"

    @staticmethod
    def of(d: date) -> Point:
        """Return the day point of a date."""
        return Point("day", d.year, d.month, d.day)

    def as_date(self) -> date:
        """Return the first day of the point."""
        return bounds(self)[0]

    def value(self) -> str:
        """Return the TIMEX3 value ("2019-06-04", "2019-W23", "2019-Q2", "2019-SU", "201")."""
        g, y = self.grain, self.year
        if g == "day":
            return f"{y:04d}-{self.n:02d}-{self.day:02d}"
        if g == "month":
            return f"{y:04d}-{self.n:02d}"
        if g in ("week", "weekend"):
            return f"{y:04d}-W{self.n:02d}" + ("-WE" if g == "weekend" else "")
        if g == "quarter":
            return f"{y:04d}-Q{self.n}"
        if g == "half":
            return f"{y:04d}-H{self.n}"
        if g == "season":
            return f"{y:04d}-{SEASON_CODES[self.n]}"
        if g == "decade":
            return f"{y // 10:03d}"
        if g == "century":
            return f"{y // 100:02d}"
        return f"{y:04d}"


def bounds(p: Point) -> tuple[date, date]:
    """Return the first and last day a point covers."""
    g, y = p.grain, p.year
    if g == "day":
        d = date(y, p.n, p.day)
        return d, d
    if g == "month":
        return date(y, p.n, 1), date(y, p.n, _cal.monthrange(y, p.n)[1])
    if g in ("week", "weekend"):
        monday = date.fromisocalendar(y, p.n, 1)
        if g == "weekend":
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if g == "quarter":
        first = date(y, 3 * p.n - 2, 1)
        return first, date(y, 3 * p.n, _cal.monthrange(y, 3 * p.n)[1])
    if g == "half":
        return (date(y, 1, 1), date(y, 6, 30)) if p.n == 1 else (date(y, 7, 1), date(y, 12, 31))
    if g == "season":
        return _season_bounds(y, p.n)
    if g == "decade":
        return date(y - y % 10, 1, 1), date(y - y % 10 + 9, 12, 31)
    if g == "century":
        return date(y - y % 100, 1, 1), date(y - y % 100 + 99, 12, 31)
    return date(y, 1, 1), date(y, 12, 31)


def _season_bounds(year: int, index: int) -> tuple[date, date]:
    """Meteorological seasons (northern hemisphere); winter runs into the next year."""
    if index == 3:
        return date(year, 12, 1), date(year + 1, 2, 28)
    start_month = 3 + 3 * index
    return date(year, start_month, 1), date(
        year, start_month + 2, _cal.monthrange(year, start_month + 2)[1]
    )


def coarsen(p: Point, grain: Grain) -> Point:
    """Return the point of a coarser grain that contains `p` (a day's week, month, year...)."""
    if grain == p.grain:
        return p
    first = p.as_date()
    if grain == "week":
        iso = first.isocalendar()
        return Point("week", iso.year, iso.week)
    if grain == "month":
        return Point("month", first.year, first.month)
    if grain == "quarter":
        return Point("quarter", first.year, (first.month - 1) // 3 + 1)
    if grain == "half":
        return Point("half", first.year, 1 if first.month <= 6 else 2)
    if grain == "season":
        return season_of(first)
    return Point(grain, first.year)


def season_of(d: date) -> Point:
    """Return the season a day falls in (December belongs to that year's winter)."""
    if d.month in (1, 2):
        return Point("season", d.year - 1, 3)
    if d.month == 12:
        return Point("season", d.year, 3)
    return Point("season", d.year, (d.month - 3) // 3)


def shift(p: Point, amount: int, unit: Grain) -> Point:
    """Move a point by `amount` units; the result keeps the point's grain."""
    if unit in ("year", "decade", "century"):
        years = amount * {"year": 1, "decade": 10, "century": 100}[unit]
        return _shift_years(p, years)
    if p.grain == "day":
        d = p.as_date()
        if unit in ("day", "week", "weekend"):
            return Point.of(d + timedelta(days=amount * (1 if unit == "day" else 7)))
        months = amount * {"month": 1, "quarter": 3, "half": 6, "season": 3}[unit]
        return Point.of(_add_months(d, months))
    if p.grain in ("week", "weekend"):
        days = amount * {"day": 1, "week": 7, "weekend": 7}.get(unit, 0)
        if unit in ("month", "quarter", "half", "season"):
            days = round(amount * {"month": 30.4, "quarter": 91.3, "half": 182.6}.get(unit, 91.3))
        d = p.as_date() + timedelta(days=days)
        iso = d.isocalendar()
        return Point(p.grain, iso.year, iso.week)
    per_year = {"month": 12, "quarter": 4, "half": 2, "season": 4}.get(p.grain)
    if per_year is None:  # year-like grains only move by years
        return p
    months_per = 12 // per_year
    months = amount * {"day": 0, "week": 0, "month": 1, "quarter": 3, "half": 6, "season": 3}.get(
        unit, 0
    )
    steps = months // months_per if months else 0
    index = p.year * per_year + p.n - (0 if p.grain == "season" else 1) + steps
    year, n = divmod(index, per_year)
    return Point(p.grain, year, n + (0 if p.grain == "season" else 1))


def _shift_years(p: Point, years: int) -> Point:
    if p.grain == "day":
        return Point.of(_add_months(p.as_date(), 12 * years))
    if p.grain in ("week", "weekend"):
        weeks = min(p.n, date(p.year + years, 12, 28).isocalendar().week)
        return Point(p.grain, p.year + years, weeks)
    return Point(p.grain, p.year + years, p.n, p.day)


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, _cal.monthrange(year, month + 1)[1]))


def resolve_weekday(weekday: int, anchor: date, direction: Direction) -> date:
    """Return the weekday nearest the anchor in the direction the tense points.

    `past`: the most recent one, the anchor day included; `future`: the next one after the
    anchor ("will ... on Wednesday" said on a Wednesday is next week); `forward`: the next one,
    the anchor day included (plans reported in the past: "would start on Monday"); `nearest`:
    up to two days ahead, else the last one (news tells far more past than coming weekdays).
    """
    ahead = (weekday - anchor.weekday()) % 7
    if direction == "past":
        return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)
    if direction == "future":
        return anchor + timedelta(days=ahead or 7)
    if direction == "forward":
        return anchor + timedelta(days=ahead)
    return anchor + timedelta(days=ahead if ahead <= 2 else ahead - 7)


def resolve_year(month: int, day: int | None, anchor: date, direction: Direction) -> int:
    """Return the year of a month (and day) written without one, seen from the anchor.

    News reports recent and upcoming events: the nearest such date wins, but a date on the
    wrong side of the anchor for the tense counts three times as far ("was extended to
    Nov. 20" in late October is still this November; "Oct. 23" said in January is last year's);
    the future tense ("will") counts ten times, and so does a whole month ahead told in the past
    tense ("In January, the company hired..." in October is this year's January).
    """

    def cost(y: int) -> float:
        first = date(y, month, min(day or 1, _cal.monthrange(y, month)[1]))
        last = first if day else date(y, month, _cal.monthrange(y, month)[1])
        if first <= anchor <= last:
            return 0.0
        ahead = (first - anchor).days if first > anchor else -(anchor - last).days
        if direction == "past" and ahead > 0 and not day:
            return abs(ahead) * 10.0
        if (direction == "past" and ahead > 0) or (direction == "forward" and ahead < 0):
            return abs(ahead) * 3.0
        if direction == "future" and ahead < 0:  # "will" never points back
            return abs(ahead) * 10.0
        return float(abs(ahead))

    return min((anchor.year - 1, anchor.year, anchor.year + 1), key=cost)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """Return the nth (1-based; -1 for the last) given weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, _cal.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> date:
    """Return Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


__all__ = [
    "SEASON_CODES",
    "Direction",
    "Grain",
    "Point",
    "bounds",
    "coarsen",
    "easter",
    "nth_weekday",
    "resolve_weekday",
    "resolve_year",
    "season_of",
    "shift",
]
