"""Group articles into stories: incremental, event-level clustering (see `stream.py`)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from storyline.model import Doc
from storyline.stories.cluster.config import DEFAULT_CONFIG, ClusterConfig, Effort
from storyline.stories.cluster.features import ArticleFeatures, day_of, features_from_doc
from storyline.stories.cluster.story import StoryGroup
from storyline.stories.cluster.stream import Assignment, StoryClusterer


def document_frequencies(features: Iterable[ArticleFeatures]) -> Counter[str]:
    """Count in how many articles each term occurs."""
    df: Counter[str] = Counter()
    for feats in features:
        df.update(feats.terms.keys())
    return df


def cluster_features(
    features: Sequence[ArticleFeatures],
    config: ClusterConfig = DEFAULT_CONFIG,
    copies: Mapping[str, str] | None = None,
) -> list[StoryGroup]:
    """Cluster a batch of articles, oldest first, with term statistics of the whole batch.

    A batch is in memory already, so no story retires for being idle: a story that resumes
    months later (an inquiry's report, an anniversary) can still rejoin it, at the cost of the
    time gap in its score. Streams use `StoryClusterer` directly and do retire stories.
    """
    copies = copies or {}
    df = document_frequencies(features)
    config = replace(config, idle_days=math.inf, idle_articles=len(features) + 1)
    clusterer = StoryClusterer(config, prior_df=df, prior_n=len(features))
    order = sorted(
        range(len(features)), key=lambda i: (features[i].day is None, features[i].day or 0, i)
    )
    for i in order:
        clusterer.add(features[i], copy_of=copies.get(features[i].id))
    return list(clusterer.finish())


def rank_articles(
    features: Sequence[ArticleFeatures], config: ClusterConfig = DEFAULT_CONFIG
) -> StoryGroup:
    """Treat the articles as one story and rank them by centrality, without clustering."""
    clusterer = StoryClusterer(config, document_frequencies(features), len(features))
    return clusterer.single(features)


def group_stories(
    docs: Sequence[Doc],
    config: ClusterConfig = DEFAULT_CONFIG,
    copies: Mapping[str, str] | None = None,
) -> list[list[Doc]]:
    """Return the docs grouped by story, each group most central article first."""
    by_id = {d.id: d for d in docs}
    groups = cluster_features([features_from_doc(d) for d in docs], config, copies)
    return [[by_id[a] for a in g.article_ids] for g in groups]


__all__ = [
    "DEFAULT_CONFIG",
    "ArticleFeatures",
    "Assignment",
    "ClusterConfig",
    "Effort",
    "StoryClusterer",
    "StoryGroup",
    "cluster_features",
    "day_of",
    "document_frequencies",
    "features_from_doc",
    "group_stories",
    "rank_articles",
]
