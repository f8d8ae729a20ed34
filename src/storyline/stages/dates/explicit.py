"""Normalise calendar expressions: dates, ranges, months, years, decades, seasons, holidays,
quarters and anniversaries. A missing year comes from the anchor and the sentence's tense."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from storyline.stages.dates.calendar import (
    SEASON_CODES,
    Grain,
    Point,
    bounds,
    coarsen,
    easter,
    nth_weekday,
    resolve_year,
    season_of,
    shift,
)
from storyline.stages.dates.lexicon import (
    FIXED_HOLIDAYS,
    FLOATING_HOLIDAYS,
    ORDINALS,
    SEASONS,
    month_number,
    weekday_number,
)
from storyline.stages.dates.resolved import (
    EDGE_MODS,
    Context,
    Resolved,
    dated,
    unresolved,
)

Handler = Callable[[dict[str, str], Context], Resolved | None]


def _day(raw: str) -> int:
    return int(raw.lower().rstrip("stndrh"))


def _ordinal(raw: str) -> int | None:
    low = raw.lower()
    if low[:1].isdigit():
        return int(low.rstrip("stndrh"))
    return ORDINALS.get(low)


def _mod(g: dict[str, str]) -> str | None:
    edge = (g.get("edge") or g.get("part") or "").lower()
    return EDGE_MODS.get(edge)


def _safe_day(year: int, month: int, day: int) -> Point | None:
    try:
        return Point.of(date(year, month, day))
    except ValueError:
        return None


def _year_for(month: int, day: int | None, wd: str | None, ctx: Context) -> int | None:
    """Pick the year of a year-less date: the weekday decides when given, else the tense."""
    if ctx.anchor is None:
        return None
    weekday = weekday_number(wd) if wd else None
    if weekday is not None and day is not None:
        fits = [
            y
            for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)
            if (p := _safe_day(y, month, day)) and p.as_date().weekday() == weekday
        ]
        if fits:
            return min(fits, key=lambda y: abs(y - ctx.anchor.year))  # type: ignore[union-attr]
    return resolve_year(month, day, ctx.anchor, ctx.direction)


def week_of(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "the week of March 6" to the ISO week the day falls in."""
    day = full_date(g, ctx)
    if day is None or day.point is None:
        return None if day is None else unresolved("XXXX-WXX", "date")
    return dated(coarsen(day.point, "week"), "date", day.basis or "published")


