"""Direct quotes with speaker and cue; an unnamed speaker stays None."""

from __future__ import annotations

import pytest


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ('"The wind was not the main factor," Rabie told reporters.', "Rabie", "told"),
        (
            "“We will reopen the canal soon,” said Osama Rabie, the head of the authority.",
            "Osama Rabie",
            "said",
        ),
        ('Maria Lopez said: "The queue will take days to clear."', "Maria Lopez", "said"),
        ('"The queue will take days to clear," he said.', None, "said"),
        ('"The wind was not the only reason," he told Reuters.', None, "told"),
        ('The sign read "no entry for the public today" in red letters.', None, None),
    ],
)
def test_quote_speaker_and_cue(analyse, text, speaker, cue) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(text)
    [quote] = doc.quotes
    assert quote.speaker == speaker
    assert quote.cue == cue
    assert doc.article.text[quote.span.start : quote.span.end] == quote.text
    if quote.speaker_span is not None:
        sp = quote.speaker_span
        assert doc.article.text[sp.start : sp.end] == speaker


@pytest.mark.model
def test_scare_quotes_are_not_speech(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse('The so-called "mega ship" was stuck for days, officials said.')
    [quote] = doc.quotes  # the sentence is reported speech, the scare quote is not a quote
    assert not quote.direct
    assert quote.text == 'The so-called "mega ship" was stuck for days'
    assert quote.cue == "said"
    assert quote.speaker is None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            '"We are heartbroken," his sister, Tamara Jacobson, wrote on Facebook.',
            "Tamara Jacobson",
        ),
        # two speakers behind a title: no single named speaker, and never the title itself
        ('"We were deeply grieved," wrote Drs. Mitchell Weiss and Leslie Weiss.', None),
    ],
)
def test_speaker_through_apposition_and_titles(analyse, text, speaker) -> None:  # type: ignore[no-untyped-def]
    [quote] = analyse(text).quotes
    assert quote.speaker == speaker


@pytest.mark.model
def test_split_quote_is_one_quote_with_two_parts(analyse) -> None:  # type: ignore[no-untyped-def]
    text = '"The canal will reopen," said Maria Lopez. "It will take days to clear the queue."'
    [quote] = analyse(text).quotes
    assert quote.speaker == "Maria Lopez"
    assert [text[p.start : p.end] for p in quote.parts] == [
        "The canal will reopen",
        "It will take days to clear the queue.",
    ]


@pytest.mark.model
def test_pronoun_speaker_resolves_to_the_named_subject_before(analyse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Osama Rabie, chairman of the Suez Canal Authority, spoke on Saturday.\n"
        '"The wind was not the main factor," he told reporters.'
    )
    [quote] = analyse(text).quotes
    assert quote.speaker == "Osama Rabie"
    assert quote.source_span is not None
    assert text[quote.source_span.start : quote.source_span.end] == "he"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "Maria Lopez said that the queue would take days to clear.",
            "that the queue would take days to clear",
            "Maria Lopez",
            "said",
        ),
        (
            "According to Maria Lopez, the queue will take days to clear.",
            "the queue will take days to clear",
            "Maria Lopez",
            "According to",
        ),
        (
            "Maria Lopez warned that delays could last for weeks.",
            "that delays could last for weeks",
            "Maria Lopez",
            "warned",
        ),
    ],
)
def test_indirect_quotes(analyse, text, content, speaker, cue) -> None:  # type: ignore[no-untyped-def]
    [quote] = analyse(text).quotes
    assert not quote.direct
    assert quote.text == content
    assert quote.speaker == speaker
    assert quote.cue == cue


@pytest.mark.model
def test_a_restricted_description_is_not_resolved_to_an_earlier_name(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "Its owner is the Japanese company Shoei Kisen Kaisha. High winds had cut visibility "
        "in the area, according to the company that manages the vessel."
    )
    [quote] = doc.quotes
    assert quote.speaker is None
