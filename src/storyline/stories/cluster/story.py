"""One story while it is being built (centroid, members, time span) and once it is finished."""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np

from storyline.model import StoryDecision as Decision
from storyline.stories.cluster.features import ArticleFeatures
from storyline.stories.cluster.score import KINDS, Vector, dot, kind_norms, top_per_kind

#: A member keeps this many of its strongest terms, for the split check and its centrality.
#: (The pairwise split check needs more than a few: at 30 terms two articles on one event
#: often share too little to tell them from two events of one kind.)
SKETCH_TERMS = 100
#: Stories larger than this are not checked for a split (the check is quadratic in members).
MAX_SPLIT_CHECK = 400


@dataclass(slots=True)
class Member:
    """An article in a story: what the split check and the centrality ranking need of it."""

    article_id: str
    day: float | None
    title: str
    sketch: Vector
    norms: dict[str, float]


@dataclass(frozen=True, slots=True)
class StoryGroup:
    """A finished story: its articles ranked by centrality, its time span and its log."""

    key: str
    article_ids: tuple[str, ...]  # most central first
    centrality: tuple[float, ...]  # cosine to the story centroid, same order
    first_day: float | None
    last_day: float | None
    log: tuple[Decision, ...] = ()


@dataclass(slots=True)
class StoryState:
    """A story still open to new articles."""

    key: int
    centroid: Vector = field(default_factory=dict)
    norm2: float = 0.0
    norms: dict[str, float] = field(default_factory=dict)  # squared norm per term kind
    members: list[Member] = field(default_factory=list)
    first: float | None = None
    last: float | None = None
    log: list[Decision] = field(default_factory=list)

    @property
    def norm(self) -> float:
        return math.sqrt(max(self.norm2, 0.0))

    def similarity(self, vec: Vector) -> float:
        """Return the cosine between a unit vector and this story's centroid."""
        norm = self.norm
        return dot(vec, self.centroid) / norm if norm else 0.0

    def add(self, feats: ArticleFeatures, vec: Vector, cap: int) -> tuple[list[str], list[str]]:
        """Add an article; return the centroid terms gained and the terms pruned away."""
        sketch = dict(heapq.nlargest(SKETCH_TERMS, vec.items(), key=itemgetter(1)))
        self.members.append(Member(feats.id, feats.day, feats.title, sketch, kind_norms(sketch)))
        if feats.day is not None:
            self.first = feats.day if self.first is None else min(self.first, feats.day)
            self.last = feats.day if self.last is None else max(self.last, feats.day)
        return self._add_vector(vec, cap)

    def absorb(self, other: StoryState, cap: int) -> tuple[list[str], list[str]]:
        """Take in every member of another story; return centroid terms gained and pruned."""
        self.members.extend(other.members)
        self.log.extend(other.log)
        for day in (other.first, other.last):
            if day is not None:
                self.first = day if self.first is None else min(self.first, day)
                self.last = day if self.last is None else max(self.last, day)
        return self._add_vector(other.centroid, cap)

    def _add_vector(self, vec: Vector, cap: int) -> tuple[list[str], list[str]]:
        cen, norms = self.centroid, self.norms
        added = []
        for term, w in vec.items():
            old = cen.get(term)
            if old is None:
                added.append(term)
                old = 0.0
            cen[term] = old + w
            change = 2 * old * w + w * w
            self.norm2 += change
            norms[term[0]] = norms.get(term[0], 0.0) + change
        if len(cen) <= 2 * cap * len(KINDS):
            return added, []
        keep = top_per_kind(cen, cap)
        dropped = [t for t in cen if t not in keep]
        self.centroid = keep
        self.norms = kind_norms(keep)
        self.norm2 = sum(self.norms.values())
        kept_added = [t for t in added if t in keep]
        return kept_added, [t for t in dropped if t not in set(added)]

    def first_title(self) -> str:
        """Return the headline of the story's first article."""
        return self.members[0].title if self.members else ""

    def finish(
        self,
        link: Callable[[Member, Member], float],
        threshold: float,
        least_cosine: float = 0.0,
        min_part: int = 1,
    ) -> list[StoryGroup]:
        """Split the story where its members fall apart, and rank each part by centrality.

        Two checks: members whose links (single link) all fall below `threshold` come apart;
        then, within each part, members are grouped so that every two in a group share at
        least `least_cosine` (complete link), and groups of fewer than `min_part` members
        go back to the group they are most alike on average.
        """
        parts = [
            group
            for part in _components(self.members, link, threshold)
            for group in complete_groups(part, least_cosine, min_part)
        ]
        parts.sort(key=len, reverse=True)
        main_title = parts[0][0].title
        logs: list[tuple[Decision, ...]] = [()]
        for part in parts[1:]:
            cross = max(link(m, o) for m in part for o in parts[0])
            self.log.append(Decision("split", None, round(cross, 4), part[0].title))
            logs.append((Decision("split", None, round(cross, 4), main_title),))
        logs[0] = tuple(self.log)
        return [
            self._group(str(self.key) if i == 0 else f"{self.key}.{i}", part, logs[i])
            for i, part in enumerate(parts)
        ]

    def _group(self, key: str, part: list[Member], log: tuple[Decision, ...]) -> StoryGroup:
        centroid: Vector = {}
        for m in part:
            for t, w in m.sketch.items():
                centroid[t] = centroid.get(t, 0.0) + w
        norm = math.sqrt(sum(w * w for w in centroid.values())) or 1.0
        ranked = sorted(
            ((dot(m.sketch, centroid) / norm, i) for i, m in enumerate(part)),
            # Rounded so that sums taken in another order (set order varies by process) tie
            # exactly and fall back to arrival order: the ranking is the same on every run.
            key=lambda si: (-round(si[0], 9), si[1]),
        )
        days = [m.day for m in part if m.day is not None]
        return StoryGroup(
            key,
            tuple(part[i].article_id for _, i in ranked),
            tuple(round(s, 4) for s, _ in ranked),
            min(days) if days else None,
            max(days) if days else None,
            log,
        )


