"""Score story clustering on giveme5w1h, ECB+ and NewsWCL50 (BCubed and pairwise).

giveme5w1h and ECB+ are split by the parity of their event or topic number;
the clustering configuration was chosen on the odd (development) half only. The headline
numbers (`f1`, `precision`, `recall`, `pairwise_f1`) are on the even, held-out half,
clustered on its own. `all_*` clusters every document together (the development half
included, so more distractors but not held-out), and `dev_f1` is the development half.
For ECB+ the gold stories are the seminal events (`<topic>ecb`, `<topic>ecbplus`);
`topic_*` scores the same clustering against the coarser topics. NewsWCL50 is split by
outlet (three outlets' articles on every event are the development half).

Every article runs through storyline's own stages (language, parse, figures, dates), then
`storyline.stories.cluster.cluster_features` with the default configuration.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from pathlib import Path
from time import perf_counter

import storyline
from evals import DatasetError, Metrics
from evals.clusterdata import (
    Item,
    bcubed,
    in_split,
    load_ecbplus,
    load_giveme,
    load_newswcl,
    pairwise,
)
from evals.newswcl import NEWSWCL_FILE
from storyline.engines import LocalEngine
from storyline.model import Doc
from storyline.pipeline import build_pipeline
from storyline.stories.cluster import DEFAULT_CONFIG, ClusterConfig, cluster_features
from storyline.stories.cluster.features import ArticleFeatures, features_from_doc

#: The per-article stages clustering needs.
STAGES = ("language.v1", "parse.v1", "figures.v1", "dates.v1")
#: Set to a folder to keep processed documents between runs (keyed by the stage code).
CACHE_ENV = "STORYLINE_EVAL_CACHE"


def load_items(folder: Path) -> tuple[str, list[Item]]:
    """Return the dataset's name and items, telling the datasets apart by their files."""
    if (folder / NEWSWCL_FILE).is_file():
        return "newswcl50", load_newswcl(folder)
    if any(folder.glob("*.json")):
        return "giveme5w1h", load_giveme(folder)
    if any(folder.glob("*/*.xml")):
        return "ecbplus", load_ecbplus(folder)
    raise DatasetError(f"{folder}: no giveme5w1h JSON files, ECB+ topic folders or {NEWSWCL_FILE}")


def process(name: str, items: Sequence[Item]) -> dict[str, ArticleFeatures]:
    """Run the stages on every distinct article and return its clustering features by id."""
    articles = {i.article.id: i.article for i in items if i.article is not None}
    cache = _cache_path(name, sorted(articles))
    if cache is not None and cache.exists():
        docs: list[Doc] = pickle.loads(cache.read_bytes())
    else:
        pipeline = build_pipeline(STAGES)
        docs = list(
            LocalEngine(processes=2).map(pipeline, [Doc(article=a) for a in articles.values()])
        )
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_bytes(pickle.dumps(docs))
    return {d.id: features_from_doc(d) for d in docs}


def _cache_path(name: str, ids: Sequence[str]) -> Path | None:
    """Return where processed docs are cached, or None when caching is off."""
    folder = os.environ.get(CACHE_ENV)
    if not folder:
        return None
    code = hashlib.sha256()
    root = Path(storyline.__file__).parent
    for path in sorted([*root.glob("stages/*.py"), *root.glob("ingest/*.py"), root / "model.py"]):
        code.update(path.read_bytes())
    code.update("\n".join(ids).encode())
    return Path(folder) / f"{name}-{code.hexdigest()[:16]}.pickle"


def score_split(
    items: Sequence[Item],
    features: dict[str, ArticleFeatures],
    split: str,
    config: ClusterConfig = DEFAULT_CONFIG,
    gold: str = "event",
) -> dict[str, float]:
    """Cluster one split on its own and score it against one gold partition."""
    chosen = [i for i in items if in_split(i, split)]
    ids = list(dict.fromkeys(i.article.id for i in chosen if i.article is not None))
    groups = cluster_features([features[a] for a in ids], config)
    story = {a: g.key for g in groups for a in g.article_ids}
    # A skipped input is a story of its own: it was never clustered, and that costs recall.
    predicted = [story[i.article.id] if i.article else f"skipped:{i.name}" for i in chosen]
    truth = [i.labels[gold] for i in chosen]
    b3, pairs = bcubed(predicted, truth), pairwise(predicted, truth)
    return {
        "precision": b3["precision"],
        "recall": b3["recall"],
        "f1": b3["f1"],
        "pairwise_f1": pairs["f1"],
        "documents": len(chosen),
        "stories": len(set(predicted)),
        "gold_stories": len(set(truth)),
    }


def run(folder: Path) -> Metrics:
    """Cluster the dataset's held-out half, its development half and all of it; score each."""
    started = perf_counter()
    name, items = load_items(folder)
    features = process(name, items)
    metrics: Metrics = {}
    for split, prefix in (("test", ""), ("dev", "dev_"), ("all", "all_")):
        result = score_split(items, features, split)
        metrics.update({f"{prefix}{k}": _round(v) for k, v in result.items()})
        if name == "ecbplus":
            topic = score_split(items, features, split, gold="topic")
            metrics.update(
                {f"{prefix}topic_{k}": _round(topic[k]) for k in ("f1", "precision", "recall")}
            )
    metrics["skipped"] = sum(1 for i in items if i.article is None)
    metrics["seconds"] = round(perf_counter() - started, 1)
    return metrics


def _round(value: float) -> float:
    return round(value, 4) if isinstance(value, float) else value
