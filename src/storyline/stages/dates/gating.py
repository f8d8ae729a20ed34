"""Which words each grammar rule needs, so that a rule runs only in the windows of text that
hold them (`storyline.stages.dates.grammar`).

The rules are the stage's main cost, and most windows can match only a few of them. For each
rule the table gives groups of words such that every match of the rule holds a word of each
group; each group is read off the rule's pattern (words its match cannot do without; a
holiday's first word). A test checks the rules find the same candidates with and without it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storyline.stages.dates.lexicon import (
    DEICTIC_DAYS,
    FIXED_HOLIDAYS,
    FLOATING_HOLIDAYS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    MONTHS_EN,
    WEEKDAYS,
    WEEKDAYS_EN,
)

_WORD = re.compile(r"\w+")
#: Marks among a window's words: a word that starts with a digit, a four-digit number, a colon.
DIGIT, YEAR4, COLON = "<digit>", "<year>", "<colon>"


def _words(*names: Iterable[str]) -> frozenset[str]:
    """Return the lower-case words (``\\w+`` runs) of the given names."""
    return frozenset(w for group in names for name in group for w in _WORD.findall(name.lower()))


def _any(*words: str) -> frozenset[str]:
    return frozenset(words)


_MONTH_WORDS = _words(MONTHS_EN, MONTH_ABBREVIATIONS)
_WD_WORDS = _words(WEEKDAYS_EN)
_UNIT_WORDS = frozenset(
    w for u in ("second", "minute", "hour", "day", "night", "week", "fortnight", "month",
                "quarter", "year", "decade", "weekend") for w in (u, u + "s")
) | {"century", "centuries", "millennium", "millennia"}  # fmt: skip
_PLURAL_UNITS = _any("seconds", "minutes", "hours", "days", "weeks", "months", "years",
                     "decades", "centuries", "quarters")  # fmt: skip
_PART_WORDS = _any("morning", "afternoon", "evening", "night", "overnight")
#: For each rule, groups of words: every match of the rule holds a word of each group.
RULE_WORDS: dict[str, tuple[frozenset[str], ...]] = {
    **dict.fromkeys(("range_month_days", "range_days_month", "range_dates", "date_mdy",
                     "date_dmy", "month_year", "month", "week_of"), (_MONTH_WORDS,)),
    **dict.fromkeys(("range_weekdays", "weekday"), (_WD_WORDS,)),
    "range_years": (_any("from", "between"), _any(YEAR4)),
    "date_iso": (_any(YEAR4),),
    "year_edge": (_any(YEAR4),),
    "date_numeric": (_any(DIGIT),),
    "decade": (_any(DIGIT), _any("s")),
    "clock": (_any(DIGIT), _any("m", "am", "pm", "morning", "afternoon", "evening", "night")),
    "clock24": (_any(DIGIT), _any(COLON)),
    "ago": (_UNIT_WORDS, _any("ago", "now", "hence", "earlier", "back")),
    "duration": (_UNIT_WORDS,),
    "anniversary": (_any("anniversary"),),
    "date_foreign": (_words(*(m for lang, m in MONTHS.items() if lang != "en")),),
    "century": (_any("century"),),
    "season": (_any("spring", "summer", "autumn", "fall", "winter"),),
    "holiday": (frozenset(_WORD.findall(name.lower())[0] for name in (
        *FIXED_HOLIDAYS, *FLOATING_HOLIDAYS, "easter", "good friday", "election day")),),
    "quarter": (_any("quarter", "half", "period"),),
    "quarter_rel": (_any("quarter", "quarters", "period"),),
    "year_period": (_any("quarter", "period", "year", "half"),),
    "year_ended": (_any("year", "half", "months"),),
    "noon": (_any("noon", "midnight", "midday"),),
    "weekday_foreign": (_words(*(w for lang, w in WEEKDAYS.items() if lang != "en")),),
    "day_foreign": (_words(*DEICTIC_DAYS.values()),),
    "weekday_plural": (frozenset(w + "s" for w in _WD_WORDS),),
    "weekday_nights": (_WD_WORDS, _any("mornings", "afternoons", "evenings", "nights")),
    "weekday_pair": (_WD_WORDS, _any("mornings", "afternoons", "evenings", "nights")),
    "day_deictic": (_any("today", "tomorrow", "yesterday", "tonight"),),
    "day_before": (_any("yesterday", "tomorrow"),),
    "day_around": (_any("day"), _any("before", "after")),
    "part_edge": (_any("morning", "afternoon", "evening"),),
    "part_rel": (_PART_WORDS,),
    "ref_word": (_any("now", "nowadays", "currently", "current", "presently", "recently",
                      "lately", "days", "present", "past", "future", "term", "moment"),),
    "one_day": (_any("day"),),
    "year_spoken": (_any("nineteen", "thousand"),),
    "decade_spoken": (_any("twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                           "eighties", "nineties"),),
    "unit_rel": (_any("week", "month", "year", "weekend", "decade", "century", "day")
                 | _PART_WORDS,),
    "unit_the": (_any("week", "month", "year", "weekend"),),
    "year_end": (_any("year", "month"),),
    "period_last_year": (_any("period", "quarter"),),
    "edge_rel": (_any("week", "month", "year", "decade", "century", "quarter"),),
    "recent_units": (_PLURAL_UNITS,),
    "duration_bare": (_PLURAL_UNITS,),
    "duration_long": (_UNIT_WORDS,),
    "duration_vague": (_any("while", "time", "years"),),
    "set_adverb": (_any("daily", "weekly", "monthly", "yearly", "hourly", "nightly", "biweekly",
                        "fortnightly", "semiannually", "twice", "once"),),
    "set_every": (_any("every", "each", "per"),),
    "set_a_unit": (_any("day", "week", "month", "year", "hour"),),
}  # fmt: skip


def window_words(chunk: str) -> set[str] | None:
    """Return a window's lower-case words and marks (`DIGIT`, `YEAR4`, `COLON`); None when
    the window is not plain ASCII (case-insensitive matching may then equate letters that
    `lower` keeps apart)."""
    if not chunk.isascii():
        return None
    found = set(_WORD.findall(chunk.lower()))
    for word in [w for w in found if w[0].isdigit()]:
        found.add(DIGIT)
        if len(word) == 4 and word.isdigit():
            found.add(YEAR4)
        found.add(word.lstrip("0123456789"))  # "1990s", "10am": the letters after the number
    if ":" in chunk:
        found.add(COLON)
    return found


__all__ = ["COLON", "DIGIT", "RULE_WORDS", "YEAR4", "window_words"]
