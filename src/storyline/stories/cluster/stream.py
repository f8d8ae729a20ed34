"""Incremental story clustering: each new article joins the best active story or starts one.

An article is compared only with the stories that share its strongest terms (an inverted
index over story centroids), never with every story: cost per article is bounded by the
speed knob, not by the size of the stream. Stories nothing has joined for a while retire
from memory and come out as finished `StoryGroup`s, so memory holds the active window only.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain

from storyline.model import StoryDecision as Decision
from storyline.stories.cluster.config import DEFAULT_CONFIG, ClusterConfig
from storyline.stories.cluster.features import ArticleFeatures
from storyline.stories.cluster.score import (
    Vector,
    kind_norms,
    linear,
    pair_features,
    span_gap,
    top_per_kind,
)
from storyline.stories.cluster.story import Member, StoryGroup, StoryState

#: How often (in articles) a stream's cached IDF values are recomputed, once it is past
#: its first few thousand articles.
_IDF_EVERY = 20_000
#: How often (in articles) retired stories are looked for, besides once a day.
_SWEEP_EVERY = 256


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went: its story key, and the score that put it there (None: new)."""

    article_id: str
    story: int
    score: float | None


class StoryClusterer:
    """Cluster a stream of articles into stories, one article at a time."""

    def __init__(
        self,
        config: ClusterConfig = DEFAULT_CONFIG,
        prior_df: Mapping[str, int] | None = None,
        prior_n: int = 0,
    ) -> None:
        """Start empty; with `prior_df` (of `prior_n` articles) the term statistics are fixed."""
        self.config = config
        self._df: dict[str, int] = dict(prior_df or {})
        self._n = prior_n
        self._prior = prior_df is not None
        self._stories: dict[int, StoryState] = {}
        self._postings: dict[str, set[int]] = {}
        self._story_of: dict[str, int] = {}  # article id -> story key, active stories only
        # Retirement queues of (last day or last arrival, key, size when pushed); an entry
        # whose story has grown or merged since is stale and skipped.
        self._by_day: list[tuple[float, int, int]] = []
        self._by_arrival: list[tuple[float, int, int]] = []
        self._finished: list[StoryGroup] = []
        self._next_key = 0
        self._arrivals = 0
        self._today: float | None = None
        self._swept: float | None = None  # the day of the last sweep
        # IDF values move slowly on a stream; they are cached and recomputed every so often.
        self._idf_cache: dict[str, float] = {}

    # --- public --------------------------------------------------------------------------

    def add(self, feats: ArticleFeatures, copy_of: str | None = None) -> Assignment:
        """Place one article; a copy of an article still in memory joins that article's story."""
        self._arrivals += 1
        if feats.day is not None:
            self._today = feats.day if self._today is None else max(self._today, feats.day)
        if not self._prior:
            self._count(feats)
        vec = self.vector(feats)
        target = self._story_of.get(copy_of) if copy_of else None
        if target is not None:
            result = Assignment(feats.id, target, 1.0)
        else:
            result = self._place(feats, vec)
        story = self._stories[result.story]
        self._grow(story, feats, vec)
        if self._arrivals % _SWEEP_EVERY == 0 or self._today != self._swept:
            self._swept = self._today
            self._sweep()
        if not self._prior and (
            self._arrivals % _IDF_EVERY == 0 or self._arrivals & (self._arrivals - 1) == 0
        ):
            self._idf_cache.clear()  # and at every power of two, while the counts are young
        return result

    def warm_up(self, features: Iterable[ArticleFeatures]) -> None:
        """Count term statistics from articles that are not clustered (e.g. yesterday's news).

        A stream that starts cold weights its first articles with statistics from a handful
        of documents, and what a story's centroid takes in then stays in it.
        """
        for feats in features:
            self._count(feats)
        self._idf_cache.clear()

    def single(self, features: Iterable[ArticleFeatures]) -> StoryGroup:
        """Return every article as one story, ranked by centrality (no clustering, no log)."""
        story = StoryState(-1)
        for feats in features:
            story.add(feats, self.vector(feats), self.config.centroid_terms)
        return story.finish(lambda _a, _b: 0.0, float("-inf"))[0]

    def drain(self) -> Iterator[StoryGroup]:
        """Yield and forget the stories retired so far."""
        done, self._finished = self._finished, []
        yield from done

    def finish(self) -> Iterator[StoryGroup]:
        """Retire every remaining story and yield all stories not yet drained."""
        # Smallest first: a fragment gets its second chance while the big stories are open.
        for key in sorted(self._stories, key=lambda k: len(self._stories[k].members)):
            if key in self._stories:
                self._close(key)
        yield from self.drain()

    def members(self, key: int) -> tuple[str, ...]:
        """Return the ids of the articles in an active story (empty once it has retired)."""
        story = self._stories.get(key)
        return tuple(m.article_id for m in story.members) if story else ()

    @property
    def arrivals(self) -> int:
        """Return how many articles have been added."""
        return self._arrivals

    @property
    def active(self) -> int:
        """Return how many stories are held in memory."""
        return len(self._stories)

    # --- scoring -------------------------------------------------------------------------

    def _idf(self, term: str) -> float:
        value = self._idf_cache.get(term)
        if value is None:
            # `idf_prior` documents in which no term occurs steady the estimate on small
            # inputs, where the words every article shares would otherwise count for little.
            n = self._n + self.config.idf_prior
            value = math.log((n + 1) / (self._df.get(term, 0) + 1)) + 1.0
            self._idf_cache[term] = value
        return value

    def vector(self, feats: ArticleFeatures) -> Vector:
        """Return the article's unit-length TF-IDF vector, cut to its strongest terms."""
        cache, idf = self._idf_cache, self._idf
        weighted = {}
        for term, w in feats.terms.items():
            value = cache.get(term)
            weighted[term] = w * (idf(term) if value is None else value)
        top = top_per_kind(weighted, self.config.article_terms)
        norm = math.sqrt(sum(w * w for w in top.values())) or 1.0
        return {t: w / norm for t, w in top.items()}

    def _candidates(self, vec: Vector) -> list[int]:
        """Return the keys of the active stories that share the most of the article's
        strongest terms; terms in too many stories to tell them apart are not looked up."""
        cfg = self.config
        probes = heapq.nlargest(cfg.probe_terms, vec, key=vec.__getitem__)
        postings = self._postings
        lists = [p for t in probes if (p := postings.get(t)) and len(p) <= cfg.max_posting]
        if not lists:
            return []
        hits = Counter(chain.from_iterable(lists))
        return [key for key, _ in hits.most_common(cfg.candidates)]

    def story_features(
        self, vec: Vector, norms: dict[str, float], day: float | None, story: StoryState
    ) -> list[float]:
        """Return the features of an article (unit vector, kind norms, day) against a story."""
        gap = span_gap(day, story.first, story.last)
        feats = pair_features(vec, norms, story.centroid, story.norms, gap, self.config.time_scale)
        feats.append(feats[0] * story.norm / max(1, len(story.members)))  # mean link
        return feats

    def _place(self, feats: ArticleFeatures, vec: Vector) -> Assignment:
        cfg = self.config
        norms = kind_norms(vec)
        scored = []
        for key in self._candidates(vec):
            story_feats = self.story_features(vec, norms, feats.day, self._stories[key])
            scored.append((linear(cfg.weights, story_feats), key))
        scored.sort(reverse=True)
        if not scored or scored[0][0] < cfg.threshold:
            key = self._new_story()
            return Assignment(feats.id, key, None)
        best_score, best = scored[0]
        # An article that fits two stories may show they are one; only the runner-up is
        # checked, which is where such a pair shows first.
        if len(scored) > 1 and scored[1][0] >= cfg.threshold:
            self._maybe_merge(best, scored[1][1], feats.id)
        return Assignment(feats.id, best, round(best_score, 4))

    # --- story bookkeeping ---------------------------------------------------------------

    def _new_story(self) -> int:
        key = self._next_key
        self._next_key += 1
        self._stories[key] = StoryState(key)
        return key

    def _grow(self, story: StoryState, feats: ArticleFeatures, vec: Vector) -> None:
        added, dropped = story.add(feats, vec, self.config.centroid_terms)
        for term in added:
            self._postings.setdefault(term, set()).add(story.key)
        for term in dropped:
            self._unpost(term, story.key)
        self._story_of[feats.id] = story.key
        self._queue(story)

    def _unpost(self, term: str, key: int) -> None:
        posting = self._postings.get(term)
        if posting is not None:
            posting.discard(key)
            if not posting:
                del self._postings[term]

    def _maybe_merge(self, keep: int, other: int, article_id: str) -> None:
        """Merge two stories an article fits both of, when their centroids agree too."""
        a, b = self._stories.get(keep), self._stories.get(other)
        if a is None or b is None or a is b:
            return
        gap = _spans_gap(a, b)
        feats = pair_features(a.centroid, a.norms, b.centroid, b.norms, gap, self.config.time_scale)
        feats.append(feats[0] * a.norm * b.norm / max(1, len(a.members) * len(b.members)))
        alike = linear(self.config.weights, feats)
        if alike >= self.config.merge_threshold:
            self._merge(keep, other, article_id, alike)

    def _merge(self, keep: int, other: int, article_id: str, score: float) -> None:
        """Move every member of story `other` into story `keep`, and log it."""
        a, b = self._stories[keep], self._stories.pop(other)
        for term in b.centroid:
            self._unpost(term, other)
        added, dropped = a.absorb(b, self.config.centroid_terms)
        for term in added:
            self._postings.setdefault(term, set()).add(keep)
        for term in dropped:
            self._unpost(term, keep)
        for member in b.members:
            self._story_of[member.article_id] = keep
        a.log.append(Decision("merge", article_id, round(score, 4), b.first_title()))
        self._queue(a)  # its size changed, so its earlier queue entries are stale

    def _queue(self, story: StoryState) -> None:
        """Put a story in the retirement queue as it is now."""
        if story.last is not None:
            heapq.heappush(self._by_day, (story.last, story.key, len(story.members)))
        else:
            heapq.heappush(self._by_arrival, (self._arrivals, story.key, len(story.members)))

    def _sweep(self) -> None:
        """Retire stories idle for longer than the configured window."""
        cfg = self.config
        if self._today is not None:
            self._retire_from(self._by_day, self._today - cfg.idle_days)
        self._retire_from(self._by_arrival, self._arrivals - cfg.idle_articles)

    def _retire_from(self, queue: list[tuple[float, int, int]], before: float) -> None:
        while queue and queue[0][0] < before:
            _, key, size = heapq.heappop(queue)
            story = self._stories.get(key)
            if story is not None and len(story.members) == size:
                self._close(key)

    def _close(self, key: int) -> None:
        if self._rescue(key):
            return
        story = self._stories.pop(key)
        for term in story.centroid:
            self._unpost(term, key)
        for member in story.members:
            self._story_of.pop(member.article_id, None)
        cfg = self.config
        self._finished.extend(
            story.finish(self._link, cfg.split_threshold, cfg.split_cosine, cfg.split_min_part)
        )

    def _rescue(self, key: int) -> bool:
        """Fold a retiring fragment into the open story it now fits; return whether it did.

        An article that arrived before its story had taken shape may have started a story of
        its own; the story it belongs to has grown since, so it is scored once more.
        """
        story = self._stories[key]
        if len(story.members) > self.config.rescue_size or story.norm == 0:
            return False
        vec = {t: w / story.norm for t, w in story.centroid.items()}
        norms = kind_norms(vec)
        best, best_key = self.config.threshold, None
        for other in self._candidates(vec):
            if other == key:
                continue
            feats = self.story_features(vec, norms, story.first, self._stories[other])
            score = linear(self.config.weights, feats)
            if score >= best:
                best, best_key = score, other
        if best_key is None:
            return False
        self._merge(best_key, key, story.members[0].article_id, best)
        return True

    def _link(self, a: Member, b: Member) -> float:
        """Return how strongly two members of one story hold together (for the split check)."""
        gap = None if a.day is None or b.day is None else abs(a.day - b.day)
        feats = pair_features(a.sketch, a.norms, b.sketch, b.norms, gap, self.config.time_scale)
        feats.append(feats[0])  # for two single articles, the mean link is their cosine
        return linear(self.config.weights, feats)

    def _count(self, feats: ArticleFeatures) -> None:
        """Update document frequencies; forget the rarest terms when the table grows too big."""
        self._n += 1
        df = self._df
        for term in feats.terms:
            df[term] = df.get(term, 0) + 1
        if len(df) > self.config.max_vocabulary:
            for term in [t for t, n in df.items() if n <= 1]:
                del df[term]


def _spans_gap(a: StoryState, b: StoryState) -> float | None:
    """Return the days between two stories' time spans (0 when they overlap)."""
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return None
    return max(0.0, a.first - b.last, b.first - a.last)
