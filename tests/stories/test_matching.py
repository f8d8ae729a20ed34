"""Blocking and grouping of claims at the scale of a large story (no model)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.embed import Vectors
from storyline.model import Claim, Figure, Span
from storyline.stories import matching
from storyline.stories.matching import figures_compatible
from storyline.stories.reconcile import _figure_groups


def same_vector(texts: Sequence[str]) -> Vectors:
    """Embed every text alike: only blocking decides which claims get compared."""
    return np.ones((len(texts), 4), dtype=np.float32) / 2.0


def claim(article: int, keywords: tuple[str, ...]) -> Claim:
    aid = f"a{article}"
    return Claim(
        id=f"c{article}",
        span=Span(aid, 0, 20),
        text="The canal was blocked.",
        entities=(),
        predicate="block",
        keywords=keywords,
    )


def test_a_key_most_claims_share_still_pairs_each_claim_with_its_next_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(matching, "MAX_POSTING", 2)
    claims = [claim(k, ("canal", "block")) for k in range(6)]
    pairs = matching.candidate_pairs(claims)
    # Every claim meets the next two holding the key: a bounded number of pairs, not none.
    assert pairs == {(i, j) for i in range(6) for j in (i + 1, i + 2) if j < 6}


def test_a_fact_every_article_reports_becomes_one_fact(monkeypatch: pytest.MonkeyPatch) -> None:
    # Before the fix, a key in more than MAX_POSTING claims was dropped, so the fact most
    # articles of a large story report never matched and came out as many single claims.
    monkeypatch.setattr(matching, "MAX_POSTING", 3)
    monkeypatch.setattr(matching, "LINK_SAMPLE", 2)
    claims = [claim(k, ("canal", "block")) for k in range(12)]
    texts = {c.span.article_id: "The canal was blocked.!!" for c in claims}
    groups = matching.group_claims(claims, texts, embedder=same_vector)
    assert [len(g) for g in groups] == [12]


def test_the_main_verb_counts_for_or_against_a_match_unless_it_is_a_light_verb() -> None:
    pulled = dataclasses.replace(claim(1, ("ship",)), predicate="pull")
    towed = dataclasses.replace(claim(2, ("ship",)), predicate="tow")
    is_long = dataclasses.replace(claim(3, ("ship",)), predicate="be")
    assert matching.predicate_agreement(pulled, pulled) == 1.0
    assert matching.predicate_agreement(pulled, towed) == -1.0
    assert matching.predicate_agreement(pulled, is_long) == 0.0
    assert matching.predicate_agreement(pulled, dataclasses.replace(towed, predicate=None)) == 0.0
    # The same two clauses, alike in every other signal, score 0.2 apart by their verbs.
    idf = matching.term_weights([pulled, towed])
    same = matching.similarity(pulled, pulled, 0.8, idf)
    other = matching.similarity(pulled, towed, 0.8, idf)
    assert same - other == pytest.approx(2 * matching.Weights().predicate)


def test_claims_sharing_no_key_are_never_compared() -> None:
    claims = [claim(0, ("canal",)), claim(1, ("harbour",)), claim(2, ("canal",))]
    assert matching.candidate_pairs(claims) == {(0, 2)}


_QUALIFIERS = st.sampled_from([None, "about", "at least", "up to", "more than"])


@given(st.lists(st.tuples(st.integers(1, 60), _QUALIFIERS), min_size=1, max_size=12))
def test_figure_groups_are_what_pairwise_checks_would_give(
    values: list[tuple[int, str | None]],
) -> None:
    # The common interval of a group stands in for checking every member: same groups.
    items = []
    for k, (value, qualifier) in enumerate(values):
        fig = Figure(Span(f"a{k}", 0, 2), f"{value}", float(value), None, "ship", qualifier)
        items.append((fig, claim(k, ("ship",))))
    expected: list[list[Figure]] = []
    for fig, _ in sorted(items, key=lambda fc: fc[0].value):
        home = next((g for g in expected if all(figures_compatible(fig, f) for f in g)), None)
        if home is None:
            expected.append([fig])
        else:
            home.append(fig)
    groups = _figure_groups(items)
    assert [g[0][0].text for g in groups] == [g[0].text for g in expected]
    assert [len(g) for g in groups] == [len(g) for g in expected]
