"""Train the attribution tagger (`storyline.stages.quotes.tagger`) on PolNeAR's train split.

python -m evals.train_quotes            train on all of train, write the package's model file
python -m evals.train_quotes --check    train on the fit part of train, score the check part

Train's files are split by a hash of their text's name: one text in five is `check`, the
rest `fit`. Every
choice (features, regularisation, how learned cues join the rules) was made on check; dev is
only read by `python -m evals quotes`, after development. No PolNeAR text is written anywhere:
the model holds feature weights only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from evals import Metrics, resolve_data
from evals.cache import cache_dir, process
from evals.quotes import Article_, Attribution, as_attributions, evaluate, load_split
from storyline.model import Article, Doc
from storyline.pipeline import build_pipeline
from storyline.stages.quotes import add_quotes, tagger
from storyline.stages.quotes.learned import add_attributions
from storyline.stages.quotes.syntax import Parse

C1 = 3.0  # L1: prunes unused features, which keeps the model file small (about 1 MB)
C2 = 0.01
MAX_ITERATIONS = 150
MIN_FREQ = 0.0  # features seen fewer times than this are left out (5 made no difference)
CHECK_SHARE = 5  # one file in five is check


def is_check(name: str) -> bool:
    """Tell whether a train file belongs to the check part (by a hash of its text's name).

    Some texts have two annotation files (`<text>_<annotator>`); both go to the same part.
    """
    text = name.rsplit("_", 1)[0]
    return int(hashlib.sha1(text.encode()).hexdigest(), 16) % CHECK_SHARE == 0


def parse_all(articles: Sequence[Article_], use_cache: bool = True) -> list[Doc]:
    """Parse each article once (cached between runs, keyed by the code that parses)."""
    docs = [
        Doc(article=Article(id=Article.make_id(a.text), text=a.text, title="")) for a in articles
    ]
    folder = cache_dir("train_quotes") if use_cache else None
    return process(build_pipeline(["parse.v1"]), docs, folder)


def gold_tags(doc: Doc, gold: Sequence[Attribution]) -> list[str]:
    """Return one BIO tag per token from the gold attributions (first label wins)."""
    tags = ["O"] * len(doc.tokens)
    for att in gold:
        for role, ranges in (("CUE", att.cue), ("SOURCE", att.source), ("CONTENT", att.content)):
            for a, b in ranges:
                first = True
                for i in doc.token_range(a, b):
                    if tags[i] == "O":
                        tags[i] = ("B-" if first else "I-") + role
                    first = False
    return tags


def train(docs: Sequence[Doc], golds: Sequence[Sequence[Attribution]], out: Path) -> None:
    """Fit the CRF on the docs' sentences and write the model to `out`."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for doc, gold in zip(docs, golds, strict=True):
        p = Parse(doc)
        tags = gold_tags(doc, gold)
        for rng, seq in zip(tagger.sentence_ranges(p), tagger.features(p), strict=True):
            trainer.append(seq, [tags[i] for i in rng])
    trainer.set_params({
        "c1": C1, "c2": C2, "max_iterations": MAX_ITERATIONS, "feature.minfreq": MIN_FREQ,
        "feature.possible_transitions": True,
    })  # fmt: skip
    trainer.train(str(out))


def score(docs: Sequence[Doc], golds: Sequence[Sequence[Attribution]]) -> dict[str, Metrics]:
    """Run the quote stages on parsed docs; score the rules alone and with the tagger."""
    combined, rules = [], []
    for doc, gold in zip(docs, golds, strict=True):
        done = add_attributions(add_quotes(doc))
        combined.append((doc.article.text, as_attributions(done), gold))
        rules.append((doc.article.text, as_attributions(done, speech_only=True), gold))
    return {"rules": evaluate(rules), "combined": evaluate(combined)}


_SHOWN = ("cue_exact", "source_exact", "content_exact", "content_overlap")


def summary(metrics: Metrics) -> dict[str, float]:
    """Return the headline numbers: F1 (and P, R for cues) of each role."""
    out = {f"{m}_f1": metrics[f"{m}_f1"] for m in _SHOWN}
    out["cue_exact_precision"] = metrics["cue_exact_precision"]
    out["cue_exact_recall"] = metrics["cue_exact_recall"]
    out["direct_source_exact_f1"] = metrics["direct_source_exact_f1"]
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="data root (default: ../shared/data)")
    parser.add_argument("--check", action="store_true", help="fit on fit, score on check")
    parser.add_argument("--no-cache", action="store_true", help="parse again")
    args = parser.parse_args(argv)
    articles = load_split(resolve_data("quotes/polnear", args.data), "train")
    docs = parse_all(articles, use_cache=not args.no_cache)
    golds = [a.gold for a in articles]
    if not args.check:
        start = time.perf_counter()
        train(docs, golds, tagger.model_path())
        size = tagger.model_path().stat().st_size
        print(f"wrote {tagger.model_path()} ({size} bytes) in {time.perf_counter() - start:.0f} s")
        return
    fit = [i for i, a in enumerate(articles) if not is_check(a.name)]
    check = [i for i, a in enumerate(articles) if is_check(a.name)]
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / tagger.MODEL_FILE
        train([docs[i] for i in fit], [golds[i] for i in fit], model)
        tagger.use_model(model)
        result = {}
        for name, part in (("fit", fit), ("check", check)):
            scored = score([docs[i] for i in part], [golds[i] for i in part])
            for system, metrics in scored.items():
                result[f"{name}_{system}"] = summary(metrics)
        result["model_bytes"] = {"size": model.stat().st_size}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
