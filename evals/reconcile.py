"""Score storyline's reconciliation on ECB+: which sentences state the same event, and which
events more than one source reports.

Each ECB+ subtopic (one topic's ``ecb`` or ``ecbplus`` files) is one story. Every article's
text is rebuilt from its tokens (joined by spaces, one sentence per line) and run through the
real pipeline (`build_pipeline`, then `find_copies` and `reconcile`), exactly as
`storyline brief` would run it on those articles.

Only sentences with at least one event (action) mention in a ``CROSS_DOC_COREF`` chain are
scored; ECB+ annotates a few sentences per article densely and leaves the rest unannotated,
so an unannotated sentence says nothing either way.

(a) Claim matching, over pairs of scored sentences from different articles of one story:
gold "same" when the two sentences mention an event of the same cross-document chain;
predicted "same" when one of our facts holds a claim from each. Precision, recall and F1 of
"same" are summed over all pairs of the split (micro average).

(b) Status, per scored sentence: gold "corroborated" when one of its event chains is
mentioned by two or more articles of the story, else "single-source"; predicted
"corroborated" when one of its claims is in a fact with two or more independent sources
(status corroborated or conflicting), else "single-source".

Splits: topics with an odd number are dev (used to calibrate `storyline.stories.matching`),
even ones are test (held out; the numbers we report).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from time import perf_counter

from evals import DatasetError, Metrics, resolve_data
from evals.cache import CachedEmbedder, cache_dir, process
from evals.ecbplus import GoldDoc, read_corpus, stories
from storyline.model import Article, Doc, Fact, content_id
from storyline.pipeline import build_pipeline
from storyline.stories.copies import find_copies
from storyline.stories.reconcile import reconcile

SUBPATH = "coref/ecbplus"
SPLITS = ("dev", "test", "all")
CORROBORATED, SINGLE = "corroborated", "single-source"

#: (article name, sentence number): identifies one gold sentence.
Key = tuple[str, int]


def split_of(topic: int) -> str:
    """Return the split a topic belongs to: odd topics are dev, even ones test."""
    return "dev" if topic % 2 else "test"


@dataclass(frozen=True, slots=True)
class StoryResult:
    """What the pipeline said about one story's scored sentences."""

    facts: dict[Key, frozenset[str]]  # ids of the facts holding a claim from the sentence
    corroborated: frozenset[Key]  # sentences with a claim in a multi-source fact
    claims: int
    facts_total: int
    copy_links: int


def scored_sentences(docs: Sequence[GoldDoc]) -> list[tuple[Key, frozenset[str]]]:
    """Return the sentences to score (those with an event chain) and their chains."""
    return [((d.name, s.index), s.chains) for d in docs for s in d.sentences if s.chains]


def chain_articles(docs: Sequence[GoldDoc]) -> Counter[str]:
    """Count, for each event chain, the articles of the story that mention it."""
    return Counter(c for d in docs for c in d.chains())


def gold_status(chains: frozenset[str], articles: Mapping[str, int]) -> str:
    """Return a sentence's gold status: corroborated when one of its events has 2+ articles."""
    return CORROBORATED if any(articles.get(c, 0) >= 2 for c in chains) else SINGLE


def pair_counts(
    sentences: Sequence[tuple[Key, frozenset[str]]], predicted: Mapping[Key, frozenset[str]]
) -> Counter[str]:
    """Count tp/fp/fn/tn over pairs of sentences from different articles.

    Gold "same": the sentences share an event chain. Predicted "same": they share a fact.
    The same counts under "clear_" keep only the clear-cut pairs: the same set of event
    chains (same) or no chain in common (different); partly overlapping pairs are left out.
    """
    counts: Counter[str] = Counter()
    for (key_a, gold_a), (key_b, gold_b) in combinations(sentences, 2):
        if key_a[0] == key_b[0]:
            continue
        gold = bool(gold_a & gold_b)
        pred = bool(predicted.get(key_a, frozenset()) & predicted.get(key_b, frozenset()))
        outcome = "tp" if gold and pred else "fn" if gold else "fp" if pred else "tn"
        counts[outcome] += 1
        if gold_a == gold_b or not gold:
            counts[f"clear_{outcome}"] += 1
    return counts


