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
        ("Sheriff Joseph Lombardo", "Joseph Lombardo"),
        ("Spokeswoman Sandy Angers", "Sandy Angers"),
        ("Comedienne Sarah Silverman", "Sarah Silverman"),
    ],
)
def test_name_key_merges_spellings(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("name", "key"),
    [("President", ""), ("the", ""), ("L\u2019UAW", "l' uaw"), ("O'Brien", "o'brien")],
)
def test_a_name_key_keeps_what_only_a_resolver_step_may_drop(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("el Nasdaq", "ORG"), ("Nasdaq", "ORG")),
        (("L\u2019UAW", "ORG"), ("UAW", "ORG")),
        (("het Witte Huis", "FAC"), ("Witte Huis", "FAC")),
        (("Apple Inc.", "ORG"), ("Apple", "ORG")),
        (("Fiat Group SpA", "ORG"), ("Fiat", "ORG")),
        (("The Bank of America Corporation", "ORG"), ("Bank of America", "ORG")),
        (("il Nikkei", "ORG"), ("el Nikkei", "ORG")),  # neither bare form is named
    ],
)
def test_an_article_or_a_legal_form_does_not_make_another_entity(
    a: tuple[str, str], b: tuple[str, str]
) -> None:
    (ent,) = resolve_entities([doc_with_mentions(a, b)])
    assert "without its article or legal form" in ent.evidence[0]


@pytest.mark.parametrize(
    "names",
    [
        # a company and its namesake
        (("Walt Disney Co.", "ORG"), ("Walt Disney", "PERSON")),
        (("Hudson's Bay Company", "ORG"), ("Hudson Bay", "LOC")),
        # a company and the person it is named after, through the lone name
        (("Adani Group", "ORG"), ("Adani", "ORG"), ("Gautam Adani", "PERSON")),
        # a city and a person who shares a word of its name
        (("Rodrigo Paz", "PERSON"), ("La Paz", "GPE"), ("Paz", "PERSON")),
        (("Le Van Thanh", "PERSON"), ("Nguyen Van Thanh", "PERSON")),
        # a company and its product, a publication and its namesake
        (("Apple", "ORG"), ("Apple Music", "ORG")),
        (("Lloyd's", "ORG"), ("Lloyd's List", "ORG")),
    ],
)
def test_names_that_only_look_alike_stay_apart(names: tuple[tuple[str, str], ...]) -> None:
    ents = resolve_entities([doc_with_mentions(*names)])
    persons = [e for e in ents if e.type == "PERSON"]
    assert len(ents) >= 2
    assert all(
        not {n for n, label in names if label != "PERSON"} & {e.name, *e.aliases} for e in persons
    ), [(e.name, e.aliases) for e in ents]


def test_a_surname_still_folds_when_a_country_shares_it() -> None:
    doc = doc_with_mentions(("Jim Jordan", "PERSON"), ("Jordan", "PERSON"))
    (jordan,) = resolve_entities([doc])
    assert jordan.name == "Jim Jordan"


def test_a_country_that_votes_as_a_place_is_nobody_s_surname() -> None:
    # the tagger ran a name on into the country after it, as results tables make it do
    doc = doc_with_mentions(("Ramthan Hussain SINGAPORE", "PERSON"), ("Singapore", "GPE"))
    assert len(resolve_entities([doc])) == 2


def test_a_misread_transliteration_still_joins() -> None:
    doc = doc_with_mentions(("Alexei Navalny", "PERSON"), ("Alexej Nawalny", "ORG"))
    assert len(resolve_entities([doc])) == 1


def test_a_country_s_official_name_joins_its_short_name() -> None:
    doc = doc_with_mentions(("Russian Federation", "GPE"), ("Russia", "GPE"))
    (country,) = resolve_entities([doc])
    assert country.type == "GPE"


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


def test_middle_initials_a_country_after_of_and_a_former_title_do_not_split_a_person() -> None:
    a = doc_with_mentions(("Michael T. Flynn", "PERSON"), ("Former Director Comey", "PERSON"))
    b = doc_with_mentions(
        ("Michael Flynn", "PERSON"), ("Flynn", "PERSON"), ("James Comey", "PERSON")
    )
    c = doc_with_mentions(("Emmanuel Macron of France", "PERSON"), ("Emmanuel Macron", "PERSON"))
    ents = resolve_entities([a, b, c])
    assert len(ents) == 3
    sizes = {e.name.split()[-1]: len(e.mentions) for e in ents}
    assert sizes == {"Flynn": 3, "Comey": 2, "Macron": 2}  # "Macron", not "France"
    # different initials are different people, and a bare form between them joins neither
    bushes = doc_with_mentions(
        ("George W. Bush", "PERSON"), ("George H. W. Bush", "PERSON"), ("George Bush", "PERSON")
    )
    assert len(resolve_entities([bushes])) == 3


