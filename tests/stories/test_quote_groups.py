"""The same quote across outlets is grouped; different speakers for it are a conflict."""

from __future__ import annotations

import random
from dataclasses import replace

from storyline.model import Doc, Entity, Figure, Quote, Span
from storyline.stories.quotes import MIN_SHARED, _sharing_pairs, attach_quotes
from tests.conftest import make_article

WIND_A = "The wind was not the main factor. There may have been technical or human error."
WIND_B = "Strong winds were not the only reason. Technical or human errors may have played a role."


def doc_with_quote(content: str, speaker: str) -> tuple[Doc, Span]:
    text = f'"{content}" {speaker} said.'
    art = make_article(text)
    span = Span(art.id, 1, 1 + len(content))
    who = Span(art.id, len(content) + 3, len(content) + 3 + len(speaker))
    quote = Quote(span, content, speaker, who, "said", True)
    return Doc(article=art, quotes=(quote,)), who


def entity(eid: str, name: str, *spans: Span) -> Entity:
    aids = tuple(sorted({s.article_id for s in spans}))
    return Entity(eid, name, "PERSON", (), aids, tuple(spans))


def test_reworded_quote_groups_with_one_speaker() -> None:
    a, who_a = doc_with_quote(WIND_A, "Rabie")
    b, who_b = doc_with_quote(WIND_B, "Osama Rabie")
    quotes = attach_quotes([a, b], [entity("e1", "Osama Rabie", who_a, who_b)])
    assert {q.speaker_entity for q in quotes} == {"e1"}
    assert quotes[0].group is not None and quotes[0].group == quotes[1].group
    assert not any(q.speaker_conflict for q in quotes)


def test_same_quote_given_to_two_speakers_is_a_conflict() -> None:
    a, who_a = doc_with_quote(WIND_B, "Rabie")
    b, who_b = doc_with_quote(WIND_B, "Sisi")
    quotes = attach_quotes([a, b], [entity("e1", "Rabie", who_a), entity("e2", "Sisi", who_b)])
    assert quotes[0].group == quotes[1].group
    assert all(q.speaker_conflict for q in quotes)


def test_alike_words_of_two_speakers_are_a_conflict_only_when_quoted_directly() -> None:
    # `the Pentagon said it posed no threat`, `Pacific Command says ...`: two people saying
    # alike things; and `according to` may name who relays the words, not who said them
    a, who_a = doc_with_quote(WIND_B, "Rabie")
    b, who_b = doc_with_quote(WIND_B, "Sisi")
    for changed in ({"direct": False}, {"cue": "according to"}):
        b_changed = b.with_(quotes=(replace(b.quotes[0], **changed),))  # type: ignore[arg-type]
        quotes = attach_quotes(
            [a, b_changed], [entity("e1", "Rabie", who_a), entity("e2", "Sisi", who_b)]
        )
        assert quotes[0].group == quotes[1].group is not None
        assert not any(q.speaker_conflict for q in quotes), changed
    # a reworded direct quote given to another speaker is not the same words either
    c, who_c = doc_with_quote(WIND_A, "Sisi")
    quotes = attach_quotes([a, c], [entity("e1", "Rabie", who_a), entity("e2", "Sisi", who_c)])
    assert not any(q.speaker_conflict for q in quotes)


def test_unrelated_quotes_stay_apart() -> None:
    a, who_a = doc_with_quote(WIND_A, "Rabie")
    b, who_b = doc_with_quote("Traffic will resume on Monday evening at the latest.", "Rabie")
    quotes = attach_quotes([a, b], [entity("e1", "Rabie", who_a, who_b)])
    assert all(q.group is None for q in quotes)


def test_attributions_that_are_not_speech_stay_out_of_the_story() -> None:
    a, who_a = doc_with_quote(WIND_A, "Rabie")
    belief = replace(a.quotes[0], speech=False)
    b = a.with_(quotes=(*a.quotes, belief))
    assert len(attach_quotes([b], [entity("e1", "Rabie", who_a)])) == 1


def test_the_word_index_finds_exactly_the_pairs_that_share_enough_words() -> None:
    rng = random.Random(7)
    vocab = [f"w{n}" for n in range(40)]
    topic = ["canal", "ship", "traffic", "vessel", "suez"]  # words most quotes of a story hold
    words = [
        set(rng.sample(vocab, rng.randint(0, 12))) | set(rng.sample(topic, rng.randint(0, 4)))
        for _ in range(300)
    ]
    everything = {
        (i, j)
        for i in range(len(words))
        for j in range(i + 1, len(words))
        if len(words[i] & words[j]) >= MIN_SHARED
    }
    found = _sharing_pairs(words)
    assert len(found) == len(set(found))
    assert set(found) == everything


def with_figure(doc: Doc, figure: str, value: float) -> Doc:
    """Give a quote's article the figure its quote holds, as the figures stage would."""
    start = doc.article.text.index(figure)
    fig = Figure(Span(doc.id, start, start + len(figure)), figure, value, "USD", None)
    return doc.with_(figures=(fig,))


LLOYDS_A = "About $9.6 billion worth of cargo is held up for every day the canal stays shut."
LLOYDS_B = "The blockage held up about $9.6 billion of goods each day."


def test_a_reworded_estimate_of_one_speaker_groups_by_its_figure() -> None:
    a, who_a = doc_with_quote(LLOYDS_A, "Lloyd's List")
    b, who_b = doc_with_quote(LLOYDS_B, "Lloyd's List")
    a, b = with_figure(a, "$9.6 billion", 9.6e9), with_figure(b, "$9.6 billion", 9.6e9)
    one = attach_quotes([a, b], [entity("e1", "Lloyd's List", who_a, who_b)])
    assert one[0].group is not None and one[0].group == one[1].group
    # too few shared words without the figure; and the same figure from two speakers is
    # not enough either
    plain_a, plain_b = (
        doc_with_quote(LLOYDS_A, "Lloyd's List")[0],
        doc_with_quote(LLOYDS_B, "Lloyd's List")[0],
    )
    apart = attach_quotes([plain_a, plain_b], [entity("e1", "Lloyd's List", who_a, who_b)])
    assert all(q.group is None for q in apart)
    two = attach_quotes(
        [a, b], [entity("e1", "Lloyd's List", who_a), entity("e2", "Reuters", who_b)]
    )
    assert all(q.group is None for q in two)


def test_a_relaying_outlet_or_part_of_the_speakers_name_is_no_rival_speaker() -> None:
    a, who_a = doc_with_quote(WIND_B, "Thurman")
    b, who_b = doc_with_quote(WIND_B, "Uma")
    c, who_c = doc_with_quote(WIND_B, "the Associated Press")
    c = c.with_(quotes=(replace(c.quotes[0], cue="reports"),))
    people = [
        entity("e1", "Thurman", who_a),
        entity("e2", "Uma", who_b),
        entity("e3", "Uma Thurman"),
        entity("e4", "Associated Press", who_c),
    ]
    quotes = attach_quotes([a, b, c], people)
    assert quotes[0].group == quotes[1].group == quotes[2].group is not None
    assert not any(q.speaker_conflict for q in quotes)
    # without the full name in the story, `Uma` and `Thurman` are two speakers
    quotes = attach_quotes([a, b], people[:2])
    assert all(q.speaker_conflict for q in quotes)
