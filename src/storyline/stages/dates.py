"""Find dates; normalise explicit ones, and weekdays against the publication date."""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.model import Doc, Span, TimeExpr
from storyline.pipeline import stage

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WEEKDAYS = {
    d: i
    for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                           "sunday"))
}  # fmt: skip
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b"),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?\b"
    ),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
)
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}


@stage("dates.v1", requires=["tokens", "sentences"], provides=["times"])
def add_times(doc: Doc) -> Doc:
    """Add the article's temporal expressions, normalised where the text allows."""
    anchor = date.fromisoformat(doc.article.published) if doc.article.published else None
    found: list[TimeExpr] = []
    for start, end in _date_entities(doc):
        found.append(_normalise(doc, start, end, anchor))
    return doc.with_(times=tuple(found))


def _date_entities(doc: Doc) -> list[tuple[int, int]]:
    """Return the character ranges of spaCy's DATE entities."""
    ranges: list[tuple[int, int]] = []
    prev_in = False
    for tok in doc.tokens:
        inside = tok.ent == "DATE"
        if inside and prev_in:
            ranges[-1] = (ranges[-1][0], tok.end)
        elif inside:
            ranges.append((tok.start, tok.end))
        prev_in = inside
    return ranges


def _normalise(doc: Doc, start: int, end: int, anchor: date | None) -> TimeExpr:
    text = doc.article.text[start:end]
    span = Span(doc.article.id, start, end)
    explicit = explicit_date(text, anchor.year if anchor else None)
    if explicit is not None and anchor is not None and not _has_year(text):
        explicit = _nearest_year(explicit, anchor, _is_future(doc, start))
    if explicit is not None:
        return TimeExpr(span, text, explicit.isoformat(), "date")
    low = text.lower()
    if (day := _weekday(low)) is not None:
        value = None if anchor is None else resolve_weekday(day, anchor, _is_future(doc, start))
        return TimeExpr(span, text, value.isoformat() if value else None, "weekday")
    for word, shift in _RELATIVE.items():
        if re.search(rf"\b{word}\b", low) and anchor is not None:
            return TimeExpr(span, text, (anchor + timedelta(days=shift)).isoformat(), "date")
    if re.fullmatch(r"(?:in\s+)?\d{4}", low):
        return TimeExpr(span, text, low[-4:], "year")
    return TimeExpr(span, text, None, "relative")


def explicit_date(text: str, default_year: int | None) -> date | None:
    """Return the date written out in `text` (`March 23, 2021`, `23 March`, `2021-03-23`)."""
    for pattern in _PATTERNS:
        m = pattern.search(text)
        if m is None:
            continue
        month_raw = m.group("month").lower()
        month = int(month_raw) if month_raw.isdigit() else _MONTHS.get(month_raw)
        year = int(m.group("year")) if m.group("year") else default_year
        if month is None or year is None:
            continue
        try:
            return date(year, month, int(m.group("day")))
        except ValueError:
            continue
    return None


def _has_year(text: str) -> bool:
    return re.search(r"\b\d{4}\b", text) is not None


def _nearest_year(day: date, anchor: date, future: bool) -> date:
    """Move a year-less date into the right year: past tense on or before the anchor."""
    if not future and day > anchor:
        return _replace_year(day, day.year - 1)
    if future and day < anchor:
        return _replace_year(day, day.year + 1)
    return day


def _replace_year(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


def _weekday(text: str) -> int | None:
    words = re.findall(r"[a-z]+", text)
    days = [_WEEKDAYS[w] for w in words if w in _WEEKDAYS]
    # "last Tuesday" / "next Tuesday" are handled by tense; "Tuesday to Friday" is a range.
    return days[0] if len(days) == 1 else None


def resolve_weekday(weekday: int, anchor: date, future: bool) -> date:
    """Return the weekday nearest the anchor: the next one in future tense, else the last one."""
    if future:
        ahead = (weekday - anchor.weekday()) % 7 or 7
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _is_future(doc: Doc, offset: int) -> bool:
    """Tell whether the sentence around `offset` speaks of the future ("will", "is to")."""
    sent = doc.sentence_of(offset)
    if sent is None:
        return False
    text = doc.article.text
    for i in doc.token_range(sent.start, sent.end):
        tok = doc.tokens[i]
        word = text[tok.start : tok.end].lower()
        if tok.tag == "MD" and word in {"will", "'ll", "shall"}:
            return True
        if word == "going" and text[tok.end : tok.end + 3] == " to":
            return True
    return False