def full_date(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "March 23, 2021", "23 March", "Wednesday, March 24", "23. März 2021"."""
    month = month_number(g["month"])
    if month is None:
        return None
    day = _day(g["day"])
    if g.get("year"):
        year: int | None = int(g["year"])
        basis = "text"
    else:
        year = _year_for(month, day, g.get("wd"), ctx)
        basis = "published"
    if year is None:
        return unresolved(f"XXXX-{month:02d}-{day:02d}", "date") if 1 <= day <= 31 else None
    point = _safe_day(year, month, day)
    return None if point is None else dated(point, "date", basis)


def iso_date(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise 2021-03-23."""
    point = _safe_day(int(g["year"]), int(g["month"]), int(g["day"]))
    return None if point is None else dated(point, "date", "text")


def numeric_date(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise 3/23/2021 (month first in English unless impossible) and 23.03.21."""
    a, b = int(g["a"]), int(g["b"])
    month, day = (a, b) if ctx.lang == "en" and a <= 12 else (b, a)
    year = int(g["year"])
    if year < 100:
        base = ctx.anchor.year if ctx.anchor else 2000
        year += base - base % 100
        if year > base + 10:
            year -= 100
    point = _safe_day(year, month, day)
    return None if point is None else dated(point, "date", "text")


def day_range(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "June 4 to 6, 2019", "4-6 June", "March 23 to April 2"."""
    first = full_date({k: g[k] for k in ("month", "day", "year") if k in g} | _year2(g), ctx)
    if first is None or first.point is None:
        return first
    month2 = month_number(g.get("month2") or g["month"]) or first.point.n
    p = first.point
    end = _safe_day(p.year + (month2 < p.n), month2, _day(g["day2"]))
    if end is None or end.as_date() < p.as_date():
        return None
    return Resolved("DATE", p.value(), "range", p, end, basis=first.basis)


def _year2(g: dict[str, str]) -> dict[str, str]:
    """A range's year written once, after its end, belongs to its start too."""
    if "year" not in g and g.get("year2"):
        return {"year": g["year2"]}
    return {}


def year_range(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "between 1990 and 1995", "from 1990-95"."""
    start = int(g["year"])
    raw = g["year2"]
    end = int(raw) if len(raw) == 4 else start - start % 100 + int(raw)
    if end <= start:
        return None
    return Resolved("DATE", f"{start:04d}", "range", Point("year", start), Point("year", end),
                    basis="text")  # fmt: skip


def month_year(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "March 2021", "late November 1999", "June last year"."""
    month = month_number(g["month"])
    if month is None:
        return None
    if g.get("year"):
        return dated(Point("month", int(g["year"]), month), "month", "text").with_mod(_mod(g))
    if ctx.anchor is None:
        return unresolved(f"XXXX-{month:02d}", "month")
    year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
    return dated(Point("month", year, month), "month", "published").with_mod(_mod(g))


def month_alone(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "March", "last November", "early December", "each July" (a set)."""
    month = month_number(g["month"])
    if month is None:
        return None
    rel = _rel(g)
    if rel in ("each", "every"):
        return Resolved("SET", f"XXXX-{month:02d}", "set")
    if ctx.anchor is None:
        return unresolved(f"XXXX-{month:02d}", "month")
    if rel == "last":
        year = ctx.anchor.year - (month >= ctx.anchor.month)
    elif rel == "next":
        year = ctx.anchor.year + (month <= ctx.anchor.month)
    elif rel == "this":
        year = ctx.anchor.year
    else:
        year = resolve_year(month, None, ctx.anchor, ctx.direction)
    return dated(Point("month", year, month), "month", "published").with_mod(_mod(g))


def _rel(g: dict[str, str]) -> str:
    """Return the word relating a month or season to now ("this past spring" is the last)."""
    rel = " ".join((g.get("rel") or "").lower().split())
    return "last" if rel == "this past" else rel


def year(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "1998", "fiscal 1989", "early 1990", "the end of 1994"."""
    y = int(g["year"])
    mod = _mod(g) or ("APPROX" if g.get("approx") else None)
    return dated(Point("year", y), "year", "text").with_mod(mod)


def decade(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "the 1990s", "the early 1980s", "the '90s"."""
    raw = g["decade"].strip("'")
    if len(raw) == 2:
        century = (ctx.anchor.year // 100 * 100) if ctx.anchor else 1900
        y = century + int(raw)
        if ctx.anchor and y > ctx.anchor.year:
            y -= 100
    else:
        y = int(raw)
    return dated(Point("decade", y), "year", "text").with_mod(_mod(g))


def century(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "the 20th century" (TIMEX3 value "19")."""
    n = _ordinal(g["ord"])
    if n is None or n < 1:
        return None
    return dated(Point("century", (n - 1) * 100), "year", "text").with_mod(_mod(g))


def season(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "last fall", "this summer", "spring 1998"."""
    index = SEASON_CODES.index(SEASONS[g["season"].lower()])
    rel = _rel(g)
    if g.get("year") or g.get("spoken"):
        y = int(g["year"]) if g.get("year") else _spoken(g["spoken"])
        return dated(Point("season", y, index), "season", "text")
    if not rel or rel == "the":
        return None  # "fall" and "the fall" are too often not a season
    if ctx.anchor is None:
        return unresolved(f"XXXX-{SEASON_CODES[index]}", "season")
    now = season_of(ctx.anchor)
    y = now.year
    if rel == "last":
        y -= index >= now.n
    elif rel == "next":
        y += index <= now.n
    else:
        return dated(_this_season(index, ctx), "season", "published").with_mod(
            {"early": "START", "late": "END"}.get(rel)
        )
    return dated(Point("season", y, index), "season", "published")


def _this_season(index: int, ctx: Context) -> Point:
    """Return "this summer": the one under way, else the one the tense points to (the last
    one in the past tense, the coming one in the future), else the nearest."""
    assert ctx.anchor is not None
    a = ctx.anchor
    options = [Point("season", y, index) for y in (a.year - 2, a.year - 1, a.year, a.year + 1)]
    for p in options:
        first, last = bounds(p)
        if first <= a <= last:
            return p
    before = [p for p in options if bounds(p)[1] < a]
    after = [p for p in options if bounds(p)[0] > a]
    if ctx.direction == "past":
        return before[-1]
    if ctx.direction in ("future", "forward"):
        return after[0]
    return min(before[-1], after[0], key=lambda p: min(abs((d - a).days) for d in bounds(p)))


def holiday(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "Thanksgiving", "last Christmas", "Easter 2019", "Easter week" (the ISO week
    the holiday falls in)."""
    name = g["holiday"].lower()
    rel = (g.get("rel") or "").lower()

    def on(y: int) -> date:
        if name in FIXED_HOLIDAYS:
            m, d = FIXED_HOLIDAYS[name]
            return date(y, m, d)
        if name in FLOATING_HOLIDAYS:
            return nth_weekday(y, *FLOATING_HOLIDAYS[name])
        if name == "election day":  # the Tuesday after the first Monday of November
            return nth_weekday(y, 11, 0, 1) + timedelta(days=1)
        return easter(y) - timedelta(days=2 if name == "good friday" else 0)

    grain: Grain = "week" if g.get("week") else "day"
    if g.get("year"):
        return dated(coarsen(Point.of(on(int(g["year"]))), grain), "date", "text")
    if ctx.anchor is None:
        return None
    a = ctx.anchor
    years = (a.year - 1, a.year, a.year + 1)
    around = [y for y in years if _contains(coarsen(Point.of(on(y)), grain), a)]
    if around and not rel:  # "as Easter week began": the week under way
        y = around[0]
    elif rel == "last" or (not rel and ctx.direction == "past"):
        y = max(y for y in years if on(y) <= a)
    elif rel == "next" or (not rel and ctx.direction in ("future", "forward")):
        y = min(y for y in years if on(y) >= a)
    else:
        y = min(years, key=lambda y: abs((on(y) - a).days))
    return dated(coarsen(Point.of(on(y)), grain), "date", "published")


def _contains(p: Point, day: date) -> bool:
    first, last = bounds(p)
    return first <= day <= last


def quarter(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "the third quarter", "third-quarter", "the 1988 second quarter", "first half"."""
    raw = g["ord"].lower()
    n = 4 if raw == "final" else _ordinal(raw)
    halves = g["unit"].lower() == "half"
    if n is None or n > (2 if halves else 4) or n < 1:
        return None
    y = g.get("year") or g.get("year2")
    grain: Grain = "half" if halves else "quarter"
    if y:
        return dated(Point(grain, int(y), n), "quarter", "text")
    if ctx.anchor is None:
        return unresolved(f"XXXX-{'H' if halves else 'Q'}{n}", "quarter")
    shift_by = {"next": 1, "last": -1, "this": 0}.get((g.get("next") or g.get("rel") or "").lower())
    if shift_by is None:
        shift_by = -_not_begun(grain, n, ctx)
    return dated(Point(grain, ctx.anchor.year + shift_by, n), "quarter", "published")


def _not_begun(grain: Grain, n: int, ctx: Context) -> bool:
    """Tell a bare quarter told of in the past tense that has not begun this year: "profits
    fell in the fourth quarter", reported in January, is last year's."""
    if ctx.anchor is None or ctx.direction != "past":
        return False
    now = coarsen(Point.of(ctx.anchor), grain)
    return n > now.n


def quarter_relative(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "the latest quarter", "the current quarter", "the year-ago quarter"."""
    rel = " ".join((g.get("rel") or "").lower().split())
    unit = g["unit"].lower()
    if (not rel and not g.get("the")) or unit == "quarters" or (unit == "period" and not rel):
        return None
    if rel == "that" and ctx.ref is not None and ctx.ref.grain == "quarter":
        return dated(ctx.ref, "quarter", "reference")
    if ctx.anchor is None:
        return unresolved("XXXX-QX", "quarter")
    now = coarsen(Point.of(ctx.anchor), "quarter")
    offsets = {"current": 0, "this": 0, "next": 1, "coming": 1, "fiscal": 0}
    if rel in offsets:
        p = shift(now, offsets[rel], "quarter")
    elif "year" in rel or rel in ("comparable", "same"):
        p = shift(shift(now, -1, "quarter"), -1, "year")
    else:  # "the quarter", "the latest quarter": the one a company just reported
        p = shift(now, -1, "quarter")
    return dated(p, "quarter", "published")


def anniversary(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "the 50th anniversary (of the 1969 landing)" to the year it falls in."""
    n = _ordinal(g["ord"])
    if n is None or n < 1:
        return None
    return dated(Point("year", int(g["year"]) + n), "anniversary", "text")


def year_period(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "the 1988 quarter", "the 1988 second quarter", "the 1988 period"."""
    y = int(g["year"])
    unit = " ".join(g["unit"].lower().split())
    if unit == "fiscal year":
        return dated(Point("year", y), "year", "text")
    if g.get("ord"):
        n = _ordinal(g["ord"]) or 1
    elif ctx.ref is not None and ctx.ref.grain == "quarter":
        n = ctx.ref.n
    elif ctx.anchor is not None:
        n = coarsen(shift(Point.of(ctx.anchor), -3, "month"), "quarter").n
    else:
        return dated(Point("year", y), "year", "text")
    if unit == "half":
        return dated(Point("half", y, min(n, 2)), "quarter", "text")
    return dated(Point("quarter", y, n), "quarter", "text")


def period_ended(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "the year ended March 31" (a fiscal period: a duration in TimeML)."""
    unit = " ".join(g["unit"].lower().split())
    value = {"year": "P1Y", "quarter": "P3M", "half": "P6M", "nine months": "P9M",
             "six months": "P6M"}[unit]  # fmt: skip
    return Resolved("DURATION", value, "duration")


_SPOKEN = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "one": 1,
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip


def _spoken(raw: str) -> int:
    """Return the year a spoken year names ("nineteen ninety-four" -> 1994)."""
    words = [w for w in raw.lower().replace("-", " ").split() if w not in ("and",)]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(_SPOKEN.get(w, 0) for w in words[2:])
    return 1900 + sum(_SPOKEN.get(w, 0) for w in words[1:] if w != "hundred")


def spoken_year(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "nineteen ninety-six", "January nineteen ninety-seven", "two thousand"."""
    y = _spoken(g["spoken"])
    if g.get("month"):
        month = month_number(g["month"])
        if month:
            return dated(Point("month", y, month), "month", "text")
    return dated(Point("year", y), "year", "text")


def spoken_decade(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "the nineties" (in the anchor's century)."""
    tens = _SPOKEN[g["spoken"].lower().removesuffix("ies") + "y"]
    century = ctx.anchor.year // 100 * 100 if ctx.anchor else 1900
    y = century + tens
    if ctx.anchor and y > ctx.anchor.year:
        y -= 100
    return dated(Point("decade", y), "year", "text").with_mod(_mod(g))


HANDLERS: dict[str, Handler] = {
    "range_month_days": day_range,
    "range_days_month": day_range,
    "range_dates": day_range,
    "range_years": year_range,
    "anniversary": anniversary,
    "date_mdy": full_date,
    "date_dmy": full_date,
    "date_foreign": full_date,
    "date_iso": iso_date,
    "week_of": week_of,
    "date_numeric": numeric_date,
    "month_year": month_year,
    "month": month_alone,
    "year_edge": year,
    "decade": decade,
    "century": century,
    "season": season,
    "holiday": holiday,
    "quarter": quarter,
    "quarter_rel": quarter_relative,
    "year_period": year_period,
    "year_ended": period_ended,
    "year_spoken": spoken_year,
    "decade_spoken": spoken_decade,
}
