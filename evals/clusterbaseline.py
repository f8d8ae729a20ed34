"""Offline baselines for story clustering, on the development halves only.

python -m evals.clusterbaseline     # needs STORYLINE_EVAL_CACHE for speed, like the evals

What could plain all-pairs clustering reach on the same data, if it could look at every pair
at once (no stream, no time signal, one threshold for both datasets)? Each development half
is clustered by agglomerative clustering (scipy; average or complete link) over cosine
distances between TF-IDF vectors, either of the words of the text and title or of the terms
storyline's clusterer uses (`ArticleFeatures.terms`, IDF over the half). Every threshold is
printed with both datasets' BCubed F1 and their mean; the shipped configuration's
development scores are printed first for comparison. The held-out halves are never read.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from evals import resolve_data
from evals.clusterdata import Item, bcubed
from evals.clustering import load_items, process, score_split
from storyline.stories.cluster.features import ArticleFeatures

DATASETS = ("clustering/giveme5w1h-news_cluster", "coref/ecbplus")
THRESHOLDS = (0.75, 0.8, 0.85, 0.9, 0.92, 0.94, 0.96, 0.98)
_WORD = re.compile(r"[^\W\d_]{2,}")

Bag = Mapping[str, float]


def words(item: Item) -> Bag:
    """Return the lower-cased words of an article's text and title, counted."""
    assert item.article is not None
    text = f"{item.article.title}\n{item.article.text}"
    return Counter(w.lower() for w in _WORD.findall(text))


def tfidf(bags: Sequence[Bag], log_tf: bool) -> np.ndarray:
    """Return unit-length TF-IDF rows, one per bag, with IDF over the bags themselves."""
    df = Counter(t for bag in bags for t in bag)
    column = {t: i for i, t in enumerate(df)}
    n = len(bags)
    matrix = np.zeros((n, len(column)))
    for row, bag in enumerate(bags):
        for term, count in bag.items():
            tf = 1 + math.log(count) if log_tf else count
            matrix[row, column[term]] = tf * math.log((1 + n) / (1 + df[term]))
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def agglomerate(matrix: np.ndarray, method: str, threshold: float) -> list[int]:
    """Cut an agglomerative clustering of cosine distances at `threshold`."""
    if len(matrix) < 2:
        return [0] * len(matrix)
    dist = np.clip(1.0 - matrix @ matrix.T, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method=method)
    return [int(c) for c in fcluster(tree, t=threshold, criterion="distance")]


def sweep(
    items: Sequence[Item], bag_of: Callable[[Item], Bag], log_tf: bool, method: str
) -> dict[float, float]:
    """Return the development half's BCubed F1 at every threshold."""
    dev = [i for i in items if i.split == "dev"]
    clustered = [i for i in dev if i.article is not None]
    matrix = tfidf([bag_of(i) for i in clustered], log_tf)
    truth = [i.labels["event"] for i in dev]
    out = {}
    for threshold in THRESHOLDS:
        cut = agglomerate(matrix, method, threshold)
        label = dict(zip((i.name for i in clustered), cut, strict=True))
        predicted = [label.get(i.name, f"skipped:{i.name}") for i in dev]
        out[threshold] = bcubed(predicted, truth)["f1"]
    return out


def main() -> None:
    """Print the shipped configuration's development scores, then every baseline's sweep."""
    data: dict[str, tuple[list[Item], dict[str, ArticleFeatures]]] = {}
    for sub in DATASETS:
        name, items = load_items(resolve_data(sub))
        data[name] = (items, process(name, items))
    shipped = {n: score_split(items, feats, "dev")["f1"] for n, (items, feats) in data.items()}
    print("shipped (streaming) " + "  ".join(f"{n} {f:.3f}" for n, f in shipped.items()))
    for rep in ("words", "terms"):
        for method in ("average", "complete"):
            scores = {}
            for name, (items, feats) in data.items():

                def bag_of(item: Item, feats: dict[str, ArticleFeatures] = feats) -> Bag:
                    assert item.article is not None
                    return feats[item.article.id].terms

                scores[name] = sweep(
                    items, words if rep == "words" else bag_of, rep == "words", method
                )
            for t in THRESHOLDS:
                row = [scores[n][t] for n in data]
                cells = "  ".join(f"{n} {f:.3f}" for n, f in zip(data, row, strict=True))
                print(f"{rep:5} {method:8} {t:.2f}  {cells}  mean {sum(row) / len(row):.3f}")


if __name__ == "__main__":
    main()
