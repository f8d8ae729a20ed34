"""Dates: explicit dates normalised, weekdays resolved against the publication date by tense."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.stages.dates import explicit_date, resolve_weekday


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("March 23, 2021", None, date(2021, 3, 23)),
        ("23 March 2021", None, date(2021, 3, 23)),
        ("on 4th of June", 2019, date(2019, 6, 4)),
        ("Sept. 9", 2020, date(2020, 9, 9)),
        ("2021-03-29", None, date(2021, 3, 29)),
        ("March 23", None, None),  # no year and no anchor: unresolved, not guessed
        ("February 30, 2021", None, None),
    ],
)
def test_explicit_date(text: str, year: int | None, expected: date | None) -> None:
    assert explicit_date(text, year) == expected


@pytest.mark.parametrize(
    ("weekday", "anchor", "future", "expected"),
    [
        (1, date(2021, 3, 24), False, date(2021, 3, 23)),  # Wed article, "on Tuesday"
        (0, date(2021, 3, 29), False, date(2021, 3, 29)),  # Monday article, "on Monday"
        (0, date(2021, 3, 30), False, date(2021, 3, 29)),
        (2, date(2021, 3, 24), True, date(2021, 3, 31)),  # "will ... on Wednesday": next week
        (4, date(2021, 3, 24), True, date(2021, 3, 26)),
    ],
)
def test_resolve_weekday(weekday: int, anchor: date, future: bool, expected: date) -> None:
    assert resolve_weekday(weekday, anchor, future) == expected


@pytest.mark.model
def test_weekday_tense_in_real_text(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "The ship ran aground on Tuesday. Officials said the minister will visit "
        "the site on Friday.",
        published="2021-03-24",
    )
    values = {t.text: t.value for t in doc.times}
    assert values["Tuesday"] == "2021-03-23"
    assert values["Friday"] == "2021-03-26"


@pytest.mark.model
def test_no_publication_date_leaves_weekday_unresolved(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("The ship ran aground on Tuesday in the canal, officials said.")
    [expr] = [t for t in doc.times if t.kind == "weekday"]
    assert expr.value is None


@pytest.mark.model
def test_year_less_date_in_past_tense_is_not_in_the_future(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "The earlier crash, on Sept. 5, killed two people, officials said.", published="2018-01-01"
    )
    [expr] = [t for t in doc.times if t.kind == "date"]
    assert expr.value == "2017-09-05"
