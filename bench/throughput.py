"""Throughput against the limit of this hardware: bare spaCy `nlp.pipe`, same pipes, same texts.

    nice -n 10 python bench/throughput.py --articles 600

Runs, in one process and in the same order every time: bare spaCy (1 process, then
`n_process=2`), then storyline's per-article pipeline (every default stage: language,
parse, figures, dates, quotes, claims, events) on 1 process (per doc, and batched) and on
2 processes (`LocalEngine`).
Prints one line per run and, last, the metrics as JSON. Ratios are storyline / bare spaCy
at the same process count: 1.0 would mean storyline costs nothing beyond the parse.

Per round it also prints storyline / spaCy from that round's own runs (`round_ratios_*`,
and their median): the machine's speed drifts between rounds, so these paired ratios are
steadier than the ratio of each configuration's best round.

Each run also records its CPU time (this process and its finished children, `os.times`).
On a shared machine wall time moves with other jobs; the CPU-time ratios (`cpu_ratio_*`,
spaCy's CPU seconds / storyline's, for the same words) say what storyline costs beyond the
parse whatever the load. Scaling can only be read from wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from corpus import articles

from storyline.engines import LocalEngine, SerialEngine
from storyline.ingest.records import RawArticle, build_article
from storyline.model import Article, Doc
from storyline.pipeline import Pipeline, build_pipeline
from storyline.stages.parse import load_model


def corpus(count: int, paragraphs: int) -> list[Article]:
    """Build the benchmark's articles the way ingest builds them."""
    out = []
    for page in articles(count, paragraphs=paragraphs):
        raw = RawArticle(page.text, page.title, page.url, page.outlet, None, str(page.published))
        out.append(build_article(raw, path=page.url))
    return out


def timed(label: str, run: Callable[[], int], words: int) -> dict[str, float]:
    """Run once, print and return articles/s, words/s and CPU seconds."""
    cpu0, start = _cpu(), time.perf_counter()
    done = run()
    secs, cpu = time.perf_counter() - start, _cpu() - cpu0
    row = {
        "seconds": round(secs, 2),
        "cpu_seconds": round(cpu, 2),
        "articles_per_s": done / secs,
        "words_per_s": words / secs,
    }
    print(
        f"{label:<34} {secs:7.1f} s  {done / secs:7.1f} articles/s  {words / secs:8.0f} words/s"
        f"  {cpu:7.1f} CPU s"
    )
    return row


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (workers, pools)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--paragraphs", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--stage-costs", action="store_true", help="Also time each stage alone (CPU seconds)."
    )
    args = parser.parse_args()
    arts = corpus(args.articles, args.paragraphs)
    texts = [a.text for a in arts]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(arts)} articles, {words} words ({words / len(arts):.0f} per article)")
    nlp = load_model()  # the model storyline uses, with the same pipes
    pipe = build_pipeline()
    warm = [Doc(article=a) for a in arts[:4]]
    pipe.run_batch(warm)  # load lingua and spaCy in this process before timing
    docs = [Doc(article=a) for a in arts]
    runs = {
        "spacy_1": ("bare spaCy nlp.pipe, 1 process", lambda: _count(nlp.pipe(texts))),
        "storyline_1_per_doc": (
            "storyline, 1 process, per doc",
            lambda: _count(SerialEngine().map(pipe, docs)),
        ),
        "storyline_1_batched": ("storyline, 1 process, batched", lambda: len(pipe.run_batch(docs))),
        "spacy_2": (
            "bare spaCy nlp.pipe, n_process=2",
            lambda: _count(nlp.pipe(texts, n_process=2, batch_size=64)),
        ),
        "storyline_2": (
            "storyline, LocalEngine(2)",
            lambda: _count(LocalEngine(processes=2).map(pipe, docs)),
        ),
    }
    # The machine is shared: run every configuration once per round, in turn, and keep each
    # one's best round, so a busy moment does not land on one configuration only.
    rows: dict[str, dict[str, float]] = {}
    paired: dict[str, list[float]] = {"1_batched": [], "2": []}
    for round_no in range(args.rounds):
        print(f"round {round_no + 1}")
        this: dict[str, float] = {}
        for key, (label, run) in runs.items():
            row = timed(label, run, words)
            this[key] = row["words_per_s"]
            if key not in rows or row["words_per_s"] > rows[key]["words_per_s"]:
                rows[key] = row
            cpu = min(row["cpu_seconds"], rows[key].get("best_cpu_seconds", row["cpu_seconds"]))
            rows[key]["best_cpu_seconds"] = cpu  # CPU time per round varies less; keep its least
        # The same round's runs are seconds apart: their ratio is less exposed to the machine's
        # speed changing between rounds than a ratio of two best rounds.
        paired["1_batched"].append(this["storyline_1_batched"] / this["spacy_1"])
        paired["2"].append(this["storyline_2"] / this["spacy_2"])
    metrics = {
        "articles": len(arts),
        "rounds": args.rounds,
        "words": words,
        **{f"{k}_words_per_s": round(v["words_per_s"]) for k, v in rows.items()},
        "ratio_1_per_doc": rows["storyline_1_per_doc"]["words_per_s"]
        / rows["spacy_1"]["words_per_s"],
        "ratio_1_batched": rows["storyline_1_batched"]["words_per_s"]
        / rows["spacy_1"]["words_per_s"],
        "ratio_2": rows["storyline_2"]["words_per_s"] / rows["spacy_2"]["words_per_s"],
        "scaling_storyline_2_vs_1": rows["storyline_2"]["words_per_s"]
        / rows["storyline_1_batched"]["words_per_s"],
        "scaling_spacy_2_vs_1": rows["spacy_2"]["words_per_s"] / rows["spacy_1"]["words_per_s"],
        **{f"{k}_cpu_seconds": v["best_cpu_seconds"] for k, v in rows.items()},
        "cpu_ratio_1_batched": rows["spacy_1"]["best_cpu_seconds"]
        / rows["storyline_1_batched"]["best_cpu_seconds"],
        "cpu_ratio_2": rows["spacy_2"]["best_cpu_seconds"]
        / rows["storyline_2"]["best_cpu_seconds"],
        **{f"round_ratios_{k}": [round(r, 3) for r in v] for k, v in paired.items()},
        **{f"median_round_ratio_{k}": statistics.median(v) for k, v in paired.items()},
    }
    if args.stage_costs:
        metrics.update(stage_costs(pipe, docs))
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in metrics.items()}))


def stage_costs(pipe: Pipeline, docs: list[Doc], batch: int = 16) -> dict[str, float]:
    """Return the CPU seconds of each stage over all docs, batched as the engine runs them."""
    costs = dict.fromkeys(pipe.names, 0.0)
    for start in range(0, len(docs), batch):
        out = docs[start : start + batch]
        for st in pipe.stages:
            t0 = time.process_time()
            out = st.run_batch(out)
            costs[st.name] += time.process_time() - t0
    for name, secs in costs.items():
        print(f"stage {name:<14} {secs:7.2f} CPU s")
    return {f"stage_{name}_cpu_seconds": secs for name, secs in costs.items()}


def _count(items: object) -> int:
    return sum(1 for _ in items)  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
