"""The story clusterer's settings: one configuration for every input, plus a speed knob."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Effort = Literal["fast", "balanced", "thorough"]


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """How alike an article must be to join a story, and how hard to look for that story.

    `threshold`, the time settings and `merge_threshold` decide what a story is;
    `probe_terms` and `candidates` only decide how many stories are looked at per article,
    trading speed for recall (see `with_effort`); `idle_days` and `idle_articles` bound
    memory by retiring stories nothing has joined for a while.
    """

    # bias, then one weight per `score.FEATURES` entry: fitted by `python -m evals.clusterfit`
    weights: tuple[float, ...] = (-6.181, 4.042, 4.212, 3.185, 2.141, 4.279, 2.991, -0.4, 3.163)
    threshold: float = -3.25  # least log-odds for an article to join a story
    merge_threshold: float = 1.0  # least log-odds (centroid against centroid) to merge stories
    split_threshold: float = -6.0  # members linked below this (single link) are split apart
    # ... and then grouped so that every two members of a story share this cosine (complete
    # link); a group smaller than `split_min_part` rejoins the group it is most alike
    split_cosine: float = 0.06
    split_min_part: int = 3
    time_scale: float = 3.0  # days: gaps are measured as log(1 + gap / time_scale)
    idle_days: float = 30.0  # retire a story after this many days without a new article
    idle_articles: int = 50_000  # ... or after this many arrivals (undated streams)
    rescue_size: int = 2  # a retiring story this small is scored once more against open ones
    idf_prior: int = 100  # pseudo-documents added to the document count for IDF
    article_terms: int = 40  # an article keeps this many of its heaviest terms of each kind
    centroid_terms: int = 80  # a story's centroid keeps this many terms of each kind
    probe_terms: int = 8  # speed knob: index look-ups per article
    candidates: int = 6  # speed knob: stories scored in full per article
    max_posting: int = 100  # terms in more active stories than this are not looked up
    max_vocabulary: int = 2_000_000  # document-frequency table size before rare terms go

    def with_effort(self, effort: Effort) -> ClusterConfig:
        """Return this configuration with the speed/recall knob set to a named level."""
        probe, candidates = _EFFORT[effort]
        return replace(self, probe_terms=probe, candidates=candidates)


_EFFORT: dict[str, tuple[int, int]] = {
    "fast": (4, 3),
    "balanced": (8, 6),
    "thorough": (12, 12),
}

DEFAULT_CONFIG = ClusterConfig()
