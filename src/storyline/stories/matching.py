"""Decide which claims from different articles say the same thing.

Score = sentence-embedding similarity of the two clauses + shared rare words and names +
agreement of slots (a figure in the same slot, the same resolved date, the same named
source, the same main verb), minus penalties when the dates differ, when the two main verbs
differ, or when one claim reports what happened and the other only what is expected.
Candidate pairs
come from blocking (shared terms, equal figure values, equal dates), each claim meeting at
most MAX_POSTING others per key, so the work grows with the number of claims times a bounded
posting length, not with all pairs.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from storyline.embed import Vectors, embed
from storyline.model import Claim, Figure, TimeExpr
from storyline.names import name_key

#: Turns texts into unit vectors (rows); swapped for a fake in unit tests.
Embedder = Callable[[Sequence[str]], Vectors]

#: Score from which two claims in different articles count as the same statement.
MATCH_THRESHOLD = 0.45
#: Two groups merge only when their members score at least this on average.
LINK_THRESHOLD = 0.30
#: Per blocking key, each claim is paired with at most this many of the next claims sharing it.
MAX_POSTING = 20
#: Two groups are compared on at most this many members each (their first, best-matched).
LINK_SAMPLE = 10
#: Scores are compared to this many decimals (finer digits are float noise).
SCORE_DIGITS = 6
_WIDE = {"about", "around", "roughly", "approximately", "some", "nearly", "almost",
         "an estimated", "estimated"}  # fmt: skip
_LOWER_BOUND = {"more than", "at least", "over"}
_UPPER_BOUND = {"up to", "less than", "fewer than", "at most", "under"}
_UNREALISED = {"expected", "planned", "possible", "future", "hoped", "wanted", "proposed",
               "promised", "threatened", "attempted", "obligation"}  # fmt: skip
#: Verbs too general to tell two statements apart ("has", "made", "said"): neither agreement
#: nor a difference in them counts.
LIGHT_VERBS = frozenset({"be", "have", "do", "say", "make", "get", "take", "go", "come", "give",
                         "tell", "report", "add", "include"})  # fmt: skip


_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": None, "\u201d": None,
                              '"': None, "`": None})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each signal counts; one configuration for every dataset.

    Chosen with MATCH_THRESHOLD, LINK_THRESHOLD and MAX_POSTING on the ECB+ dev topics
    (`python -m evals.reconcile_calibrate`; the rule is in docs/EVALUATION.md).
    """

    embedding: float = 0.4
    words: float = 0.5
    figure: float = 0.3
    date: float = 0.1
    modality: float = 0.2
    source: float = 0.1
    predicate: float = 0.1


def predicate_agreement(a: Claim, b: Claim) -> float:
    """Return 1 when two claims' main verbs are the same, -1 when they differ, else 0.

    `fired 21 missiles since February` and `fired them on lofted trajectories` share a verb
    (and may still say different things); `has no nuclear weapons` and `called for the North
    to abandon its weapons` do not. Light verbs and a missing verb say nothing either way.
    """
    pa, pb = a.predicate, b.predicate
    if not pa or not pb or pa in LIGHT_VERBS or pb in LIGHT_VERBS:
        return 0.0
    return 1.0 if pa == pb else -1.0


def figures_compatible(a: Figure, b: Figure) -> bool:
    """Tell whether two figures for the same slot can both be true (their ranges overlap)."""
    lo_a, hi_a = figure_range(a)
    lo_b, hi_b = figure_range(b)
    return lo_a <= hi_b and lo_b <= hi_a


def figure_range(f: Figure) -> tuple[float, float]:
    """Return the values a figure allows: "at least 12" is [12, inf), "about 40" is 40 +- 10%."""
    q, v = (f.qualifier or "").lower(), f.value
    if q in _LOWER_BOUND:
        return v, math.inf
    if q in _UPPER_BOUND:
        return -math.inf, v
    spread = abs(v) * (0.1 if q in _WIDE else 0.02)
    return v - spread, v + spread


def slot(f: Figure) -> tuple[str | None, str | None]:
    """Return what a figure measures: its unit and the noun it counts."""
    return (f.unit, f.counts)


def figure_agreement(a: Claim, b: Claim) -> float:
    """Return 1 for an equal figure in a shared slot, 0.5 for a rival value there, else 0."""
    best = 0.0
    for fa in a.figures:
        for fb in b.figures:
            if slot(fa) == slot(fb) and slot(fa) != (None, None):
                best = max(best, 1.0 if figures_compatible(fa, fb) else 0.5)
            elif fa.unit and fa.unit == fb.unit and None in (fa.counts, fb.counts):
                # "$9.6 billion of cargo" ~ "$9.6 billion": one side just does not say what.
                best = max(best, 1.0 if figures_compatible(fa, fb) else 0.0)
    return best


def plain_text(text: str) -> str:
    """Return a sentence's words without case, quotation marks or spacing, to tell one
    sentence copied by two outlets (`“...”` in one, `"..."` in the other) from two."""
    return " ".join(text.translate(_QUOTE_MARKS).lower().split()).strip("' ")


def full_dates(claim: Claim) -> set[str]:
    """Return the full dates (YYYY-MM-DD) a claim's time expressions resolve to."""
    return {t.value for t in claim.times if t.value and len(t.value) == 10}


def written_date(t: TimeExpr) -> bool:
    """Tell whether a date is written with its day (`March 24`, `23/03`), not a weekday, a
    relative date or a holiday's name whose year comes from the article (`New Year's Eve`):
    only such dates can put two sources at odds over a day."""
    return t.kind == "date" and any(c.isdigit() for c in t.text)


