"""The same quote across outlets is grouped; different speakers for it are a conflict."""

from __future__ import annotations

import random
from dataclasses import replace

from storyline.model import Doc, Entity, Quote, Span
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
