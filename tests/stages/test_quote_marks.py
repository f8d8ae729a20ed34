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
