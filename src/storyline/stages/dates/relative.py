"""Normalise expressions relative to the publication date or to an earlier date in the text:
weekdays, clock times, "yesterday", "last week", "three days ago", "the next day"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import cast

from storyline.stages.dates.calendar import Direction, Grain, Point, coarsen, resolve_weekday, shift
from storyline.stages.dates.lexicon import (
    DEICTIC_DAYS,
    PARTS_OF_DAY,
    VAGUE_QUANTITIES,
    parse_number,
    unit_of,
    weekday_number,
)
from storyline.stages.dates.resolved import (
    EDGE_MODS,
    Context,
    Resolved,
    dated,
    fuzzy,
    unresolved,
)

Handler = Callable[[dict[str, str], Context], Resolved | None]

_PRESENT = {
    "now", "nowadays", "currently", "current", "presently", "these days", "right now",
    "just now", "the present", "at the moment",
}  # fmt: skip
_PAST = {"recently", "recent", "lately", "previously", "formerly", "the past", "the distant past"}
_FUTURE = {
    "soon", "the future", "future", "the near future", "the near term", "in the future",
    "the distant future", "someday", "one day",
}  # fmt: skip
_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_GRAINS: dict[str, Grain] = {
    "day": "day", "night": "day", "morning": "day", "afternoon": "day", "evening": "day",
    "week": "week", "weekend": "weekend", "month": "month", "quarter": "quarter",
    "year": "year", "fiscal year": "year", "calendar year": "year", "decade": "decade",
    "century": "century",
}  # fmt: skip


def _weekday_on(weekday: int, ctx: Context, rel: str = "") -> Point | None:
    """Resolve a weekday against the anchor: "last"/"next" force the direction, else tense."""
    if ctx.anchor is None:
        return None
    forced: dict[str, Direction] = {
        "next": "future", "coming": "forward", "this": "forward", "last": "past", "past": "past",
    }  # fmt: skip
    direction = forced.get(rel, ctx.direction)
    day = resolve_weekday(weekday, ctx.anchor, direction)
    if rel in ("last", "past") and day == ctx.anchor:
        day -= timedelta(days=7)
    return Point.of(day)


def weekday(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "Tuesday", "last Friday", "Wednesday night", "late Thursday"."""
    wd = weekday_number(g["wd"])
    if wd is None:
        return None
    part = PARTS_OF_DAY.get((g.get("part") or "").lower(), "")
    suffix = f"T{part}" if part else ""
    rel = " ".join((g.get("rel") or "").lower().split())
    if rel in ("the previous", "the following", "the next", "that") and ctx.ref is not None:
        point: Point | None = _weekday_from(wd, ctx.ref, rel)
        basis = "reference"
    else:
        point, basis = _weekday_on(wd, ctx, rel.removeprefix("the ")), "published"
    if point is None:
        return unresolved(f"XXXX-WXX-{wd + 1}{suffix}", "weekday")
    # News annotation keeps "Friday night" a DATE, with the part of day in its value.
    return Resolved("DATE", point.value() + suffix, "weekday", point, basis=basis)


def _weekday_from(weekday: int, ref: Point, rel: str) -> Point:
    """Return the weekday before ("the previous Friday") or after a date the text gave."""
    base = ref.as_date()
    if rel == "the previous":
        return Point.of(base - timedelta(days=(base.weekday() - weekday) % 7 or 7))
    if rel == "that":
        return Point.of(resolve_weekday(weekday, base, "nearest"))
    return Point.of(base + timedelta(days=(weekday - base.weekday()) % 7 or 7))