def term_weights(claims: Sequence[Claim]) -> dict[str, float]:
    """Return each term's inverse document frequency over the story's claims."""
    df: Counter[str] = Counter()
    for claim in claims:
        df.update(_terms(claim))
    n = len(claims) or 1
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}


def _terms(claim: Claim) -> set[str]:
    return {*claim.keywords, *claim.entities}


def word_overlap(a: Claim, b: Claim, idf: Mapping[str, float]) -> float:
    """Return the IDF-weighted share of terms two claims have in common."""
    ta, tb = _terms(a), _terms(b)
    union = sum(idf.get(t, 1.0) for t in ta | tb)
    return sum(idf.get(t, 1.0) for t in ta & tb) / union if union else 0.0


def similarity(a: Claim, b: Claim, cosine: float, idf: Mapping[str, float],
               w: Weights = Weights()) -> float:  # fmt: skip
    """Return how likely two claims state the same thing (higher is more alike)."""
    unrealised = (a.modality in _UNREALISED) != (b.modality in _UNREALISED)
    dates_a, dates_b = full_dates(a), full_dates(b)
    dated = 1.0 if dates_a & dates_b else -1.0 if dates_a and dates_b else 0.0
    same_source = bool(
        a.attribution and b.attribution and name_key(a.attribution) == name_key(b.attribution)
    )
    return (w.embedding * cosine + w.words * word_overlap(a, b, idf)
            + w.figure * figure_agreement(a, b) + w.date * dated + w.source * same_source
            + w.predicate * predicate_agreement(a, b) - w.modality * unrealised)  # fmt: skip


def candidate_pairs(claims: Sequence[Claim]) -> set[tuple[int, int]]:
    """Return index pairs of claims from different articles that share a blocking key."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        keys = _terms(claim) | {f"#{f.value:g}" for f in claim.figures}
        keys |= {f"@{d}" for d in full_dates(claim)}
        for key in keys:
            postings[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        # A key shared by very many claims is not dropped: in a large story those keys are
        # exactly the terms, figures and dates of the facts most articles report. Each claim
        # meets the next MAX_POSTING claims holding the key instead (claims are in article
        # order), which keeps the work O(claims x keys x MAX_POSTING).
        for at, i in enumerate(members):
            for j in members[at + 1 : at + 1 + MAX_POSTING]:
                if claims[i].span.article_id != claims[j].span.article_id:
                    pairs.add((i, j))
    return pairs


def clause_text(claim: Claim, texts: Mapping[str, str]) -> str:
    """Return the clause a claim was read from (the sentence when no clause is known)."""
    span = claim.clause or claim.span
    return texts[span.article_id][span.start : span.end]


class Scorer:
    """Scores any pair of a story's claims; embeds every clause once."""

    def __init__(self, claims: Sequence[Claim], texts: Mapping[str, str],
                 embedder: Embedder = embed) -> None:  # fmt: skip
        self.claims = claims
        self.vectors = embedder([clause_text(c, texts) for c in claims]) if claims else None
        self.idf = term_weights(claims)
        self._memo: dict[tuple[int, int], float] = {}

    def __call__(self, i: int, j: int) -> float:
        key = (min(i, j), max(i, j))
        if key not in self._memo:
            assert self.vectors is not None
            cosine = float(self.vectors[i] @ self.vectors[j])
            score = similarity(self.claims[i], self.claims[j], cosine, self.idf)
            # The last bits of an embedding change with the machine's thread count; rounded,
            # equal sentences tie and the order of claims breaks the tie on every engine.
            self._memo[key] = round(score, SCORE_DIGITS)
        return self._memo[key]

    def ranked_pairs(self) -> list[tuple[float, int, int]]:
        """Return (score, i, j) for every candidate pair, best first."""
        scored = [(self(i, j), i, j) for i, j in candidate_pairs(self.claims)]
        return sorted(scored, key=lambda t: (-t[0], t[1], t[2]))


def group_claims(claims: Sequence[Claim], texts: Mapping[str, str],
                 threshold: float = MATCH_THRESHOLD,
                 embedder: Embedder = embed,
                 scorer: Scorer | None = None) -> list[list[Claim]]:  # fmt: skip
    """Merge claims best match first.

    A group never holds two claims of one article, and two groups merge only when their
    members are alike on average: a chain A~B~C where A and C say different things stays
    split instead of gluing unrelated statements together. `scorer`, when given, must score
    these `claims` (the caller keeps it to score pairs of the groups later).
    """
    scorer = scorer or Scorer(claims, texts, embedder)
    group_of = list(range(len(claims)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(claims))}
    articles: dict[int, set[str]] = {i: {c.span.article_id} for i, c in enumerate(claims)}
    for score, i, j in scorer.ranked_pairs():
        if score < threshold:
            break
        gi, gj = group_of[i], group_of[j]
        if gi == gj or articles[gi] & articles[gj]:
            continue
        if len(members[gi]) < len(members[gj]):
            gi, gj = gj, gi  # relabel the smaller group: O(n log n) relabelling in all
        # Comparing every member pair would be quadratic in the size of a fact that most
        # articles of a large story report; the first members are the best-matched core.
        pairs = [(x, y) for x in members[gi][:LINK_SAMPLE] for y in members[gj][:LINK_SAMPLE]]
        if sum(scorer(x, y) for x, y in pairs) / len(pairs) < LINK_THRESHOLD:
            continue
        for k in members[gj]:
            group_of[k] = gi
        members[gi].extend(members.pop(gj))
        articles[gi] |= articles.pop(gj)
    return [[claims[k] for k in sorted(ms)] for ms in members.values()]
