"""Write one reconciled story: its record, its brief JSON and its normalised parts.

A story's rows are replaced as a whole each time it is rebuilt, inside the caller's
transaction, so a reader sees either the old story or the new one.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import duckdb

from storyline.model import Article, Brief, InputRecord, Story
from storyline.render.json import brief_to_dict
from storyline.store.bulk import insert_rows
from storyline.store.codec import pack, to_plain

#: Tables holding one story's parts; a story update replaces all of its rows in each.
STORY_TABLES = (
    "facts",
    "evidence",
    "conflicts",
    "conflict_evidence",
    "entities",
    "entity_aliases",
    "entity_mentions",
    "story_quotes",
    "timeline",
    "sources",
    "story_articles",
)

_V = "VARCHAR"
_I = "INTEGER"
_SPAN = (("article_id", _V), ("span_start", _I), ("span_end", _I))


def save_story(
    con: duckdb.DuckDBPyConnection,
    key: str,
    story: Story,
    articles: Mapping[str, Article],
    inputs: Sequence[InputRecord],
    now: datetime,
) -> None:
    """Replace stored story `key` with `story`; its articles leave the pending queue."""
    for table in STORY_TABLES:
        con.execute(f"DELETE FROM {table} WHERE story_id = ?", [key])
    brief = brief_to_dict(_brief(story, articles, inputs))
    _save_record(con, key, story, articles, brief, now)
    _save_facts(con, key, story)
    _save_entities(con, key, story)
    # The brief JSON resolves each quote's speaker to an entity; keep that link queryable.
    quotes = brief["stories"][0]["quotes"]
    insert_rows(
        con,
        "story_quotes",
        (("story_id", _V), *_SPAN, ("speaker_entity", _V)),
        [(key, q["article_id"], q["start"], q["end"], q["speaker_entity"]) for q in quotes],
    )
    insert_rows(
        con,
        "timeline",
        (
            ("story_id", _V),
            ("position", _I),
            ("date", _V),
            ("text", _V),
            ("fact_id", _V),
            ("article_ids", "VARCHAR[]"),
        ),
        [
            (key, i, t.date, t.text, t.fact_id, list(t.article_ids))
            for i, t in enumerate(story.timeline)
        ],
    )
    _save_sources(con, key, story)
    insert_rows(
        con,
        "story_articles",
        (("story_id", _V), ("article_id", _V), ("position", _I)),
        [(key, aid, i) for i, aid in enumerate(story.article_ids)],
    )
    marks = ", ".join("?" for _ in story.article_ids)
    con.execute(
        f"DELETE FROM pending_articles WHERE article_id IN ({marks})", list(story.article_ids)
    )


def _brief(story: Story, articles: Mapping[str, Article], inputs: Sequence[InputRecord]) -> Brief:
    return Brief(
        inputs=tuple(inputs),
        articles=tuple(articles[a] for a in story.article_ids),
        stories=(story,),
    )


def _save_record(
    con: duckdb.DuckDBPyConnection,
    key: str,
    story: Story,
    articles: Mapping[str, Article],
    brief: dict[str, Any],
    now: datetime,
) -> None:
    """Insert or update the story's row, with its counts, brief JSON and packed record."""
    brief_json = json.dumps(brief, ensure_ascii=False)
    status = Counter(f.status for f in story.facts)
    published = [p for a in story.article_ids if (p := articles[a].published)]
    values = [
        story.id,
        story.title,
        now,
        max(published, default=None),
        len(story.article_ids),
        len({p.outlet for p in story.sources}),
        len(story.facts),
        status["corroborated"],
        status["conflicting"],
        status["single-source"],
        brief_json,
        pack(story),
    ]
    exists = con.execute("SELECT 1 FROM stories WHERE id = ?", [key]).fetchone()
    if exists:
        con.execute(
            "UPDATE stories SET content_id = ?, title = ?, updated_at = ?, latest_published = ?, "
            "article_count = ?, source_count = ?, fact_count = ?, corroborated = ?, "
            "conflicting = ?, single_source = ?, brief = ?, story = ? WHERE id = ?",
            [*values, key],
        )
    else:
        con.execute(
            "INSERT INTO stories (id, content_id, title, updated_at, latest_published, "
            "article_count, source_count, fact_count, corroborated, conflicting, single_source, "
            "brief, story, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [key, *values, now],
        )