def weekday_set(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "Tuesdays", "on Tuesday nights" (a set)."""
    wd = weekday_number(g["wd"])
    if wd is None:
        return None
    part = PARTS_OF_DAY.get((g.get("part") or "").lower().rstrip("s"), "")
    return Resolved("SET", f"XXXX-WXX-{wd + 1}" + (f"T{part}" if part else ""), "set")


def weekday_range(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "from Monday to Wednesday"."""
    first, last = weekday_number(g["wd"]), weekday_number(g["wd2"])
    if first is None or last is None:
        return None
    start = _weekday_on(first, ctx)
    if start is None:
        return unresolved(f"XXXX-WXX-{first + 1}", "range")
    end = Point.of(start.as_date() + timedelta(days=(last - first) % 7))
    return Resolved("DATE", start.value(), "range", start, end, basis="published")


def _day_context(word: str | None, ctx: Context) -> tuple[Point | None, str]:
    """Return the day a clock time falls on: a weekday or "today" given with it, else the
    last day the text mentioned, else the publication date."""
    low = (word or "").lower()
    if low in _DAY_WORDS and ctx.anchor is not None:
        return Point.of(ctx.anchor + timedelta(days=_DAY_WORDS[low])), "published"
    wd = weekday_number(low) if low else None
    if wd is not None:
        return _weekday_on(wd, ctx), "published"
    if ctx.ref is not None and ctx.ref.grain == "day":
        return ctx.ref, "reference"
    if ctx.anchor is not None:
        return Point.of(ctx.anchor), "published"
    return None, "published"


def clock(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "10:35 a.m.", "4 a.m. EDT Thursday", "6.10am", "14:30 hours", "noon"."""
    noon = (g.get("noon") or "").lower()
    if noon:
        hour, minute = (24 if noon == "midnight" else 12), 0
    else:
        hour, minute = int(g["h"]), int(g.get("m") or 0)
        ampm = (g.get("ampm") or "").lower().replace(".", "")
        if (ampm and not 1 <= hour <= 12) or minute > 59 or hour > 24:
            return None
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    time = f"T{hour:02d}:{minute:02d}"
    day, basis = _day_context(g.get("wd"), ctx)
    if g.get("month") and g.get("day"):
        from storyline.stages.dates.explicit import full_date

        on = full_date({k: g[k] for k in ("month", "day", "year") if k in g}, ctx)
        if on is not None and on.point is not None:
            day, basis = on.point, on.basis or basis
    if day is None:
        return unresolved(f"XXXX-XX-XX{time}", "time", "TIME")
    out = dated(day, "time", basis, time)
    return out.with_mod("APPROX" if g.get("approx") else None)


def day_word(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "today", "yesterday", "late yesterday", "tonight", "tomorrow morning"."""
    word = g["word"].lower()
    part = PARTS_OF_DAY.get((g.get("part") or "").lower(), "NI" if word == "tonight" else "")
    if ctx.anchor is None:
        return unresolved(None, "date", "TIME" if part else "DATE")
    point = Point.of(ctx.anchor + timedelta(days=_DAY_WORDS[word]))
    edge = EDGE_MODS.get((g.get("edge") or "").lower())
    return dated(point, "date", "published", f"T{part}" if part else "").with_mod(edge)


def foreign_day_word(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "gestern", "demain", "ayer" in the article's language."""
    shift_by = DEICTIC_DAYS.get(ctx.lang, {}).get(g["word"].lower())
    if shift_by is None:
        return None
    if ctx.anchor is None:
        return unresolved(None, "date")
    return dated(Point.of(ctx.anchor + timedelta(days=shift_by)), "date", "published")


def day_before(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "the day before yesterday" and "the day after tomorrow"."""
    if ctx.anchor is None:
        return unresolved(None, "date")
    days = -2 if g["rel"].lower().startswith("before") else 2
    return dated(Point.of(ctx.anchor + timedelta(days=days)), "date", "published")


def part_of_day(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "this morning", "last night", "yesterday afternoon"."""
    rel, part = g["rel"].lower(), PARTS_OF_DAY[g["part"].lower()]
    if ctx.anchor is None:
        return unresolved(f"XXXX-XX-XXT{part}", "time", "TIME")
    days = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    if rel == "last" and part != "NI":
        days = -1
    return dated(Point.of(ctx.anchor + timedelta(days=days)), "time", "published", f"T{part}")


def reference_word(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Keep fuzzy words fuzzy: "now" is PRESENT_REF, "recently" PAST_REF, "soon" FUTURE_REF."""
    word = " ".join(g["word"].lower().split())
    if word in _PRESENT:
        return fuzzy("PRESENT_REF")
    if word in _PAST:
        return fuzzy("PAST_REF")
    if word in _FUTURE:
        return fuzzy("FUTURE_REF")
    return None


def unit_relative(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "last week", "this year", "the following day", "that morning"."""
    rel = " ".join(g["rel"].lower().split())
    unit = " ".join(g["unit"].lower().split())
    grain = _GRAINS[unit]
    part = PARTS_OF_DAY.get(unit, "")
    anaphoric = rel in ("following", "preceding", "same", "prior", "that") or bool(
        g.get("the") and rel in ("next", "previous")
    )
    base, basis = _base(ctx, anaphoric)
    if base is None:
        return unresolved(None, "relative", "TIME" if part else "DATE")
    if rel == "last" and unit in ("night", "evening") and not anaphoric:
        offset = -1
    else:
        offset = {"last": -1, "past": -1, "previous": -1, "preceding": -1, "prior": -1,
                  "this past": -1, "latest": -1, "next": 1, "coming": 1, "following": 1,
                  "upcoming": 1}.get(rel, 0)  # fmt: skip
    if grain == "weekend":
        point = _weekend(base, offset, ctx.direction)
    else:
        point = shift(coarsen(base, _coarse(grain, base)), offset, grain)
    edge = EDGE_MODS.get((g.get("edge") or "").lower())
    time = f"T{part}" if part and not anaphoric else ""
    return dated(point, "relative", basis, time).with_mod(edge)


def _weekend(base: Point, offset: int, direction: Direction) -> Point:
    """Return a weekend: "the weekend" in past tense is the last one, in future the next."""
    day = base.as_date()
    if offset == 0 and day.weekday() < 5:
        offset = 1 if direction in ("future", "forward") else -1
    iso = (day + timedelta(days=7 * offset)).isocalendar()
    return Point("weekend", iso.year, iso.week)


def _coarse(grain: Grain, base: Point) -> Grain:
    """Return the grain to view the base point at ("week" of a day; never finer than base)."""
    if grain == "weekend":
        return "week" if base.grain == "day" else base.grain
    order = ("day", "week", "month", "quarter", "half", "season", "year", "decade", "century")
    return grain if order.index(grain) >= order.index(base.grain) else base.grain


def _base(ctx: Context, anaphoric: bool) -> tuple[Point | None, str]:
    """Return what a relative expression counts from: an earlier date, or the anchor."""
    if anaphoric and ctx.ref is not None:
        return ctx.ref, "reference"
    if ctx.anchor is not None:
        return Point.of(ctx.anchor), "published"
    return None, "published"


def unit_the(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "the year", "the week", "the end of the year", "the day"."""
    unit = " ".join(g["unit"].lower().split())
    unit = {"full year": "year", "fiscal year": "year", "year-end": "year", "year end": "year"}.get(
        unit, unit
    )
    base, basis = _base(ctx, unit == "day")
    if base is None:
        return unresolved(None, "relative")
    edge = " ".join((g.get("edge") or "").lower().split()).replace("the ", "").split(" of")[0]
    if unit == "weekend":
        return dated(_weekend(base, 0, ctx.direction), "relative", basis)
    point = coarsen(base, _coarse(_GRAINS[unit], base))
    return dated(point, "relative", basis).with_mod(EDGE_MODS.get(edge))


def year_word(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "year-end", "year-earlier" (the same period a year before)."""
    word = g["word"].lower().replace(" ", "-")
    what = " ".join((g.get("what") or "").lower().split())
    if what in ("nine months", "six months"):
        return Resolved("DURATION", "P9M" if what[0] == "n" else "P6M", "duration")
    if ctx.anchor is None:
        return unresolved(None, "relative")
    if word in ("year-end", "month-end"):
        grain: Grain = cast(Grain, word.split("-")[0])
        return dated(coarsen(Point.of(ctx.anchor), grain), "relative", "published").with_mod("END")
    if what.endswith("quarter") and what != "quarter":
        n = ("first", "second", "third", "fourth").index(what.split()[0]) + 1
        return dated(Point("quarter", ctx.anchor.year - 1, n), "quarter", "published")
    if what in ("quarter", "period") and (ctx.ref is None or ctx.ref.grain != "quarter"):
        last = shift(coarsen(Point.of(ctx.anchor), "quarter"), -1, "quarter")
        return dated(shift(last, -1, "year"), "quarter", "published")
    return _year_before(ctx)


def _year_before(ctx: Context) -> Resolved:
    """Return "a year earlier": the period the text is about (a quarter, usually), a year back."""
    assert ctx.anchor is not None
    if ctx.ref is not None and ctx.ref.grain == "quarter":
        return dated(shift(ctx.ref, -1, "year"), "relative", "reference")
    return dated(Point("year", ctx.anchor.year - 1), "relative", "published")


def edge_relative(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "earlier this month", "early next year", "late last week"."""
    return unit_relative(g, ctx)


def ago(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "three days ago", "a year earlier", "two weeks later", "a decade ago"."""
    unit = unit_of(g["unit"])
    direction = " ".join(g["dir"].lower().split())
    num_raw = " ".join(g["num"].lower().split())
    back = direction in ("ago", "earlier", "before", "back")
    if unit is None:
        return None
    if num_raw in VAGUE_QUANTITIES:
        return fuzzy("PAST_REF" if back else "FUTURE_REF")
    amount = parse_number(num_raw)
    if amount is None or amount != int(amount):
        return None
    if unit in ("hour", "minute", "second"):
        return fuzzy("PAST_REF" if back else "FUTURE_REF")
    if unit == "year" and amount == 1 and ctx.anchor is not None:
        return _year_before(ctx).with_mod("APPROX" if g.get("approx") else None)
    anaphoric = direction in ("earlier", "later", "before", "after")
    base, basis = _base(ctx, anaphoric)
    if base is None:
        return unresolved(None, "relative")
    grain: Grain = _GRAINS.get(unit, "year")
    if grain in ("decade", "century"):
        amount *= 10 if grain == "decade" else 100
        grain = "year"
    view = base if anaphoric and base.grain != "day" else coarsen(base, _coarse(grain, base))
    point = shift(view, int(amount) * (-1 if back else 1), grain)
    approx = "APPROX" if g.get("approx") or g.get("orso") else None
    return dated(point, "relative", basis).with_mod(approx)


#: How a fraction of a unit is written in the next smaller one ("2 1/2 years" is P2Y6M).
_FINER = {
    "year": (12, "M", ""), "month": (30, "D", ""), "day": (24, "H", "T"),
    "hour": (60, "M", ""), "minute": (60, "S", ""), "week": (7, "D", ""),
}  # fmt: skip


def _duration_value(amount: float | None, unit: str) -> str:
    """Return a TIMEX3 duration ("P3D", "PT5H30M", "P2Y6M", "PXY")."""
    letter = {"second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D",
              "week": "W", "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y",
              "decade": "E", "century": "C", "millennium": "L", "weekend": "WE"}[unit]  # fmt: skip
    timed = unit in ("second", "minute", "hour")
    lead = "PT" if timed else "P"
    if amount is None:
        return "PXY" if unit == "decade" else f"{lead}X{letter}"
    if unit == "fortnight":
        amount *= 2
    if unit == "decade" and amount == int(amount):
        return f"P{int(amount * 10)}Y"
    whole = int(amount)
    if amount == whole:
        return f"{lead}{whole}{letter}"
    finer = _FINER.get(unit)
    if finer is None:
        return f"{lead}{amount:g}{letter}"
    rest = round((amount - whole) * finer[0])
    head = f"{lead}{whole}{letter}" if whole else lead
    return f"{head}{finer[2]}{rest}{finer[1]}"


def duration(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "three days", "16-hour", "the first nine months", "2 1/2 years", "a week"."""
    unit = unit_of(g["unit"])
    if unit is None:
        return None
    num_raw = " ".join(g["num"].lower().split())
    amount = None if num_raw in VAGUE_QUANTITIES else parse_number(num_raw)
    if amount is None and num_raw not in VAGUE_QUANTITIES:
        return None
    if (g.get("adj") or "").lower() == "-old":
        return None  # an age ("a 6-year-old"), not a time
    if g.get("half") and amount is not None:
        amount += 0.5
    value = _duration_value(amount, unit)
    if g.get("num2") and g.get("unit2") and (unit2 := unit_of(g["unit2"])):
        extra = _duration_value(parse_number(g["num2"]), unit2)
        value = _join_durations(value, extra)
    mod = _approx_mod(g.get("approx"))
    return Resolved("DURATION", value, "duration", mod=mod)


def _join_durations(a: str, b: str) -> str:
    """Join "P1Y" and "P6M" into "P1Y6M" (keeping time parts after the T)."""
    if "T" in a or "T" in b:
        date_a, _, time_a = a[1:].partition("T")
        date_b, _, time_b = b[1:].partition("T")
        return f"P{date_a}{date_b}T{time_a}{time_b}"
    return a + b[1:]


def _approx_mod(raw: str | None) -> str | None:
    low = " ".join((raw or "").lower().split())
    if low in ("more than", "over", "at least", "well over", "just over"):
        return "MORE_THAN" if low != "at least" else "EQUAL_OR_MORE"
    if low in ("less than", "under", "up to", "at most", "just under"):
        return "LESS_THAN" if low not in ("up to", "at most") else "EQUAL_OR_LESS"
    return "APPROX" if low else None


def vague_duration(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "for years", "recent months", "the coming weeks", "decades-long"."""
    unit = unit_of(g["unit"])
    if unit is None:
        return None
    return Resolved("DURATION", _duration_value(None, unit), "duration")


def fixed_vague(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "a while", "some time", "a long time" (durations of unknown length)."""
    word = " ".join(g["word"].lower().split())
    return Resolved("DURATION", "PXM" if word == "some time" else "PXX", "duration")


def set_adverb(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "daily", "annually", "twice a week" (sets)."""
    word = " ".join(g["word"].lower().split())
    for key, value in (("day", "P1D"), ("week", "P1W"), ("month", "P1M"), ("year", "P1Y")):
        if word.endswith(f"a {key}"):
            return Resolved("SET", value, "set")
    table = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
             "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D",
             "biweekly": "P2W", "fortnightly": "P2W", "semiannually": "P6M"}  # fmt: skip
    return Resolved("SET", table[word], "set")


def set_every(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "every day", "each Thursday", "every two weeks", "each July"."""
    if g.get("wd"):
        wd = weekday_number(g["wd"])
        return None if wd is None else Resolved("SET", f"XXXX-WXX-{wd + 1}", "set")
    if g.get("month"):
        from storyline.stages.dates.lexicon import month_number

        m = month_number(g["month"])
        return None if m is None else Resolved("SET", f"XXXX-{m:02d}", "set")
    unit = unit_of(g["unit"])
    if unit is None:
        return None
    amount = parse_number(g["num"]) if g.get("num") else 1.0
    return Resolved("SET", _duration_value(amount, unit), "set")


def set_per_unit(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "a year" after an amount ("$500 a year")."""
    unit = unit_of(g["unit"])
    return None if unit is None else Resolved("SET", _duration_value(1, unit), "set")


HANDLERS: dict[str, Handler] = {
    "weekday": weekday,
    "weekday_foreign": weekday,
    "weekday_plural": weekday_set,
    "range_weekdays": weekday_range,
    "clock": clock,
    "clock24": clock,
    "noon": clock,
    "day_deictic": day_word,
    "day_foreign": foreign_day_word,
    "day_before": day_before,
    "part_rel": part_of_day,
    "ref_word": reference_word,
    "unit_rel": unit_relative,
    "unit_the": unit_the,
    "year_end": year_word,
    "edge_rel": edge_relative,
    "ago": ago,
    "recent_units": vague_duration,
    "duration": duration,
    "duration_bare": vague_duration,
    "duration_long": vague_duration,
    "duration_vague": fixed_vague,
    "set_adverb": set_adverb,
    "set_every": set_every,
    "set_a_unit": set_per_unit,
}
