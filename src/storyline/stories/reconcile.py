"""Group claims that say the same thing across articles into facts, count independent
sources, and flag figures the sources state incompatibly.

First version: claims match on shared content lemmas and named entities (blocked through an
inverted index so only claims sharing words are compared).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations

from storyline.model import (
    Claim,
    Conflict,
    Doc,
    Evidence,
    Fact,
    FactStatus,
    Figure,
    Variant,
    content_id,
)
from storyline.stories.copies import CopyLink, source_group

#: Score from which two claims in different articles count as the same statement.
MATCH_THRESHOLD = 0.33
#: A sentence this long repeated word for word by two articles is copied, not corroborated.
VERBATIM_MIN_WORDS = 8
#: Keywords shared by more claims than this are too common to block on.
MAX_POSTING = 200
_WIDE = {
    "about",
    "around",
    "roughly",
    "approximately",
    "some",
    "nearly",
    "almost",
    "an estimated",
    "estimated",
}
_LOWER_BOUND = {"more than", "at least", "over"}
_UPPER_BOUND = {"up to", "less than", "fewer than", "at most", "under"}


def claim_similarity(a: Claim, b: Claim, idf: Mapping[str, float] | None = None) -> float:
    """Return how alike two claims are, from 0 to 1.

    Shared words and entities count by their rarity in the story (`idf`), so "Suez Canal" in
    every sentence matters little; an equal figure in the same slot ("400 m", "369 ships")
    counts on its own, because the same number is strong evidence of the same statement.
    """
    terms_a, terms_b = {*a.keywords, *a.entities}, {*b.keywords, *b.entities}
    weights = idf or {}

    def weight(term: str) -> float:
        return weights.get(term, 1.0)

    union = sum(weight(t) for t in terms_a | terms_b) or 1.0
    words = sum(weight(t) for t in terms_a & terms_b) / union
    return min(1.0, words + 0.25 * _figure_agreement(a, b) + 0.15 * _same_date(a, b))


def _figure_agreement(a: Claim, b: Claim) -> float:
    """Return 1 for an equal figure in a shared slot, 0.5 for a rival value there, else 0."""
    best = 0.0
    for fa in a.figures:
        for fb in b.figures:
            if _same_slot(fa, fb):
                best = max(best, 1.0 if figures_compatible(fa, fb) else 0.5)
            elif fa.unit and fa.unit == fb.unit and None in (fa.counts, fb.counts):
                # "$9.6 billion of cargo" ~ "$9.6 billion": one side just does not say what.
                best = max(best, 1.0 if figures_compatible(fa, fb) else 0.0)
    return best


def _same_slot(a: Figure, b: Figure) -> bool:
    return _slot(a) == _slot(b) and _slot(a) != (None, None)


def _same_date(a: Claim, b: Claim) -> float:
    """Return 1 when both claims resolve to a common full date."""
    dates_a = {t.value for t in a.times if t.value and len(t.value) == 10}
    return 1.0 if dates_a & {t.value for t in b.times if t.value} else 0.0


def term_weights(claims: Sequence[Claim]) -> dict[str, float]:
    """Return each term's inverse document frequency over the story's claims."""
    df: Counter[str] = Counter()
    for claim in claims:
        df.update({*claim.keywords, *claim.entities})
    n = len(claims) or 1
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}


def figures_compatible(a: Figure, b: Figure) -> bool:
    """Tell whether two figures for the same slot can both be true (their ranges overlap)."""
    lo_a, hi_a = _range(a)
    lo_b, hi_b = _range(b)
    return lo_a <= hi_b and lo_b <= hi_a


def _range(f: Figure) -> tuple[float, float]:
    """Return the values a figure allows: "at least 12" is [12, inf), "about 40" is 40 +- 10%."""
    q, v = (f.qualifier or "").lower(), f.value
    if q in _LOWER_BOUND:
        return v, math.inf
    if q in _UPPER_BOUND:
        return -math.inf, v
    spread = abs(v) * (0.1 if q in _WIDE else 0.02)
    return v - spread, v + spread


def _slot(f: Figure) -> tuple[str | None, str | None]:
    return (f.unit, f.counts)


def reconcile(docs: Sequence[Doc], copies: dict[str, CopyLink]) -> tuple[Fact, ...]:
    """Return the story's facts, most independently supported first."""
    claims = [c for d in docs for c in d.claims]
    published = {d.id: d.article.published or "9999" for d in docs}
    groups = _group(claims)
    facts = [_fact(members, copies, published) for members in groups]
    return tuple(
        sorted(
            facts,
            key=lambda f: (
                -f.independent_sources,
                -len(f.article_ids),
                f.status != "conflicting",
                f.text,
            ),
        )
    )


