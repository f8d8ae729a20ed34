"""How alike an article and a story are: one similarity per kind of term, combined linearly.

Names, headline words, body words, numbers and dates say different things about whether two
texts report the same event, so each kind gets its own cosine and its own weight; time apart
costs score. The weights are fitted once, on the development halves of the two evaluation
datasets (`python -m evals.clusterfit`), and shipped in `ClusterConfig.weights`.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Mapping, Sequence

Vector = dict[str, float]

#: Term kinds, by the first letter of a term: entity, title/lead word, body word, number, date.
KINDS = "etwnd"
#: What the linear model sees of a pair, in this order (a leading bias weight comes first).
FEATURES = (
    "cos_all",
    "cos_entity",
    "cos_title",
    "cos_body",
    "cos_number",
    "cos_date",
    "log_gap",
    "mean_link",
)


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Return the dot product of two sparse vectors."""
    return sum(a[t] * b[t] for t in a.keys() & b.keys())


def kind_norms(vec: Mapping[str, float]) -> dict[str, float]:
    """Return the squared norm of a vector's part of each kind."""
    out = dict.fromkeys(KINDS, 0.0)
    for term, w in vec.items():
        out[term[0]] = out.get(term[0], 0.0) + w * w
    return out


def pair_features(
    a: Mapping[str, float],
    a_norms: Mapping[str, float],
    b: Mapping[str, float],
    b_norms: Mapping[str, float],
    gap: float | None,
    time_scale: float,
) -> list[float]:
    """Return the feature values of a pair of vectors `gap` days apart (None: unknown)."""
    dots = dict.fromkeys(KINDS, 0.0)
    for term in a.keys() & b.keys():
        dots[term[0]] += a[term] * b[term]
    total_a = sum(a_norms.values())
    total_b = sum(b_norms.values())
    denom = math.sqrt(total_a * total_b)
    feats = [sum(dots.values()) / denom if denom else 0.0]
    for kind in KINDS:
        denom = math.sqrt(a_norms.get(kind, 0.0) * b_norms.get(kind, 0.0))
        feats.append(dots[kind] / denom if denom else 0.0)
    feats.append(math.log1p(gap / time_scale) if gap is not None else 0.0)
    return feats


def top_per_kind(vec: Mapping[str, float], limit: int) -> dict[str, float]:
    """Keep each kind's `limit` heaviest terms, so no kind crowds out the others."""
    counts = Counter(term[0] for term in vec)
    if max(counts.values(), default=0) <= limit:
        return dict(vec)
    out = {t: w for t, w in vec.items() if counts[t[0]] <= limit}
    for kind, n in counts.items():
        if n > limit:
            mine = [(w, t) for t, w in vec.items() if t[0] == kind]
            out.update((t, w) for w, t in heapq.nlargest(limit, mine))
    return out


def linear(weights: Sequence[float], feats: Sequence[float]) -> float:
    """Return bias + weights . features (the log-odds that a pair is one event)."""
    return weights[0] + sum(w * x for w, x in zip(weights[1:], feats, strict=True))


def span_gap(day: float | None, first: float | None, last: float | None) -> float | None:
    """Return the days between a day and a span, 0 inside it, None when either is unknown."""
    if day is None or first is None or last is None:
        return None
    return max(0.0, first - day, day - last)
