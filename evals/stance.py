"""Classify FNC-1 headline/body stance with storyline's own pieces, and score it officially.

FNC-1 (Fake News Challenge stage 1, 2017) pairs a headline with an article body: the body
`agree`s with the headline, `disagree`s, `discuss`es it without taking a side, or is
`unrelated`. Only the competition test set is used here (no training data): bodies with an
even Body ID are dev (to choose the few thresholds below), odd ones are test (reported).

Nothing is trained. Every article body and headline goes through storyline's pipeline;
then, for each pair:

- relatedness = a mix of the best sentence-embedding cosine between the headline and a body
  sentence (storyline's encoder) and the IDF-weighted share of the headline's content words
  found in the body; below a threshold the pair is `unrelated`;
- among related pairs, the body sentences closest to the headline are read for what
  storyline's claims say about them: refuting words or a claim whose polarity is the
  opposite of the headline's make `disagree`; a close, plainly asserted restatement
  (no hedge, modality or attribution on the claims) makes `agree`; the rest `discuss`.

The score is the official one (the challenge's scorer.py): +0.25 for each pair right on
related vs unrelated, +0.75 more for the right one of agree/disagree/discuss; reported as a
percentage of the best possible score, with per-class F1 and their macro average.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

import numpy as np

from evals import DatasetError, Metrics, resolve_data
from evals.cache import CachedEmbedder, cache_dir, process
from storyline.embed import Vectors
from storyline.model import Article, Doc, content_id
from storyline.pipeline import build_pipeline

SUBPATH = "stance/fnc1"

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = frozenset(LABELS[:3])
#: The first sentences of a body, where a report usually says whether it believes the claim.
LEDE = 5
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_STOP = frozenset(
    {
        "be",
        "have",
        "do",
        "say",
        "get",
        "make",
        "go",
        "will",
        "would",
        "can",
        "new",
        "other",
        "more",
        "one",
        "-pron-",
    }
)
#: Lemmas that call a report false: the body takes the opposite side.
REFUTING = frozenset(
    {
        "fake",
        "hoax",
        "false",
        "untrue",
        "deny",
        "denial",
        "debunk",
        "fabricate",
        "fabricated",
        "bogus",
        "myth",
        "prank",
        "satire",
        "satirical",
        "misleading",
        "refute",
        "retract",
        "baseless",
        "unfounded",
        "nonsense",
        "lie",
        "fraud",
        "dismiss",
    }
)
#: Lemmas that keep a report at arm's length: the body discusses without endorsing.
HEDGING = frozenset(
    {
        "reportedly",
        "allegedly",
        "claim",
        "rumor",
        "rumour",
        "unconfirmed",
        "unverified",
        "apparently",
        "purportedly",
        "supposedly",
        "report",
        "accord",
        "appear",
        "suggest",
    }
)


@dataclass(frozen=True, slots=True)
class Pair:
    """One labelled headline/body pair."""

    headline: str
    body_id: int
    stance: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """What storyline found in one body sentence that bears on stance."""

    lemmas: frozenset[str]
    negated: bool  # a claim in it is negated
    hedged: bool  # a claim is hedged, modal or attributed, or a hedging word is used
    refutes: bool  # it uses a refuting word


@dataclass(frozen=True, slots=True)
class Text:
    """A headline or body read by storyline: its sentences and one vector per sentence."""

    sentences: tuple[Sentence, ...]
    vectors: Vectors

    @property
    def lemmas(self) -> frozenset[str]:
        return frozenset().union(*(s.lemmas for s in self.sentences))


@dataclass(frozen=True, slots=True)
class Settings:
    """The classifier's few numbers, chosen on the dev half (see docs/EVALUATION.md)."""

    mix: float = 0.7  # weight of the embedding cosine in relatedness (the rest: word overlap)
    related: float = 0.3  # relatedness from which a pair is related
    top: int = 3  # body sentences closest to the headline that are read, besides the lede
    refute: int = 2  # sentences with a refuting word (lede or closest) that make it disagree
    hedge: float = 0.3  # largest share of hedged body sentences for an agreeing body
    agree: float = 0.4  # smallest best cosine for an agreeing body (it restates the headline)


