"""Score near-duplicate detection on syndicated copies made, by code, from real articles.

The originals are the giveme5w1h-news_cluster articles (real news from many outlets). Each
gets two syndicated copies, made the way syndication changes a story: the boilerplate is
swapped (wire credits, "Read more", newsletter and social lines added, the site's own lines
dropped), the headline is rewritten (another outlet's headline of the same event, or a
reworded one), and one or two of: paragraphs dropped, paragraphs reordered, the text cut
short, small edits (spelling, "said"/"says", number formats, one sentence removed). Copies are
dated the original's day or the day after.

The hard negatives are real: other articles about the same event, written by other outlets.
A few of those are themselves syndicated copies of each other in the real data; pairs of
originals that share at least half of the smaller one's shingles are set aside (counted in
`real_copy_pairs`) rather than called wrong either way.

Scores are pairwise over copy groups: a pair is predicted when both articles end in the same
copy group. `precision`/`recall`/`f1` are for `find_copies` (MinHash LSH candidates, exact
shingle check), what `storyline brief` runs; `lsh_*` for the streaming `CopyIndex` alone
(MinHash estimates only), what the scaling benchmark runs. No threshold was tuned on this set.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from time import perf_counter

from evals import DatasetError, Metrics
from evals.clusterdata import load_giveme
from storyline.model import Article
from storyline.stories.cluster.features import day_of
from storyline.stories.copies import containment, find_copies, shingles
from storyline.stories.dedupe import COPY_CONTAINMENT, CopyDetector

COPIES_PER_ORIGINAL = 2
SEED = 20240601

_BOILER_TOP = (
    "(Reuters) -",
    "WASHINGTON (AP) —",
    "This article originally appeared on our partner site.",
    "Advertisement",
    "Share on Facebook Share on Twitter Share via Email",
)
_BOILER_BOTTOM = (
    "Copyright 2018 The Associated Press. All rights reserved. This material may not be "
    "published, broadcast, rewritten or redistributed.",
    "Sign up for our daily newsletter to get the top stories in your inbox.",
    "Follow us on Twitter and Facebook for the latest updates.",
    "Read more: the full story is on our website.",
    "(Reporting by staff; Editing by the news desk)",
    "This story was distributed by a wire service.",
    "Related: more coverage of this story",
)
_EDITS = (
    ("said", "says"),
    ("percent", "per cent"),
    ("color", "colour"),
    ("Mr. ", "Mr "),
    ("U.S.", "US"),
    ("toward", "towards"),
    (" and ", " & "),
)


@dataclass(frozen=True, slots=True)
class Copy:
    """A made copy: the article, the original it copies and the changes applied."""

    article: Article
    original_id: str
    changes: tuple[str, ...]


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n+", text) if p.strip()]


def _drop(paras: list[str], rng: random.Random) -> list[str]:
    """Drop up to 40% of the paragraphs after the first."""
    if len(paras) < 3:
        return paras
    k = rng.randint(1, max(1, int(0.4 * len(paras))))
    gone = set(rng.sample(range(1, len(paras)), min(k, len(paras) - 1)))
    return [p for i, p in enumerate(paras) if i not in gone]


def _reorder(paras: list[str], rng: random.Random) -> list[str]:
    """Swap two paragraphs after the first."""
    if len(paras) < 3:
        return paras
    i, j = rng.sample(range(1, len(paras)), 2)
    out = list(paras)
    out[i], out[j] = out[j], out[i]
    return out


def _truncate(paras: list[str], rng: random.Random) -> list[str]:
    """Keep the first 55% to 80% of the paragraphs (at least one)."""
    keep = max(1, round(len(paras) * rng.uniform(0.55, 0.8)))
    return paras[:keep]


def _edit(paras: list[str], rng: random.Random) -> list[str]:
    """Apply spelling and style edits and remove one sentence."""
    text = "\n".join(paras)
    for old, new in rng.sample(_EDITS, 3):
        text = text.replace(old, new)
    text = re.sub(r"\b(\d{1,3}),(\d{3})\b", r"\1\2", text)
    out = text.split("\n")
    longest = max(range(len(out)), key=lambda i: len(out[i]))
    sentences = re.split(r"(?<=[.!?])\s+", out[longest])
    if len(sentences) > 1:
        del sentences[rng.randrange(len(sentences))]
        out[longest] = " ".join(sentences)
    return out


_CHANGES: dict[str, Callable[[list[str], random.Random], list[str]]] = {
    "drop": _drop,
    "reorder": _reorder,
    "truncate": _truncate,
    "edit": _edit,
}


def make_copy(original: Article, headline: str, rng: random.Random, n: int) -> Copy:
    """Return syndicated copy number `n` of an article."""
    paras = _paragraphs(original.text)
    if paras and paras[0].strip() == original.title.strip():
        paras = paras[1:]  # the site's own headline line goes with its layout
    changes = ["boilerplate", "headline"]
    for name in sorted(rng.sample(sorted(_CHANGES), rng.randint(1, 2))):
        paras = _CHANGES[name](paras, rng)
        changes.append(name)
    top = [rng.choice(_BOILER_TOP)] if rng.random() < 0.6 else []
    bottom = rng.sample(_BOILER_BOTTOM, rng.randint(1, 2))
    text = "\n".join([headline, *top, *paras, *bottom])
    day = day_of(original.published)
    published = original.published
    if day is not None and rng.random() < 0.5:
        published = (date.fromisoformat(original.published or "") + timedelta(days=1)).isoformat()
    article = Article(
        id=Article.make_id(text),
        text=text,
        title=headline,
        path=f"copy-{n}-of-{original.id}",
        source=f"syndicate{n}.example",
        published=published,
    )
    return Copy(article, original.id, tuple(changes))


def _headline(original: Article, others: list[Article], rng: random.Random) -> str:
    """Return another outlet's headline of the same event, or a reworded one."""
    options = [a.title for a in others if a.id != original.id and a.title != original.title]
    if options and rng.random() < 0.5:
        return rng.choice(options)
    words = original.title.split()
    return " ".join(["UPDATE:", *words[: max(3, len(words) - 2)]])


