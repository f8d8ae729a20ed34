"""A crawl end to end: a synthetic WARC made here, run by `storyline run` on one engine.

    nice -n 10 python bench/warc_run.py --pages 10000 --engine local --no-stories
    nice -n 10 python bench/warc_run.py --pages 10000 --engine ray --no-stories
    nice -n 10 python bench/warc_run.py --pages 1000 --engine local

Prints pages/s, where the time went (run.json's split), and the peak memory of the whole
process tree (driver + workers; RSS double-counts pages the fork shares, PSS does not),
sampled every 0.2 s. The last line is the metrics as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from corpus import write_warc

from storyline.engines import make_engine
from storyline.run import run_corpus


def tree_memory(root: int) -> tuple[int, int]:
    """Return (sum of RSS, sum of PSS) in bytes over a process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(stat[1]), []).append(int(entry))
            except (OSError, IndexError):
                continue
    rss = pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return rss, pss


class PeakMemory(threading.Thread):
    """Sample the process tree's memory until stopped; keep the peaks."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_rss = self.peak_pss = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            rss, pss = tree_memory(os.getpid())
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--engine", choices=["local", "ray"], default="local")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--no-stories", action="store_true")
    parser.add_argument("--keep", help="folder to keep the WARC and the run in")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="storyline-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    warc = work / f"crawl-{args.pages}.warc.gz"
    t0 = time.perf_counter()
    counts = write_warc(warc, args.pages)
    print(f"wrote {warc} ({warc.stat().st_size / 2**20:.1f} MiB, {counts}) in "
          f"{time.perf_counter() - t0:.0f} s")  # fmt: skip
    engine = make_engine(args.processes, args.engine)
    sampler = PeakMemory()
    sampler.start()
    t0 = time.perf_counter()
    result = run_corpus(
        [str(warc)], work / f"run-{args.engine}", engine=engine, stories=not args.no_stories
    )
    secs = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    if hasattr(engine, "shutdown"):
        engine.shutdown()
    records = counts["articles"] + counts["not_articles"]
    metrics = {
        "engine": args.engine,
        "pages": args.pages,
        "records": records,
        "articles": result.articles,
        "skipped": result.inputs.get("skipped", 0),
        "seconds": round(secs, 1),
        "pages_per_s": round(records / secs, 2),
        "articles_per_s": round(result.articles / secs, 2),
        "split_s": result.seconds,
        "peak_rss_gib": round(sampler.peak_rss / 2**30, 2),
        "peak_pss_gib": round(sampler.peak_pss / 2**30, 2),
        "stories": sum(b.stories for b in result.blocks),
        "blocks": len(result.blocks),
    }
    print(f"{args.engine}: {records} records in {secs:.0f} s = {metrics['pages_per_s']} pages/s; "
          f"peak RSS {metrics['peak_rss_gib']} GiB, PSS {metrics['peak_pss_gib']} GiB")  # fmt: skip
    print(json.dumps(metrics))


if __name__ == "__main__":
    main()