def test_a_family_name_written_first_or_a_first_name_joins_its_only_owner() -> None:
    a = doc_with_mentions(("Kim Jong Un", "PERSON"), ("Mr. Kim", "PERSON"), ("Xi", "PERSON"))
    b = doc_with_mentions(
        ("Xi Jinping", "PERSON"), ("Donald", "PERSON"), ("Donald Trump", "PERSON")
    )
    ents = {e.name: e for e in resolve_entities([a, b])}
    assert set(ents) == {"Kim Jong Un", "Xi Jinping", "Donald Trump"}
    # two full names start with it, or someone's surname is the same word: no owner
    c = doc_with_mentions(("Kim Jong Un", "PERSON"), ("Kim Yo Jong", "PERSON"), ("Kim", "PERSON"))
    assert {e.name for e in resolve_entities([c])} == {"Kim Jong Un", "Kim Yo Jong", "Kim"}
    d = doc_with_mentions(
        ("Lee Jae", "PERSON"), ("Spike Lee", "PERSON"), ("Ann Lee", "PERSON"), ("Lee", "PERSON")
    )
    assert "Lee" in {e.name for e in resolve_entities([d])}
    e = doc_with_mentions(("Jordan Peterson", "PERSON"), ("Jordan", "PERSON"))
    assert len(resolve_entities([e])) == 2  # a country's name is nobody's first name here


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


def doc_with_sentences(text: str, *names: tuple[str, str]) -> Doc:
    """A doc whose sentences end at each '. ', with the given names as mentions."""
    art = make_article(text)
    starts = [0] + [i + 2 for i in range(len(text)) if text.startswith(". ", i)]
    ends = [s - 1 for s in starts[1:]] + [len(text)]
    sentences = tuple(Span(art.id, a, b) for a, b in zip(starts, ends, strict=True))
    mentions, at = [], 0
    for name, label in names:
        start = text.index(name, at)
        mentions.append(Mention(Span(art.id, start, start + len(name)), name, label))
        at = start + len(name)
    return Doc(article=art, sentences=sentences, mentions=tuple(mentions))


def test_a_sentence_opener_the_story_writes_in_lower_case_is_no_name() -> None:
    opener = doc_with_sentences(
        "Canal officials said traffic would resume. Ships waited outside the canal.",
        ("Canal", "PERSON"),
    )
    assert resolve_entities([opener]) == ()
    # the lower-case word may come from another article of the story
    alone = doc_with_sentences("Canal officials said traffic would resume.", ("Canal", "PERSON"))
    other = doc_with_sentences("Ships waited outside the canal.")
    assert resolve_entities([alone, other]) == ()
    # without the lower-case word there is no evidence against the name
    assert [e.name for e in resolve_entities([alone])] == ["Canal"]


def test_a_capitalised_word_is_kept_inside_a_sentence_or_inside_a_longer_name() -> None:
    brown = doc_with_sentences(
        "Brown said no. Later, Brown left the brown house.",
        ("Brown", "PERSON"),
        ("Brown", "PERSON"),
    )
    assert [e.name for e in resolve_entities([brown])] == ["Brown"]
    may = doc_with_sentences(
        "May said the deal was done. Theresa May spoke later. Talks may resume.",
        ("May", "PERSON"),
        ("Theresa May", "PERSON"),
    )
    (theresa,) = resolve_entities([may])
    assert (theresa.name, len(theresa.mentions)) == ("Theresa May", 2)


def test_quotation_marks_and_a_possessive_are_cut_from_a_name_and_its_span() -> None:
    text = (
        "Stephen Paddock\u2019s room. Stephen Paddock fired. The 'wolf moon' rose. "
        "Memphis Grizzlies' win."
    )
    doc = doc_with_sentences(
        text,
        ("Stephen Paddock\u2019s", "PERSON"),
        ("Stephen Paddock", "PERSON"),
        ("'wolf moon'", "EVENT"),
        ("Memphis Grizzlies'", "ORG"),
    )
    ents = {e.name: e for e in resolve_entities([doc])}
    assert set(ents) == {"Stephen Paddock", "wolf moon", "Memphis Grizzlies"}
    assert ents["Stephen Paddock"].aliases == ()
    # each span covers the name alone
    for ent in ents.values():
        assert {text[s.start : s.end] for s in ent.mentions} == {ent.name}