def build_set(folder: Path) -> tuple[list[Article], list[Copy], dict[str, str]]:
    """Return the originals, their copies, and each original's event label."""
    items = load_giveme(folder)
    originals: dict[str, Article] = {}
    event: dict[str, str] = {}
    for item in items:
        if item.article is not None:
            originals.setdefault(item.article.id, item.article)
            event[item.article.id] = item.labels["event"]
    by_event: dict[str, list[Article]] = defaultdict(list)
    for art in originals.values():
        by_event[event[art.id]].append(art)
    copies = []
    for art in sorted(originals.values(), key=lambda a: a.id):
        rng = random.Random(f"{SEED}:{art.id}")
        for n in range(1, COPIES_PER_ORIGINAL + 1):
            copies.append(make_copy(art, _headline(art, by_event[event[art.id]], rng), rng, n))
    return list(originals.values()), copies, event


def _pairs(groups: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for g in groups for p in combinations(sorted(g), 2)}


def _groups_from_links(ids: Iterable[str], links: dict[str, str]) -> list[list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for aid in ids:
        groups[links.get(aid, aid)].append(aid)
    return list(groups.values())


def run(folder: Path) -> Metrics:
    """Build the set, run both detectors and score them."""
    started = perf_counter()
    originals, copies, event = build_set(folder)
    if not originals:
        raise DatasetError(f"no usable articles in {folder}")
    real = _real_copies(originals, event)
    truth_groups: dict[str, list[str]] = {a.id: [a.id] for a in originals}
    for c in copies:
        truth_groups[c.original_id].append(c.article.id)
    truth = _pairs(truth_groups.values())
    pool = [*originals, *(c.article for c in copies)]
    pool.sort(key=lambda a: (a.published or "9999", a.id))  # a stream arrives in time order
    links = {k: v.original_id for k, v in find_copies(pool).items()}
    stream = CopyDetector()
    for a in pool:
        stream.add(a.id, a.text, a.source, day_of(a.published))
    lsh_links = {k: v[0] for k, v in stream.links().items()}
    origin = {a.id: a.id for a in originals} | {c.article.id: c.original_id for c in copies}

    def scored(pairs: set[frozenset[str]]) -> set[frozenset[str]]:
        """Leave out pairs whose originals already copy each other in the real data."""
        return {p for p in pairs if frozenset(origin[x] for x in p) not in real}

    truth = scored(truth)
    ids = [a.id for a in pool]
    found_pairs = scored(_pairs(_groups_from_links(ids, links)))
    metrics: Metrics = {}
    metrics.update(_prf("", found_pairs, truth))
    metrics.update(_prf("lsh_", scored(_pairs(_groups_from_links(ids, lsh_links))), truth))
    metrics["canonical_accuracy"] = round(
        sum(links.get(c.article.id) == c.original_id for c in copies) / len(copies), 4
    )
    for change in ("drop", "reorder", "truncate", "edit"):
        chosen = [c for c in copies if change in c.changes]
        hit = sum(frozenset((c.article.id, c.original_id)) in found_pairs for c in chosen)
        metrics[f"recall_{change}"] = round(hit / len(chosen), 4) if chosen else 0.0
    same_event = _same_event_pairs(originals, event) - real
    wrong = same_event & found_pairs
    metrics.update(
        originals=len(originals),
        copies=len(copies),
        same_event_negative_pairs=len(same_event),
        same_event_false_links=len(wrong),
        real_copy_pairs=len(real),
        seconds=round(perf_counter() - started, 1),
    )
    return metrics


def _prf(prefix: str, predicted: set[frozenset[str]], truth: set[frozenset[str]]) -> Metrics:
    hit = len(predicted & truth)
    precision = hit / len(predicted) if predicted else 1.0
    recall = hit / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        f"{prefix}precision": round(precision, 4),
        f"{prefix}recall": round(recall, 4),
        f"{prefix}f1": round(f1, 4),
    }


def _same_event_pairs(originals: list[Article], event: dict[str, str]) -> set[frozenset[str]]:
    by_event: dict[str, list[str]] = defaultdict(list)
    for a in originals:
        by_event[event[a.id]].append(a.id)
    return _pairs(by_event.values())


def _real_copies(originals: list[Article], event: dict[str, str]) -> set[frozenset[str]]:
    """Return pairs of real articles that already copy each other (exact shingle check)."""
    sets = {a.id: shingles(a.text) for a in originals}
    return {
        pair
        for pair in _same_event_pairs(originals, event)
        if containment(*(sets[a] for a in pair)) >= COPY_CONTAINMENT
    }
