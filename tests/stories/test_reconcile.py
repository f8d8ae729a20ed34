"""Reconciliation: matching claims, counting independent sources, flagging rival values.

Unit tests use a bag-of-words stand-in for the sentence-embedding model, so they load no
model; the real model is exercised by the sample-brief tests.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest

from storyline.embed import Vectors
from storyline.model import Claim, CopyLink, Doc, Figure, Span, TimeExpr
from storyline.stories.matching import figures_compatible
from storyline.stories.reconcile import balance_quotes, reconcile
from tests.conftest import make_article


def bag_of_words(texts: Sequence[str]) -> Vectors:
    """Embed texts as hashed word counts: alike wording gives alike vectors."""
    out = np.zeros((len(texts), 256), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in text.lower().split():
            out[row, zlib.crc32(word.strip(".,").encode()) % 256] += 1.0
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def fig(value: float, *, unit: str | None = None, counts: str | None = "ship",
        qualifier: str | None = None) -> Figure:  # fmt: skip
    return Figure(Span("x", 0, 1), f"{value:g}", value, unit, counts, qualifier)


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        (fig(369), fig(369), True),
        (fig(12, qualifier="at least"), fig(14), True),
        (fig(12), fig(21), False),
        (fig(40, qualifier="around"), fig(42), True),
        (fig(1.5e6), fig(1_500_000), True),
        (fig(100, qualifier="up to"), fig(120), False),
        (fig(369), fig(450), False),
    ],
)
def test_figures_compatible(a: Figure, b: Figure, ok: bool) -> None:
    assert figures_compatible(a, b) is ok
    assert figures_compatible(b, a) is ok


Spec = tuple[str, tuple[str, ...], tuple[Figure, ...]]


def doc_with(text: str, claims: list[Spec], published: str = "2021-03-24",
             negated: bool = False, dates: tuple[str, ...] = ()) -> Doc:  # fmt: skip
    """Build a doc whose claims are given sentences of `text`, with keywords and figures."""
    art = make_article(text, published=published)
    built = []
    for sentence, keywords, figures in claims:
        start = text.index(sentence)
        span = Span(art.id, start, start + len(sentence))
        times = tuple(TimeExpr(span, d, d, "date") for d in dates)
        built.append(Claim(f"c{art.id}{start}", span, sentence, (), "be", keywords, figures,
                           times, negated=negated))  # fmt: skip
    return Doc(article=art, claims=tuple(built))


SHIPS_A = "By Sunday, 369 ships were waiting to pass through the canal."
SHIPS_B = "By Sunday, 450 ships were waiting to go through the canal."
OTHER = "The president praised the workers who freed the ship."
KW = ("ship", "wait", "pass", "canal")


def test_rival_figures_make_a_conflict_with_both_variants() -> None:
    a = doc_with(
        f"{SHIPS_A} {OTHER}",
        [(SHIPS_A, KW, (fig(369),)), (OTHER, ("president", "praise", "worker"), ())],
    )
    b = doc_with(SHIPS_B, [(SHIPS_B, KW, (fig(450),))])
    facts = reconcile([a, b], {}, embedder=bag_of_words)
    [ships] = [f for f in facts if len(f.article_ids) == 2]
    assert ships.status == "conflicting"
    [conflict] = ships.conflicts
    assert conflict.slot == "figure:ship"
    assert [v.value for v in conflict.variants] == ["369", "450"]
    assert {v.article_ids for v in conflict.variants} == {(a.id,), (b.id,)}
    [alone] = [f for f in facts if f.text == OTHER]
    assert alone.status == "single-source"


def test_a_rival_figure_alone_does_not_make_a_conflict() -> None:
    # Matched only because both count ships: without the figure's share of the score the
    # two sentences are not alike enough to say their sources disagree.
    near = "Officials said 450 ships were waiting near the canal entrance."
    a = doc_with(SHIPS_A, [(SHIPS_A, KW, (fig(369),))])
    b = doc_with(near, [(near, ("ship", "wait", "canal", "official"), (fig(450),))])
    [fact] = reconcile([a, b], {}, embedder=bag_of_words)
    assert fact.status == "corroborated" and not fact.conflicts


def test_one_sentence_in_two_articles_never_conflicts_with_itself() -> None:
    yes = "The trains \u201cbumped into each other\u201d but didn\u2019t derail."
    no = 'The trains "bumped into each other" but didn\'t derail.'
    kws = ("train", "bump", "derail")
    a = doc_with(yes, [(yes, kws, ())])
    b = doc_with(no, [(no, kws, ())], negated=True)  # our reading differs, not the sources
    [fact] = reconcile([a, b], {}, embedder=bag_of_words)
    assert not fact.conflicts


def test_a_copy_never_corroborates() -> None:
    text = "The Ever Given is 400 metres long and can carry 20,000 containers."
    kws = ("ever given", "long", "carry", "container")
    a = doc_with(text, [(text, kws, ())])
    b = doc_with(text + " Distributed by the wire.", [(text, kws, ())])
    copies = {b.id: CopyLink(b.id, a.id, 0.95)}
    [fact] = reconcile([a, b], copies, embedder=bag_of_words)
    assert fact.article_ids == tuple(sorted((a.id, b.id)))
    assert fact.independent_sources == 1
    assert fact.status == "single-source"
    assert fact.copied_article_ids == (b.id,)
    reworded = "The Ever Given is 400 metres long, and it can carry 20,000 containers."
    c = doc_with(reworded, [(reworded, kws, ())])
    [fact] = reconcile([a, b, c], copies, embedder=bag_of_words)
    assert fact.independent_sources == 2
    assert fact.status == "corroborated"


def test_a_sentence_pasted_word_for_word_counts_once() -> None:
    wire = "Twelve people died when the small plane crashed shortly after take-off on Sunday."
    own = "Rescue teams reached the wreck in the hills, and officials confirmed the deaths."
    kws = ("people", "die", "plane", "crash", "take-off")
    a = doc_with(wire, [(wire, kws, ())])
    b = doc_with(f"{own} {wire}", [(wire, kws, ())])  # a longer story pasting the wire line
    [fact] = reconcile([a, b], {}, embedder=bag_of_words)
    assert len(fact.article_ids) == 2
    assert fact.independent_sources == 1
    assert fact.status == "single-source"


def test_claims_of_one_article_are_never_merged() -> None:
    one = "The canal reopened to ships on Monday."
    two = "The canal reopened to ships after the tide rose."
    kws = ("canal", "reopen", "ship")
    a = doc_with(f"{one} {two}", [(one, kws, ()), (two, kws, ())])
    assert len(reconcile([a], {}, embedder=bag_of_words)) == 2


def test_two_amounts_in_one_sentence_are_not_a_conflict() -> None:
    one = "The company was sold for $200 million to the buyer."
    two = "The buyer, worth $6.5 billion, paid $1 billion for the company."
    kws = ("company", "sell", "buyer")
    a = doc_with(one, [(one, kws, (fig(2e8, unit="USD", counts=None),))])
    b = doc_with(two, [(two, kws, (fig(6.5e9, unit="USD", counts=None),
                                   fig(1e9, unit="USD", counts=None)))])  # fmt: skip
    facts = reconcile([a, b], {}, embedder=bag_of_words)
    assert all(not f.conflicts for f in facts)


def test_denial_is_a_conflict_on_whether_it_happened() -> None:
    yes = "The minister resigned from the government on Friday evening."
    no = "The minister has not resigned from the government on Friday evening."
    kws = ("minister", "resign", "government")
    a = doc_with(yes, [(yes, kws, ())])
    b = doc_with(no, [(no, kws, ())], negated=True)
    [fact] = reconcile([a, b], {}, embedder=bag_of_words)
    assert fact.status == "conflicting"
    assert [c.slot for c in fact.conflicts] == ["happened"]


@pytest.mark.parametrize(
    ("heads", "conflict"),
    [
        (("girls", "fighters"), False),  # the girls were released, no fighters were
        (("girls", "girl"), True),  # one subject, in the plural once
        (("girls", None), True),  # `they were not released`: a pronoun may be anyone
    ],
)
def test_a_denial_about_another_subject_is_no_conflict(
    heads: tuple[str | None, str | None], conflict: bool
) -> None:
    yes = "Twenty-one girls were released by the group in the north on Friday."
    no = "No captive fighters were released by the group in the north on Friday."
    kws = ("release", "group", "north", "friday")
    a = doc_with(yes, [(yes, kws, ())])
    b = doc_with(no, [(no, kws, ())], negated=True)
    a = a.with_(claims=tuple(replace(c, subject_head=heads[0]) for c in a.claims))
    b = b.with_(claims=tuple(replace(c, subject_head=heads[1]) for c in b.claims))
    [fact] = reconcile([a, b], {}, embedder=bag_of_words)
    assert bool(fact.conflicts) is conflict


def test_a_negation_on_another_verb_is_no_conflict_on_whether_it_happened() -> None:
    yes = "North Korea pledged twice to give up its nuclear program, officials recalled."
    no = "The deal never went anywhere because North Korea reneged on its nuclear program pledges."
    kws = ("north", "korea", "pledge", "nuclear", "program")
    a = doc_with(yes, [(yes, kws, ())])
    b = doc_with(no, [(no, kws, ())], negated=True)
    b = b.with_(claims=tuple(replace(c, predicate="go") for c in b.claims))
    [fact] = reconcile([a, b], {}, embedder=bag_of_words)
    assert fact.status == "corroborated" and not fact.conflicts


@pytest.mark.parametrize(
    "no",
    [
        "The Chicago Cubs had not won the World Series since 1908, fans said.",
        "It is not just the Chicago Cubs that won the World Series, fans said.",
        "The Chicago Cubs did not win the World Series until extra innings, fans said.",
        "Before this, the Chicago Cubs had never won the World Series at night, fans said.",
    ],
)
def test_a_negation_that_leaves_the_event_standing_is_no_conflict(no: str) -> None:
    yes = "The Chicago Cubs won the World Series on Wednesday night, fans said."
    kws = ("chicago", "cubs", "win", "world", "series", "fan")
    a = doc_with(yes, [(yes, kws, ())])
    b = doc_with(no, [(no, kws, ())], negated=True)
    if "1908" in no:  # the year, where the text gives it
        at = no.index("1908")
        year = TimeExpr(Span(b.id, at, at + 4), "1908", "1908", "year")
        b = b.with_(claims=tuple(replace(c, times=(year,)) for c in b.claims))
    [fact] = reconcile([a, b], {}, embedder=bag_of_words)
    assert not fact.conflicts


POINTS_A = "Vaughn finished the game with 16 points and nine rebounds on Sunday."
POINTS_B = "Hansbrough finished the game with 20 points and nine rebounds on Sunday."
POINTS_KW = ("finish", "game", "point", "rebound", "sunday")


@pytest.mark.parametrize(
    ("subjects", "places", "conflict"),
    [
        (("Vaughn", "Hansbrough"), ((), ()), False),  # two players' points: no dispute
        (("Earl Clark", "Louisville's Earl Clark"), ((), ()), True),  # one player, two counts
        (("The forward", "Hansbrough"), ((), ()), True),  # `The forward` names no one
        ((None, None), (("orlando",), ("las vegas",)), False),  # two places, two tolls
        ((None, None), (("nice",), ()), True),  # one side gives no place
    ],
)
def test_rival_figures_about_other_people_or_places_are_no_conflict(
    subjects: tuple[str | None, str | None],
    places: tuple[tuple[str, ...], tuple[str, ...]],
    conflict: bool,
) -> None:
    a = doc_with(POINTS_A, [(POINTS_A, POINTS_KW, (fig(16, counts="point"),))])
    b = doc_with(POINTS_B, [(POINTS_B, POINTS_KW, (fig(20, counts="point"),))])
    # The names the sentence mentions: what the parse finds (`The forward` is none).
    known = {"Vaughn": "vaughn", "Hansbrough": "hansbrough", "Earl Clark": "earl clark",
             "Louisville's Earl Clark": "louisville"}  # fmt: skip
    a, b = (
        d.with_(
            claims=tuple(
                replace(
                    c,
                    subject=who,
                    places=where,
                    entities=tuple(k for n, k in known.items() if who and n in who),
                )
                for c in d.claims
            )
        )
        for d, who, where in zip((a, b), subjects, places, strict=True)
    )
    [fact] = reconcile([a, b], {}, embedder=bag_of_words)
    assert bool(fact.conflicts) is conflict


def test_different_days_for_the_same_event_conflict() -> None:
    one = "The ship was freed by the salvage crews on the canal bank."
    two = "The ship was freed by salvage crews on the canal bank."
    kws = ("ship", "free", "salvage", "crew", "canal", "bank")
    a = doc_with(one, [(one, kws, ())], dates=("2021-03-29",))
    b = doc_with(two, [(two, kws, ())], dates=("2021-03-28",))
    [fact] = reconcile([a, b], {}, embedder=bag_of_words)
    assert [c.slot for c in fact.conflicts] == ["date"]


def test_unrelated_claims_sharing_common_words_stay_apart() -> None:
    one = "Shipping rates doubled as the canal stayed closed for a week."
    two = "The canal authority chairman praised the tugboat crews."
    a = doc_with(one, [(one, ("shipping", "rate", "double", "canal", "close"), ())])
    b = doc_with(two, [(two, ("canal", "authority", "chairman", "praise", "tugboat"), ())])
    assert len(reconcile([a, b], {}, embedder=bag_of_words)) == 2


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        # a sentence that opens a quote running on into the next sentence
        ('"They were on vacation.', '"They were on vacation."'),
        ("Plemons was \u201ctotally different.", "Plemons was \u201ctotally different.\u201d"),
        # the last sentence of a quote opened earlier
        ('They were going fast," she said.', '"They were going fast," she said.'),
        ("It is over.\u201d", "\u201cIt is over.\u201d"),
        # a clause that ends inside the quote
        ("The death toll 'may well increase.", "The death toll 'may well increase.'"),
        # paired already, or apostrophes that are no quotation marks
        ('He said "no" twice.', 'He said "no" twice.'),
        ("\u201cFine,\u201d he said.", "\u201cFine,\u201d he said."),
        ("The students' union met.", "The students' union met."),
        (
            "It\u2019s \u2018fine\u2019 and rock \u2019n\u2019 roll.",
            "It\u2019s \u2018fine\u2019 and rock \u2019n\u2019 roll.",
        ),
    ],
)
def test_a_fact_pairs_the_quotation_marks_its_sentence_leaves_alone(words: str, shown: str) -> None:
    assert balance_quotes(words) == shown


def test_a_figure_restated_in_brackets_is_no_rival_value() -> None:
    conv = "Damage to the church was estimated at US1 million ($1.52 million) on Saturday."
    plain = "Damage to the church was estimated at $1 million on Saturday."
    kws = ("damage", "church", "estimate")
    a = doc_with(conv, [(conv, kws, ())])
    start = conv.index("$1.52")
    restated = Figure(Span(a.id, start, start + 13), "$1.52 million", 1.52e6, "USD", None, None)
    a = a.with_(claims=(replace(a.claims[0], figures=(restated,)),))
    b = doc_with(plain, [(plain, kws, (fig(1e6, unit="USD", counts=None),))])
    [fact] = reconcile([a, b], {}, embedder=bag_of_words)
    assert fact.status == "corroborated" and not fact.conflicts
    # the same amount written plainly is a rival value
    c = doc_with(conv.replace("US1 million ($1.52 million)", "$1.52 million"),
                 [(conv.replace("US1 million ($1.52 million)", "$1.52 million"), kws,
                   (fig(1.52e6, unit="USD", counts=None),))])  # fmt: skip
    [fact] = reconcile([c, b], {}, embedder=bag_of_words)
    assert fact.status == "conflicting"


def test_two_clauses_shown_as_one_sentence_are_one_fact() -> None:
    # "when it swung sideways" is a claim of its own, shown as its whole sentence
    text = "The ship was travelling north when it swung sideways in the canal."
    doc = doc_with(text, [(text, ("ship", "travel", "north"), ())])
    [travel] = doc.claims
    swing = replace(travel, id="c-swing", predicate="swing", keywords=("swing", "canal"))
    doc = doc.with_(claims=(travel, swing))
    [fact] = reconcile([doc], {}, embedder=bag_of_words)
    assert fact.text == text and fact.status == "single-source"
    assert set(fact.claim_ids) == {travel.id, "c-swing"}
    assert [e.text for e in fact.evidence] == [text]


def test_a_sentence_an_article_repeats_is_one_fact_with_both_places() -> None:
    line = "Musk said the rocket will blast off at the end of the month."
    text = f"{line} Other news followed here. {line}"
    art = make_article(text)
    second = text.rindex(line)
    claims = tuple(
        Claim(
            f"c{start}",
            Span(art.id, start, start + len(line)),
            line,
            (),
            "say",
            ("musk", "rocket", "blast"),
            (),
        )
        for start in (0, second)
    )
    [fact] = reconcile([Doc(article=art, claims=claims)], {}, embedder=bag_of_words)
    assert [e.span.start for e in fact.evidence] == [0, second]
    assert fact.status == "single-source" and fact.independent_sources == 1
