"""A synthetic news stream, made on the fly: stories, their articles, and syndicated copies.

Nothing here reads text or runs a model. Each article comes as what the corpus stages consume:
clustering features (`ArticleFeatures`: named entities, headline and lead words, body words,
numbers, dates, a publication day) and, for copy detection, a sequence of word hashes. The
stream is generated in day order and never held whole: only the stories still publishing and
a short ring of recent articles (the pool copies are drawn from) are in memory.

The shape follows a large news firehose: `per_day` articles a day, stories that start every
day, publish for a few days (exponential, mean `story_days`) and carry 1 to a few dozen
articles (geometric, mean `story_size`), each with a topic shared with many other stories,
a few named entities drawn from a Zipf-popular pool (so countries and leaders recur across
stories), and words of its own. A share of articles (`copy_share`) are syndicated copies of a
recent article: paragraphs dropped, words changed, a site footer added.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from storyline.stories.cluster.features import ArticleFeatures

TOPICS = 1_500
TOPIC_WORDS = 300
VOCABULARY = 200_000
ENTITIES = 300_000
SITES = 500
#: Day 0 of the stream (2020-01-01 as days since 1970-01-01).
START_DAY = 18262.0


@dataclass(frozen=True, slots=True)
class StreamConfig:
    """The size and shape of a synthetic stream."""

    articles: int
    per_day: int = 2_740  # a million articles a year
    story_days: float = 1.5
    story_size: float = 8.0
    copy_share: float = 0.1
    body_words: int = 180
    seed: int = 7


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    """One article of the stream with its ground truth."""

    features: ArticleFeatures
    words: np.ndarray  # uint64 word hashes of the body, for copy detection
    story: int  # true story
    copy_of: str | None  # true original when this is a syndicated copy
    source: int


@dataclass(slots=True)
class _Story:
    key: int
    topic: int
    entities: list[int]
    title: list[int]
    words: list[int]
    numbers: list[int]
    date: float


class SyntheticStream:
    """Iterate over a synthetic stream of articles, oldest first."""

    def __init__(self, config: StreamConfig) -> None:
        self.config = config
        self.rng = np.random.default_rng(config.seed)
        self.py = random.Random(config.seed)
        rng = np.random.default_rng(config.seed + 1)
        self.topic_words = rng.integers(0, VOCABULARY, size=(TOPICS, TOPIC_WORDS)).tolist()
        self.footers = rng.integers(0, 2**32, size=(SITES, 25), dtype=np.uint64)
        self.word_hash = rng.integers(0, 2**32, size=VOCABULARY + ENTITIES, dtype=np.uint64)
        # Zipf draws are precomputed once and read from a moving offset: drawing them one by
        # one would cost more than everything the benchmark measures.
        self.zipf = ((rng.zipf(1.3, 1 << 20) - 1) % ENTITIES).tolist()
        self._z = 0
        self.names = {k: [f"{k}:{i}" for i in range(VOCABULARY)] for k in "tw"}
        self.entity_names = [f"e:{i}" for i in range(ENTITIES)]

    def __iter__(self) -> Iterator[SyntheticArticle]:
        cfg, rng = self.config, self.rng
        pending: list[tuple[float, int, int]] = []  # (day, tie, story key)
        stories: dict[int, _Story] = {}
        left: dict[int, int] = {}
        recent: deque[SyntheticArticle] = deque(maxlen=5_000)  # originals copies are made of
        births = cfg.per_day / cfg.story_size
        emitted, day, tie, keys = 0, 0, 0, 0
        while emitted < cfg.articles:
            for _ in range(rng.poisson(births)):
                keys += 1
                story = self._story(keys, START_DAY + day)
                stories[story.key] = story
                size = int(rng.geometric(1.0 / cfg.story_size))
                left[story.key] = size
                for offset in rng.exponential(cfg.story_days, size).tolist():
                    tie += 1
                    heapq.heappush(pending, (story.date + offset, tie, story.key))
            while pending and pending[0][0] < START_DAY + day + 1 and emitted < cfg.articles:
                when, _, key = heapq.heappop(pending)
                if recent and self.py.random() < cfg.copy_share:
                    art = self._copy(self.py.choice(recent), emitted, when)
                else:
                    art = self._article(stories[key], emitted, when)
                left[key] -= 1
                if left[key] == 0:
                    del stories[key], left[key]
                if art.copy_of is None:
                    recent.append(art)
                emitted += 1
                yield art
            day += 1

    def _zipf_ids(self, k: int) -> list[int]:
        z = self._z
        self._z = (z + k) % (len(self.zipf) - k)
        return self.zipf[z : z + k]

    def _story(self, key: int, date: float) -> _Story:
        py = self.py
        topic = py.randrange(TOPICS)
        return _Story(
            key=key,
            topic=topic,
            # Mostly names of its own, and one of the names every story carries (a country).
            entities=[*(py.randrange(ENTITIES) for _ in range(3)), *self._zipf_ids(1)],
            title=py.sample(self.topic_words[topic], 4),
            words=[py.randrange(VOCABULARY) for _ in range(12)],
            numbers=[py.randrange(10, 100_000) for _ in range(3)],
            date=date,
        )

    def _article(self, story: _Story, n: int, day: float) -> SyntheticArticle:
        py, cfg = self.py, self.config
        topic = self.topic_words[story.topic]
        ents = [e for e in story.entities if py.random() < 0.8] + self._zipf_ids(1)
        title = [*py.choices(story.title, k=3), py.choice(story.words), py.choice(topic)]
        lead = [*py.choices(story.words, k=4), *py.choices(topic, k=2)]
        body = [
            *py.choices(topic, k=8),
            *py.choices(story.words, k=6),
            *(x % VOCABULARY for x in self._zipf_ids(8)),
        ]
        t, w = self.names["t"], self.names["w"]
        terms: dict[str, float] = {}
        _add(terms, [self.entity_names[e] for e in ents], 2.0)
        _add(terms, [t[x] for x in title], 3.0)
        _add(terms, [t[x] for x in lead], 2.0)
        _add(terms, [w[x] for x in body], 1.0)
        _add(terms, [f"n:{x}" for x in story.numbers if py.random() < 0.5], 1.0)
        # Articles mention the day the event happened (not every article does).
        _add(terms, [f"d:{int(story.date)}"] if py.random() < 0.6 else [], 1.5)
        feats = ArticleFeatures(f"a{n}", float(math.floor(day)), terms, f"story {story.key}")
        # The body text itself is random words: copies are told apart by shingles, and two
        # articles of one story rarely share five words in a row.
        ids = [*title, *(e + VOCABULARY for e in ents)]
        words = np.concatenate(
            [
                self.word_hash[np.fromiter(ids, np.int64, len(ids))],
                self.word_hash[self.rng.integers(0, VOCABULARY, cfg.body_words)],
            ]
        )
        return SyntheticArticle(feats, words, story.key, None, py.randrange(SITES))

    def _copy(self, original: SyntheticArticle, n: int, day: float) -> SyntheticArticle:
        """Return a syndicated copy: paragraphs dropped, words changed, a site footer added."""
        py, rng = self.py, self.rng
        paras = [original.words[i : i + 30] for i in range(0, len(original.words), 30)]
        keep = [p for p in paras if py.random() > 0.25] or paras[:1]
        words = np.concatenate(keep)
        changed = rng.random(len(words)) < 0.02
        words[changed] = rng.integers(0, 2**32, int(changed.sum()), dtype=np.uint64)
        source = py.randrange(SITES)
        words = np.concatenate([words, self.footers[source]])
        feats = ArticleFeatures(
            f"a{n}", float(math.floor(day)), dict(original.features.terms), original.features.title
        )
        return SyntheticArticle(feats, words, original.story, original.features.id, source)


def _add(terms: dict[str, float], names: list[str], weight: float) -> None:
    for key in names:
        terms[key] = terms.get(key, 0.0) + weight
