"""Scaling benchmark: copy detection and story clustering on a synthetic stream, 10k to 1M.

python -m bench.scaling                       # every stage at 10k, 100k and 1M; prints a table
python -m bench.scaling --sizes 10000 100000  # fewer sizes
python -m bench.scaling --effort-at 100000    # the speed/recall knob at one size
python -m bench.scaling run STAGE N [--effort E]   # one measurement in this process (JSON)

Each measurement runs in a fresh process, so its peak memory (ru_maxrss) is its own. Stages:
`generate` makes the stream only (its time is subtracted from the others'); `dedupe`
fingerprints every article and runs it through the streaming `CopyDetector` (MinHash LSH,
sliding 14-day window); `cluster` runs every article through `StoryClusterer` (default
configuration, stories retire after `idle_days` without news). What is measured is the corpus
stages alone on features the benchmark makes: no text is parsed and no model runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from time import perf_counter

import numpy as np

from bench.synthetic import StreamConfig, SyntheticArticle, SyntheticStream
from storyline.stories.cluster import DEFAULT_CONFIG, StoryClusterer
from storyline.stories.dedupe import CopyDetector, fingerprint_words

SIZES = (10_000, 100_000, 1_000_000)
#: Articles of an earlier stretch of the stream whose term statistics the clusterer starts with.
WARM_UP = 5_000
#: The clusterer as a stream runs it: the default configuration, with stories retiring after
#: a week without news and leaner centroids (the memory knobs; quality is in the table).
STREAM_CONFIG = replace(DEFAULT_CONFIG, idle_days=7.0, centroid_terms=40)
STAGES = ("generate", "dedupe", "cluster")
CHECKPOINTS = 4


def rss_mb() -> float:
    """Return this process's resident memory now, in MiB."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _cpu() -> float:
    """Return the CPU time this process has used (user + system), in seconds."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_mb() -> float:
    """Return this process's peak resident memory so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(stage: str, articles: int, effort: str = "balanced") -> dict[str, object]:
    """Run one stage over a stream of `articles` and return its time, memory and quality."""
    stream = SyntheticStream(StreamConfig(articles))
    base = rss_mb()
    step: Callable[[SyntheticArticle], None]
    finish: Callable[[], dict[str, float]]
    if stage == "generate":
        step, finish = (lambda _a: None), dict
    elif stage == "dedupe":
        step, finish = _dedupe(articles)
    elif stage == "cluster":
        step, finish = _cluster(articles, effort)
    else:
        raise SystemExit(f"unknown stage {stage!r}; choose from {', '.join(STAGES)}")
    rss_at, cpu_at = [], []
    started, cpu_started = perf_counter(), _cpu()
    for n, art in enumerate(stream, start=1):
        step(art)
        if n % max(1, articles // CHECKPOINTS) == 0:
            rss_at.append(round(rss_mb()))
            cpu_at.append(round(_cpu() - cpu_started, 1))
    quality = finish()
    seconds, cpu = perf_counter() - started, _cpu() - cpu_started
    return {
        "stage": stage,
        "articles": articles,
        "effort": effort,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "base_mb": round(base),
        "peak_mb": round(peak_mb()),
        "rss_mb_at_quarters": rss_at,
        "cpu_seconds_at_quarters": cpu_at,
        **quality,
    }


def _dedupe(n: int) -> tuple[Callable[[SyntheticArticle], None], Callable[[], dict[str, float]]]:
    detector = CopyDetector()
    root = np.arange(n, dtype=np.int64)  # the true original of every article

    def step(art: SyntheticArticle) -> None:
        i = int(art.features.id[1:])
        if art.copy_of is not None:
            root[i] = int(art.copy_of[1:])
        fp = fingerprint_words(art.features.id, art.words, art.features.day, len(art.words))
        detector.add_fingerprint(fp)

    def finish() -> dict[str, float]:
        links = {int(k[1:]): int(v[1:]) for k, (v, _) in detector.links().items()}
        correct = sum(root[k] == root[v] for k, v in links.items())
        copies = np.flatnonzero(root != np.arange(n))
        group = lambda i: links.get(i, i)  # noqa: E731
        found = sum(group(int(c)) == group(int(root[c])) for c in copies)
        return {
            "copy_precision": round(correct / len(links), 4) if links else 1.0,
            "copy_recall": round(found / len(copies), 4) if len(copies) else 1.0,
            "copies": len(copies),
        }

    return step, finish


def _cluster(
    n: int, effort: str
) -> tuple[Callable[[SyntheticArticle], None], Callable[[], dict[str, float]]]:
    clusterer = StoryClusterer(STREAM_CONFIG.with_effort(effort))  # type: ignore[arg-type]
    # Term statistics from an earlier stretch of news (another seed, not measured), as a
    # running system would carry over from the day before.
    warm = SyntheticStream(StreamConfig(WARM_UP, seed=StreamConfig(n).seed + 1000))
    clusterer.warm_up(a.features for a in warm)
    gold = np.zeros(n, dtype=np.int64)
    predicted = np.zeros(n, dtype=np.int64)
    groups = [0]
    stats = {"max_active": 0}

    def collect() -> None:
        for group in clusterer.drain():
            groups[0] += 1
            for aid in group.article_ids:
                predicted[int(aid[1:])] = groups[0]

    def step(art: SyntheticArticle) -> None:
        gold[int(art.features.id[1:])] = art.story
        clusterer.add(art.features)
        if clusterer.arrivals % 1000 == 0:
            stats["max_active"] = max(stats["max_active"], clusterer.active)
            collect()

    def finish() -> dict[str, float]:
        for group in clusterer.finish():
            groups[0] += 1
            for aid in group.article_ids:
                predicted[int(aid[1:])] = groups[0]
        precision, recall = bcubed(predicted, gold)
        return {
            "bcubed_precision": round(precision, 4),
            "bcubed_recall": round(recall, 4),
            "bcubed_f1": round(2 * precision * recall / (precision + recall), 4),
            "stories": groups[0],
            "gold_stories": len(np.unique(gold)),
            "max_active_stories": stats["max_active"],
        }

    return step, finish


def bcubed(predicted: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """Return BCubed precision and recall of two label arrays (vectorised)."""
    pairs = predicted * (int(gold.max()) + 1) + gold
    _, pair_inv, pair_n = np.unique(pairs, return_inverse=True, return_counts=True)
    _, pred_inv, pred_n = np.unique(predicted, return_inverse=True, return_counts=True)
    _, gold_inv, gold_n = np.unique(gold, return_inverse=True, return_counts=True)
    both = pair_n[pair_inv].astype(float)
    return float(np.mean(both / pred_n[pred_inv])), float(np.mean(both / gold_n[gold_inv]))


def _subprocess(stage: str, articles: int, effort: str) -> dict[str, object]:
    """Run one measurement in a fresh interpreter, so its peak memory is its own."""
    cmd = [sys.executable, "-m", "bench.scaling", "run", stage, str(articles), "--effort", effort]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    print(json.dumps(result), file=sys.stderr, flush=True)
    return result


def table(sizes: Sequence[int]) -> list[dict[str, object]]:
    """Measure every stage at every size; return the rows."""
    return [_subprocess(stage, n, "balanced") for n in sizes for stage in STAGES]


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run what they ask for; the last line printed is JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__)
    parser.add_argument("command", nargs="*", help="run STAGE N: one measurement, in-process")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--effort", default="balanced", choices=("fast", "balanced", "thorough"))
    parser.add_argument("--effort-at", type=int, metavar="N", help="compare efforts at N")
    args = parser.parse_args(argv)
    if args.command[:1] == ["run"] and len(args.command) == 3:
        print(json.dumps(measure(args.command[1], int(args.command[2]), args.effort)))
        return 0
    if args.command:
        parser.error("expected: run STAGE N")
    if args.effort_at:
        rows = [_subprocess("cluster", args.effort_at, e) for e in ("fast", "balanced", "thorough")]
    else:
        rows = table(args.sizes)
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
