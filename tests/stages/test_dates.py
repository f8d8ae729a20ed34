"""Dates: explicit dates normalised, weekdays resolved against the publication date by tense."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


@pytest.mark.model
def test_deadline_set_in_the_past_still_lies_ahead(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "Officials postponed until Tuesday morning any action on the case. "
        "Until Thursday, they had not called him a suspect.",
        published="2000-03-30",  # a Thursday
    )
    values = {t.text: t.timex_value for t in doc.times}
    assert values["Tuesday morning"] == "2000-04-04TMO"  # postponed to: the coming Tuesday
    assert values["Thursday"] == "2000-03-30"  # a state that held up to it: the past one


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He smokes two packs a day.", "SET P1D"),
        ("We are doing hundreds of interviews a day, he said.", "SET P1D"),
        ("There are fifty thousand CDs a year sold.", "SET P1Y"),
        ("They gave the workers a day off.", "DURATION P1D"),
        ("They gave the children a week to respond.", "DURATION P1W"),
    ],
)
def test_a_unit_after_a_counted_noun_is_a_rate(analyse, text: str, value: str) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(text, published="1998-03-03")
    [t] = [t for t in doc.times if t.text.startswith("a ")]
    assert f"{t.timex_type} {t.timex_value}" == value


@pytest.mark.model
def test_holiday_week_under_way_is_this_one(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Protesters prayed as Easter week began.", published="2000-04-17")
    assert {t.text: t.timex_value for t in doc.times} == {"Easter week": "2000-W16"}


@pytest.mark.model
def test_effective_date_lies_ahead(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("It created a new office, effective Feb. 1.", published="1989-10-26")
    assert {t.text: t.timex_value for t in doc.times}["Feb. 1"] == "1990-02-01"


@pytest.mark.model
def test_set_for_a_day_is_a_plan(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "The rally was set for Sunday. The index neared the high set on Aug. 6.",
        published="1998-02-11",  # a Wednesday
    )
    values = {t.text: t.timex_value for t in doc.times}
    assert values == {"Sunday": "1998-02-15", "Aug. 6": "1997-08-06"}


@pytest.mark.model
def test_bare_month_in_past_tense_is_the_last_one(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "In January, the company brought in a new chief executive. It extended "
        "the loans through January.",
        published="1989-10-27",
    )
    first, second = [t.timex_value for t in doc.times if t.text == "January"]
    assert first == "1989-01"
    assert second == "1990-01"  # "through January": a deadline, ahead


@pytest.mark.model
def test_bare_quarter_not_yet_begun_in_past_tense_is_last_years(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "The company reported a drop in profits for the fourth quarter. Sales rose in the "
        "first quarter. It expects growth in the third quarter.",
        published="1998-01-26",
    )
    values = {t.text: t.timex_value for t in doc.times}
    assert values["the fourth quarter"] == "1997-Q4"
    assert values["the first quarter"] == "1998-Q1"  # under way: this year's
    assert values["the third quarter"] == "1998-Q3"  # looked ahead to


@pytest.mark.model
def test_title_cased_units_inside_a_sentence_name_shows(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "He said on CBS's '60 Minutes' and on \"This Week With David Brinkley\" that the "
        "talks took 60 minutes. Last Week, he left.",
        published="2000-04-17",
    )
    assert {t.text for t in doc.times} == {"60 minutes", "Last Week"}  # the last starts a sentence


@pytest.mark.model
def test_this_season_is_the_one_under_way_or_the_one_the_tense_points_to(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "Prices will rise this fall. Snow fell this winter. Sales fell this summer.",
        published="1998-02-11",  # winter 1997/98
    )
    values = {t.text: t.timex_value for t in doc.times}
    assert values == {"this fall": "1998-FA", "this winter": "1997-WI", "this summer": "1997-SU"}


# --- TIMEX3 normalisation without the model (no tokens: tense reads as "nearest") ---

from storyline.model import Doc  # noqa: E402
from storyline.stages.dates import find_times, grammar, normalise  # noqa: E402
from storyline.stages.dates.calendar import easter, resolve_year  # noqa: E402
from storyline.stages.dates.filters import range_split  # noqa: E402
from storyline.stages.dates.gating import RULE_WORDS  # noqa: E402
from storyline.stages.dates.grammar import find_candidates  # noqa: E402
from storyline.stages.dates.resolved import Context  # noqa: E402
from tests.conftest import make_article  # noqa: E402

WEDNESDAY = "2019-06-05"


def times_in(text: str, published: str | None = WEDNESDAY, language: str = "en"):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from storyline.stages.dates import parse_anchor

    article = replace(make_article(text, published=published), language=language)
    return find_times(Doc(article=article), parse_anchor(published))


@pytest.mark.parametrize(
    ("text", "expr", "type_", "value"),
    [
        ("Talks ran from June 4 to 6, 2019 in Geneva.", "June 4 to 6, 2019", "DATE", "2019-06-04"),
        ("It opened on 23 March 2021.", "23 March 2021", "DATE", "2021-03-23"),
        ("Sales fell in June 2019.", "June 2019", "DATE", "2019-06"),
        ("Prices rose last week.", "last week", "DATE", "2019-W22"),
        ("Prices rose last year.", "last year", "DATE", "2018"),
        ("The plant closed six months ago.", "six months ago", "DATE", "2018-12"),
        ("Earlier this month, the mayor resigned.", "Earlier this month", "DATE", "2019-06"),
        ("They signed the three-day truce.", "three-day", "DURATION", "P3D"),
        ("The strike lasted 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
        ("Profit rose in the third quarter.", "the third quarter", "DATE", "2019-Q3"),
        ("Crime fell in the 1990s.", "the 1990s", "DATE", "199"),
        ("It was founded in the 20th century.", "the 20th century", "DATE", "19"),
        ("Shops shut on Christmas 2018.", "Christmas 2018", "DATE", "2018-12-25"),
        ("Officials recently said so.", "recently", "DATE", "PAST_REF"),
        ("The market is now calm.", "now", "DATE", "PRESENT_REF"),
        ("The ferry runs daily.", "daily", "SET", "P1D"),
        ("The club meets every Tuesday.", "every Tuesday", "SET", "XXXX-WXX-2"),
        ("The vote is at 10:30 a.m. Thursday.", "10:30 a.m. Thursday", "TIME", "2019-06-06T10:30"),
        ("They met yesterday.", "yesterday", "DATE", "2019-06-04"),
        ("They met on Wednesday, June 5.", "Wednesday, June 5", "DATE", "2019-06-05"),
        ("A hearing is set for the week of June 17.", "the week of June 17", "DATE", "2019-W25"),
        ("Oil hit $13 in the winter of 1994.", "the winter of 1994", "DATE", "1994-WI"),
        ("It will earn $33 million a year.", "a year", "SET", "P1Y"),
        ("Islam will one day be the largest.", "one day", "DATE", "FUTURE_REF"),
        ("The strike lasted one day.", "one day", "DURATION", "P1D"),
        ("Shares rose by mid-afternoon.", "mid-afternoon", "TIME", "2019-06-05TAF"),
        (
            "Shares rose in late morning yesterday.",
            "late morning yesterday",
            "TIME",
            "2019-06-04TMO",
        ),
        ("He leaves at 4 in the morning.", "4 in the morning", "TIME", "2019-06-05T04:00"),
        ("She called at 10 at night.", "10 at night", "TIME", "2019-06-05T22:00"),
        ("Over the years it grew.", "the years", "DURATION", "PXY"),
        (
            "It expects a loss in fiscal 2020's first quarter.",
            "fiscal 2020's first quarter",
            "DATE",
            "2020-Q1",
        ),
        ("Two years from now it will be done.", "Two years from now", "DATE", "2021"),
        ("Two years ago he left.", "Two years ago", "DATE", "2017"),
        ("It has been three and a half years.", "three and a half years", "DURATION", "P3Y6M"),
        ("Holders shunned yesterday's offer.", "yesterday", "DATE", "2019-06-04"),
        (
            "Sales rose from the corresponding period last year.",
            "the corresponding period last year",
            "DATE",
            "2018-Q1",
        ),
        (
            "Sales rose from last year's second quarter.",
            "last year's second quarter",
            "DATE",
            "2018-Q2",
        ),
        (
            "In the winter of nineteen ninety-four.",
            "the winter of nineteen ninety-four",
            "DATE",
            "1994-WI",
        ),
        ("Protesters prayed as Easter week began.", "Easter week", "DATE", "2019-W16"),
        ("They met in Christmas week 2018.", "Christmas week 2018", "DATE", "2018-W52"),
        ("It was their third day-long meeting.", "day-long", "DURATION", "P1D"),
        ("A month-long strike ended.", "month-long", "DURATION", "P1M"),
        ("Shares were sold this past spring.", "this past spring", "DATE", "2019-SP"),
        ("Prices fell this past January.", "this past January", "DATE", "2019-01"),
        ("It may placate holders in the short term.", "the short term", "DATE", "FUTURE_REF"),
        (
            "The day before last Tuesday's hearing, he went home.",
            "The day before last Tuesday",
            "DATE",
            "2019-06-03",
        ),
        ("Shops reopen the day after Christmas.", "the day after Christmas", "DATE", "2018-12-26"),
        ("He was arrested the day after June 1.", "the day after June 1", "DATE", "2019-06-02"),
        ("Profit rose for three quarters of the year.", "three quarters", "DURATION", "P3Q"),
        ("It lost money for two quarters of losses.", "two quarters", "DURATION", "P2Q"),
        ("It shows on Sunday mornings.", "Sunday mornings", "SET", "XXXX-WXX-7TMO"),
        ("Flights leave on Monday and Tuesday nights.", "Monday", "SET", "XXXX-WXX-1TNI"),
        ("Flights leave on Monday and Tuesday nights.", "Tuesday nights", "SET", "XXXX-WXX-2TNI"),
    ],
)
def test_timex3_type_and_value(text: str, expr: str, type_: str, value: str) -> None:
    found = {t.text: t for t in times_in(text)}
    assert expr in found, f"found {list(found)}"
    assert (found[expr].timex_type, found[expr].timex_value) == (type_, value)


@pytest.mark.parametrize(
    ("text", "expr"),
    [
        ("Prices rose over the past 20 years.", "the past 20 years"),  # "over the": a preposition
        ("It took just over an hour.", "just over an hour"),  # "over an hour": more than one
        ("He won a six year term.", "six year"),  # the article belongs to "term"
        ("They waited a day.", "a day"),
        ("Right now, it is calm.", "now"),
    ],
)
def test_extents_follow_timeml(text: str, expr: str) -> None:
    assert [t.text for t in times_in(text)] == [expr]


@pytest.mark.parametrize(
    "text",
    [
        "Iraq imports about three-quarters of its food.",
        "She won a quarter of the vote.",
        "They were arrested in the early hours of Thursday morning.",
    ],
)
def test_shares_and_hours_of_the_night_are_not_durations(text: str) -> None:
    assert [t for t in times_in(text) if t.timex_type == "DURATION"] == []


def test_then_current_is_past() -> None:
    [t] = times_in("Holders can buy shares at half the then current market price.")
    assert (t.text, t.timex_value) == ("then current", "PAST_REF")


def test_possessive_day_words() -> None:
    found = {t.text: t.timex_value for t in times_in("In today's world, tomorrow's vote matters.")}
    assert found == {"tomorrow": "2019-06-06"}  # "today's world" is the present age, not a day


def test_range_has_start_and_end_days() -> None:
    [t] = times_in("Talks ran from June 4 to 6, 2019 in Geneva.")
    assert (t.kind, t.start, t.end, t.value) == ("range", "2019-06-04", "2019-06-06", "2019-06-04")


def test_anniversary_takes_its_year_from_the_event_it_counts_from() -> None:
    found = {t.text: t for t in times_in("Crowds marked the 50th anniversary of the 1969 landing.")}
    anniversary = found["the 50th anniversary"]
    assert (anniversary.kind, anniversary.value) == ("anniversary", "2019")
    assert found["1969"].value == "1969"


def test_month_value_covers_the_whole_month() -> None:
    [t] = times_in("Sales fell in February 2020.")
    assert (t.start, t.end) == ("2020-02-01", "2020-02-29")


def test_without_anchor_relative_dates_stay_unresolved_and_underspecified() -> None:
    found = {t.text: t for t in times_in("He arrived on Tuesday, and on March 23 he left.", None)}
    assert found["Tuesday"].value is None
    assert found["Tuesday"].timex_value == "XXXX-WXX-2"
    assert found["Tuesday"].basis is None
    assert found["March 23"].value is None
    assert found["March 23"].timex_value == "XXXX-03-23"


def test_explicit_dates_resolve_without_an_anchor_and_say_so() -> None:
    [t] = times_in("It happened on 23 March 2021.", None)
    assert (t.value, t.basis) == ("2021-03-23", "text")


def test_weekday_direction_follows_tense() -> None:
    [cand] = find_candidates("on Wednesday")
    anchor = date(2021, 3, 24)  # a Wednesday
    values = {
        d: normalise(cand, Context(anchor, direction=d)).value  # type: ignore[union-attr]
        for d in ("past", "future", "forward", "nearest")
    }
    assert values == {
        "past": "2021-03-24",
        "future": "2021-03-31",
        "forward": "2021-03-24",
        "nearest": "2021-03-24",
    }


def test_year_less_date_weighs_tense_against_distance() -> None:
    anchor = date(1989, 10, 27)
    assert resolve_year(11, 20, anchor, "past") == 1989  # "was extended to Nov. 20": ahead
    assert resolve_year(10, 23, date(1999, 1, 22), "past") == 1998
    assert resolve_year(12, 5, date(2021, 1, 10), "future") == 2021
    # a whole month told in the past tense: the last one, even when the next is nearer
    assert resolve_year(1, None, date(1989, 10, 27), "past") == 1989
    assert resolve_year(1, None, date(1989, 10, 27), "nearest") == 1990


def test_year_ago_after_a_period_already_a_year_back_is_that_period() -> None:
    text = "It lost $195 million in the 1988 period. The year-ago results included a charge."
    found = {t.text: t for t in times_in(text, "1989-11-02")}
    assert found["the 1988 period"].timex_value == "1988-Q3"
    assert found["The year-ago results"].timex_value == "1988-Q3"


def test_the_next_day_counts_from_the_last_date_mentioned() -> None:
    found = {t.text: t for t in times_in("The fire began on May 3, 2019. The next day it spread.")}
    assert found["The next day"].value == "2019-05-04"
    assert found["The next day"].basis == "reference"


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("Das Schiff lief am 23. März 2021 auf Grund.", "de", "2021-03-23"),
        ("Le navire s'est échoué le 23 mars 2021.", "fr", "2021-03-23"),
        ("El buque encalló el 23 de marzo de 2021.", "es", "2021-03-23"),
        ("Судно село на мель 23.03.2021.", "ru", "2021-03-23"),
    ],
)
def test_dates_in_other_languages(text: str, language: str, value: str) -> None:
    values = [t.value for t in times_in(text, None, language)]
    assert value in values


def test_foreign_weekday_resolves_against_the_anchor() -> None:
    found = {t.text: t for t in times_in("Am Dienstag lief das Schiff auf Grund.", language="de")}
    assert found["Dienstag"].value == "2019-06-04"


def test_relative_foreign_date_is_found_but_unresolved_without_anchor() -> None:
    [t] = times_in("وصلت السفينة يوم الثلاثاء", None, language="ar")
    assert (t.value, t.basis) == (None, None)
    [t] = times_in("Три дня назад спасатели начали работу.", WEDNESDAY, language="ru")
    assert (t.value, t.basis) == ("2019-06-02", "published")


def test_language_outside_the_supported_set_reads_only_numeric_dates() -> None:
    found = times_in("Meli ilikwama Jumanne, tarehe 23.03.2021.", language="sw")
    assert [(t.text, t.value) for t in found] == [("23.03.2021", "2021-03-23")]


def test_range_split_gives_both_ends() -> None:
    text = "June 4 to 6, 2019"
    (a, b), (c, d) = range_split(text)  # type: ignore[misc]
    assert (text[a:b], text[c:d]) == ("June 4", "6, 2019")


def test_easter() -> None:
    assert easter(2021) == date(2021, 4, 4)
    assert easter(2019) == date(2019, 4, 21)


_PIECES = [
    *"0123456789-/.,:'", "May ", "March ", "Tuesday ", "ago ", "years ", "the ", "1969 ",
    "50th ", "anniversary of ", "next ", "last ", "week ", "a.m. ", "from ", "to ", "9999 ",
    "5000 ", "0000-00-00 ", "February 30 ", "quarter ", "day ", " ",
]  # fmt: skip


@given(
    pieces=st.lists(st.sampled_from(_PIECES), max_size=25),
    published=st.sampled_from([None, "2021-03-24", "0001-01-01", "9999-12-31", "garbage"]),
)
@settings(max_examples=300, deadline=None)
def test_bad_or_odd_text_never_crashes(pieces: list[str], published: str | None) -> None:
    text = "".join(pieces)
    for t in times_in(text, published):
        assert t.text == t.span.text_in(make_article(text).text)


# --- the rules run only in windows holding the words they need; that must change nothing ---

_EVERY_RULE = [
    "Talks ran from June 4 to 6, 2019, and again 4-6 June, then from March 23 to April 2.",
    "Prices fell between 1990 and 1995 and from Monday to Wednesday.",
    "They marked the 50th anniversary of the 1969 landing.",
    "It opened Wednesday, March 24, 2021, on 23 March, on 2021-03-23 and on 3/23/2021.",
    "Er kam am 23. März 2021 und am Montag; gestern war es kalt.",
    "Sales fell in late November 1999, in June last year and in early December.",
    "It was founded in fiscal 1998, in the 1990s, in the '80s and in the 20th century.",
    "We met last fall, in the winter of 1994, and on Christmas Eve and Thanksgiving Day.",
    "The hearing is set for the week of June 17.",
    "Profit rose in the third quarter, in fiscal 1999's first quarter and the latest quarter.",
    "The 1988 second quarter, the year ended March 31, and the year-ago quarter compare.",
    "She called at 10:35 a.m. EDT Thursday, at 14:30 hours, at noon Friday and 6pm.",
    "He left at 4 in the morning and came back at 10 at night.",
    "They met last Friday night, on Tuesdays, and early Thursday.",
    "They met yesterday, the day before yesterday, late this morning and mid-afternoon.",
    "Now, currently and recently, the near future and then-current prices mattered.",
    "Islam will one day be larger; in nineteen ninety-four and the nineties it grew.",
    "Last week, this year, the following day and the end of the year were busy.",
    "Year-end results beat the year-earlier period and the corresponding period last year.",
    "Earlier this month and late last year, three days ago and a decade ago, it rained.",
    "Two years from now, in recent weeks and in the coming months, they will vote.",
    "The three-day truce lasted 2 1/2 years, a week and a half, and for years.",
    "A decades-long feud lasted a while, some time, over the years.",
    "It runs daily, twice a week, every two weeks, each Thursday and each July.",
    "It earns $33 million a year and 3 percent a month.",
    "Flights leave at 0735 GMT and at 6.10am on 23.03.21.",
    "Le 14 juillet 2019, mardi, hier et demain.",
    "Mid-March, the Ides of March and May Day came; Easter 2019 and Good Friday too.",
    "Over the past 20 years, the last three summers and the past century changed it.",
    "At about 10:35 a.m. (0735 GMT) Friday the blast hit; 5 p.m. EST, Nov. 6 is the deadline.",
    "It happened at 4pm, 11.30 p.m., 9am and 12 noon on Labor Day weekend.",
    "THE MEETING IS ON MONDAY, JANUARY 5, AT 10 A.M., AND EVERY WEEK AFTER.",
    "Ça a eu lieu le 3 août, à 10 h; mañana, el miércoles 5 de mayo de 2021.",
    "The day before last Tuesday's hearing and the day after Christmas, it rained.",
    "Flights leave on Monday and Tuesday nights and on Sunday mornings.",
]


@pytest.mark.parametrize("rule", sorted(RULE_WORDS))
def test_rules_skip_only_windows_they_cannot_match(
    rule: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    gated = [grammar.find_candidates(s, (rule,)) for s in _EVERY_RULE]
    monkeypatch.setattr(grammar, "window_words", lambda chunk: None)  # every rule everywhere
    everywhere = [grammar.find_candidates(s, (rule,)) for s in _EVERY_RULE]
    assert any(everywhere), f"no sentence exercises {rule}"
    assert gated == everywhere
