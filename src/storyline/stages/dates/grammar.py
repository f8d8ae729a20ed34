"""Find temporal expressions in text with HeidelTime-style rules: one regular expression per
kind of expression, every match a candidate, the longest non-overlapping candidates kept.

Extents follow TimeML: determiners and modifiers ("the", "early", "about", "more than") are
part of the expression, prepositions ("on", "in", "since") are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.stages.dates.gating import COLON, DIGIT, RULE_WORDS, YEAR4, window_words
from storyline.stages.dates.lexicon import (
    DEICTIC_DAYS,
    FIXED_HOLIDAYS,
    FLOATING_HOLIDAYS,
    MONTHS,
    MONTHS_EN,
    NUMBER_WORDS,
    ORDINALS,
    WEEKDAYS,
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One rule's match: its extent and named groups."""

    start: int
    end: int
    rule: str
    groups: dict[str, str]
    priority: int = 0


def _alt(words: Iterable[str]) -> str:
    """Return a regex alternation of words, longest first (so "sept" wins over "sep")."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) for w in items)


_MONTH_FULL = _alt(MONTHS["en"])
_MONTH = rf"(?:{_MONTH_FULL}|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?(?=\s|,|$))"
_FOREIGN_MONTH = _alt(m for lang, names in MONTHS.items() if lang != "en" for m in names)
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_FOREIGN_WD = _alt(w for lang, names in WEEKDAYS.items() if lang != "en" for w in names)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_NUMWORD = _alt(w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an"))
_NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?:\s+1/2)?|(?:{_NUMWORD})(?:[\s-](?:{_NUMWORD}))*"
    r"|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+few|a\s+dozen|a\s+half|half\s+an?|an?|few|several|many"
    r"|some|a\s+number\s+of)"
)
_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?"
    r"|decades?|centur(?:y|ies)|millenni(?:um|a)|weekends?)"
)
_ORD = rf"(?:\d+(?:st|nd|rd|th)|{_alt(k for k in ORDINALS if k != 'last')})"
_PART = r"(?:morning|afternoon|evening|night|overnight)"
_APPROX = (
    r"(?:about|around|roughly|approximately|nearly|almost|some|over(?!\s+the\b)|more\s+than|less\s+than"
    r"|at\s+least|at\s+most|up\s+to|under|just\s+over|just\s+under|only|barely|well\s+over)"
)
_EDGE = r"(?:early|late|mid|earlier|later)"
#: A year said in words, as transcripts write it: "nineteen ninety-four", "two thousand".
_SPOKEN_YEAR = (
    r"nineteen\s+(?:(?:hundred\s+)?(?:and\s+)?)?(?:ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|two\s+thousand(?:\s+(?:and\s+)?"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten))?"
)
_HOLIDAY = _alt(
    [*FIXED_HOLIDAYS, *FLOATING_HOLIDAYS, "easter", "easter sunday", "good friday", "election day"]
)
_TZ = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|BST|CET|local\s+time))?"
_AMPM = (
    r"(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b|(?:o'clock\s+)?in\s+the\s+(?:morning|afternoon"
    r"|evening)\b|(?:o'clock\s+)?at\s+night\b)"
)

#: (rule name, pattern, priority). Higher priority wins between equally long candidates.
_RULES: tuple[tuple[str, str, int], ...] = (
    # --- ranges ---
    ("range_month_days", rf"(?:from\s+|between\s+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY})\s*"
     rf"(?:-|\u2013|to|through|until|till|and)\s*(?P<day2>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?\b", 5),
    ("range_days_month", rf"(?:from\s+|between\s+)?(?P<day>{_DAY})\s*(?:-|\u2013|to|and)\s*"
     rf"(?P<day2>{_DAY})\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?\b", 5),
    ("range_dates", rf"(?:from\s+|between\s+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY})"
     rf"(?:,?\s+(?P<year>{_YEAR}))?\s*(?:-|\u2013|to|through|until|till|and)\s*"
     rf"(?P<month2>{_MONTH})\s+(?P<day2>{_DAY})(?:,?\s+(?P<year2>{_YEAR}))?\b", 5),
    ("range_years", rf"(?:from\s+|between\s+)(?P<year>{_YEAR})\s*(?:-|\u2013|to|and|through|until)"
     rf"\s*(?P<year2>{_YEAR}|\d\d)\b", 5),
    ("range_weekdays", rf"(?:from\s+|between\s+)(?P<wd>{_WD})\s+(?:to|through|until|and)\s+"
     rf"(?P<wd2>{_WD})\b", 5),
    # --- anniversaries: the year comes from the event they count from ---
    ("anniversary", rf"\bthe\s+(?P<ord>{_ORD})\s+anniversary(?=\s+of\b[^.;!?]{{0,80}}?"
     rf"\b(?P<year>{_YEAR})\b)", 6),
    # --- explicit calendar dates ---
    ("date_mdy", rf"(?:(?P<wd>{_WD}),?\s+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b"
     rf"(?:,?\s+(?P<year>{_YEAR})\b)?", 4),
    ("date_dmy", rf"(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?(?P<day>{_DAY})\s+(?:of\s+)?"
     rf"(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR})\b)?", 4),
    ("date_iso", r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b", 4),
    ("date_numeric", r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4}|\d{2})\b", 3),
    ("date_foreign", rf"(?:(?P<wd>{_FOREIGN_WD}),?\s+)?(?:le\s+)?(?P<day>\d{{1,2}})\.?\s*"
     rf"(?:de\s+)?(?P<month>{_FOREIGN_MONTH})(?:\s+(?:de\s+)?(?P<year>{_YEAR}))?\b", 4),
    ("month_year", rf"(?:(?P<edge>{_EDGE})[\s-]+|the\s+(?P<part>beginning|end|middle|start)"
     rf"\s+of\s+)?(?P<month>{_MONTH})(?:,?\s+(?:of\s+)?(?P<year>{_YEAR})\b|\s+(?P<rel>this|"
     r"last|next)\s+year\b)", 3),
    ("month", rf"(?:(?P<edge>{_EDGE})[\s-]+|the\s+(?P<part>beginning|end|middle|start)\s+of\s+"
     rf"|(?P<rel>this\s+past|last|this|next|each|every)\s+)?(?P<month>{_MONTH_FULL})\b", 2),
    ("year_edge", rf"(?:(?P<edge>{_EDGE})[\s-]+|the\s+(?P<part>beginning|end|middle|start|rest)"
     rf"\s+of\s+|(?:the\s+)?(?P<fiscal>fiscal)\s+|(?P<approx>{_APPROX})\s+)?"
     rf"(?<![$#\d,.])(?P<year>{_YEAR})(?![\d,.]\d|%|-\d|\s*percent)\b", 1),
    ("decade", rf"(?:the\s+)?(?:(?P<edge>{_EDGE})[\s-]+)?(?P<decade>(?:1[5-9]|20)\d0|'\d0)"
     r"'?s\b", 3),
    ("century", rf"(?:the\s+)?(?:(?P<edge>{_EDGE})[\s-]+)?(?P<ord>{_ORD})[\s-]century\b", 3),
    ("season", rf"(?:(?P<rel>this\s+past|last|this|next|early|late|the)\s+)?(?P<season>spring"
     r"|summer|autumn"
     rf"|fall|winter)(?:\s+(?:of\s+)?(?:(?P<year>{_YEAR})|(?P<spoken>{_SPOKEN_YEAR})))?\b", 2),
    ("holiday", rf"(?:(?P<rel>last|this|next)\s+)?(?P<holiday>{_HOLIDAY})(?:\s+(?P<week>week)\b)?"
     rf"(?:\s+(?P<year>{_YEAR}))?\b", 3),
    ("week_of", rf"the\s+week\s+of\s+(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b"
     rf"(?:,?\s+(?P<year>{_YEAR})\b)?", 5),
    # --- quarters and halves ---
    ("quarter", rf"(?:(?P<the>the)\s+)?(?:(?:fiscal\s+)?(?P<year>{_YEAR})(?:'s)?\s+"
     rf"|(?P<fiscal>fiscal)[\s-]+|(?P<next>next|last|this)\s+year's\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|"
     rf"4th|final)[\s-]+(?:fiscal\s+)?(?P<unit>quarter|half|period)(?:\s+(?:of\s+)?(?:(?:fiscal\s+)?"
     rf"(?P<year2>{_YEAR})|(?P<rel>this|last|next)\s+year))?\b", 3),
    ("quarter_rel", r"(?:(?P<the>the)\s+)?(?:(?P<rel>latest|last|current|past|previous|"
     r"year-ago|year-earlier|comparable|same|this|next|recent|prior|coming|fiscal|latest\s+fiscal"
     r"|comparable\s+year-ago|year\s+earlier|that)\s+)?(?P<unit>quarter|quarters|period)\b"
     r"(?!\s+of\b)", 1),
    ("year_period", rf"the\s+(?P<year>{_YEAR})\s+(?:(?P<ord>first|second|third|fourth)\s+)?"
     r"(?P<unit>quarter|period|fiscal\s+year|half)\b", 4),
    ("year_ended", r"the\s+(?:fiscal\s+)?(?P<unit>year|half|nine\s+months|six\s+months)"
     r"(?=\s+(?:ended|ending|to|through)\b)", 4),
    # --- weekdays, parts of day and clock times ---
    ("clock", rf"(?:(?P<approx>about|around|at\s+about|at\s+around|shortly\s+after|just\s+after"
     rf"|just\s+before|shortly\s+before|approximately|roughly)\s+)?(?P<h>\d{{1,2}})(?:[:.]"
     rf"(?P<m>\d\d))?\s*(?P<ampm>{_AMPM}){_TZ}(?:,?\s+(?:on\s+)?(?:(?P<wd>{_WD}|today|"
     rf"yesterday|tomorrow)|(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?))?",
     4),
    ("clock24", r"\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?:\s*(?P<hrs>hours|hrs|h))?"
     rf"{_TZ}(?![\d:])", 3),
    ("noon", rf"(?<!high\s)(?:(?P<approx>about|around|shortly\s+after|just\s+after|just\s+before|"
     rf"shortly\s+before)\s+)?(?P<noon>noon|midnight|midday)(?:,?\s+(?:on\s+)?(?P<wd>{_WD}|"
     r"today|yesterday|tomorrow))?\b", 3),
    ("weekday", rf"(?:(?P<edge>early|late|earlier|later)\s+(?:on\s+)?|(?P<rel>last|this|next|"
     rf"past|coming|the\s+previous|the\s+following|the\s+next|that)\s+)?(?P<wd>{_WD})"
     rf"(?:\s+(?P<part>{_PART}))?\b", 3),
    ("weekday_foreign", rf"(?P<wd>{_FOREIGN_WD})\b", 1),
    ("day_foreign", rf"\b(?P<word>{_alt(w for d in DEICTIC_DAYS.values() for w in d)})\b", 2),
    ("weekday_plural", r"\b(?:on\s+)?(?P<wd>mondays|tuesdays|wednesdays|thursdays|fridays|"
     rf"saturdays|sundays)(?:\s+(?P<part>{_PART}s?))?\b", 2),
    ("weekday_nights", rf"(?P<wd>{_WD})\s+(?P<part>(?:morning|afternoon|evening|night)s)\b", 3),
    ("weekday_pair", rf"(?P<wd>{_WD})(?=\s+(?:and|or)\s+{_WD}\s+(?P<part>(?:morning|afternoon"
     r"|evening|night)s)\b)", 4),
    # --- deictic expressions (relative to the publication date) ---
    ("day_deictic", rf"(?:(?P<edge>{_EDGE})\s+)?(?P<word>today|tomorrow|yesterday|tonight)"
     rf"(?!(?<=today)'s\s+[a-z])(?:'s)?(?:\s+(?P<part>{_PART}))?\b", 3),
    ("day_before", r"the\s+day\s+(?P<rel>before\s+yesterday|after\s+tomorrow)\b", 4),
    ("day_around", rf"the\s+day\s+(?P<side>before|after)\s+(?:(?:(?P<rel>last|this|next)\s+)?"
     rf"(?P<wd>{_WD})|(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?"
     rf"|(?P<holiday>{_HOLIDAY}))\b", 4),
    ("part_edge", rf"(?P<edge>early|late|mid)[\s-]+(?P<part>morning|afternoon|evening)"
     rf"(?:,?\s+(?:on\s+)?(?P<wd>{_WD}|today|yesterday|tomorrow))?\b", 3),
    ("part_rel", rf"(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>{_PART})\b", 3),
    ("ref_word", r"\b(?P<word>now|nowadays|currently|current|presently|recently|lately|"
     r"these\s+days|then[\s-]+current|the\s+present|the\s+past|the\s+future|the\s+near\s+future|"
     r"the\s+near\s+term|the\s+short\s+term|the\s+distant\s+past|the\s+distant\s+future|"
     r"at\s+the\s+moment)\b", 1),
    ("one_day", r"(?:(?<=\bwill\s)|(?<=\bwould\s)|(?<=\bcould\s)|(?<=\bmight\s)|(?<=\bmay\s)"
     r"|(?<=\bcan\s))(?P<word>one\s+day|some\s+day)\b", 3),
    ("year_spoken", rf"(?:the\s+year\s+|(?P<month>{_MONTH_FULL})\s+)?"
     rf"(?P<spoken>{_SPOKEN_YEAR})\b(?![\s-]+(?:years?|days?|months?|weeks?|people|"
     r"dollars|troops|soldiers|miles|times)\b)", 3),
    ("decade_spoken", r"the\s+(?:(?P<edge>early|late|mid)[\s-]+)?(?P<spoken>twenties|thirties|"
     r"forties|fifties|sixties|seventies|eighties|nineties)\b", 3),
    ("unit_rel", rf"(?:(?P<edge>{_EDGE})\s+)?(?:(?P<the>the)\s+)?(?P<rel>this|last|next|"
     r"past|previous|coming|current|following|preceding|same|prior|that|this\s+past|"
     r"latest|upcoming)\s+(?P<unit>week|month|year|weekend|decade|century|day|morning|"
     r"afternoon|evening|night|fiscal\s+year|calendar\s+year)\b", 3),
    ("unit_the", r"(?:(?P<edge>early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+rest\s+of"
     r"|the\s+middle\s+of)\s+)?the\s+(?P<unit>week|month|year|weekend|fiscal\s+year|"
     r"full\s+year|year-end|year\s+end)\b", 1),
    ("year_end", r"(?:around\s+)?(?:the\s+(?:comparable\s+|same\s+)?)?(?P<word>year-end|"
     r"year\s+end|year-earlier|year-ago|year\s+earlier|prior-year|year-before|month-end)"
     r"(?:\s+(?P<what>period|quarter|(?:first|second|third|fourth)\s+quarter|nine\s+months|"
     r"six\s+months|results))?\b", 2),
    ("period_last_year", r"the\s+(?:corresponding|comparable|same)\s+(?P<what>period|quarter)\s+"
     r"(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier))\b|last\s+year's\s+(?:(?P<ord>first|"
     r"second|third|fourth)\s+)?(?P<unit>quarter|period)\b", 4),
    ("edge_rel", rf"(?P<edge>{_EDGE})\s+(?:in\s+)?(?P<rel>this|last|next|that)\s+"
     r"(?P<unit>week|month|year|decade|century|quarter)\b", 4),
    ("ago", rf"(?:(?P<approx>{_APPROX})\s+)?(?P<num>{_NUM})\s+(?P<unit>{_UNIT})"
     r"(?P<orso>\s+or\s+(?:so|more|two|three))?\s+(?P<dir>ago|from\s+now|hence|(?:earlier|back)"
     r"\b(?!\s+(?:than|the|a|an|his|her|their|its|this|that|he|she|it|they|we|i|you)\b))\b", 4),
    ("recent_units", r"(?:the\s+)?(?P<rel>recent|coming|next\s+few|past\s+few|last\s+few|"
     r"next\s+several|past\s+several|last\s+several|previous|upcoming|later|earlier|"
     r"preceding|following|early|late|first|final)\s+(?P<unit>days|weeks|months|years|"
     r"decades|quarters|hours|minutes)\b", 2),
    # --- durations ---
    ("duration", rf"(?:(?P<approx>{_APPROX})\s+)?(?:(?P<the>the|a|an|another|an\s+additional"
     rf"|the\s+(?P<rel>first|last|past|next|previous|coming|final|latest|following|"
     rf"preceding|remaining|same|initial|entire|whole|full)))?\s*(?P<num>{_NUM})"
     r"(?P<nhalf>\s+and\s+a\s+half)?[\s-]+"
     r"(?:(?:more|additional|extra|straight|consecutive|full|long|trading|business|working)\s+)?"
     rf"(?P<unit>{_UNIT})(?P<half>\s+and\s+a\s+half)?(?P<adj>-long|-old)?"
     rf"(?:\s+and\s+(?P<num2>{_NUM})\s+(?P<unit2>{_UNIT}))?(?P<orso>\s+or\s+so)?\b"
     r"(?![\s-]+old\b|\s+of\s+age\b)", 2),
    ("duration_bare", r"(?P<lead>(?<=\bfor\s)|(?<=\bin\s)|(?<=\bwithin\s)|(?<=\blast\s)|"
     r"(?<=\btook\s))(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|"
     r"centuries)\b(?!\s+(?:of|ago|later|earlier|before|after))", 1),
    ("duration_long", r"(?P<unit>(?:decade|year|month|week|day|hour)s?)-long\b", 2),
    ("duration_vague", r"\b(?P<word>a\s+while|some\s+time|a\s+long\s+time|a\s+short\s+time"
     r"|the\s+years)\b(?!\s+(?:of|ago|to|since|later|before|after)\b)", 1),
    # --- sets ---
    ("set_adverb", r"\b(?P<word>daily|weekly|monthly|yearly|hourly|nightly|"
     r"biweekly|fortnightly|semiannually|twice\s+a\s+(?:day|week|month|year)|once\s+a\s+"
     r"(?:day|week|month|year))\b", 2),
    ("set_every", rf"\b(?P<q>every|each|per)\s+(?:(?P<num>{_NUM})\s+)?(?P<unit>{_UNIT}|"
     rf"(?P<wd>{_WD})|(?P<month>{_MONTH_FULL}))\b", 3),
    ("set_a_unit", r"(?:(?<=\d\s)|(?<=million\s)|(?<=billion\s)|(?<=thousand\s)|(?<=percent\s)"
     r"|(?<=%\s)|(?<=times\s))(?:a|an|per)\s+(?P<unit>day|week|month|year|hour)\b", 3),
)  # fmt: skip

_COMPILED = tuple(
    (name, re.compile(rf"(?<!\w)(?:{pattern})", re.IGNORECASE), priority, RULE_WORDS.get(name, ()))
    for name, pattern, priority in _RULES
)
#: Words that every rule's match contains (or a digit): where a rule that `gating.RULE_WORDS`
#: does not describe runs. Most of a news text has no temporal expression.
_TRIGGERS = frozenset(
    {
        *MONTHS_EN, *(m[:3] for m in MONTHS_EN), "sept",
        *(w for names in WEEKDAYS.values() for part in names for w in part.split("-")),
        *(m for lang, names in MONTHS.items() if lang != "en" for m in names),
        *(w for d in DEICTIC_DAYS.values() for word in d for w in re.findall(r"\w+", word)),
        *(w for name in [*FIXED_HOLIDAYS, *FLOATING_HOLIDAYS] for w in re.findall(r"\w+", name)),
        "easter", "election", "today", "tomorrow", "yesterday", "tonight", "now", "nowadays",
        "currently", "current", "presently", "recently", "lately", "present", "past", "future",
        "term", "moment", "noon", "midnight", "midday", "overnight", "morning", "afternoon",
        "evening", "night", "nights", "spring", "summer", "autumn", "fall", "winter",
        "anniversary", "daily", "weekly", "monthly", "yearly", "hourly", "nightly", "biweekly",
        "fortnightly", "twice", "once", "while", "time", "period", "half", "nineteen",
        "thousand", "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
        "eighties", "nineties", "mins", "hrs", "yrs", "mondays", "tuesdays", "wednesdays",
        "thursdays", "fridays", "saturdays", "sundays", "am", "pm",
        *(u for unit in ("second", "minute", "hour", "day", "week", "weekend", "fortnight",
                         "month", "quarter", "year", "decade") for u in (unit, unit + "s")),
    }
    - {"new", "st", "s", "of", "the", "may", "mar", "day"}
    | {"day", "may", "mar"}
)  # fmt: skip
_WORD = re.compile(r"\w+")
_BEFORE, _AFTER = 60, 90  # characters of context a rule may need around its trigger word
_STEMS = ("centur", "millenni")  # trigger words by their start ("centuries", "millennium")


def _key(word: str) -> str:
    """Return how `_hits` records a word: digits as "#", "centuries" as "centur"."""
    if word[0].isdigit() or word in (DIGIT, YEAR4):
        return "#"
    return next((stem for stem in _STEMS if word.startswith(stem)), word)


def _window_keys(name: str) -> tuple[frozenset[str], bool]:
    """Return the words a rule's windows are centred on, and whether digits centre them too.

    A rule whose every match holds a digit, or a word of a group in `gating.RULE_WORDS`,
    runs around those alone (digits first: "from", "between" are everywhere); a rule not in
    that table runs around every trigger word and digit.
    """
    groups = RULE_WORDS.get(name, ())
    for group in groups:
        if group <= {DIGIT, YEAR4}:
            return frozenset(), True
    for group in groups:
        if not group & {DIGIT, YEAR4, COLON}:
            return frozenset(_key(w) for w in group), False
    return _TRIGGERS | set(_STEMS), True


#: Per rule: the trigger words it runs around, and whether it runs around digits too.
_KEYS = {name: _window_keys(name) for name, _, _ in _RULES}
#: Every word some rule's windows are centred on.
_CENTRES = frozenset().union(*(words for words, _ in _KEYS.values()))


def _hits(text: str) -> dict[str, list[tuple[int, int]]]:
    """Return where each trigger word occurs (digits under "#")."""
    out: dict[str, list[tuple[int, int]]] = {}
    for m in _WORD.finditer(text):
        word = _key(m.group().lower())
        if word != "#" and word not in _CENTRES:
            continue
        out.setdefault(word, []).append(m.span())
    return out


def _windows(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the merged stretches of text around trigger words."""
    out: list[tuple[int, int]] = []
    for m_start, m_end in sorted(spans):
        start, end = max(0, m_start - _BEFORE), min(len(text), m_end + _AFTER)
        while end < len(text) and text[end].isalnum():
            end += 1  # never cut a word: a closing `\b` would match inside it
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def find_candidates(text: str, rules: tuple[str, ...] | None = None) -> list[Candidate]:
    """Return the longest non-overlapping rule matches in `text`, in text order.

    Each rule runs only in the windows around the trigger words it can contain, and skips
    those that lack a word it needs (`gating.RULE_WORDS`).
    """
    found: list[Candidate] = []
    hits = _hits(text)
    seen: dict[tuple[int, int], set[str] | None] = {}  # the words of each window, read once
    for name, regex, priority, needs in _COMPILED:
        if rules is not None and name not in rules:
            continue
        words, digits = _KEYS[name]
        spans = [
            span
            for word, where in hits.items()
            if word in words or (digits and word == "#")
            for span in where
        ]
        for w_start, w_end in _windows(text, spans):
            if needs:
                if (w_start, w_end) not in seen:
                    seen[w_start, w_end] = window_words(text[w_start:w_end])
                present = seen[w_start, w_end]
                if present is not None and any(group.isdisjoint(present) for group in needs):
                    continue  # a word this rule needs is missing: it cannot match here
            for m in regex.finditer(text, w_start, w_end):
                cand = _candidate(text, m, name, priority)
                if cand is not None:
                    found.append(cand)
    return _select(found)


