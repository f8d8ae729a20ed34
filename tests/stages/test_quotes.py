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
    [quote] = _said(doc)
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
def test_a_name_inside_the_quote_is_not_who_the_pronoun_speaker_is(analyse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Uma Thurman met the press in New York on Friday.\n"
        "\u201cQuentin came in my trailer and didn\u2019t like to hear no, like any director,"
        "\u201d she says."
    )
    [quote] = analyse(text).quotes
    assert quote.speaker == "Uma Thurman"


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


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "It is said that the ship is one of the largest in the world.",
        "It was widely reported that the owner would pay for the repairs.",
    ],
)
def test_an_impersonal_it_is_said_has_no_speaker(analyse, text) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(text)
    [quote] = doc.quotes
    assert quote.text.startswith("that ")
    assert (quote.speaker, quote.source_span) == (None, None)


def _source(doc, quote) -> str | None:  # type: ignore[no-untyped-def]
    sp = quote.source_span
    return None if sp is None else doc.article.text[sp.start : sp.end]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cue"),
    [
        (
            '"The road stays shut," officials had also said Monday in a statement.',
            "had also said Monday in a statement",
        ),
        ("Maria Lopez did not deny that the queue was long.", "did not deny"),
    ],
)
def test_cue_keeps_its_auxiliaries_adverbs_and_time(analyse, text, cue) -> None:  # type: ignore[no-untyped-def]
    [quote] = analyse(text).quotes
    assert quote.cue == cue


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ('"The bridge is late," the mayor said of the project.', "said"),
        ('"The bridge is late," the mayor said at a rally in the town.', "said"),
        ("Officials said on Monday that the road would stay closed.", "said"),
        ('"The bridge is late," the mayor said in an interview.', "said"),
        ('"The bridge is late," the mayor said in April.', "said"),
        # only `say` keeps its medium; the letter is where the words were written
        ('"The bridge is late," the mayor wrote in a letter to the council.', "wrote"),
    ],
)
def test_cue_leaves_out_the_topic_occasion_and_day(analyse, text, cue) -> None:  # type: ignore[no-untyped-def]
    [quote] = analyse(text).quotes
    assert quote.cue == cue


@pytest.mark.model
def test_clause_hung_on_the_channel_noun_is_the_content(analyse) -> None:  # type: ignore[no-untyped-def]
    [quote] = analyse(
        "The mayor has also said in a statement that the bridge will open in May."
    ).quotes
    assert quote.text == "that the bridge will open in May"
    assert quote.cue == "has also said"


@pytest.mark.model
def test_parenthetical_cue_splits_the_content(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("The new bridge, the mayor said, will open in May.")
    [quote] = doc.quotes
    text = doc.article.text
    assert [text[s.start : s.end] for s in quote.parts] == ["The new bridge", "will open in May"]
    assert _source(doc, quote) == "the mayor"


@pytest.mark.model
def test_participle_adding_reports_a_clause(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("The mayor praised the builders, adding that the bridge would open in May.")
    [quote] = [q for q in doc.quotes if q.cue == "adding"]
    assert quote.text == "that the bridge would open in May"
    assert _source(doc, quote) == "The mayor"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source"),
    [
        ('"We will open the bridge in May," said Ana Ruiz, speaking at the harbour.', "Ana Ruiz"),
        ("Ana Ruiz on Monday said the bridge will open in May.", "Ana Ruiz"),
        (
            "Ana Ruiz, who said last year that the bridge was late, told reporters that it "
            "will open in May.",
            "Ana Ruiz",
        ),
        (
            "Ana Ruiz, who runs the port, said that the bridge will open in May.",
            "Ana Ruiz, who runs the port",
        ),
    ],
)
def test_source_span_leaves_out_time_place_and_other_speech(analyse, text, source) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(text)
    quote = next(q for q in doc.quotes if "May" in q.text)
    assert _source(doc, quote) == source


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("The mayor denied the report.", "the report", "denied"),
        ("The mayor promised to open the bridge by May.", "to open the bridge by May", "promised"),
        (
            "The mayor accused the builders of wasting public money.",
            "the builders of wasting public money",
            "accused",
        ),
        ("Ana Ruiz called the new tax unfair.", "the new tax unfair", "called"),
        (
            "The mayor warned of long delays on the coast road.",
            "long delays on the coast road",
            "warned of",
        ),
        ("The mayor urged that the road be closed.", "that the road be closed", "urged"),
    ],
)
def test_speech_acts_report_their_object(analyse, text, content, cue) -> None:  # type: ignore[no-untyped-def]
    [quote] = analyse(text).quotes
    assert not quote.direct
    assert quote.text == content
    assert quote.cue == cue


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The mayor called the builders on Monday.",
        "The mayor spoke to reporters for an hour.",
        "The mayor told reporters nothing.",
        "The crew added sand to the mix.",
    ],
)
def test_objects_that_are_not_what_was_said(analyse, text) -> None:  # type: ignore[no-untyped-def]
    assert analyse(text).quotes == ()


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("The mayor declined to comment.", "to comment", "declined"),
        (
            "The mayor asked the builders to finish the bridge by May.",
            "the builders to finish the bridge by May",
            "asked",
        ),
    ],
)
def test_declining_and_asking(analyse, text, content, cue) -> None:  # type: ignore[no-untyped-def]
    [quote] = analyse(text).quotes
    assert (quote.text, quote.cue) == (content, cue)


