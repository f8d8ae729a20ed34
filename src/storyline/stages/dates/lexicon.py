"""Word lists for temporal expressions: months, weekdays, numbers, units, parts of day, holidays.

English drives the full grammar; month and weekday names of the other languages storyline
detects (German, French, Spanish, Italian, Dutch, Portuguese) let explicit dates and weekdays
in those languages resolve too.
"""

from __future__ import annotations

MONTHS_EN = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

#: Month names per language, January first.
MONTHS: dict[str, tuple[str, ...]] = {
    "en": MONTHS_EN,
    "de": ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
           "september", "oktober", "november", "dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"),
}  # fmt: skip

#: Weekday names per language, Monday first.
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": WEEKDAYS_EN,
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "pt": ("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
           "sábado", "domingo"),
}  # fmt: skip

#: Words for today / yesterday / tomorrow per language (day offsets).
DEICTIC_DAYS: dict[str, dict[str, int]] = {
    "de": {"heute": 0, "gestern": -1, "morgen": 1, "vorgestern": -2, "übermorgen": 2},
    "fr": {"aujourd'hui": 0, "hier": -1, "demain": 1, "avant-hier": -2},
    "es": {"hoy": 0, "ayer": -1, "mañana": 1, "anteayer": -2},
    "it": {"oggi": 0, "ieri": -1, "domani": 1},
    "nl": {"vandaag": 0, "gisteren": -1, "morgen": 1},
    "pt": {"hoje": 0, "ontem": -1, "amanhã": 1},
}

#: English month abbreviations (with their month number); "may" and "march" need context.
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip


def month_number(word: str) -> int | None:
    """Return the month a name or abbreviation stands for, in any known language."""
    low = word.lower().rstrip(".")
    for names in MONTHS.values():
        if low in names:
            return names.index(low) + 1
    return MONTH_ABBREVIATIONS.get(low)


def weekday_number(word: str) -> int | None:
    """Return 0 (Monday) to 6 (Sunday) for a weekday name in any known language."""
    low = word.lower().rstrip(".")
    if low.endswith("s") and low[:-1] in WEEKDAYS_EN:  # "Tuesdays"
        low = low[:-1]
    for names in WEEKDAYS.values():
        if low in names:
            return names.index(low)
    return None


NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "thousand": 1000, "a thousand": 1000,
    "a": 1, "an": 1, "a single": 1, "a couple of": 2, "a couple": 2, "couple of": 2,
    "a dozen": 12, "dozen": 12, "a half": 0.5, "half a": 0.5, "half an": 0.5,
}  # fmt: skip

#: Quantities that are not numbers: the TIMEX3 value keeps an X for them ("PXY").
VAGUE_QUANTITIES = frozenset(
    {"a few", "few", "several", "many", "some", "numerous", "countless", "a number of"}
)

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "last": -1,
}  # fmt: skip


def parse_number(text: str) -> float | None:
    """Return the value of a written number ("three", "twenty-five", "2 1/2", "1.5", "a")."""
    low = " ".join(text.lower().replace(",", "").split())
    if low in NUMBER_WORDS:
        return float(NUMBER_WORDS[low])
    half = low.endswith((" and a half", " 1/2", "-and-a-half", " ½"))
    if half:
        for tail in (" and a half", " 1/2", "-and-a-half", " ½"):
            low = low.removesuffix(tail)
    value: float | None
    try:
        value = float(low)
    except ValueError:
        value = _compound(low)
    if value is None:
        return None
    return value + (0.5 if half else 0.0)


def _compound(low: str) -> float | None:
    """Return the value of "twenty-five" / "twenty five" / "two hundred"."""
    parts = low.replace("-", " ").split()
    if not parts or any(p not in NUMBER_WORDS for p in parts):
        return None
    total = 0.0
    for p in parts:
        n = NUMBER_WORDS[p]
        total = total * n if n in (100, 1000) and total else total + n
    return total


#: TIMEX3 duration units: word -> (letter, in time part, scale). "decade" is 10 years, etc.
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "night": ("D", False, 1), "week": ("W", False, 1),
    "fortnight": ("W", False, 2), "month": ("M", False, 1), "quarter": ("Q", False, 1),
    "year": ("Y", False, 1), "decade": ("DE", False, 1), "century": ("CE", False, 1),
    "millennium": ("L", False, 1), "weekend": ("WE", False, 1),
}  # fmt: skip
UNIT_PLURALS = {
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day",
    "nights": "night", "weeks": "week", "fortnights": "fortnight", "months": "month",
    "quarters": "quarter", "years": "year", "decades": "decade", "centuries": "century",
    "millennia": "millennium", "weekends": "weekend", "mins": "minute", "hrs": "hour",
    "yrs": "year",
}  # fmt: skip


def unit_of(word: str) -> str | None:
    """Return the singular unit name for a unit word ("weeks" -> "week")."""
    low = word.lower()
    if low in UNITS:
        return low
    return UNIT_PLURALS.get(low)


#: Parts of the day and their TIMEX3 codes.
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "midday": "MI", "noon": "MI", "midnight": "NI", "dawn": "MO", "dusk": "EV",
    "mid-afternoon": "AF", "mid afternoon": "AF", "mid-morning": "MO", "daytime": "DT",
}  # fmt: skip

SEASONS = {
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}  # fmt: skip

#: Holidays on a fixed month and day.
FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas": (12, 25),
    "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "valentine's day": (2, 14), "independence day": (7, 4), "halloween": (10, 31),
    "veterans day": (11, 11), "armistice day": (11, 11), "bastille day": (7, 14),
    "st. patrick's day": (3, 17), "may day": (5, 1), "labour day": (5, 1),
    "new year": (1, 1),
}  # fmt: skip

#: Holidays on the nth weekday of a month: name -> (month, weekday, n); n = -1 is the last.
FLOATING_HOLIDAYS = {
    "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4),
    "memorial day": (5, 0, -1), "labor day": (9, 0, 1), "mother's day": (5, 6, 2),
    "father's day": (6, 6, 3), "martin luther king day": (1, 0, 3),
    "presidents' day": (2, 0, 3), "columbus day": (10, 0, 2),
}  # fmt: skip