def _candidate(text: str, m: re.Match[str], name: str, priority: int) -> Candidate | None:
    start, end = _trim(text, m.start(), m.end())
    if end <= start:
        return None
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    if name == "duration" and (
        (det := _ADJECTIVAL.match(text, start, end))
        or (det := _SINGULAR_UNIT.match(text, start, end))
    ):
        start = det.end()  # "the three-day truce", "a six year term": the article is the noun's
    return Candidate(start, end, name, groups, priority)


_ADJECTIVAL = re.compile(r"(?:the|a|an)\s+(?=\S+-\S+$)", re.IGNORECASE)
#: A count above one with a singular unit is an adjective too ("a six year term").
_SINGULAR_UNIT = re.compile(
    rf"(?:the|a|an)\s+(?=(?:\d+|{_NUMWORD})\s+(?:day|week|month|year|hour|minute)$)(?!one\s)",
    re.IGNORECASE,
)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading "from"/"between", surrounding spaces and a possessive "'s"; keep an
    abbreviation's dot."""
    while start < end and text[start].isspace():
        start += 1
    low = text[start:end].lower()
    for lead in ("from ", "between "):
        if low.startswith(lead) and not low.startswith(("between the", "from the")):
            start += len(lead)
            break
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    if end - start > 3 and text[end - 2 : end] in ("'s", "\u2019s") and text[end - 3].isalpha():
        end -= 2  # the possessive is not part of the expression: "yesterday's announcement"
    return start, end


def _select(found: list[Candidate]) -> list[Candidate]:
    """Keep the longest candidates that do not overlap, preferring higher priority on ties."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(found, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        chosen.append(cand)
        taken.append((cand.start, cand.end))
    return sorted(chosen, key=lambda c: c.start)


__all__ = ["Candidate", "find_candidates"]
