"""The date rules run only in windows around the words they can match: check that this finds
exactly what running every rule over the whole text finds."""

from __future__ import annotations

from pathlib import Path

from storyline import sample_paths
from storyline.stages.dates import grammar
from storyline.stages.dates.grammar import Candidate, find_candidates

#: At least one match for every rule, in the company of other words and numbers.
SENTENCES = (
    "Talks ran from June 4 to 6, 2019, then 4-6 June, and from June 30 to July 2 in Geneva.",
    "Output grew from 2010 to 2015 and ran from Monday to Friday, on the 50th anniversary "
    "of the 1969 landing, on Tuesday, March 5, 2019, the 5th of March 2019 and 2019-03-05.",
    "Filed 03/05/2019 and le 5 mars 2019 in Paris; in early March 2019 and last March.",
    "In 1998, in the 1990s and in the 19th century; this fall, Christmas 2019 and the week "
    "of March 6, the third quarter of 2019, the latest quarter and the 2019 first half.",
    "For the year ended June 30, at about 3 p.m. EST Monday, at 15:30 GMT, at noon Friday.",
    "Last Wednesday night, am Montag, ayer, on Sundays, early yesterday, the day before "
    "yesterday, late afternoon Monday, this morning, recently, and they will one day.",
    "In nineteen ninety-four, the sixties, earlier this week, the week, the year-earlier "
    "period, the same period last year, late last year, three years ago, recent weeks.",
    "For a three-day truce lasting days, decades-long fights for a while, daily checks, "
    "every Monday and 20 times a year, after waiting for months.",
    "Its fallout, a 10-point lead in the polls, was measured by 3,500 people in 2019.",
    "Shops open on Monday and Tuesday nights, and closed the day after Christmas.",
)


def whole_text(text: str) -> list[Candidate]:
    """Run every rule over the whole text, no windows."""
    found = []
    for name, regex, priority, _ in grammar._COMPILED:
        for m in regex.finditer(text):
            cand = grammar._candidate(text, m, name, priority)
            if cand is not None:
                found.append(cand)
    return grammar._select(found)


def test_every_rule_has_a_sentence() -> None:
    fired = {
        m and name
        for name, regex, _, _ in grammar._COMPILED
        for text in SENTENCES
        for m in [regex.search(text)]
    }
    assert fired >= {name for name, *_ in grammar._COMPILED}


def test_windows_find_what_the_whole_text_scan_finds() -> None:
    texts = [*SENTENCES, *(Path(p).read_text(encoding="utf-8") for p in sample_paths())]
    for text in texts:
        assert find_candidates(text) == whole_text(text)
    assert sum(len(whole_text(t)) for t in texts) > 100


def test_a_window_never_ends_inside_a_word() -> None:
    # The window around "month" ends 90 characters after it, inside "Mayor": it must run to
    # the end of the word, or a rule's closing `\b` would match there and read "May".
    text = "This month" + " x" * 43 + " Mayor Lopez spoke."
    month = text.index("month")
    assert text.index("Mayor") + 3 == month + 5 + 90
    [(_, end)] = grammar._windows(text, [(month, month + 5)])
    assert text[end - 5 : end] == "Mayor"
