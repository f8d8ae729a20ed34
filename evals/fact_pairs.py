"""Fact grouping on real stories: do the sentences of one fact state the same thing?

`reconcile_ecbplus` scores grouping against ECB+'s "mentions the same event", a looser
question than the one a reader of a brief asks of a fact with "2 independent sources": do
its sentences state the same thing? This eval answers that on real coverage. Its labels are
sentence pairs that storyline grouped into one multi-source fact on the giveme5w1h articles,
each labelled SAME, DIFFERENT or UNCLEAR by a reader who saw only the two sentences
(`evals/data/fact_pairs.tsv` keeps the file names and hashes of the sentences, no text).

python -m evals fact_pairs [--data DIR]        # the numbers; the gate runs this
python -m evals.fact_pairs --unlabelled N      # print N grouped pairs that have no label

What it reports, per half (held out: even giveme5w1h events, by sentence A's file; `dev_`:
odd events, as for clustering): `precision`, the share of SAME among the labelled pairs the
code still groups (UNCLEAR left out); `same_kept`, the share of SAME pairs still grouped;
`labelled_found`, labelled pairs whose two sentences are still in some fact; and, over the
whole brief, `grouped_pairs`, the cross-article sentence pairs in multi-source facts, and
`grouped_labelled`, how many of those carry a label. A change that groups new pairs is only
judged on the old ones: label a sample of `--unlabelled` pairs before trusting a gain.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from evals import DatasetError, Metrics, resolve_data
from evals.cache import cache_dir, process
from evals.clusterdata import load_giveme
from storyline.model import Doc, Story
from storyline.pipeline import build_pipeline
from storyline.stories import build_stories

SUBPATH = "clustering/giveme5w1h-news_cluster"
LABELS = Path(__file__).resolve().parent / "data" / "fact_pairs.tsv"
SAME, DIFFERENT = "SAME", "DIFFERENT"

Key = tuple[str, str]  # (file name, hash of the sentence)


@dataclass(frozen=True, slots=True)
class Labelled:
    """One labelled pair of sentences from two articles."""

    a: Key
    b: Key
    label: str


def sentence_hash(text: str) -> str:
    """Return the key of a sentence: SHA-1 of its words with whitespace collapsed."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def read_labels(path: Path = LABELS) -> list[Labelled]:
    """Read the labelled pairs (tab-separated; `#` starts a comment line)."""
    out = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        file_a, hash_a, file_b, hash_b, label = line.split("\t")
        out.append(Labelled((file_a, hash_a), (file_b, hash_b), label))
    return out


@dataclass(frozen=True, slots=True)
class Grouping:
    """Which sentences the brief holds, and which cross-article pairs share a fact."""

    present: frozenset[Key]
    grouped: frozenset[frozenset[Key]]
    texts: dict[Key, str]


def grouping(stories: Iterable[Story], files: dict[str, str]) -> Grouping:
    """Return the sentences in facts and the pairs grouped in multi-source facts."""
    present: set[Key] = set()
    grouped: set[frozenset[Key]] = set()
    texts: dict[Key, str] = {}
    for story in stories:
        for fact in story.facts:
            keys = []
            for ev in fact.evidence:
                key = (files[ev.span.article_id], sentence_hash(ev.text))
                present.add(key)
                texts.setdefault(key, ev.text)
                keys.append(key)
            if fact.independent_sources < 2:
                continue
            for x, y in combinations(dict.fromkeys(keys), 2):
                if x[0] != y[0]:
                    grouped.add(frozenset((x, y)))
    return Grouping(frozenset(present), frozenset(grouped), texts)


def score(labels: Sequence[Labelled], found: Grouping, prefix: str = "") -> Metrics:
    """Return precision and kept SAME pairs over the labelled pairs of one half."""
    counts: Counter[tuple[str, bool]] = Counter()
    for pair in labels:
        if pair.a in found.present and pair.b in found.present:
            counts[(pair.label, frozenset((pair.a, pair.b)) in found.grouped)] += 1
    same, different = counts[(SAME, True)], counts[(DIFFERENT, True)]
    all_same = same + counts[(SAME, False)]
    return {
        f"{prefix}precision": round(same / (same + different), 4) if same + different else 0.0,
        f"{prefix}same_kept": round(same / all_same, 4) if all_same else 0.0,
        f"{prefix}labelled_found": sum(counts.values()),
        f"{prefix}labelled": len(labels),
    }


def build(folder: Path) -> tuple[Grouping, dict[str, str]]:
    """Run storyline on the giveme5w1h folder as `storyline brief` does; return its grouping
    and each file's half (dev or test)."""
    items = load_giveme(folder)
    articles = [i.article for i in items if i.article is not None]
    if not articles:
        raise DatasetError(f"no giveme5w1h articles under {folder}")
    docs = process(build_pipeline(), [Doc(article=a) for a in articles], cache_dir("giveme5w1h"))
    files = {i.article.id: Path(i.name).name for i in items if i.article is not None}
    halves = {Path(i.name).name: i.split for i in items}
    return grouping(build_stories(docs), files), halves


def run(folder: Path) -> Metrics:
    """Score the labelled pairs on both halves."""
    found, halves = build(folder)
    labels = read_labels()
    metrics: Metrics = {}
    for half, prefix in (("test", ""), ("dev", "dev_")):
        metrics |= score([p for p in labels if halves.get(p.a[0]) == half], found, prefix)
    labelled = {frozenset((p.a, p.b)) for p in labels}
    metrics["grouped_pairs"] = len(found.grouped)
    metrics["grouped_labelled"] = len(found.grouped & labelled)
    return metrics


def unlabelled(found: Grouping, n: int) -> list[tuple[Key, Key]]:
    """Return up to n grouped pairs without a label, in a fixed order (sorted by hash)."""
    labelled = {frozenset((p.a, p.b)) for p in read_labels()}
    pairs = sorted(
        (tuple(sorted(p)) for p in found.grouped - labelled),
        key=lambda p: hashlib.sha1(repr(p).encode()).hexdigest(),
    )
    return [(a, b) for a, b in pairs[:n]]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the metrics, or grouped pairs that have no label yet (for a reader to label)."""
    parser = argparse.ArgumentParser(prog="python -m evals.fact_pairs", description=__doc__)
    parser.add_argument("--data", metavar="DIR", help="giveme5w1h news_cluster folder")
    parser.add_argument("--unlabelled", type=int, metavar="N", help="print N unlabelled pairs")
    args = parser.parse_args(argv)
    try:
        folder = resolve_data(SUBPATH, args.data)
        if args.unlabelled:
            found, _ = build(folder)
            for a, b in unlabelled(found, args.unlabelled):
                row = [a[0], a[1], b[0], b[1], found.texts[a], found.texts[b]]
                print("\t".join(" ".join(t.split()) for t in row))
            return 0
        print(json.dumps(run(folder)))
    except DatasetError as exc:
        print(f"evals: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
