"""Events: actor, action, target, place, time, PLOVER type, negation and modality."""

from __future__ import annotations

import pytest

from storyline.model import Doc, Event
from storyline.stages.actors import name_table
from storyline.stages.event_types import as_intent
from storyline.stages.events import add_events
from tests.parsed import ATTACK, REFUSAL, THREAT, parsed_doc


def only_event(doc: Doc) -> Event:
    [event] = add_events(doc).events
    return event


def test_armed_forces_attacking_is_fight_with_coded_actors() -> None:
    doc = parsed_doc([ATTACK], dates={"Monday": "2022-03-14"})
    event = only_event(doc)
    assert event.type == "FIGHT"
    assert event.action == "attacked"
    assert event.actor is not None and event.target is not None
    assert (event.actor.text, event.actor.code, event.actor.sector) == (
        "Russian troops",
        "RUS",
        "MIL",
    )
    assert (event.target.text, event.target.code) == ("Kyiv", "UKR")
    assert event.target.sector == "GOV"  # a capital as object stands for its government
    assert event.time is not None and event.time.text == "Monday"
    assert event.date == "2022-03-14"
    assert not event.negated and event.modality is None


def test_not_agreeing_is_a_negated_refusal() -> None:
    event = only_event(parsed_doc([REFUSAL]))
    assert event.type == "REJECT"
    assert event.negated
    assert event.action == "did not agree"
    assert event.actor is not None and event.actor.code == "SYR"


def test_threatened_to_is_a_threat_against_the_party_it_aims_at() -> None:
    event = only_event(parsed_doc([THREAT]))
    assert event.type == "THREATEN"
    assert event.modality == "threatened"
    assert event.action == "threatened to cut off"
    assert event.actor is not None and event.actor.code == "IRN"
    assert event.target is not None and event.target.text == "Azerbaijan"
    assert event.target.code == "AZE"


def test_every_span_is_the_article_text() -> None:
    doc = add_events(parsed_doc([ATTACK, REFUSAL, THREAT]))
    assert len(doc.events) == 3
    text = doc.article.text
    for event in doc.events:
        assert text[event.action_span.start : event.action_span.end] == event.action
        assert text[event.evidence[0].span.start : event.evidence[0].span.end] == (
            event.evidence[0].text
        )
        for actor in (event.actor, event.target):
            if actor is not None:
                assert text[actor.span.start : actor.span.end] == actor.text


@pytest.mark.parametrize(
    ("kind", "modality", "negated", "conditional", "expected"),
    [
        ("CONSULT", "planned", False, False, "AGREE"),  # "plans to visit": intent to meet
        ("SANCTION", "would", False, False, "THREATEN"),  # "would boycott"
        ("RETREAT", "future", False, True, "THREATEN"),  # "will withdraw unless ..."
        ("AGREE", None, True, False, "REJECT"),  # "did not agree"
        ("ASSAULT", None, True, False, "ASSAULT"),  # "did not attack" stays negated ASSAULT
        ("CONSULT", "expected", False, False, "CONSULT"),  # the outlet's expectation
    ],
)
def test_plover_codes_intentions_and_refusals(
    kind: str, modality: str | None, negated: bool, conditional: bool, expected: str
) -> None:
    assert as_intent(kind, modality, negated, conditional) == expected


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("hungarian", "HUN"),
        ("israeli", "ISR"),
        ("nigerian", "NGA"),  # not Niger's
        ("nigerien", None),
        ("french", "FRA"),
        ("russia", "RUS"),
        ("moscow", "RUS"),
        ("united nations", "IGO"),
        ("pakistani", "PAK"),
        ("south korea", "KOR"),
    ],
)
def test_country_names_demonyms_and_capitals(name: str, code: str | None) -> None:
    hit = name_table().get(name)
    assert (hit[0] if hit else None) == code


@pytest.mark.model
def test_real_parse_passive_agent_place_time_and_dead(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse(
        "A camp for Congolese refugees in Burundi was attacked by militiamen on Tuesday, "
        "killing at least 156 people.",
        published="2004-08-15",
    )
    [event] = [e for e in doc.events if e.type]
    assert event.type == "ASSAULT"
    assert event.actor is not None and event.actor.text == "militiamen"
    assert event.target is not None and event.target.code == "COD"
    assert event.date == "2004-08-10"
    assert event.dead is not None and event.dead.value == 156


@pytest.mark.model
def test_real_parse_plans_to_visit_is_an_intent(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("The German foreign minister plans to visit Albania in June.")
    [event] = [e for e in doc.events if e.type]
    assert (event.type, event.modality) == ("AGREE", "planned")
    assert event.actor is not None and (event.actor.code, event.actor.sector) == ("DEU", "GOV")
    assert event.target is not None and event.target.code == "ALB"