def complete_groups(members: list[Member], least: float, min_part: int) -> list[list[Member]]:
    """Group members so that every two in a group have cosine >= `least` (complete link).

    Groups smaller than `min_part` rejoin the larger group they are most alike on average,
    so that one odd article (a round-up, an explainer) does not become a story of its own.
    """
    n = len(members)
    if n < 2 or n > MAX_SPLIT_CHECK or least <= 0.0:
        return [members]
    sims = _cosines(members)
    merged = sims.copy()
    np.fill_diagonal(merged, -np.inf)
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    while len(groups) > 1:
        flat = int(np.argmax(merged))
        i, j = divmod(flat, n)
        if merged[i, j] < least:
            break
        # complete link: the merged group is as alike to another as its least alike member
        row = np.minimum(merged[i], merged[j])
        merged[i], merged[:, i] = row, row
        merged[i, i] = -np.inf
        merged[j], merged[:, j] = -np.inf, -np.inf
        groups[i].extend(groups.pop(j))
    if len(groups) == 1:
        return [members]
    big = [g for g in groups.values() if len(g) >= min_part]
    if not big:
        return [[members[k] for k in g] for g in groups.values()]
    out = [list(g) for g in big]
    for g in groups.values():
        if len(g) >= min_part:
            continue
        for k in g:
            best = max(range(len(big)), key=lambda b: (float(sims[k, big[b]].mean()), -b))
            out[best].append(k)
    return [[members[k] for k in sorted(g)] for g in out]


def _cosines(members: Sequence[Member]) -> np.ndarray:
    """Return the members' pairwise cosines over their sketches."""
    column: dict[str, int] = {}
    for m in members:
        for t in m.sketch:
            column.setdefault(t, len(column))
    matrix = np.zeros((len(members), len(column)), dtype=np.float32)
    for r, m in enumerate(members):
        for t, w in m.sketch.items():
            matrix[r, column[t]] = w
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.where(norms > 0, norms, 1.0)
    return matrix @ matrix.T


def _components(
    members: list[Member], link: Callable[[Member, Member], float], threshold: float
) -> list[list[Member]]:
    """Return the groups of members connected by links at or above the threshold."""
    if len(members) < 2 or len(members) > MAX_SPLIT_CHECK:
        return [list(members)]
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            if root(i) != root(j) and link(members[i], members[j]) >= threshold:
                parent[root(j)] = root(i)
    groups: dict[int, list[Member]] = {}
    for i, m in enumerate(members):
        groups.setdefault(root(i), []).append(m)
    return list(groups.values())
