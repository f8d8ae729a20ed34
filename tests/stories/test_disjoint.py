"""Disjoint sets agree with a naive grouping on random unions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.stories.disjoint import DisjointSets


@given(st.lists(st.tuples(st.integers(0, 15), st.integers(0, 15)), max_size=40))
def test_same_groups_as_naive_merging(unions: list[tuple[int, int]]) -> None:
    sets = DisjointSets(range(16))
    naive = [{i} for i in range(16)]
    for a, b in unions:
        sets.union(a, b)
        merged = naive[a] | naive[b]
        for k in merged:
            naive[k] = merged
    for i in range(16):
        for j in range(16):
            assert (sets.find(i) == sets.find(j)) == (j in naive[i])
    assert sorted(len(g) for g in sets.groups().values()) == sorted(
        len(g) for g in {id(g): g for g in naive}.values()
    )