def _save_facts(con: duckdb.DuckDBPyConnection, key: str, story: Story) -> None:
    """Insert the story's facts, their evidence, and each conflict's variants and evidence."""
    insert_rows(
        con,
        "facts",
        (
            ("story_id", _V),
            ("id", _V),
            ("position", _I),
            ("text", _V),
            ("status", _V),
            ("independent_sources", _I),
            ("article_ids", "VARCHAR[]"),
            ("date", _V),
        ),
        [
            (key, f.id, i, f.text, f.status, f.independent_sources, list(f.article_ids), f.date)
            for i, f in enumerate(story.facts)
        ],
    )
    insert_rows(
        con,
        "evidence",
        (("story_id", _V), ("fact_id", _V), *_SPAN, ("text", _V)),
        [
            (key, f.id, e.span.article_id, e.span.start, e.span.end, e.text)
            for f in story.facts
            for e in f.evidence
        ],
    )
    variants = [
        (f, c, i, v) for f in story.facts for c in f.conflicts for i, v in enumerate(c.variants)
    ]
    insert_rows(
        con,
        "conflicts",
        (
            ("story_id", _V),
            ("fact_id", _V),
            ("slot", _V),
            ("variant", _I),
            ("value", _V),
            ("article_ids", "VARCHAR[]"),
        ),
        [(key, f.id, c.slot, i, v.value, list(v.article_ids)) for f, c, i, v in variants],
    )
    insert_rows(
        con,
        "conflict_evidence",
        (
            ("story_id", _V),
            ("fact_id", _V),
            ("slot", _V),
            ("variant", _I),
            *_SPAN,
            ("text", _V),
        ),
        [
            (key, f.id, c.slot, i, e.span.article_id, e.span.start, e.span.end, e.text)
            for f, c, i, v in variants
            for e in v.evidence
        ],
    )


def _save_entities(con: duckdb.DuckDBPyConnection, key: str, story: Story) -> None:
    insert_rows(
        con,
        "entities",
        (
            ("story_id", _V),
            ("id", _V),
            ("name", _V),
            ("type", _V),
            ("article_ids", "VARCHAR[]"),
            ("mention_count", _I),
        ),
        [(key, e.id, e.name, e.type, list(e.article_ids), len(e.mentions)) for e in story.entities],
    )
    insert_rows(
        con,
        "entity_aliases",
        (("story_id", _V), ("entity_id", _V), ("alias", _V)),
        [(key, e.id, alias) for e in story.entities for alias in e.aliases],
    )
    insert_rows(
        con,
        "entity_mentions",
        (("story_id", _V), ("entity_id", _V), *_SPAN),
        [(key, e.id, m.article_id, m.start, m.end) for e in story.entities for m in e.mentions],
    )


def _save_sources(con: duckdb.DuckDBPyConnection, key: str, story: Story) -> None:
    rows = []
    for p in story.sources:
        s = p.signals
        signals = json.dumps(to_plain(p.signals))
        rows.append(
            (
                key,
                p.article_id,
                p.outlet,
                s.words,
                s.sentences,
                s.boilerplate_share,
                s.quotes,
                s.figures,
                s.attributed_per_100_sentences,
                s.copy_of,
                s.copy_similarity,
                signals,
                list(p.unique_fact_ids),
            )
        )
    insert_rows(
        con,
        "sources",
        (
            ("story_id", _V),
            ("article_id", _V),
            ("outlet", _V),
            ("words", _I),
            ("sentences", _I),
            ("boilerplate_share", "DOUBLE"),
            ("quotes", _I),
            ("figures", _I),
            ("attributed_per_100_sentences", "DOUBLE"),
            ("copy_of", _V),
            ("copy_similarity", "DOUBLE"),
            ("signals", "JSON"),
            ("unique_fact_ids", "VARCHAR[]"),
        ),
        rows,
    )
