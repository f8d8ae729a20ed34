"""Find figures: money, percentages, measures and counts, with the noun they count."""

from __future__ import annotations

import re

from storyline.model import Doc, Figure, Span, Token
from storyline.pipeline import stage

_CURRENCY = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORDS = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "yen": "JPY"}
_SCALE = {
    "thousand": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_UNITS = {
    "metre": "m",
    "meter": "m",
    "m": "m",
    "kilometre": "km",
    "kilometer": "km",
    "km": "km",
    "mile": "mi",
    "tonne": "t",
    "ton": "t",
    "percent": "%",
    "%": "%",
    "per": "%",
    "foot": "ft",
    "feet": "ft",
    "yard": "yd",
    "kilogram": "kg",
    "kg": "kg",
}
_WORD_NUMBERS = {
    w: i
    for i, w in enumerate((
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", "twenty",
    ))
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
     "ninety": 90}  # fmt: skip
_CURRENCY_ONLY_SCALES = frozenset({"m", "b"})
_POWERS = {"square": "2", "cubic": "3"}
_QUALIFIERS = (
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
    "approximately",
    "some",
    "over",
    "under",
    "an estimated",
    "estimated",
)
_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_SKIP_ENTS = {"DATE", "TIME", "ORDINAL"}


def parse_number(text: str) -> float | None:
    """Return the value of `1,500`, `3.2`, `six`; None when it is not a number."""
    low = text.lower().replace(",", "")
    if low in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[low])
    if _NUMBER.match(text):
        return float(low)
    return None


@stage("figures.v1", requires=["tokens"], provides=["figures"])
def add_figures(doc: Doc) -> Doc:
    """Add every figure found in the article."""
    figures: list[Figure] = []
    toks = doc.tokens
    i = 0
    while i < len(toks):
        word = doc.article.text[toks[i].start : toks[i].end]
        value = parse_number(word)
        spelled = word.lower() in _WORD_NUMBERS
        allowed = {"NUM"} if spelled else {"NUM", "X", "NOUN"}
        if value is None or toks[i].ent in _SKIP_ENTS or toks[i].pos not in allowed:
            i += 1
            continue
        last = i
        if spelled and value % 10 == 0 and value >= 20:
            value, last = _spelled_tens(doc, i, value)
        fig, i = _figure_at(doc, i, value, last)
        if fig is not None:
            figures.append(fig)
    return doc.with_(figures=tuple(figures))


def _spelled_tens(doc: Doc, i: int, tens: float) -> tuple[float, int]:
    """Read `Twenty-one` (the tagger splits it in three): return its value and last token."""
    toks, text = doc.tokens, doc.article.text
    joined = i + 2 < len(toks) and toks[i].end == toks[i + 1].start == toks[i + 2].start - 1
    if joined and _word(text, toks[i + 1]) == "-":
        unit = _WORD_NUMBERS.get(_word(text, toks[i + 2]).lower())
        if unit is not None and 0 < unit < 10:
            return tens + unit, i + 2
    return tens, i


def _figure_at(doc: Doc, i: int, value: float, last: int) -> tuple[Figure | None, int]:
    """Read the figure whose number is tokens `i`..`last`; return it and the next token index."""
    toks, text = doc.tokens, doc.article.text
    start, end, unit = toks[i].start, toks[last].end, None
    prev = _word(text, toks[i - 1]).lower() if i else ""
    if prev in _CURRENCY:
        unit, start = _CURRENCY[prev], toks[i - 1].start
    j = last + 1
    scale = _word(text, toks[j]).lower() if j < len(toks) else ""
    # "$9.6m" is millions, but "400 m" is metres: one-letter scales only follow a currency.
    if scale in _SCALE and (unit is not None or scale not in _CURRENCY_ONLY_SCALES):
        value *= _SCALE[scale]
        end, j = toks[j].end, j + 1
    if j < len(toks) and _word(text, toks[j]) == "-":  # "400-metre"
        j += 1
    if j + 1 < len(toks) and _word(text, toks[j]).lower() in _POWERS:
        u = _unit_of(text, toks[j + 1])
        if u in {"m", "km", "ft", "mi"}:
            unit, end, j = u + _POWERS[_word(text, toks[j]).lower()], toks[j + 1].end, j + 2
    if j < len(toks) and (u := _unit_of(text, toks[j])) is not None:
        unit = unit or u
        end, j = toks[j].end, j + 1
        if u == "%" and j < len(toks) and _word(text, toks[j]).lower() == "cent":
            end, j = toks[j].end, j + 1
    counts = _counted_noun(doc, last, j)
    if value == 1 and unit is None and j < len(toks) and _word(text, toks[j]).lower() == "of":
        counts = None  # "one of the girls" picks out one of them, it does not count them
    qualifier = _qualifier(text, start)
    if qualifier:
        start = start - len(qualifier) - 1
    span = Span(doc.article.id, start, end)
    fig = Figure(span, text[start:end], value, unit, counts, qualifier)
    return fig, max(j, last + 1)


def _word(text: str, tok: Token) -> str:
    return text[tok.start : tok.end]


def _unit_of(text: str, tok: Token) -> str | None:
    word, lemma = _word(text, tok).lower(), tok.lemma.lower()
    if word in _UNITS:
        return _UNITS[word]
    if lemma in _UNITS:
        return _UNITS[lemma]
    return _CURRENCY_WORDS.get(lemma)


_CLAUSE_BREAKS = frozenset({",", ";", ":", ".", "(", ")", "--", "\u2013", "\u2014"})


def _counted_noun(doc: Doc, i: int, j: int) -> str | None:
    """Return the lemma of the noun a number counts: its syntactic head, or the next noun."""
    toks = doc.tokens
    head = toks[toks[i].head]
    if (
        toks[i].dep in {"nummod", "quantmod", "compound"}
        and head.pos in {"NOUN", "PROPN"}
        and _unit_of(doc.article.text, head) is None
    ):
        return head.lemma.lower()
    for k in range(j, min(j + 4, len(toks))):
        if toks[k].pos in {"NOUN", "PROPN"} and _unit_of(doc.article.text, toks[k]) is None:
            return toks[k].lemma.lower()
        word = _word(doc.article.text, toks[k]).lower()
        if word in _CLAUSE_BREAKS:
            break  # "$1 million, authorities said": the next noun belongs to another phrase
        if toks[k].pos not in {"ADJ", "DET", "PUNCT"} and word not in {"of", "worth"}:
            break
    return None


def _qualifier(text: str, start: int) -> str | None:
    before = text[max(0, start - 20) : start].lower()
    for q in _QUALIFIERS:
        if before.endswith(q + " "):
            return text[start - len(q) - 1 : start - 1]
    return None