def read_pairs(folder: Path) -> tuple[dict[int, str], list[Pair]]:
    """Read the competition test bodies and stances."""
    bodies_csv = folder / "competition_test_bodies.csv"
    stances_csv = folder / "competition_test_stances.csv"
    if not bodies_csv.is_file() or not stances_csv.is_file():
        raise DatasetError(f"FNC-1 competition test CSVs not found in {folder}")
    bodies: dict[int, str] = {}
    with bodies_csv.open(encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            if (row.get("Body ID") or "").isdigit():
                bodies[int(row["Body ID"])] = row.get("articleBody") or ""
    pairs = []
    with stances_csv.open(encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            body, stance = row.get("Body ID") or "", row.get("Stance") or ""
            if body.isdigit() and int(body) in bodies and stance in LABELS:
                pairs.append(Pair(row.get("Headline") or "", int(body), stance))
    return bodies, pairs


def split_of(body_id: int) -> str:
    """Return the half a body belongs to: even Body IDs are dev, odd ones test."""
    return "test" if body_id % 2 else "dev"


def read_text(doc: Doc, vectors: Vectors) -> Text:
    """Summarise a processed doc sentence by sentence (vectors: one row per sentence)."""
    sentences = []
    for sent in doc.sentences:
        toks = [doc.tokens[i] for i in doc.token_range(sent.start, sent.end)]
        words = {t.lemma.lower() for t in toks}
        lemmas = frozenset(
            t.lemma.lower() for t in toks if t.pos in _CONTENT_POS and t.lemma.lower() not in _STOP
        )
        claims = [c for c in doc.claims if sent.start <= c.span.start < sent.end]
        hedged = any(c.hedged or c.modality or c.attribution for c in claims)
        sentences.append(
            Sentence(
                lemmas=lemmas,
                negated=any(c.negated for c in claims) or bool(words & {"not", "no", "never"}),
                hedged=hedged or bool(words & HEDGING),
                refutes=bool(words & REFUTING),
            )
        )
    return Text(tuple(sentences), vectors)


def sentence_texts(doc: Doc) -> list[str]:
    """Return the text of each sentence, the inputs to the encoder."""
    return [doc.article.text[s.start : s.end] for s in doc.sentences]


def idf(texts: Sequence[Text]) -> dict[str, float]:
    """Return each lemma's inverse document frequency over the bodies."""
    df: Counter[str] = Counter()
    for text in texts:
        df.update(text.lemmas)
    n = len(texts) or 1
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def overlap(headline: Text, body: Text, weights: Mapping[str, float]) -> float:
    """Return the IDF-weighted share of the headline's content words that the body uses."""
    words = headline.lemmas
    total = sum(weights.get(w, 1.0) for w in words)
    return sum(weights.get(w, 1.0) for w in words & body.lemmas) / total if total else 0.0


def classify(headline: Text, body: Text, weights: Mapping[str, float], s: Settings) -> str:
    """Return the stance of a body towards a headline."""
    if not len(body.vectors) or not len(headline.vectors):
        return "unrelated"
    head = headline.vectors.mean(axis=0)
    head = head / max(float(np.linalg.norm(head)), 1e-9)
    cosines = body.vectors @ head
    relatedness = s.mix * float(cosines.max()) + (1 - s.mix) * overlap(headline, body, weights)
    if relatedness < s.related:
        return "unrelated"
    # Where a body takes a side: its first sentences and the ones closest to the headline.
    read = {*range(min(LEDE, len(body.sentences))), *np.argsort(-cosines)[: s.top].tolist()}
    refuting = sum(body.sentences[i].refutes for i in read)
    if refuting >= s.refute and not any(x.refutes for x in headline.sentences):
        return "disagree"
    hedged = sum(x.hedged for x in body.sentences) / len(body.sentences)
    plain_headline = not any(x.hedged for x in headline.sentences)
    if plain_headline and hedged <= s.hedge and float(cosines.max()) >= s.agree:
        return "agree"
    return "discuss"


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Return the official FNC-1 score as a share of the best possible score (0..1)."""
    score = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        best += 1.0 if g in RELATED else 0.25
        if g == p:
            score += 0.25 + (0.5 if g in RELATED else 0.0)
        if g in RELATED and p in RELATED:
            score += 0.25
    return score / best if best else 0.0


def class_f1(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Return the F1 of each label and their unweighted mean under "macro"."""
    out = {}
    for label in LABELS:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label != g)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label != p)
        out[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    out["macro"] = sum(out[label] for label in LABELS) / len(LABELS)
    return out


def metrics(gold: Sequence[str], predicted: Sequence[str]) -> Metrics:
    """Return the FNC score (percent), per-class F1, macro F1 and related/unrelated accuracy."""
    f1 = class_f1(gold, predicted)
    related_ok = sum((g in RELATED) == (p in RELATED) for g, p in zip(gold, predicted, strict=True))
    out: Metrics = {
        "fnc_score": round(100 * fnc_score(gold, predicted), 2),
        "macro_f1": round(f1["macro"], 4),
        "relatedness_accuracy": round(related_ok / len(gold), 4) if gold else 0.0,
    }
    out |= {f"{label}_f1": round(f1[label], 4) for label in LABELS}
    return out


def read_all(docs: Sequence[Doc], embedder: CachedEmbedder) -> list[Text]:
    """Embed every sentence of the docs in one batch and summarise each doc."""
    texts = [sentence_texts(d) for d in docs]
    vectors = embedder([t for ts in texts for t in ts])
    out, at = [], 0
    for doc, ts in zip(docs, texts, strict=True):
        out.append(read_text(doc, vectors[at : at + len(ts)]))
        at += len(ts)
    return out


def prepare(folder: Path, split: str, limit: int | None, cache: bool) -> Prepared:
    """Read the split's pairs and run storyline on their bodies and headlines."""
    bodies, pairs = read_pairs(folder)
    ids = sorted(b for b in bodies if split in ("all", split_of(b)))[:limit]
    chosen = set(ids)
    pairs = [p for p in pairs if p.body_id in chosen]
    headlines = sorted({p.headline for p in pairs})
    articles = [_article(f"body {b}", bodies[b]) for b in ids]
    articles += [_article("headline", h) for h in headlines]
    folder_cache = cache_dir("fnc1") if cache else None
    docs = process(build_pipeline(), [Doc(article=a) for a in articles], folder_cache)
    embedder = CachedEmbedder(folder_cache)
    texts = read_all(docs, embedder)
    embedder.save()
    return Prepared(
        pairs,
        dict(zip(ids, texts, strict=False)),
        dict(zip(headlines, texts[len(ids) :], strict=True)),
    )


def _article(kind: str, text: str) -> Article:
    text = text.strip() or "(empty)"
    return Article(id=content_id(kind, text, prefix="a"), text=text, title=kind)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A split's pairs with every body and headline already read by storyline."""

    pairs: list[Pair]
    bodies: dict[int, Text]
    headlines: dict[str, Text]

    def predict(self, settings: Settings) -> list[str]:
        """Return the predicted stance of every pair."""
        weights = idf(list(self.bodies.values()))
        return [
            classify(self.headlines[p.headline], self.bodies[p.body_id], weights, settings)
            for p in self.pairs
        ]


def run(folder: Path, split: str = "test", limit: int | None = None, cache: bool = True) -> Metrics:
    """Classify every pair of a split and return the official score and F1s."""
    started = perf_counter()
    data = prepare(folder, split, limit, cache)
    gold = [p.stance for p in data.pairs]
    out = metrics(gold, data.predict(Settings()))
    all_unrelated = metrics(gold, ["unrelated"] * len(gold))
    out |= {f"baseline_unrelated_{k}": v for k, v in all_unrelated.items()}
    return out | {
        "pairs": len(gold),
        "bodies": len(data.bodies),
        "seconds": round(perf_counter() - started, 1),
    }


def calibrate(folder: Path, limit: int | None, cache: bool) -> tuple[Settings, Metrics]:
    """Return the settings with the best FNC score on the dev half, and their metrics.

    Relatedness first (it decides most of the score), then the stance numbers with it fixed.
    """
    data = prepare(folder, "dev", limit, cache)
    gold = [p.stance for p in data.pairs]

    def best_of(candidates: list[Settings]) -> Settings:
        scored = [(fnc_score(gold, data.predict(c)), -i, c) for i, c in enumerate(candidates)]
        return max(scored)[2]

    first = best_of(
        [Settings(mix=m, related=r) for m in (0.3, 0.5, 0.7) for r in (0.25, 0.3, 0.35, 0.4, 0.45)]
    )
    chosen = best_of(
        [
            Settings(first.mix, first.related, top, refute, hedge, agree)
            for top in (1, 3, 5)
            for refute in (1, 2, 3)
            for hedge in (0.2, 0.3, 0.4, 1.0)
            for agree in (0.4, 0.5, 0.6, 0.7)
        ]
    )
    return chosen, metrics(gold, data.predict(chosen))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the eval with options the registered runner does not take (split, limit, cache)."""
    parser = argparse.ArgumentParser(prog="python -m evals.stance", description=__doc__)
    parser.add_argument("--data", metavar="DIR", help="FNC-1 folder")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N bodies")
    parser.add_argument("--no-cache", action="store_true", help="recompute everything")
    parser.add_argument("--calibrate", action="store_true", help="grid-search Settings on dev")
    args = parser.parse_args(argv)
    try:
        folder = resolve_data(SUBPATH, args.data)
        if args.calibrate:
            settings, found = calibrate(folder, args.limit, not args.no_cache)
            print(settings)
            print(json.dumps(found))
            return 0
        print(json.dumps(run(folder, args.split, args.limit, not args.no_cache)))
    except DatasetError as exc:
        print(f"evals: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
