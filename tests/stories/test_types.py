"""Entity types: the article's own words outweigh the model's label for a name."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storyline.model import Doc, Mention, Span
from storyline.stories.resolve import resolve_entities
from storyline.stories.types import type_evidence
from tests.conftest import make_article
from tests.stories.test_resolve import doc_with_mentions

Analyse = Callable[[str], Doc]


def _said(doc: Doc, name: str) -> str | None:
    evidence = type_evidence(doc)
    ends = [m.span.end for m in doc.mentions if m.text == name]
    assert ends, f"the model found no mention {name!r} in {doc.article.text!r}"
    return evidence.get((doc.id, ends[0]))


@pytest.mark.parametrize(
    ("text", "name", "said"),
    [
        ("The ship had been bound for the Dutch port of Rotterdam.", "Rotterdam", "GPE"),
        ("Its owner is the Japanese company Shoei Kisen Kaisha.", "Shoei Kisen Kaisha", "ORG"),
        (
            "Osama Rabie, chairman of the canal authority, spoke on Saturday.",
            "Osama Rabie",
            "PERSON",
        ),
        # the name as a modifier of the descriptor says nothing of the name
        ("The Trump administration said the company would pay.", "Trump", None),
        # `of` after a person noun names what they lead, not what they are
        ("The president of France arrived in Berlin on Monday.", "France", None),
    ],
)
def test_a_descriptor_beside_a_name_says_what_it_is(
    analyse: Analyse, text: str, name: str, said: str | None
) -> None:
    assert _said(analyse(text), name) == said


def test_a_name_s_last_word_says_what_it_is() -> None:
    doc = doc_with_mentions(
        ("Great Bitter Lake", "EVENT"),
        ("Bernhard Schulte Shipmanagement", "PERSON"),
        ("Suez Canal Authority", "PERSON"),
        ("Canal", "PERSON"),  # a lone fragment: no evidence
    )
    evidence = type_evidence(doc)
    said = {m.text: evidence.get((doc.id, m.span.end)) for m in doc.mentions}
    assert said == {
        "Great Bitter Lake": "LOC",
        "Bernhard Schulte Shipmanagement": "ORG",
        "Suez Canal Authority": "ORG",
        "Canal": None,
    }


def test_evidence_outvotes_the_model_across_mentions(analyse: Analyse) -> None:
    # one mention's context says port; the model's label of the other two counts once each
    a = analyse("The ship had been bound for the Dutch port of Rotterdam.")
    b = doc_with_mentions(("Rotterdam", "PERSON"))
    c = doc_with_mentions(("Rotterdam", "PERSON"), ("Shanghai", "GPE"))
    types = {e.name: e.type for e in resolve_entities([a, b, c])}
    assert types["Rotterdam"] == "GPE"


def _doc(text: str, *names: tuple[str, str]) -> Doc:
    """Return a doc of `text` with a mention at every occurrence of each (name, label)."""
    art = make_article(text)
    found = []
    for name, label in names:
        at = 0
        while (start := text.find(name, at)) >= 0:
            found.append(Mention(Span(art.id, start, start + len(name)), name, label))
            at = start + len(name)
    return Doc(article=art, mentions=tuple(sorted(found, key=lambda m: m.span.start)))


def _clusters(*docs: Doc) -> set[frozenset[str]]:
    return {frozenset({e.name, *e.aliases}) for e in resolve_entities(docs)}


def test_a_country_in_brackets_is_a_nationality_not_a_second_name() -> None:
    doc = _doc(
        "Andrei Ivanov (Russia) beat Jan Berg (Sweden).",
        ("Andrei Ivanov", "PERSON"),
        ("Jan Berg", "PERSON"),
        ("Russia", "GPE"),
        ("Sweden", "GPE"),
    )
    names = ("Andrei Ivanov", "Jan Berg", "Russia", "Sweden")
    assert _clusters(doc) == {frozenset({n}) for n in names}


def test_the_same_bracket_after_several_names_is_a_label() -> None:
    # places, so the country rule does not apply: only the repetition says it is a label
    doc = _doc(
        "Games were held in Sochi (Russland) and Kazan (Russland).",
        ("Sochi", "GPE"),
        ("Kazan", "GPE"),
        ("Russland", "GPE"),
    )
    assert _clusters(doc) == {frozenset({n}) for n in ("Sochi", "Kazan", "Russland")}


def test_brackets_in_other_articles_do_not_count_against_an_alias() -> None:
    one = _doc(
        "The Democratic Republic of Congo (DRC) voted.",
        ("Democratic Republic of Congo", "GPE"),
        ("DRC", "GPE"),
    )
    two = _doc(
        "The Democratic Republic of the Congo (DRC) voted.",
        ("Democratic Republic of the Congo", "GPE"),
        ("DRC", "GPE"),
    )
    assert len(resolve_entities([one, two])) == 1


def test_a_bracket_after_one_name_is_still_its_second_name() -> None:
    doc = _doc("Munich (München) is in Bavaria.", ("Munich", "GPE"), ("München", "GPE"))
    assert frozenset({"Munich", "München"}) in _clusters(doc)


def test_a_nationality_is_not_its_country_and_a_country_is_nobody_s_surname() -> None:
    doc = _doc(
        "Israeli officials met in Israel. China beat Japan; Wang Chen scored. China won.",
        ("Israeli", "NORP"),
        ("Israel", "GPE"),
        ("China", "GPE"),
        ("Japan", "GPE"),
        ("Wang Chen", "PERSON"),
    )
    clusters = _clusters(doc)
    assert frozenset({"Israeli"}) in clusters
    assert frozenset({"China"}) in clusters
    assert frozenset({"Wang Chen"}) in clusters


def test_a_surname_folded_into_a_full_name_makes_the_entity_a_person() -> None:
    text = "Vaclav Klaus spoke. Klaus said no. Klaus left. Klaus won."
    doc = _doc(text, ("Vaclav Klaus", "PERSON"))
    # the model took the lone surname for an organisation three times
    starts = [i for i in range(len(text)) if text.startswith("Klaus", i)][1:]
    lone = [Mention(Span(doc.id, s, s + 5), "Klaus", "ORG") for s in starts]
    (klaus,) = resolve_entities([doc.with_(mentions=(*doc.mentions, *lone))])
    assert (klaus.name, klaus.type, len(klaus.mentions)) == ("Vaclav Klaus", "PERSON", 4)
