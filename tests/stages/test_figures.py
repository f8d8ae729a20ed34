"""Figures: value, unit, what they count and their qualifier."""

from __future__ import annotations

import pytest

from storyline.stages.figures import parse_number


@pytest.mark.parametrize(
    ("text", "value"), [("1,500", 1500.0), ("3.2", 3.2), ("six", 6.0), ("abc", None), ("12a", None)]
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit", "counts", "qualifier"),
    [
        ("By Sunday, 369 ships were waiting to enter the canal.", "369", 369, None, "ship", None),
        ("Trade worth $9.6 billion is held up each day.", "$9.6 billion", 9.6e9, "USD", None, None),
        ("The ship is 400 metres long.", "400 metres", 400, "m", None, None),
        ("Tugs pulled the 400-metre ship free.", "400-metre", 400, "m", "ship", None),
        # a yard is a unit, so a 48-yard run and a 48-yard field goal count different things
        ("Blue had a 48-yard run in the second quarter.", "48-yard", 48, "yd", "run", None),
        # The tagger splits a hyphenated number in three; it is one figure, not 20 and 1.
        ("Twenty-one schoolgirls have been freed.", "Twenty-one", 21, None, "schoolgirl", None),
        ("Police said forty-two people were hurt.", "forty-two", 42, None, "people", None),
        ("Ninety crew members were rescued.", "Ninety", 90, None, "member", None),
        (
            "About 12% of global trade passes through the canal.",
            "About 12%",
            12,
            "%",
            "trade",
            "About",
        ),
        (
            "The dredger removed more than 27,000 cubic metres of sand.",
            "more than 27,000 cubic metres",
            27000,
            "m3",
            "sand",
            "more than",
        ),
    ],
)
def test_figures_in_real_sentences(analyse, sentence, text, value, unit, counts, qualifier) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(sentence)
    found = {f.text: f for f in doc.figures}
    assert text in found, f"figures found: {list(found)}"
    fig = found[text]
    assert fig.value == pytest.approx(value)
    assert (fig.unit, fig.qualifier) == (unit, qualifier)
    if counts is not None:
        assert fig.counts == counts
    assert doc.article.text[fig.span.start : fig.span.end] == fig.text


@pytest.mark.model
def test_dates_are_not_figures(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("The ship ran aground on March 23, 2021, in the canal.")
    assert doc.figures == ()


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The ship measures 400 m from bow to stern.", 400, "m"),
        ("The deal is worth $40m to the port.", 40e6, "USD"),
    ],
)
def test_m_is_metres_unless_money(analyse, sentence, value, unit) -> None:  # type: ignore[no-untyped-def]
    [fig] = analyse(sentence).figures
    assert (fig.value, fig.unit) == (pytest.approx(value), unit)


def test_one_of_a_group_is_no_count_of_it(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "A boy born to one of the girls was also released. 21 of the schoolgirls were freed."
    )
    counts = {f.text: f.counts for f in doc.figures}
    assert counts == {"one": None, "21": "schoolgirl"}


def test_the_counted_noun_is_in_the_figures_own_phrase(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Damage to the church was estimated at $1 million, authorities said.")
    [money] = doc.figures
    assert (money.unit, money.counts) == ("USD", None)
