"""Copy detection: syndicated copies link to the earliest original."""

from __future__ import annotations

from storyline.stories.copies import find_copies, source_group
from tests.conftest import make_article

PARAS = [
    "A giant container ship ran aground on Tuesday in the canal and blocked one of the world's "
    "busiest shipping lanes, officials said.",
    "Tugboats worked through the night to free the vessel, but it had not moved by morning.",
    "The ship had been bound for Rotterdam with a full load of containers from Asia.",
    "Traders said a long closure could delay deliveries of fuel and goods to Europe.",
]


def test_reordered_copy_with_a_dropped_paragraph_links_to_original() -> None:
    original = make_article("\n\n".join(PARAS), published="2021-03-24")
    copy = make_article(
        "\n\n".join([PARAS[0], PARAS[2], PARAS[1], "Distributed by the wire."]),
        published="2021-03-24",
    )
    other = make_article(
        "Shipping rates doubled as operators rerouted vessels around the Cape "
        "of Good Hope, adding a week to each voyage, analysts said on Friday.",
        published="2021-03-26",
    )
    links = find_copies([copy, original, other])
    assert set(links) == {copy.id}
    assert links[copy.id].original_id == original.id  # the longer of two same-day articles
    assert links[copy.id].similarity >= 0.5
    assert source_group(copy.id, links) == source_group(original.id, links) == original.id
    assert source_group(other.id, links) == other.id


def test_earlier_article_is_the_original() -> None:
    first = make_article("\n\n".join(PARAS[:3]), published="2021-03-23")
    later = make_article("\n\n".join(PARAS), published="2021-03-25")
    links = find_copies([later, first])
    assert links[later.id].original_id == first.id