def status_counts(
    sentences: Sequence[tuple[Key, frozenset[str]]],
    articles: Mapping[str, int],
    corroborated: Iterable[Key],
) -> Counter[tuple[str, str]]:
    """Count (gold status, predicted status) over the scored sentences."""
    ours = set(corroborated)
    return Counter(
        (gold_status(chains, articles), CORROBORATED if key in ours else SINGLE)
        for key, chains in sentences
    )


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Return precision, recall and F1; an empty denominator scores 0."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def status_metrics(confusion: Counter[tuple[str, str]]) -> Metrics:
    """Return accuracy, and precision/recall/F1 of each status, from a confusion count."""
    out: Metrics = {}
    total = sum(confusion.values())
    out["status_accuracy"] = round(
        sum(n for (g, p), n in confusion.items() if g == p) / total if total else 0.0, 4
    )
    f1s = []
    for status, name in ((CORROBORATED, "corroborated"), (SINGLE, "single")):
        tp = confusion[(status, status)]
        fp = sum(n for (g, p), n in confusion.items() if p == status and g != status)
        fn = sum(n for (g, p), n in confusion.items() if g == status and p != status)
        p, r, f = prf(tp, fp, fn)
        out |= {
            f"{name}_precision": round(p, 4),
            f"{name}_recall": round(r, 4),
            f"{name}_f1": round(f, 4),
        }
        f1s.append(f)
    out["status_macro_f1"] = round(sum(f1s) / len(f1s), 4)
    return out


def pair_metrics(counts: Counter[str], prefix: str = "") -> Metrics:
    """Return precision/recall/F1 of "same", the number of gold-same pairs, and the F1 of
    calling every pair "same" (what the base rate alone gives)."""
    tp, fp, fn, tn = (counts[f"{prefix}{k}"] for k in ("tp", "fp", "fn", "tn"))
    p, r, f = prf(tp, fp, fn)
    _, _, all_same = prf(tp + fn, fp + tn, 0)
    name = f"{prefix}pair"
    return {
        f"{name}_precision": round(p, 4),
        f"{name}_recall": round(r, 4),
        f"{name}_f1": round(f, 4),
        f"{name}s": tp + fp + fn + tn,
        f"{name}s_gold_same": tp + fn,
        f"baseline_all_same_{name}_f1": round(all_same, 4),
    }


def article_of(doc: GoldDoc) -> Article:
    """Return the article storyline reads for one ECB+ file (each file is its own source)."""
    return Article(
        id=content_id(doc.name, doc.text, prefix="a"),
        text=doc.text,
        title=doc.name,
        source=doc.name,
    )


def story_result(
    gold: Sequence[GoldDoc], docs: Sequence[Doc], facts: Sequence[Fact], copy_links: int
) -> StoryResult:
    """Map our facts back to the gold sentences their claims come from."""
    by_id = {d.id: g for g, d in zip(gold, docs, strict=True)}
    found: dict[Key, set[str]] = {}
    corroborated: set[Key] = set()
    for fact in facts:
        for ev in fact.evidence:
            doc = by_id[ev.span.article_id]
            sent = doc.sentence_at(ev.span.start)
            if sent is None:
                continue
            key = (doc.name, sent.index)
            found.setdefault(key, set()).add(fact.id)
            if fact.independent_sources >= 2:
                corroborated.add(key)
    return StoryResult(
        facts={k: frozenset(v) for k, v in found.items()},
        corroborated=frozenset(corroborated),
        claims=sum(len(d.claims) for d in docs),
        facts_total=len(facts),
        copy_links=copy_links,
    )


