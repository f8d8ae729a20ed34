"""How well PolNeAR's own annotators agree with each other, scored like storyline's quotes.

python -m evals.quote_agreement            # annotators against each other, train and dev
python -m evals.quote_agreement --system   # and storyline against each annotator, same texts

PolNeAR had some texts annotated by every annotator (16 in train, 2 in dev; the weekly
review articles). Scoring each annotator's file against each other's with the rules of
`evals.quotes` (one as prediction, the other as gold, every ordered pair) gives the level at
which trained people agree on cue, source and content spans: a ceiling for any system scored
against one annotator, and the yardstick for an anchor measured on another corpus. Only gold
files are read, so this is safe to run on dev: it never sees storyline's output.
`--system` also runs storyline (rules + tagger, as `python -m evals quotes`) on the same
texts and scores it against every annotator's file. On train that is no test: the tagger
was trained on these files.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import defaultdict
from collections.abc import Sequence

from evals import Metrics, resolve_data
from evals.quotes import STAGES, Article_, as_attributions, evaluate, load_split
from storyline.model import Article, Doc

DATASET = "quotes/polnear"


def multi_annotated(articles: Sequence[Article_]) -> list[list[Article_]]:
    """Group annotation files by their text; keep texts that have two files or more."""
    by_text: defaultdict[str, list[Article_]] = defaultdict(list)
    for a in articles:
        by_text[a.name.rsplit("_", 1)[0]].append(a)
    return [files for files in by_text.values() if len(files) > 1]


def agreement(articles: Sequence[Article_]) -> Metrics:
    """Score every ordered pair of annotators on each multi-annotated text."""
    groups = multi_annotated(articles)
    pairs = [(x.text, x.gold, y.gold) for g in groups for x, y in itertools.permutations(g, 2)]
    metrics = evaluate(pairs) if pairs else {}
    metrics["texts"] = len(groups)
    metrics["annotator_pairs"] = len(pairs)
    return metrics


def against_annotators(articles: Sequence[Article_]) -> Metrics:
    """Run storyline once per multi-annotated text and score it against each annotator."""
    from storyline.pipeline import build_pipeline

    pipeline = build_pipeline(STAGES)
    items = []
    for group in multi_annotated(articles):
        text = group[0].text
        doc = pipeline(Doc(article=Article(id=Article.make_id(text), text=text, title="")))
        pred = as_attributions(doc)
        items += [(text, pred, a.gold) for a in group]
    return evaluate(items)


def main(argv: Sequence[str] | None = None) -> None:
    """Print the agreement on train and on dev, one JSON object per line."""
    parser = argparse.ArgumentParser(prog="python -m evals.quote_agreement")
    parser.add_argument("--system", action="store_true", help="also score storyline")
    args = parser.parse_args(argv)
    folder = resolve_data(DATASET)
    keys = ("cue_exact_f1", "source_exact_f1", "content_exact_f1", "content_overlap_f1")
    for split in ("train", "dev"):
        articles = load_split(folder, split)
        m = agreement(articles)
        row = {"split": split, "who": "annotators", "texts": m["texts"]}
        print(json.dumps(row | {"pairs": m["annotator_pairs"]} | {k: m[k] for k in keys}))
        if args.system:
            s = against_annotators(articles)
            print(json.dumps(row | {"who": "storyline"} | {k: s[k] for k in keys}))


if __name__ == "__main__":
    main()
