"""Time reconciliation (claims to facts) on synthetic stories of growing size.

python bench/reconcile.py [--sizes 10 100 1000] [--fake-embedder]

For each size: claims, candidate pairs, wall time per stage (embedding, blocking, scoring
and sorting, grouping, facts), peak traced memory of reconciliation and the process's peak
RSS. Then the slope of log(time) against log(claims), the growth exponent. The last line
printed is all of it as JSON. See docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import math
import resource
import sys
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from time import perf_counter
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from story import make_story

from storyline.embed import Vectors, embed
from storyline.stories import matching
from storyline.stories.copies import find_copies

# The package re-exports the function `reconcile`, which hides the module of that name.
reconcile_module = importlib.import_module("storyline.stories.reconcile")

STAGES = ("embedding", "blocking", "scoring", "grouping", "facts")


def fake_embed(texts: Sequence[str]) -> Vectors:
    """Return a stable pseudo-random unit vector per text (no model; for quick runs)."""
    rows = []
    for text in texts:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
        v = np.random.default_rng(seed).standard_normal(512).astype(np.float32)
        rows.append(v / np.linalg.norm(v))
    return np.stack(rows) if rows else np.zeros((0, 512), dtype=np.float32)


class Timers:
    """Wrap the functions reconcile calls so one run yields the time of each stage."""

    def __init__(self) -> None:
        self.total: dict[str, float] = dict.fromkeys(
            ("embed", "candidates", "ranked", "group"), 0.0
        )
        self.pairs = 0
        self.vectors: Vectors | None = None  # what the encoder returned, reused for memory

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = perf_counter()
            out = fn(*args, **kwargs)
            self.total[name] += perf_counter() - started
            if name == "candidates":
                self.pairs = len(out)
            if name == "embed":
                self.vectors = out
            return out

        return timed

    def stages(self, whole: float) -> dict[str, float]:
        """Split the run's wall time into stages (each wrapper's time minus what it calls)."""
        t = self.total
        return {
            "embedding": t["embed"],
            "blocking": t["candidates"],
            "scoring": t["ranked"] - t["candidates"],
            "grouping": t["group"] - t["ranked"] - t["embed"],
            "facts": whole - t["group"],
        }


def measure(n_articles: int, embedder: Callable[[Sequence[str]], Vectors]) -> dict[str, Any]:
    """Reconcile one synthetic story and return its sizes, stage times and memory."""
    docs = make_story(n_articles, seed=n_articles)
    copies = find_copies([d.article for d in docs])
    timers = Timers()
    originals = (
        matching.candidate_pairs,
        matching.Scorer.ranked_pairs,
        reconcile_module.group_claims,
    )
    matching.candidate_pairs = timers.wrap("candidates", originals[0])  # type: ignore[assignment]
    matching.Scorer.ranked_pairs = timers.wrap("ranked", originals[1])  # type: ignore[method-assign]
    reconcile_module.group_claims = timers.wrap("group", originals[2])
    try:
        started = perf_counter()
        facts = reconcile_module.reconcile(docs, copies, timers.wrap("embed", embedder))
        whole = perf_counter() - started
    finally:
        matching.candidate_pairs = originals[0]  # type: ignore[assignment]
        matching.Scorer.ranked_pairs = originals[1]  # type: ignore[method-assign]
        reconcile_module.group_claims = originals[2]
    # Memory on a second, unwrapped run with the vectors at hand, so the model's weights and
    # the encoder's scratch space do not count: this is what reconciliation itself holds.
    claims = [c for d in docs for c in d.claims]
    vectors = timers.vectors
    assert vectors is not None and len(vectors) == len(claims)
    tracemalloc.start()
    reconcile_module.reconcile(docs, copies, lambda _texts: vectors)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    stages = timers.stages(whole)
    return {
        "articles": n_articles,
        "claims": len(claims),
        "candidate_pairs": timers.pairs,
        "facts": len(facts),
        "corroborated_facts": sum(1 for f in facts if f.independent_sources >= 2),
        "largest_fact_articles": max((len(f.article_ids) for f in facts), default=0),
        **{f"{k}_s": round(v, 4) for k, v in stages.items()},
        "total_s": round(whole, 4),
        "without_embedding_s": round(whole - stages["embedding"], 4),
        "peak_traced_mb": round(peak / 2**20, 1),
    }


def exponent(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Return the least-squares slope of log(y) against log(x)."""
    lx, ly = [math.log(x) for x in xs], [math.log(max(y, 1e-6)) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    var = sum((x - mx) ** 2 for x in lx)
    return sum((x - mx) * (y - my) for x, y in zip(lx, ly, strict=True)) / var if var else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print a table, then the results as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--fake-embedder", action="store_true", help="skip the real encoder")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest counts")
    args = parser.parse_args(argv)
    embedder = fake_embed if args.fake_embedder else embed
    embedder(["warm up the encoder"])  # model loading is not reconciliation
    # On a shared machine other jobs only ever add time, so the fastest run is the measure.
    rows = [
        min((measure(n, embedder) for _ in range(args.repeat)), key=lambda r: r["total_s"])
        for n in args.sizes
    ]
    cols = [
        "articles",
        "claims",
        "candidate_pairs",
        *(f"{s}_s" for s in STAGES),
        "total_s",
        "peak_traced_mb",
    ]
    print(" | ".join(cols))
    for row in rows:
        print(" | ".join(str(row[c]) for c in cols))
    claims = [r["claims"] for r in rows]
    fit = {
        "exponent_total": round(exponent(claims, [r["total_s"] for r in rows]), 2),
        "exponent_without_embedding": round(
            exponent(claims, [r["without_embedding_s"] for r in rows]), 2
        ),
        "exponent_candidate_pairs": round(
            exponent(claims, [r["candidate_pairs"] for r in rows]), 2
        ),
        # Between the two largest sizes, beside what n log n would give over that step.
        "last_step_exponent_without_embedding": round(
            exponent(claims[-2:], [r["without_embedding_s"] for r in rows[-2:]]), 2
        ),
        "last_step_exponent_candidate_pairs": round(
            exponent(claims[-2:], [r["candidate_pairs"] for r in rows[-2:]]), 2
        ),
        "last_step_exponent_of_n_log_n": round(
            exponent(claims[-2:], [c * math.log(c) for c in claims[-2:]]), 2
        ),
    }
    print(fit)
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "rows": rows,
                **fit,
                "max_rss_mb": round(maxrss_mb, 1),
                "embedder": "fake" if args.fake_embedder else "storyline.embed",
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
