"""Time entity resolution and quote grouping on synthetic stories of growing size.

python bench/resolve.py [--sizes 30 100 300 1000] [--mentions 20] [--quotes 5]

Each article names `--mentions` people, organisations and places drawn from a pool that grows
with the story: full names, their surnames alone, organisation names with and without a legal
form, places. It also reports `--quotes` quotes, drawn from a pool of quotes (so outlets
repeat them) with a few words changed, each with three of the story's five topic words.

For each size: mentions, distinct names, entities, the wall time of `resolve_entities`, and
the baseline, the time of computing every mention's name key in the same process (the least
any resolver must do); then quotes, quote groups and the wall time of `attach_quotes`
(speakers and the same quote across articles). Last, the slope of log(time) against
log(mentions), the growth exponent of resolution. The last line printed is all of it as JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from time import perf_counter

from storyline.model import Article, Doc, Mention, Quote, Span
from storyline.names import name_key
from storyline.stories.quotes import attach_quotes
from storyline.stories.resolve import resolve_entities

_LETTERS = "aeioubcdfglmnrstvk"
#: Words most quotes of a story share, whatever they report.
_TOPIC = ("canal", "ship", "traffic", "vessel", "blockage")


def _word(rng: random.Random) -> str:
    return rng.choice("BCDFGKLMNPRSTV") + "".join(rng.choices(_LETTERS, k=rng.randint(3, 8)))


def make_story(articles: int, per_article: int, quotes: int = 5, seed: int = 1) -> list[Doc]:
    """Return `articles` docs whose mentions and quotes come from pools about the story's size."""
    rng = random.Random(seed)
    said = [[_word(rng).lower() for _ in range(rng.randint(6, 20))] for _ in range(articles)]
    pool: list[tuple[str, str]] = []
    for _ in range(max(20, articles * per_article // 4)):
        kind = rng.random()
        if kind < 0.5:
            first, last = _word(rng), _word(rng)
            pool += [(f"{first} {last}", "PERSON"), (last, rng.choice(["PERSON", "ORG"]))]
        elif kind < 0.8:
            name = " ".join(_word(rng) for _ in range(rng.randint(1, 3)))
            pool += [(name, "ORG"), (f"{name} Inc.", "ORG")]
        else:
            pool.append((_word(rng), rng.choice(["GPE", "LOC"])))
    docs = []
    for n in range(articles):
        names = rng.sample(pool, min(per_article, len(pool)))
        text = " ; ".join(name for name, _ in names)
        aid, at, mentions = f"a{n}", 0, []
        for name, label in names:
            mentions.append(Mention(Span(aid, at, at + len(name)), name, label))
            at += len(name) + 3
        found = []
        for _ in range(quotes):
            words = [w if rng.random() > 0.2 else _word(rng).lower() for w in rng.choice(said)]
            content = " ".join([*words, *rng.sample(_TOPIC, 3)])
            text += f' ; "{content}"'
            span = Span(aid, len(text) - len(content) - 1, len(text) - 1)
            found.append(Quote(span, content, None, None, "said", True))
        docs.append(
            Doc(
                article=Article(id=aid, text=text, title=""),
                mentions=tuple(mentions),
                quotes=tuple(found),
            )
        )
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 100, 300, 1000])
    parser.add_argument("--mentions", type=int, default=20, help="mentions per article")
    parser.add_argument("--quotes", type=int, default=5, help="quotes per article")
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        docs = make_story(size, args.mentions, args.quotes)
        mentions = [m for d in docs for m in d.mentions]
        start = perf_counter()
        keys = {name_key(m.text) for m in mentions}
        baseline = perf_counter() - start
        start = perf_counter()
        entities = resolve_entities(docs)
        seconds = perf_counter() - start
        start = perf_counter()
        quotes = attach_quotes(docs, entities)
        quote_seconds = perf_counter() - start
        row = {
            "articles": size,
            "mentions": len(mentions),
            "names": len(keys),
            "entities": len(entities),
            "seconds": round(seconds, 3),
            "baseline_seconds": round(baseline, 4),
            "ratio": round(seconds / baseline, 1) if baseline else None,
            "quotes": len(quotes),
            "quote_groups": len({q.group for q in quotes if q.group}),
            "quote_seconds": round(quote_seconds, 3),
        }
        print(json.dumps(row))
        rows.append(row)
    growth = None
    if len(rows) > 1:
        xs = [math.log(r["mentions"]) for r in rows]
        ys = [math.log(max(r["seconds"], 1e-6)) for r in rows]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        growth = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mx) ** 2 for x in xs
        )
    print(json.dumps({"rows": rows, "growth_exponent": round(growth, 2) if growth else None}))


if __name__ == "__main__":
    main()