@pytest.mark.model
def test_a_poll_that_opens_the_sentence_is_the_source(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("In a new poll, Ana Ruiz leads the race by five points.")
    [quote] = doc.quotes
    assert quote.text == "Ana Ruiz leads the race by five points"
    assert quote.cue == "In"
    assert _source(doc, quote) == "a new poll"


@pytest.mark.model
def test_a_statement_in_the_middle_of_a_sentence_is_no_source(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Ana Ruiz repeated her promise in a statement on Friday.")
    assert all(q.cue != "in" for q in doc.quotes)


@pytest.mark.model
def test_quote_split_mid_sentence_by_its_cue_is_one_quote(analyse) -> None:  # type: ignore[no-untyped-def]
    text = '"The bridge is late," the mayor said, "and we will fix it."'
    [quote] = analyse(text).quotes
    assert [text[p.start : p.end] for p in quote.parts] == [
        "The bridge is late",
        "and we will fix it.",
    ]
    assert quote.cue == "said"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ('"Let me finish," the mayor shot back with a laugh.', "shot back"),
        ('And the mayor gloated: "I told you the bridge would open."', "gloated"),
    ],
)
def test_any_verb_next_to_a_quote_can_be_its_cue(analyse, text, cue) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(text)
    [quote] = doc.quotes
    assert quote.direct
    assert quote.cue == cue
    assert _source(doc, quote) == "the mayor"


@pytest.mark.model
def test_a_colon_paragraph_introduces_the_quote_paragraph_after_it(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse('The bridge was shut.\n\nThe mayor continued:\n\n"It opens in May, not later."')
    [quote] = doc.quotes
    assert quote.direct
    assert quote.text == "It opens in May, not later."
    assert quote.cue == "continued"
    assert _source(doc, quote) == "The mayor"


@pytest.mark.model
def test_a_quote_paragraph_after_a_sentence_without_colon_has_no_cue(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse('The mayor spoke for an hour.\n\n"It will open in May, not before."')
    assert all(q.cue is None for q in doc.quotes)


@pytest.mark.model
def test_a_verb_far_after_a_quote_is_not_its_cue(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse('"The bridge is late," and so the crew on the far bank of the river worked late.')
    assert all(q.cue is None for q in doc.quotes)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "source"),
    [
        (
            "Several new polls show the mayor ahead of her rival by ten points.",
            "the mayor ahead of her rival by ten points",
            "Several new polls",
        ),
        (
            "City records show two delays in the last month alone.",
            "two delays in the last month alone",
            "City records",
        ),
    ],
)
def test_what_a_poll_or_record_shows_is_reported(analyse, text, content, source) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(text)
    [quote] = doc.quotes
    assert quote.text == content
    assert _source(doc, quote) == source


@pytest.mark.model
def test_a_person_showing_something_is_no_quote(analyse) -> None:  # type: ignore[no-untyped-def]
    assert analyse("The mayor showed the visitors the new bridge.").quotes == ()


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The mayor ended the meeting by saying that the bridge would open in May.", "The mayor"),
        ("The city issued a statement saying that the bridge would open in May.", "The city"),
        ("The council received letters from residents saying the bridge is unsafe.", "residents"),
    ],
)
def test_a_participle_cue_takes_the_speaker_it_hangs_on(analyse, text, source) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(text)
    [quote] = doc.quotes
    assert quote.cue == "saying"
    assert _source(doc, quote) == source


