"""Find articles that copy one another (syndication, reposts) so copies never count twice.

Exact word-shingle containment: a copy that drops or reorders paragraphs still shares most
of its 5-word shingles with the original. Quadratic in articles per story, which is fine for
a story; corpus-scale near-duplicate search belongs to the clustering stage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.model import Article, CopyLink

SHINGLE = 5
#: Share of the smaller article's shingles found in the other above which one copies the other.
COPY_CONTAINMENT = 0.5


def shingles(text: str, size: int = SHINGLE) -> set[tuple[str, ...]]:
    """Return the set of lower-cased word n-grams of a text."""
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def find_copies(articles: Sequence[Article]) -> dict[str, CopyLink]:
    """Map each copied article's id to its original (the earliest, then the longest)."""
    sets = [shingles(a.text) for a in articles]
    parent = list(range(len(articles)))
    best: dict[int, float] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            small = min(len(sets[i]), len(sets[j])) or 1
            share = len(sets[i] & sets[j]) / small
            if share >= COPY_CONTAINMENT:
                parent[root(j)] = root(i)
                best[i] = max(best.get(i, 0.0), share)
                best[j] = max(best.get(j, 0.0), share)
    groups: dict[int, list[int]] = {}
    for i in range(len(articles)):
        groups.setdefault(root(i), []).append(i)
    links: dict[str, CopyLink] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        first = min(
            members, key=lambda k: (articles[k].published or "9999", -len(articles[k].text), k)
        )
        for k in members:
            if k != first:
                links[articles[k].id] = CopyLink(
                    articles[k].id, articles[first].id, round(best[k], 3)
                )
    return links


def source_group(article_id: str, links: dict[str, CopyLink]) -> str:
    """Return the id that stands for an article's copy group (its original)."""
    link = links.get(article_id)
    return link.original_id if link else article_id