def test_a_possessive_that_may_be_part_of_a_name_is_kept() -> None:
    text = "McDonald's sold more. Cincinnati Children's treated him. O'Brien spoke."
    doc = doc_with_sentences(
        text,
        ("McDonald's", "ORG"),
        ("Cincinnati Children's", "ORG"),
        ("O'Brien", "PERSON"),
    )
    names = {e.name for e in resolve_entities([doc])}
    assert names == {"McDonald's", "Cincinnati Children's", "O'Brien"}
    # written without it elsewhere in the story, the one-word name loses it
    other = doc_with_sentences("He ate at McDonald today.", ("McDonald", "ORG"))
    (mcdonald,) = [e for e in resolve_entities([doc, other]) if "McDonald" in e.name]
    assert mcdonald.name == "McDonald"


def test_a_headline_the_tagger_ran_into_a_name_is_cut_back_to_the_name() -> None:
    head = doc_with_sentences(
        "SpaceX Set To Launch World's Most Powerful Rocket. Tranquilizing Harambe was wrong. "
        "The world will set a date to launch it. SpaceX said so. SpaceX agreed. "
        "Zoo staff were tranquilizing animals. Harambe died. Harambe was 17.",
        ("SpaceX Set To Launch World's", "PERSON"),
        ("Tranquilizing Harambe", "PERSON"),
        ("SpaceX", "ORG"),
        ("SpaceX", "ORG"),
        ("Harambe", "PERSON"),
        ("Harambe", "PERSON"),
    )
    ents = {e.name: e for e in resolve_entities([head])}
    assert {n: len(e.mentions) for n, e in ents.items()} == {"SpaceX": 3, "Harambe": 3}


def test_a_team_is_nobody_s_surname_because_one_sentence_opener_says_so() -> None:
    fans = doc_with_sentences(
        "Overjoyed Cubs fans cheered. The Cubs won. Chicago loves the Cubs.",
        ("Overjoyed Cubs", "PERSON"),
        ("Cubs", "ORG"),
        ("Cubs", "ORG"),
    )
    ents = {e.name: e for e in resolve_entities([fans])}
    assert ents["Cubs"].type == "ORG"
    assert len(ents["Cubs"].mentions) == 2
    # a person's name that only opens a sentence still takes their surname
    coach = doc_with_sentences(
        "John Fox was fired. The Bears said Fox failed. John DeFilippo may follow.",
        ("John Fox", "PERSON"),
        ("Fox", "ORG"),
        ("John DeFilippo", "PERSON"),
    )
    fox = next(e for e in resolve_entities([coach]) if e.name == "John Fox")
    assert fox.aliases == ("Fox",)
    # and the name's words written in lower case do not cut a name with a small word in it
    port = doc_with_sentences(
        "Port of Duisburg staff helped. The port of the city is big. Duisburg is in Germany. "
        "Duisburg grew.",
        ("Port of Duisburg", "FAC"),
        ("Duisburg", "GPE"),
        ("Duisburg", "GPE"),
    )
    assert {e.name for e in resolve_entities([port])} == {"Port of Duisburg", "Duisburg"}


def test_the_second_part_of_a_hyphenated_given_name_is_nobody_s_surname() -> None:
    doc = doc_with_sentences(
        "Kim Jong-un spoke. Kim Jong Un left. The UN met. The UN voted.",
        ("Kim Jong-un", "PERSON"),
        ("Kim Jong Un", "PERSON"),
        ("UN", "ORG"),
        ("UN", "ORG"),
    )
    ents = {e.name: e for e in resolve_entities([doc])}
    assert len(ents["UN"].mentions) == 2
    assert ents["UN"].type == "ORG"


def test_a_first_name_joins_a_full_name_whose_surname_the_tagger_took_for_a_company() -> None:
    # `Tarantino` tagged ORG three times tips the vote of `Quentin Tarantino` once it has
    # folded in; it is still the person the lone first name `Quentin` refers to
    a = doc_with_mentions(
        ("Quentin Tarantino", "PERSON"), ("Tarantino", "ORG"), ("Tarantino", "ORG")
    )
    b = doc_with_mentions(("Tarantino", "ORG"), ("Tarantino", "PERSON"), ("Quentin", "PERSON"))
    ents = {e.name: e for e in resolve_entities([a, b])}
    assert set(ents) == {"Quentin Tarantino"}
    assert ents["Quentin Tarantino"].type == "PERSON"
    assert set(ents["Quentin Tarantino"].aliases) == {"Quentin", "Tarantino"}
