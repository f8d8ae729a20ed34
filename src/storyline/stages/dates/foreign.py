"""Dates in languages other than English, through dateparser, never guessed.

dateparser finds and parses dates in many languages, but fills whatever a text leaves out from
its reference date ("März" becomes a day in March of the reference year). Each expression is
therefore parsed against two reference dates far apart: if both give the same value, the text
fixed it ("23. März 2021"); if not, it is relative ("vor drei Tagen", "Dienstag") and is
resolved against the article's anchor, or left unresolved when there is none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from storyline.stages.dates.calendar import Grain, Point, coarsen
from storyline.stages.dates.resolved import Context, Resolved, dated, unresolved

#: Two reference dates far apart (different years, months, weekdays and weeks).
_PROBES = (datetime(2001, 2, 14, 12, 0), datetime(2013, 9, 3, 12, 0))
#: dateparser's periods and the grain each gives.
_GRAINS: dict[str, Grain] = {"day": "day", "time": "day", "week": "week", "month": "month",
                             "year": "year"}  # fmt: skip
#: A match needs a digit or a word this long: dateparser reads short words ("die") as dates.
_SUBSTANTIAL = re.compile(r"\d|\w{4,}")
_LANGUAGES = frozenset({"de", "fr", "es", "it", "nl", "pt", "ru", "ar"})


def supported(lang: str) -> bool:
    """Tell whether dateparser handles dates in this article language."""
    return lang in _LANGUAGES


def find_foreign(text: str, lang: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, expression) for each date dateparser finds in the text."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": _PROBES[0], "PREFER_DATES_FROM": "past"}
    try:
        found = search_dates(text, languages=[lang], settings=settings) or []
    except Exception:  # dateparser raises assorted errors on odd input; a date is not worth a crash
        return
    position = 0
    for substring, _ in found:
        start = text.find(substring, position)
        if start < 0 or not _SUBSTANTIAL.search(substring):
            continue
        position = start + len(substring)
        lead = len(substring) - len(substring.lstrip())
        yield start + lead, start + lead + len(substring.strip()), substring.strip()


def normalise_foreign(groups: dict[str, str], ctx: Context) -> Resolved | None:
    """Handle a dateparser candidate: its groups hold the expression and the language."""
    return _normalise(groups["expr"], groups["lang"], ctx.anchor)


def _normalise(expr: str, lang: str, anchor: date | None) -> Resolved | None:
    """Normalise one expression, keeping only what the text (or the anchor) fixes."""
    probes = [_parse(expr, lang, base) for base in _PROBES]
    if any(p is None for p in probes):
        return None
    (day_a, grain), (day_b, _) = probes  # type: ignore[misc]
    point_a, point_b = coarsen(Point.of(day_a), grain), coarsen(Point.of(day_b), grain)
    if point_a == point_b:
        return dated(point_a, "date", "text")
    if anchor is None:
        return unresolved(None, "relative")
    on_anchor = _parse(expr, lang, datetime(anchor.year, anchor.month, anchor.day, 12, 0))
    if on_anchor is None:
        return unresolved(None, "relative")
    return dated(coarsen(Point.of(on_anchor[0]), grain), "relative", "published")


def _parse(expr: str, lang: str, base: datetime) -> tuple[date, Grain] | None:
    data = _parser(lang, base).get_date_data(expr)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), _GRAINS.get(data.period or "day", "day")


@lru_cache(maxsize=32)
def _parser(lang: str, base: datetime) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=[lang], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    )
