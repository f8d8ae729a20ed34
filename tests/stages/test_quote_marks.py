"""Quoted passages by their marks: straight, curly, and quotes that run over paragraphs."""

from __future__ import annotations

from storyline.stages.quotes.marks import find_passages


def texts(text: str) -> list[list[str]]:
    return [[text[a:b] for a, b in p.parts] for p in find_passages(text)]


def test_straight_and_curly_quotes() -> None:
    text = 'He said "one two three" and “four five six”.'
    assert texts(text) == [["one two three"], ["four five six"]]


def test_quote_running_over_paragraphs_is_one_passage() -> None:
    text = "“We will reopen the canal.\n\n“It will take days,” he said."
    assert texts(text) == [["We will reopen the canal.", "It will take days,"]]


def test_unclosed_quote_is_dropped() -> None:
    assert texts('He said "this never closes.\n\nNext paragraph.') == []


def test_doubled_apostrophes_mark_a_quote() -> None:
    text = "''The bridge opens in May,'' the mayor said, and ''not a day later.''"
    assert texts(text) == [["The bridge opens in May,"], ["not a day later."]]


def test_doubled_apostrophes_open_each_paragraph_of_a_long_quote() -> None:
    text = "''We will rebuild the pier.\n\n''It will take a year,'' she said."
    [passage] = find_passages(text)
    assert [text[a:b] for a, b in passage.parts] == [
        "We will rebuild the pier.",
        "It will take a year,",
    ]
    assert (passage.outer_start, passage.outer_end) == (0, text.index(" she"))


def test_mixed_straight_and_curly_marks_pair_up() -> None:
    # typed text often opens with one kind of mark and closes with the other
    text = '"We are ready,” she said. “We were never late," he said.'
    assert texts(text) == [["We are ready,"], ["We were never late,"]]


def test_straight_pair_inside_a_curly_quote_stays_inside() -> None:
    text = '“He called it "rigged" twice,” she said. "It was “fair” and open," he said.'
    assert texts(text) == [['He called it "rigged" twice,'], ["It was “fair” and open,"]]


def test_a_curly_quote_closed_by_a_straight_mark_before_a_later_curly_quote() -> None:
    text = '“Our roads are crumbling," she said. "Families endure blackouts.”'
    assert texts(text) == [["Our roads are crumbling,"], ["Families endure blackouts."]]


def test_an_opening_curly_mark_typed_where_the_closing_one_goes() -> None:
    text = "“It is unusual,“ said Noble. “It is a hard thing to do.”"
    assert texts(text) == [["It is unusual,"], ["It is a hard thing to do."]]
