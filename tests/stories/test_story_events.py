"""Story events: one event per happening with all its sources, and the slots they dispute."""

from __future__ import annotations

import pytest

from storyline.model import (
    Actor,
    CopyLink,
    Doc,
    Event,
    Evidence,
    Fact,
    Figure,
    Span,
    content_id,
)
from storyline.stages.events import add_events
from storyline.stories.events import reconcile_events
from storyline.stories.five_w1h import five_w1h, main_event
from tests.conftest import make_article
from tests.parsed import ATTACK, REFUSAL, parsed_doc


def report(
    text: str,
    *,
    actor: str,
    code: str | None,
    target: str = "Kyiv",
    kind: str | None = "FIGHT",
    dead: float | None = None,
    date: str | None = None,
    negated: bool = False,
) -> Doc:
    """Return a one-sentence article whose one event is built by hand."""
    article = make_article(text)
    aid = article.id
    whole = Span(aid, 0, len(text))

    def span_of(words: str) -> Span:
        start = text.index(words)
        return Span(aid, start, start + len(words))

    fig = None
    if dead is not None:
        written = f"{dead:g}"
        fig = Figure(span_of(written), written, dead, None, "people")
    event = Event(
        id=content_id(aid, prefix="ev"),
        type=kind,
        action="attacked",
        action_span=span_of("attacked"),
        evidence=(Evidence(whole, text),),
        actor=Actor(span_of(actor), actor, code, "MIL", "NORP"),
        target=Actor(span_of(target), target, "UKR", "GOV", "GPE"),
        date=date,
        negated=negated,
        dead=fig,
        article_ids=(aid,),
    )
    return Doc(article=article, events=(event,))


def test_same_actor_and_target_in_two_sources_is_one_event() -> None:
    a = report("Russian troops attacked Kyiv, killing 12 people.", actor="Russian troops",
               code="RUS", dead=12)  # fmt: skip
    b = report("Russian troops attacked Kyiv overnight, killing 21 people.",
               actor="Russian troops", code="RUS", dead=21)  # fmt: skip
    [event] = reconcile_events([a, b], [], {})
    assert set(event.article_ids) == {a.id, b.id}
    assert event.independent_sources == 2
    assert len(event.evidence) == 2
    [conflict] = event.conflicts
    assert conflict.slot == "figure:dead"
    assert sorted(v.value for v in conflict.variants) == ["12", "21"]


def test_a_copy_adds_no_independent_source() -> None:
    a = report("Russian troops attacked Kyiv.", actor="Russian troops", code="RUS")
    b = report("Russian troops attacked Kyiv today.", actor="Russian troops", code="RUS")
    [event] = reconcile_events([a, b], [], {b.id: CopyLink(b.id, a.id, 0.9)})
    assert len(event.article_ids) == 2
    assert event.independent_sources == 1


def test_one_fact_with_rival_actors_is_one_event_with_an_actor_conflict() -> None:
    a = report("Russian troops attacked Kyiv.", actor="Russian troops", code="RUS")
    b = report("Belarusian troops attacked Kyiv.", actor="Belarusian troops", code="BLR")
    fact = Fact("f1", "x", "conflicting", (a.id, b.id), 2,
                tuple(e.evidence[0] for d in (a, b) for e in d.events))  # fmt: skip
    [event] = reconcile_events([a, b], [fact], {})
    [conflict] = event.conflicts
    assert conflict.slot == "actor"
    assert {v.value for v in conflict.variants} == {"Russian troops", "Belarusian troops"}
    # Without a shared fact, different actors are different events.
    assert len(reconcile_events([a, b], [], {})) == 2


def test_rival_dates_keep_two_events_and_denials_conflict() -> None:
    a = report("Russian troops attacked Kyiv.", actor="Russian troops", code="RUS",
               date="2022-03-14")  # fmt: skip
    b = report("Russian troops attacked Kyiv again.", actor="Russian troops", code="RUS",
               date="2022-03-20")  # fmt: skip
    assert len(reconcile_events([a, b], [], {})) == 2
    c = report("Russian troops attacked Kyiv, they say.", actor="Russian troops", code="RUS")
    d = report("Russian troops never attacked Kyiv.", actor="Russian troops", code="RUS",
               negated=True)  # fmt: skip
    [event] = reconcile_events([c, d], [], {})
    assert [x.slot for x in event.conflicts] == ["happened"]


def test_five_w1h_reads_the_main_event_with_evidence() -> None:
    doc = add_events(parsed_doc([ATTACK, REFUSAL], dates={"Monday": "2022-03-14"}))
    events = reconcile_events([doc], [], {})
    main = main_event(events, [doc])
    assert main is not None and main.type == "FIGHT"  # first sentence, named actor, realised
    five = five_w1h(events, [doc])
    assert five is not None and five.event_id == main.id
    assert five.who is not None and five.who.text == "Russian troops"
    assert five.what is not None and five.what.text == "attacked Kyiv"
    assert five.when is not None and five.when.text == "Monday"
    assert five.where is None  # Kyiv is whom they attacked; no place is stated
    assert five.why is None and five.how is None
    text = doc.article.text
    for answer in (five.who, five.what, five.when):
        for ev in answer.evidence:
            assert text[ev.span.start : ev.span.end] == ev.text


def test_no_events_no_five_w1h() -> None:
    doc = Doc(article=make_article("Nothing happened here at all."))
    assert reconcile_events([doc], [], {}) == ()
    assert five_w1h((), [doc]) is None


@pytest.mark.model
def test_when_nobody_acts_what_says_whom_it_happened_to(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("At least seven people were killed in Croydon on Wednesday morning.")
    five = five_w1h(reconcile_events([doc], [], {}), [doc])
    assert five is not None and five.what is not None
    assert five.what.text == "At least seven people were killed"