@pytest.mark.model
def test_the_question_put_to_a_speaker_is_not_their_quote(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("Asked whether the bridge was safe, the mayor said it was.")
    [quote] = _said(doc)  # the question may stay as an attribution, never as speech
    assert quote.cue == "said"
    assert quote.text == "it was"


@pytest.mark.model
def test_calling_something_a_quoted_name_is_one_quote(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse('The mayor called the delay "a disgrace to the whole city."')
    [quote] = doc.quotes  # the quoted words belong to the speech act, not a quote of their own
    assert quote.cue == "called"
    assert quote.text.startswith("the delay")
    assert "a disgrace to the whole city" in quote.text
    assert _source(doc, quote) == "The mayor"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        # a one-word answer is a quote when it is the whole sentence before its cue
        ('The mayor was asked about the bridge.\n\n"Absolutely," she said.', "Absolutely", "said"),
        ("“I\u2019m honored!” Guessford said of the call.", "I\u2019m honored!", "said"),
        # a title's period does not end the sentence that holds the cue
        ("''We will finish the bridge,'' Mr. Lopez said.", "We will finish the bridge", "said"),
        # a quote that ends in a quote of its own: `...?\u2019”`
        (
            "“They asked, \u2018What can we do?\u2019” Weaver said.",
            "They asked, \u2018What can we do?\u2019",
            "said",
        ),
    ],
)
def test_short_and_nested_direct_quotes_find_their_cue(analyse, text, content, cue) -> None:  # type: ignore[no-untyped-def]
    [quote] = _said(analyse(text))
    assert quote.text.rstrip(",") == content
    assert quote.cue == cue
    assert quote.direct


@pytest.mark.model
def test_short_scare_quote_mid_sentence_is_not_a_quote(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse('The "mega ship" was stuck for days.')
    assert doc.quotes == ()


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        # an `as` clause attributes the sentence it hangs on
        (
            "As the Tribune reported, the city will close the bridge in May.",
            "reported",
            "the Tribune",
            "the city will close the bridge in May",
        ),
        (
            "As reported by the Tribune, the city will close the bridge in May.",
            "reported",
            "the Tribune",
            "the city will close the bridge in May",
        ),
        # the speaker of the last of several verbs is the subject of the first
        (
            "The officials paused, rushed everyone inside and said they will reopen the road.",
            "said",
            "The officials",
            "they will reopen the road",
        ),
        # the reported clause hung on the occasion after the cue
        (
            "The mayor said on Friday during a news conference that the bridge will reopen.",
            "said",
            "The mayor",
            "that the bridge will reopen",
        ),
    ],
)
def test_indirect_speech_through_as_clauses_verb_runs_and_occasions(  # type: ignore[no-untyped-def]
    analyse, text, cue, source, content
) -> None:
    doc = analyse(text)
    [quote] = [q for q in doc.quotes if q.cue == cue]
    assert _source(doc, quote) == source
    assert quote.text == content


@pytest.mark.model
def test_even_as_someone_continues_is_not_attribution(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("The mayor is hiring staff even as she continues to face a budget gap.")
    assert doc.quotes == ()


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        # a headline or transcript line that names its speaker before a colon
        (
            "Lynch: No outside influence on the inquiry.\n\n"
            "Attorney General Loretta Lynch spoke in Washington on Tuesday.",
            "Lynch",
            "No outside influence on the inquiry",
        ),
        (
            "Poll: Sanders leads in Iowa by five points.\n\nThe survey ran for a week.",
            "Poll",
            "Sanders leads in Iowa by five points",
        ),
    ],
)
def test_a_line_that_names_its_speaker_before_a_colon_is_a_quote(  # type: ignore[no-untyped-def]
    analyse, text, source, content
) -> None:
    doc = analyse(text)
    [quote] = [q for q in doc.quotes if q.cue == ":"]
    assert _source(doc, quote) == source
    assert quote.text == content


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Update: The bridge will reopen on Monday morning.",
        "Photo: Maria Lopez.",
        "The plan, as Mayor Maria Lopez described it in May: three bridges and a tunnel.",
    ],
)
def test_a_colon_after_no_speaker_name_is_no_quote(analyse, text) -> None:  # type: ignore[no-untyped-def]
    assert [q for q in analyse(text).quotes if q.cue == ":"] == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cue", "content", "source"),
    [
        # a gerund clause is what was said or reported
        (
            "The mayor said closing the bridge would cost the city jobs.",
            "said",
            "closing the bridge would cost the city jobs",
            "The mayor",
        ),
        (
            "The campaign reported raising $9 million in March.",
            "reported",
            "raising $9 million in March",
            "The campaign",
        ),
        # a one-word answer
        ("Asked about the bridge, most residents said yes.", "said", "yes", "most residents"),
        (
            "The mayor thought the bridge was safe, and the engineers said so.",
            "said",
            "so",
            "the engineers",
        ),
    ],
)
def test_gerund_clauses_and_one_word_answers_are_reported_speech(  # type: ignore[no-untyped-def]
    analyse, text, cue, content, source
) -> None:
    doc = analyse(text)
    [quote] = [q for q in doc.quotes if q.cue == cue]
    assert quote.text == content
    assert _source(doc, quote) == source


def _said(doc):  # type: ignore[no-untyped-def]
    """The quotes a brief lists: speech, not the attributions only the tagger finds."""
    return [q for q in doc.quotes if q.speech]
