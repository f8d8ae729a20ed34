"""Entities: one per name across articles, whatever the case, accents, titles or surname-only."""

from __future__ import annotations

import pytest

from storyline.model import Doc, Mention, Span
from storyline.names import name_key
from storyline.stories.resolve import resolve_entities
from tests.conftest import make_article


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
        ("President Abdel Fattah al-Sisi", "Abdel Fattah al-Sisi"),
        ("MERKEL", "Merkel"),
        ("the Suez Canal Authority", "Suez Canal Authority"),
        ("Rabie's", "Rabie"),
        ("el Nasdaq", "Nasdaq"),
        ("L\u2019UAW", "UAW"),
        ("het Witte Huis", "Witte Huis"),
        ("Apple Inc.", "Apple"),
        ("Fiat Group SpA", "Fiat"),
        ("The Bank of America Corporation", "Bank of America"),
    ],
)
def test_name_key_merges_spellings(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("name", "key"),
    [("President", ""), ("the", ""), ("Co.", "co"), ("The Company", "company"), ("Die", "die")],
)
def test_a_name_of_only_small_words_keeps_a_key_unless_it_is_a_title(name: str, key: str) -> None:
    assert name_key(name) == key


def test_a_company_and_its_product_or_namesake_stay_apart() -> None:
    # a short name is not joined to a longer one it opens: that is as often a parent and
    # its product or a namesake (`Lloyd's` / `Lloyd's List`) as the same thing shortened
    for names in (
        (("Apple", "ORG"), ("Apple Music", "ORG")),
        (("Lloyd's", "ORG"), ("Lloyd's List", "ORG")),
    ):
        assert len(resolve_entities([doc_with_mentions(*names)])) == 2


def doc_with_mentions(*names: tuple[str, str]) -> Doc:
    text = " ".join(n for n, _ in names) + " and more words to make an article."
    art = make_article(text)
    mentions, at = [], 0
    for name, label in names:
        start = text.index(name, at)
        mentions.append(Mention(Span(art.id, start, start + len(name)), name, label))
        at = start + len(name)
    return Doc(article=art, mentions=tuple(mentions))


def test_surname_joins_the_one_full_name_and_type_is_voted() -> None:
    a = doc_with_mentions(("Osama Rabie", "PERSON"), ("Rabie", "ORG"))
    b = doc_with_mentions(("Rabie", "PERSON"), ("Ever Given", "ORG"))
    ents = {e.name: e for e in resolve_entities([a, b])}
    rabie = ents["Osama Rabie"]
    assert rabie.type == "PERSON"
    assert rabie.aliases == ("Rabie",)
    assert len(rabie.mentions) == 3
    assert set(rabie.article_ids) == {a.id, b.id}


def test_a_lower_case_the_is_not_part_of_the_name_but_a_capital_one_is() -> None:
    a = doc_with_mentions(("the Suez Canal Authority", "ORG"), ("The Hague", "GPE"))
    b = doc_with_mentions(("The Suez Canal Authority", "ORG"), ("The Hague", "GPE"))
    ents = {e.name: e for e in resolve_entities([a, b])}
    assert set(ents) == {"Suez Canal Authority", "The Hague"}
    authority = ents["Suez Canal Authority"]
    assert authority.aliases == ("The Suez Canal Authority", "the Suez Canal Authority")
    assert len(authority.mentions) == 2


def test_two_people_sharing_a_surname_stay_apart() -> None:
    a = doc_with_mentions(("Ann Lopez", "PERSON"), ("Maria Lopez", "PERSON"), ("Lopez", "PERSON"))
    names = {e.name for e in resolve_entities([a])}
    assert names == {"Ann Lopez", "Maria Lopez", "Lopez"}


@pytest.mark.parametrize(
    ("names", "merged"),
    [
        ((("Osama Rabie", "PERSON"), ("Usama Rabi", "PERSON")), True),
        ((("Alexei Navalny", "PERSON"), ("Alexej Nawalny", "PERSON")), True),
        ((("Navalny", "PERSON"), ("Navalnyy", "PERSON")), True),
        ((("Muammar Gaddafi", "PERSON"), ("Muammar Qaddafi", "PERSON")), True),
        ((("Egypt", "GPE"), ("Ägypten", "GPE")), True),
        ((("Recep Tayyip Erdoğan", "PERSON"), ("Tayyip Erdogan", "PERSON")), True),
        (
            (("International Atomic Energy Agency", "ORG"), ("IAEA", "ORG")),
            True,
        ),
        ((("Mohammed Ali", "PERSON"), ("Mahmoud Ali", "PERSON")), False),
        ((("Iran", "GPE"), ("Oran", "GPE")), False),
        ((("Ann Lopez", "PERSON"), ("Maria Lopez", "PERSON")), False),
    ],
)
def test_spellings_transliterations_acronyms_and_countries(
    names: tuple[tuple[str, str], ...], merged: bool
) -> None:
    ents = resolve_entities([doc_with_mentions(*names)])
    assert (len(ents) == 1) is merged
    if merged:
        assert ents[0].evidence, "every merge says why"


def test_article_that_gives_both_names_merges_them() -> None:
    text = "Munich (München) is busy. München is in Bavaria and more words follow."
    art = make_article(text)
    spans = [(0, 6), (8, 15), (26, 33)]
    mentions = tuple(Mention(Span(art.id, a, b), text[a:b], "GPE") for a, b in spans)
    [city] = [e for e in resolve_entities([Doc(article=art, mentions=mentions)])]
    assert {city.name, *city.aliases} == {"Munich", "München"}
    assert "the article gives both names" in city.evidence[0]
