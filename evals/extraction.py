"""Score storyline's HTML extractor on the scrapinghub article-extraction-benchmark.

The scoring reimplements the benchmark's ``evaluate.py``
(https://github.com/scrapinghub/article-extraction-benchmark): word tokens, 4-token
shingles matched as multisets per page, precision and recall averaged over pages, F1 taken
from those two averages, and accuracy as the share of pages whose tokens match exactly.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

import trafilatura

from evals import DatasetError, Metrics, track
from storyline.ingest.html import extract_html

NGRAM = 4
BOOTSTRAP_SAMPLES = 1000

# The benchmark splits on runs of word characters and keeps case; punctuation and whitespace
# never matter, so paragraph separators added by our extractor cost nothing.
_TOKEN = re.compile(r"\w+")

Counts = tuple[float, float, float]
Extractor = Callable[["Page"], str]


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page: its id, decoded HTML, URL and the annotated article body."""

    id: str
    html: str
    url: str | None
    truth: str


def tokens(text: str | None) -> list[str]:
    """Split text into the benchmark's word tokens."""
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    """Count the overlapping n-token shingles of text; a text of n tokens or fewer is one."""
    toks = tokens(text)
    if len(toks) <= n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def match_counts(true: str | None, pred: str | None, n: int = NGRAM) -> Counts:
    """Return (tp, fp, fn) over shingles, scaled to sum to 1 so every page weighs the same."""
    gold, guess = shingles(true, n), shingles(pred, n)
    tp = sum((gold & guess).values())
    fp = sum((guess - gold).values())
    fn = sum((gold - guess).values())
    total = tp + fp + fn
    if total == 0:
        return (0.0, 0.0, 0.0)
    return (tp / total, fp / total, fn / total)


def aggregate(counts: Sequence[Counts]) -> dict[str, float]:
    """Return macro precision and recall over pages and the F1 of those two means."""
    # A page with no predicted shingles (empty extraction) has no precision and is left out
    # of the precision mean, but it still scores recall 0; this is what evaluate.py does.
    precisions = [tp / (tp + fp) for tp, fp, _ in counts if tp + fp > 0]
    recalls = [tp / (tp + fn) for tp, _, fn in counts if tp + fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    total = precision + recall
    f1 = 2 * precision * recall / total if total else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def exact_match(true: str | None, pred: str | None) -> float:
    """Return 1.0 when both texts have the same token sequence, else 0.0."""
    return float(tokens(true) == tokens(pred))


def bootstrap_f1_std(counts: Sequence[Counts], samples: int = BOOTSTRAP_SAMPLES) -> float:
    """Return the bootstrap standard deviation of F1, as the benchmark's ± column reports."""
    if len(counts) < 2:
        return 0.0
    # A fixed seed keeps the number stable between runs; the benchmark itself is unseeded.
    rng = random.Random(0)
    f1s = [aggregate(rng.choices(counts, k=len(counts)))["f1"] for _ in range(samples)]
    return statistics.stdev(f1s)


def score(pages: Sequence[Page], predictions: Sequence[str]) -> dict[str, float]:
    """Score predictions against the pages' article bodies the way evaluate.py does."""
    counts = [match_counts(p.truth, pred) for p, pred in zip(pages, predictions, strict=True)]
    metrics = aggregate(counts)
    matches = [exact_match(p.truth, pred) for p, pred in zip(pages, predictions, strict=True)]
    metrics["accuracy"] = statistics.fmean(matches) if matches else 0.0
    metrics["f1_std"] = bootstrap_f1_std(counts)
    return metrics


def load_pages(folder: Path) -> list[Page]:
    """Read ground-truth.json and the matching html/<id>.html.gz pages from a dataset folder."""
    truth_path = folder / "ground-truth.json"
    if not truth_path.is_file():
        raise DatasetError(f"dataset folder has no ground-truth.json: {folder}")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        html_path = folder / "html" / f"{page_id}.html.gz"
        if not html_path.is_file():
            raise DatasetError(f"page listed in ground-truth.json is missing: {html_path}")
        # The benchmark states its pages are utf-8; its own runners decode them this way.
        with gzip.open(html_path, "rt", encoding="utf-8") as fh:
            html = fh.read()
        item = truth[page_id]
        pages.append(Page(page_id, html, item.get("url"), item.get("articleBody") or ""))
    return pages


def extract_ours(page: Page) -> str:
    """Return storyline's extracted text for a page, or "" when it finds no article."""
    result = extract_html(page.html, url=page.url)
    return result.text if result is not None else ""


def extract_baseline(page: Page) -> str:
    """Return plain trafilatura.extract with default settings, or "" when it finds nothing."""
    return trafilatura.extract(page.html) or ""


def extract_benchmark_call(page: Page) -> str:
    """Return trafilatura.extract called as the benchmark's run_trafilatura.py calls it."""
    # Reproducing the published trafilatura row checks our scoring against the anchor.
    return trafilatura.extract(page.html, include_comments=False) or ""


# Comparison extractors run on the same pages; their metrics carry these prefixes.
COMPARISONS: dict[str, Extractor] = {
    "baseline_trafilatura": extract_baseline,
    "benchmark_trafilatura": extract_benchmark_call,
}


def _run_extractors(
    pages: Sequence[Page], extractors: dict[str, Extractor]
) -> tuple[dict[str, list[str]], dict[str, float]]:
    """Run every extractor on every page, returning predictions and seconds per extractor."""
    predictions: dict[str, list[str]] = {name: [] for name in extractors}
    seconds = dict.fromkeys(extractors, 0.0)
    # One pass over pages with both extractors inside keeps a single progress bar.
    for page in track(pages, "extraction"):
        for name, extract in extractors.items():
            start = perf_counter()
            predictions[name].append(extract(page))
            seconds[name] += perf_counter() - start
    return predictions, seconds


def run(folder: Path) -> Metrics:
    """Evaluate our extractor and the trafilatura comparisons on a benchmark folder."""
    pages = load_pages(folder)
    predictions, seconds = _run_extractors(pages, {"ours": extract_ours, **COMPARISONS})
    metrics: Metrics = {k: round(v, 4) for k, v in score(pages, predictions["ours"]).items()}
    metrics["pages"] = len(pages)
    metrics["empty_pages"] = sum(1 for text in predictions["ours"] if not tokens(text))
    metrics["seconds"] = round(seconds["ours"], 2)
    for prefix in COMPARISONS:
        other = score(pages, predictions[prefix])
        for key in ("f1", "precision", "recall", "accuracy"):
            metrics[f"{prefix}_{key}"] = round(other[key], 4)
        metrics[f"{prefix}_seconds"] = round(seconds[prefix], 2)
    return metrics
