"""Build a synthetic store of many stories quickly, for the web and store benchmarks.

The stories are made from templates, not by the language pipeline (which would take hours for
30,000 articles on this machine); they have the shape real stories have: three articles each,
a fact all three state, single-source facts, a conflicting figure in every fifth story, entity
mentions, quotes, a timeline and source profiles, every span pointing into its article's text.

    python bench/make_store.py --stories 10000 --db bench/results/bench.duckdb
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from storyline.model import (
    Article,
    Conflict,
    Doc,
    Entity,
    Evidence,
    Fact,
    Figure,
    InputRecord,
    Mention,
    Quote,
    SourceProfile,
    SourceSignals,
    Span,
    Story,
    TimeExpr,
    TimelineEntry,
    Variant,
    content_id,
)  # fmt: skip
from storyline.store.articles import record_inputs, save_docs
from storyline.store.connect import Writer
from storyline.store.intake import refresh_search_index
from storyline.store.stories import StoryWrite, save_stories

FIRST = (
    "Amina Bilal Chen Dmitri Elena Farid Grace Hugo Ines Jonas Kofi Lena Marta Nadia Omar".split()
)
LAST = "Okafor Rabie Silva Tanaka Novak Haddad Moreau Jensen Kowalski Mensah Ortiz Larsen".split()
PLACES = "Port Ardel,Velmora,North Casse,Lake Ister,Braxton,Solwen,Ketterby,Dunmore".split(",")
ORGS = "Harbour Authority,Transit Board,Water Agency,Port Union,Rail Company,Health Office".split(
    ","
)
THINGS = "bridge ferry dam tunnel pier reservoir terminal depot canal station".split()
OUTLETS = "Meridian Wire,Gulf Coast Herald,Delta Evening Post,portwatch.example,North Star".split(
    ","
)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _find(text: str, part: str, aid: str) -> Span:
    start = text.index(part)
    return Span(aid, start, start + len(part))


def make_story(i: int, rng: random.Random) -> tuple[list[Doc], Story]:
    """Return three articles about one invented event, and their reconciled story."""
    person, place, org, thing = _name(rng), rng.choice(PLACES), rng.choice(ORGS), rng.choice(THINGS)
    day = date(2021, 1, 1) + timedelta(days=i % 1000)
    count = 10 + i % 90
    lead = (
        f"The {org} closed the {thing} in {place} on {day.isoformat()} "
        f"after {count} workers fell ill."
    )
    docs = []
    for k in range(3):
        rival = count + (k if i % 5 == 0 else 0)
        text = (
            f"{place} {thing} closed, story {i}\n\n{lead}\n"
            f"By evening, {rival} workers were in hospital, officials said.\n"
            f'"We acted as fast as we could," {person} of the {org} said.\n'
            f"Report {k} from {OUTLETS[k]} adds that the {thing} serves {1000 + i} people "
            f"and may reopen within {2 + k} weeks, according to residents of {place}."
        )
        aid = Article.make_id(text)
        art = Article(aid, text, f"{thing.title()} in {place} closed ({i}.{k})",
                      path=f"synthetic/{i}-{k}.txt", source=OUTLETS[k],
                      published=(day + timedelta(days=k)).isoformat(), language="en")  # fmt: skip
        sentences = tuple(_find(text, line, aid) for line in text.split("\n") if line)
        quote_words = "We acted as fast as we could,"
        docs.append(Doc(
            art, sentences, (),
            (Mention(_find(text, person, aid), person, "PERSON"),
             Mention(_find(text, place, aid), place, "GPE"),
             Mention(_find(text, org, aid), org, "ORG")),
            (Quote(_find(text, quote_words, aid), quote_words, person,
                   _find(text, person, aid), "said", True),),
            (Figure(_find(text, f"{rival} workers", aid), f"{rival} workers", float(rival),
                    None, "worker"),),
            (TimeExpr(_find(text, day.isoformat(), aid), day.isoformat(), day.isoformat(),
                      "date"),),
            (), ("synthetic.v1",),
        ))  # fmt: skip
    return docs, _story(i, docs, person, place, org, day)


def _story(i: int, docs: list[Doc], person: str, place: str, org: str, day: date) -> Story:
    ids = tuple(d.id for d in docs)

    def ev(doc: Doc, n: int) -> Evidence:
        span = doc.sentences[n]
        return Evidence(span, span.text_in(doc.article.text))

    lead = Fact(f"f{i}a", ev(docs[0], 1).text, "corroborated", ids, 3,
                tuple(ev(d, 1) for d in docs), (), day.isoformat())  # fmt: skip
    waiting_ev = tuple(ev(d, 2) for d in docs)
    conflicts: tuple[Conflict, ...] = ()
    if i % 5 == 0:
        variants = tuple(
            Variant(d.figures[0].text.split()[0], (d.id,), (e,))
            for d, e in zip(docs, waiting_ev, strict=True)
        )
        conflicts = (Conflict("figure:worker", variants),)
    waiting = Fact(f"f{i}b", waiting_ev[0].text, "conflicting" if conflicts else "corroborated",
                   ids, 3, waiting_ev, conflicts)  # fmt: skip
    singles = tuple(
        Fact(f"f{i}c{k}", ev(d, 4).text, "single-source", (d.id,), 1, (ev(d, 4),))
        for k, d in enumerate(docs)
    )
    entities = tuple(
        Entity(content_id(name, prefix="e"), name, label, (), ids,
               tuple(d.mentions[n].span for d in docs))
        for n, (name, label) in enumerate([(person, "PERSON"), (place, "GPE"), (org, "ORG")])
    )  # fmt: skip
    signals = SourceSignals(60, 5, 0.0, 1, 1, 40.0)
    return Story(
        id=content_id(*sorted(ids), prefix="s"), title=docs[0].article.title, article_ids=ids,
        entities=entities, facts=(lead, waiting, *singles),
        quotes=tuple(d.quotes[0] for d in docs),
        timeline=(TimelineEntry(day.isoformat(), lead.text, ids, lead.id),),
        sources=tuple(SourceProfile(d.id, d.article.source or "", signals, (singles[k].id,))
                      for k, d in enumerate(docs)),
    )  # fmt: skip


def _batches(stories: int, size: int, seed: int) -> Iterator[list[tuple[list[Doc], Story]]]:
    rng = random.Random(seed)
    for start in range(0, stories, size):
        yield [make_story(i, rng) for i in range(start, min(stories, start + size))]


def build(db: Path, stories: int, *, batch: int = 500, seed: int = 0) -> None:
    """Write `stories` synthetic stories into a new store at `db`."""
    if db.exists():
        raise SystemExit(f"{db} exists; remove it first")
    now = datetime(2024, 1, 1)
    with Writer(db) as writer:
        for made in _batches(stories, batch, seed):
            docs = [d for ds, _ in made for d in ds]
            with writer.window() as con:
                records = [InputRecord(d.article.path or "", "ingested", None, d.id) for d in docs]
                record_inputs(con, records, "bench", now)
                save_docs(con, docs, {}, "bench", now)
                items = [
                    StoryWrite(s.id, s, {d.id: d.article for d in ds},
                               [r for r in records if r.article_id in s.article_ids])
                    for ds, s in made
                ]  # fmt: skip
                save_stories(con, items, now)
        refresh_search_index(writer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=Path("bench/results/bench.duckdb"))
    args = parser.parse_args()
    started = time.perf_counter()
    build(args.db, args.stories)
    took = time.perf_counter() - started
    size = args.db.stat().st_size / 1e6
    print(
        f"wrote {args.stories} stories to {args.db} in {took:.0f} s ({size:.0f} MB)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
