"""Reconciliation: matching claims, counting independent sources, flagging rival figures."""

from __future__ import annotations

import pytest

from storyline.model import Claim, Doc, Figure, Span
from storyline.stories.copies import CopyLink
from storyline.stories.reconcile import claim_similarity, figures_compatible, reconcile
from tests.conftest import make_article


def fig(
    value: float,
    *,
    unit: str | None = None,
    counts: str | None = "ship",
    qualifier: str | None = None,
) -> Figure:
    return Figure(Span("x", 0, 1), str(value), value, unit, counts, qualifier)


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


def doc_with(
    text: str,
    claims: list[tuple[str, tuple[str, ...], tuple[Figure, ...]]],
    published: str = "2021-03-24",
) -> Doc:
    """Build a doc whose claims are given sentences of `text`, with keywords and figures."""
    art = make_article(text, published=published)
    built = []
    for sentence, keywords, figures in claims:
        start = text.index(sentence)
        span = Span(art.id, start, start + len(sentence))
        built.append(Claim(f"c{art.id}{start}", span, sentence, (), "be", keywords, figures))
    return Doc(article=art, claims=tuple(built))


SHIPS_A = "By Sunday, 369 ships were waiting to pass through the canal."
SHIPS_B = "Until Sunday, 450 ships were waiting for the passage through the canal."
OTHER = "The president praised the workers who freed the ship."
KW_A = ("ship", "wait", "pass", "canal")
KW_B = ("ship", "wait", "passage", "canal")


def test_rival_figures_make_a_conflict_with_both_variants() -> None:
    a = doc_with(
        f"{SHIPS_A} {OTHER}",
        [(SHIPS_A, KW_A, (fig(369),)), (OTHER, ("president", "praise", "worker"), ())],
    )
    b = doc_with(SHIPS_B, [(SHIPS_B, KW_B, (fig(450),))])
    facts = reconcile([a, b], {})
    [ships] = [f for f in facts if len(f.article_ids) == 2]
    assert ships.status == "conflicting"
    [conflict] = ships.conflicts
    assert [v.value for v in conflict.variants] == ["369", "450"]
    assert {v.article_ids for v in conflict.variants} == {(a.id,), (b.id,)}
    [alone] = [f for f in facts if f.text == OTHER]
    assert alone.status == "single-source"


def test_a_copy_never_corroborates() -> None:
    text = "The Ever Given is 400 metres long and can carry 20,000 containers."
    kws = ("ever given", "long", "carry", "container")
    a = doc_with(text, [(text, kws, ())])
    b = doc_with(text + " Distributed by the wire.", [(text, kws, ())])
    copies = {b.id: CopyLink(b.id, a.id, 0.95)}
    [fact] = reconcile([a, b], copies)
    assert fact.article_ids == tuple(sorted((a.id, b.id)))
    assert fact.independent_sources == 1
    assert fact.status == "single-source"
    reworded = "The Ever Given, 400 metres long, can carry 20,000 containers."
    c = doc_with(reworded, [(reworded, kws, ())])
    [fact] = reconcile([a, b, c], copies)
    assert fact.independent_sources == 2
    assert fact.status == "corroborated"


def test_claims_of_one_article_are_never_merged() -> None:
    one = "The canal reopened to ships on Monday."
    two = "The canal reopened to ships after the tide rose."
    kws = ("canal", "reopen", "ship")
    a = doc_with(f"{one} {two}", [(one, kws, ()), (two, kws, ())])
    facts = reconcile([a], {})
    assert len(facts) == 2


def test_shared_common_words_alone_do_not_match() -> None:
    a = doc_with(SHIPS_A, [(SHIPS_A, KW_A, ())])
    b = doc_with(OTHER, [(OTHER, ("president", "praise", "worker", "ship"), ())])
    assert claim_similarity(a.claims[0], b.claims[0]) < 0.33


def test_a_sentence_pasted_word_for_word_counts_once() -> None:
    wire = "Twelve people died when the small plane crashed shortly after take-off on Sunday."
    own = "Rescue teams reached the wreck in the hills, and officials confirmed the deaths."
    kws = ("people", "die", "plane", "crash", "take-off")
    a = doc_with(wire, [(wire, kws, ())])
    b = doc_with(f"{own} {wire}", [(wire, kws, ())])  # a longer story pasting the wire line
    [fact] = reconcile([a, b], {})
    assert len(fact.article_ids) == 2
    assert fact.independent_sources == 1
    assert fact.status == "single-source"


def test_two_amounts_in_one_sentence_are_not_a_conflict() -> None:
    one = "The company was sold for $200 million to the buyer."
    two = "The buyer, worth $6.5 billion, paid $1 billion for the company."
    kws = ("company", "sell", "buyer")
    a = doc_with(one, [(one, kws, (fig(2e8, unit="USD", counts=None),))])
    b = doc_with(
        two, [(two, kws, (fig(6.5e9, unit="USD", counts=None), fig(1e9, unit="USD", counts=None)))]
    )
    facts = reconcile([a, b], {})
    assert all(not f.conflicts for f in facts)
