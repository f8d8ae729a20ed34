"""Normalise expressions relative to the publication date or to an earlier date in the text:
weekdays, clock times, "yesterday", "last week", "three days ago", "the next day"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import cast

from storyline.stages.dates.calendar import Direction, Grain, Point, coarsen, resolve_weekday, shift
from storyline.stages.dates.durations import HANDLERS as _DURATIONS
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
_PAST = {
    "recently", "recent", "lately", "previously", "formerly", "the past", "the distant past",
    "then current", "then-current",
}  # fmt: skip
_FUTURE = {
    "soon", "the future", "future", "the near future", "the near term", "the short term",
    "in the future", "the distant future", "someday", "one day", "some day",
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
    """Normalise "Tuesdays", "on Tuesday nights", the Monday of "Monday and Tuesday nights"
    (a set: the plural makes it a habit)."""
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
        ampm = _meridiem(g.get("ampm") or "")
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


def _meridiem(raw: str) -> str:
    """Return "am" or "pm" for "a.m.", "PM", "in the morning", "in the evening", "at night"."""
    low = raw.lower().replace(".", "")
    if low.endswith("morning"):
        return "am"
    if low.endswith(("afternoon", "evening", "night")):
        return "pm"
    return low


def part_with_edge(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "mid-afternoon", "late morning yesterday", "early evening Friday": the part
    of the day a weekday or "yesterday" names, else of the last day the text gave."""
    part = PARTS_OF_DAY[g["part"].lower()]
    day, basis = _day_context(g.get("wd"), ctx)
    if day is None:
        return unresolved(f"XXXX-XX-XXT{part}", "time", "TIME")
    return dated(day, "time", basis, f"T{part}")


def day_word(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "today", "yesterday", "late yesterday", "tonight", "tomorrow morning"."""
    word = g["word"].lower()
    part = PARTS_OF_DAY.get((g.get("part") or "").lower(), "NI" if word == "tonight" else "")
    if ctx.anchor is None:
        return unresolved(None, "date", "TIME" if part else "DATE")
    point = Point.of(ctx.anchor + timedelta(days=_DAY_WORDS[word]))
    edge = EDGE_MODS.get((g.get("edge") or "").lower())
    return dated(point, "relative", "published", f"T{part}" if part else "").with_mod(edge)


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


def day_around(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "the day before last Tuesday", "the day after Christmas": a day off a date."""
    from storyline.stages.dates.explicit import full_date, holiday

    if g.get("wd"):
        inner = weekday({"wd": g["wd"], "rel": g.get("rel") or ""}, ctx)
    elif g.get("holiday"):
        inner = holiday({"holiday": g["holiday"]}, ctx)
    else:
        inner = full_date({k: g[k] for k in ("month", "day", "year") if k in g}, ctx)
    if inner is None or inner.point is None or inner.point.grain != "day":
        return None if inner is None else unresolved(None, "date")
    step = -1 if g["side"].lower() == "before" else 1
    day = Point.of(inner.point.as_date() + timedelta(days=step))
    return dated(day, "date", inner.basis or "published")


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
    return _year_before(ctx, deictic=word == "year-ago")


def period_last_year(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "the corresponding period last year", "last year's third quarter": the
    period the text reports on, a year back (as "the year-earlier quarter")."""
    what = f"{g['ord']} quarter" if g.get("ord") else "quarter"
    return year_word({"word": "year-earlier", "what": what}, ctx)


def _year_before(ctx: Context, deictic: bool = False) -> Resolved:
    """Return "a year earlier": the period the text is about (a quarter, usually), a year back.

    "A year ago" counts from the publication date (`deictic`): when the period last talked of
    already lies in an earlier year ("the 1988 period ... the year-ago results"), it is that
    period, not one a further year back.
    """
    assert ctx.anchor is not None
    if ctx.ref is not None and ctx.ref.grain == "quarter":
        if deictic and ctx.ref.year < ctx.anchor.year:
            return dated(ctx.ref, "relative", "reference")
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
        deictic = direction == "ago"
        return _year_before(ctx, deictic).with_mod("APPROX" if g.get("approx") else None)
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


HANDLERS: dict[str, Handler] = {
    **_DURATIONS,
    "weekday": weekday,
    "weekday_foreign": weekday,
    "weekday_plural": weekday_set,
    "weekday_nights": weekday_set,
    "weekday_pair": weekday_set,
    "range_weekdays": weekday_range,
    "clock": clock,
    "clock24": clock,
    "noon": clock,
    "day_deictic": day_word,
    "day_foreign": foreign_day_word,
    "day_before": day_before,
    "day_around": day_around,
    "part_rel": part_of_day,
    "part_edge": part_with_edge,
    "ref_word": reference_word,
    "one_day": reference_word,
    "unit_rel": unit_relative,
    "unit_the": unit_the,
    "year_end": year_word,
    "period_last_year": period_last_year,
    "edge_rel": edge_relative,
    "ago": ago,
}
