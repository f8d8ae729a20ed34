"""Normalise durations ("three days", "the first nine months", "2 1/2 years") and sets
("daily", "every two weeks", "each Thursday", "$500 a year")."""

from __future__ import annotations

from collections.abc import Callable

from storyline.stages.dates.lexicon import (
    VAGUE_QUANTITIES,
    month_number,
    parse_number,
    unit_of,
    weekday_number,
)
from storyline.stages.dates.resolved import Context, Resolved

Handler = Callable[[dict[str, str], Context], Resolved | None]


#: How a fraction of a unit is written in the next smaller one ("2 1/2 years" is P2Y6M).
_FINER = {
    "year": (12, "M", ""), "month": (30, "D", ""), "day": (24, "H", "T"),
    "hour": (60, "M", ""), "minute": (60, "S", ""), "week": (7, "D", ""),
}  # fmt: skip


def duration_value(amount: float | None, unit: str) -> str:
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
    if num_raw in ("a", "an") and unit == "second" and not g.get("the"):
        return None  # "a second group", "a second betrayal": the ordinal, not the unit
    amount = None if num_raw in VAGUE_QUANTITIES else parse_number(num_raw)
    if amount is None and num_raw not in VAGUE_QUANTITIES:
        return None
    if (g.get("adj") or "").lower() == "-old":
        return None  # an age ("a 6-year-old"), not a time
    if (g.get("half") or g.get("nhalf")) and amount is not None:  # "a week and a half"
        amount += 0.5
    value = duration_value(amount, unit)
    if g.get("num2") and g.get("unit2") and (unit2 := unit_of(g["unit2"])):
        extra = duration_value(parse_number(g["num2"]), unit2)
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
    """Normalise "for years", "recent months", "the coming weeks", "decades-long", "day-long"."""
    raw = g["unit"].lower()
    unit = unit_of(raw)
    if unit is None:
        return None
    if (g.get("rel") or "").lower() in ("early", "late") and unit in ("hour", "minute"):
        return None  # "in the early hours of Thursday": a part of the night, not a length
    if not raw.endswith("s"):  # "a day-long meeting", "a year-long inquiry": one unit
        return Resolved("DURATION", duration_value(1, unit), "duration")
    return Resolved("DURATION", duration_value(None, unit), "duration")


def fixed_vague(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "a while", "some time", "a long time" (durations of unknown length)."""
    word = " ".join(g["word"].lower().split())
    value = {"some time": "PXM", "the years": "PXY"}.get(word, "PXX")  # "over the years": years
    return Resolved("DURATION", value, "duration")


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
        m = month_number(g["month"])
        return None if m is None else Resolved("SET", f"XXXX-{m:02d}", "set")
    unit = unit_of(g["unit"])
    if unit is None:
        return None
    amount = parse_number(g["num"]) if g.get("num") else 1.0
    return Resolved("SET", duration_value(amount, unit), "set")


def set_per_unit(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Normalise "a year" after an amount ("$500 a year")."""
    unit = unit_of(g["unit"])
    return None if unit is None else Resolved("SET", duration_value(1, unit), "set")


HANDLERS: dict[str, Handler] = {
    "recent_units": vague_duration,
    "duration": duration,
    "duration_bare": vague_duration,
    "duration_long": vague_duration,
    "duration_vague": fixed_vague,
    "set_adverb": set_adverb,
    "set_every": set_every,
    "set_a_unit": set_per_unit,
}