def _group(claims: list[Claim]) -> list[list[Claim]]:
    """Merge claims best match first; a group never holds two claims of one article."""
    idf = term_weights(claims)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        for term in {*claim.keywords, *claim.entities}:
            postings[term].append(i)
    scored: list[tuple[float, int, int]] = []
    seen: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > MAX_POSTING:
            continue
        for i, j in combinations(members, 2):
            if (i, j) in seen or claims[i].span.article_id == claims[j].span.article_id:
                continue
            seen.add((i, j))
            score = claim_similarity(claims[i], claims[j], idf)
            if score >= MATCH_THRESHOLD:
                scored.append((score, i, j))
    group_of = list(range(len(claims)))
    members_of: dict[int, list[int]] = {i: [i] for i in range(len(claims))}
    for _, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        gi, gj = group_of[i], group_of[j]
        if gi == gj or _share_article(claims, members_of[gi], members_of[gj]):
            continue
        for k in members_of[gj]:
            group_of[k] = gi
        members_of[gi].extend(members_of.pop(gj))
    return [[claims[k] for k in sorted(ms)] for ms in members_of.values()]


def _share_article(claims: list[Claim], a: list[int], b: list[int]) -> bool:
    return bool({claims[k].span.article_id for k in a} & {claims[k].span.article_id for k in b})


def _fact(members: list[Claim], copies: dict[str, CopyLink], published: dict[str, str]) -> Fact:
    lead = min(members, key=lambda c: (published[c.span.article_id], c.span.start, c.id))
    article_ids = tuple(sorted({c.span.article_id for c in members}))
    independent = count_independent(members, copies)
    conflicts = _conflicts(members)
    status: FactStatus = (
        "conflicting" if conflicts else "corroborated" if independent >= 2 else "single-source"
    )
    evidence = tuple(Evidence(c.span, c.text) for c in sorted(members, key=lambda c: c.span))
    return Fact(
        id=content_id(*sorted(c.id for c in members), prefix="f"),
        text=lead.text,
        status=status,
        article_ids=article_ids,
        independent_sources=independent,
        evidence=evidence,
        conflicts=conflicts,
        date=_date(members),
    )


def count_independent(members: Sequence[Claim], copies: dict[str, CopyLink]) -> int:
    """Count sources once per copy group, and once per sentence copied word for word.

    Whole-article copy detection misses partial syndication (a wire paragraph pasted into a
    longer story); a long sentence repeated verbatim by two outlets is that copy.
    """
    parent = {source_group(c.span.article_id, copies): "" for c in members}
    for key in parent:
        parent[key] = key

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    first_with: dict[str, str] = {}
    for claim in members:
        words = claim.text.lower().split()
        group = source_group(claim.span.article_id, copies)
        if len(words) < VERBATIM_MIN_WORDS:
            continue
        seen = first_with.setdefault(" ".join(words), group)
        parent[root(group)] = root(seen)
    return len({root(key) for key in parent})


def _conflicts(members: list[Claim]) -> tuple[Conflict, ...]:
    """Return each figure slot whose values, across articles, cannot all be true.

    Only claims with a single figure in a slot take part: a sentence giving two dollar
    amounts does not say which of them is the one another source disputes.
    """
    by_slot: dict[tuple[str | None, str | None], list[tuple[Figure, Claim]]] = defaultdict(list)
    for claim in members:
        slots = Counter(_slot(f) for f in claim.figures)
        for fig in claim.figures:
            if slots[_slot(fig)] == 1:
                by_slot[_slot(fig)].append((fig, claim))
    out: list[Conflict] = []
    for slot, items in sorted(by_slot.items(), key=lambda kv: str(kv[0])):
        variants = _variants(items)
        if _disagree(variants):
            unit, counts = slot
            out.append(Conflict(f"figure:{counts or unit or 'number'}", tuple(variants)))
    return tuple(out)


def _disagree(variants: list[Variant]) -> bool:
    """Tell whether some article states one value and another article a rival value only.

    "400 m long and 59 m wide" in one sentence is two values in one slot, not a conflict.
    """
    sets = [set(v.article_ids) for v in variants]
    return any(a - b and b - a for a, b in combinations(sets, 2))


def _variants(items: list[tuple[Figure, Claim]]) -> list[Variant]:
    """Split figures into groups of mutually compatible values, one variant per group."""
    groups: list[list[tuple[Figure, Claim]]] = []
    for fig, claim in sorted(items, key=lambda fc: fc[0].value):
        home = next((g for g in groups if all(figures_compatible(fig, f) for f, _ in g)), None)
        if home is None:
            groups.append([(fig, claim)])
        else:
            home.append((fig, claim))
    return [
        Variant(
            value=g[0][0].text,
            article_ids=tuple(sorted({c.span.article_id for _, c in g})),
            evidence=tuple(Evidence(c.span, c.text) for _, c in g),
        )
        for g in groups
    ]


def _date(members: list[Claim]) -> str | None:
    """Return the full date the claims most often resolve to, if any."""
    dates = Counter(t.value for c in members for t in c.times if t.value and len(t.value) == 10)
    return dates.most_common(1)[0][0] if dates else None