def select(docs: list[GoldDoc], split: str, limit: int | None) -> dict[str, list[GoldDoc]]:
    """Return the split's stories, the first `limit` of them when a limit is given."""
    chosen = {k: v for k, v in stories(docs).items() if split in ("all", split_of(v[0].topic))}
    return dict(list(chosen.items())[:limit]) if limit else chosen


@dataclass(frozen=True, slots=True)
class Prepared:
    """A split's stories: gold articles beside storyline's processed docs, and the encoder."""

    stories: list[tuple[list[GoldDoc], list[Doc]]]
    embedder: CachedEmbedder


def prepare(folder: Path, split: str, limit: int | None, cache: bool) -> Prepared:
    """Read the split's stories and run the per-article pipeline on every article."""
    chosen = select(read_corpus(folder), split, limit)
    if not chosen:
        raise DatasetError(f"no ECB+ files (<topic>_<n>ecb[plus].xml) found under {folder}")
    gold_docs = [d for docs in chosen.values() for d in docs]
    processed = process(
        build_pipeline(),
        [Doc(article=article_of(d)) for d in gold_docs],
        cache_dir("ecbplus") if cache else None,
    )
    by_name = {g.name: d for g, d in zip(gold_docs, processed, strict=True)}
    embedder = CachedEmbedder(cache_dir("ecbplus") if cache else None)
    return Prepared([(gold, [by_name[g.name] for g in gold]) for gold in chosen.values()], embedder)


def score(data: Prepared) -> Metrics:
    """Reconcile each story and score matching and status over the whole split."""
    pairs: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    for gold, docs in data.stories:
        copies = find_copies([d.article for d in docs])
        result = story_result(gold, docs, reconcile(docs, copies, data.embedder), len(copies))
        sentences = scored_sentences(gold)
        pairs += pair_counts(sentences, result.facts)
        confusion += status_counts(sentences, chain_articles(gold), result.corroborated)
        totals.update(
            claims=result.claims,
            facts=result.facts_total,
            copy_links=result.copy_links,
            scored=len(sentences),
            sentences=sum(len(g.sentences) for g in gold),
            articles=len(gold),
            no_claim=sum(1 for k, _ in sentences if k not in result.facts),
        )
    data.embedder.save()
    gold_corroborated = sum(n for (g, _), n in confusion.items() if g == CORROBORATED)
    return {
        **pair_metrics(pairs),
        **pair_metrics(pairs, "clear_"),
        **status_metrics(confusion),
        "stories": len(data.stories),
        "articles": totals["articles"],
        "sentences": totals["sentences"],
        "scored_sentences": totals["scored"],
        "scored_sentences_without_claim": totals["no_claim"],
        "gold_corroborated_sentences": gold_corroborated,
        "claims": totals["claims"],
        "facts": totals["facts"],
        "copy_links": totals["copy_links"],
    }


def run(folder: Path, split: str = "test", limit: int | None = None, cache: bool = True) -> Metrics:
    """Run the pipeline on each story of a split and score matching and status."""
    started = perf_counter()
    metrics = score(prepare(folder, split, limit, cache))
    return metrics | {"seconds": round(perf_counter() - started, 1)}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the eval with options the registered runner does not take (split, limit, cache)."""
    parser = argparse.ArgumentParser(prog="python -m evals.reconcile", description=__doc__)
    parser.add_argument("--data", metavar="DIR", help="ECB+ folder (topic subfolders)")
    parser.add_argument("--split", choices=SPLITS, default="test")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N stories")
    parser.add_argument("--no-cache", action="store_true", help="recompute everything")
    args = parser.parse_args(argv)
    try:
        folder = resolve_data(SUBPATH, args.data)
        metrics = run(folder, args.split, args.limit, cache=not args.no_cache)
    except DatasetError as exc:
        print(f"evals: error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
