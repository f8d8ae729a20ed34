"""Find articles that copy one another (syndication, reposts) so copies never count twice.

A copy shares most of its 5-word shingles with its original even when it drops or reorders
paragraphs, rewrites the headline or swaps the boilerplate. Up to `EXACT_LIMIT` articles are
compared pair by pair on their exact shingle sets; above that, MinHash LSH (`dedupe.py`)
proposes the candidate pairs and the exact sets confirm them, so cost grows with the number
of articles, not with its square.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.model import Article, CopyLink
from storyline.stories.cluster.features import day_of
from storyline.stories.dedupe import (
    COPY_CONTAINMENT,
    SHINGLE,
    CopyGroups,
    CopyIndex,
    Fingerprint,
    Match,
    SiteTemplate,
    fingerprint,
    rank_of,
)

#: Up to this many articles, every pair is compared exactly.
EXACT_LIMIT = 200


def shingles(text: str, size: int = SHINGLE) -> set[tuple[str, ...]]:
    """Return the set of lower-cased word n-grams of a text."""
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def containment(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    """Return the share of the smaller set found in the other."""
    small = min(len(a), len(b)) or 1
    return len(a & b) / small


def find_copies(articles: Sequence[Article]) -> dict[str, CopyLink]:
    """Map each copied article's id to its original (the earliest, then the longest)."""
    template = SiteTemplate()
    for a in articles:
        template.observe(a.source, a.text)
    texts = {a.id: template.clean(a.source, a.text) for a in articles}
    sets = {aid: shingles(text) for aid, text in texts.items()}
    groups = CopyGroups()
    prints = [fingerprint(a.id, texts[a.id], day_of(a.published)) for a in articles]
    ranks = {fp.id: rank_of(fp, i) for i, fp in enumerate(prints)}
    for match in _candidates(articles, prints):
        share = containment(sets[match.article_id], sets[match.other_id])
        if share >= COPY_CONTAINMENT:
            pair = (ranks[match.article_id], ranks[match.other_id])
            groups.link(Match(match.article_id, match.other_id, round(share, 3)), pair)
    return {
        copy: CopyLink(copy, original, similarity)
        for copy, (original, similarity) in groups.links().items()
    }


def _candidates(articles: Sequence[Article], prints: Sequence[Fingerprint]) -> list[Match]:
    """Return the pairs worth an exact check: every pair when few, else what LSH proposes."""
    if len(articles) <= EXACT_LIMIT:
        return [
            Match(articles[j].id, articles[i].id, 0.0)
            for i in range(len(articles))
            for j in range(i + 1, len(articles))
        ]
    # The LSH check is loose (a low estimated containment) so the exact check decides.
    index = CopyIndex(window_days=float("inf"), window_articles=len(articles), threshold=0.3)
    found = []
    for fp in prints:
        found.extend(index.add(fp))
    return found


def source_group(article_id: str, links: dict[str, CopyLink]) -> str:
    """Return the id that stands for an article's copy group (its original)."""
    link = links.get(article_id)
    return link.original_id if link else article_id
