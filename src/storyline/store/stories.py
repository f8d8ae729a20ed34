"""Write reconciled stories: each one's record, brief JSON and normalised parts.

A story's rows are replaced as a whole each time it is rebuilt, inside the caller's
transaction, so a reader sees either the old story or the new one. Many new stories can be
written at once (`save_stories`), one bulk insert per table.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from storyline.model import Article, Brief, InputRecord, SourceProfile, Story
from storyline.render.json import brief_to_dict
from storyline.render.plover import events_to_rows
from storyline.store.bulk import insert_rows
from storyline.store.codec import pack, to_plain

_V, _I, _D, _L = "VARCHAR", "INTEGER", "DOUBLE", "VARCHAR[]"
_SPAN = (("article_id", _V), ("span_start", _I), ("span_end", _I))

#: Every table that holds a story's parts, with its columns; a rebuild replaces its rows.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "stories": (
        ("id", _V), ("content_id", _V), ("title", _V), ("created_at", "TIMESTAMP"),
        ("updated_at", "TIMESTAMP"), ("latest_published", _V), ("article_count", _I),
        ("source_count", _I), ("fact_count", _I), ("corroborated", _I), ("conflicting", _I),
        ("single_source", _I), ("brief", "JSON"), ("story", "BLOB"),
    ),
    "story_articles": (("story_id", _V), ("article_id", _V), ("position", _I)),
    "facts": (
        ("story_id", _V), ("id", _V), ("position", _I), ("text", _V), ("status", _V),
        ("independent_sources", _I), ("article_ids", _L), ("date", _V),
    ),
    "evidence": (("story_id", _V), ("fact_id", _V), *_SPAN, ("text", _V)),
    "conflicts": (
        ("story_id", _V), ("fact_id", _V), ("slot", _V), ("variant", _I), ("value", _V),
        ("article_ids", _L),
    ),
    "conflict_evidence": (
        ("story_id", _V), ("fact_id", _V), ("slot", _V), ("variant", _I), *_SPAN, ("text", _V),
    ),
    "entities": (
        ("story_id", _V), ("id", _V), ("name", _V), ("type", _V), ("article_ids", _L),
        ("mention_count", _I),
    ),
    "entity_aliases": (("story_id", _V), ("entity_id", _V), ("alias", _V)),
    "entity_mentions": (("story_id", _V), ("entity_id", _V), *_SPAN),
    "story_quotes": (("story_id", _V), *_SPAN, ("speaker_entity", _V)),
    "timeline": (
        ("story_id", _V), ("position", _I), ("date", _V), ("text", _V), ("fact_id", _V),
        ("article_ids", _L),
    ),
    "sources": (
        ("story_id", _V), ("article_id", _V), ("outlet", _V), ("words", _I), ("sentences", _I),
        ("boilerplate_share", _D), ("quotes", _I), ("figures", _I),
        ("attributed_per_100_sentences", _D), ("copy_of", _V), ("copy_similarity", _D),
        ("signals", "JSON"), ("unique_fact_ids", _L),
    ),
    "events": (
        ("story_id", _V), ("id", _V), ("event", _V), ("mode", _V), ("event_text", _V),
        ("date", _V), ("source_actor_text", _V), ("source_code", _V), ("source_sector", _V),
        ("target_actor_text", _V), ("target_code", _V), ("target_sector", _V), ("place", _V),
        ("dead", _D), ("injured", _D), ("negated", "BOOLEAN"), ("modality", _V),
        ("independent_sources", _I), ("article_ids", _L), ("article_id", _V),
        ("span_start", _I), ("span_end", _I), ("plover", "JSON"),
    ),
}  # fmt: skip

Rows = dict[str, list[tuple[Any, ...]]]


@dataclass(frozen=True, slots=True)
class StoryWrite:
    """One story to write: its store key, the story, its articles and their inputs."""

    key: str
    story: Story
    articles: Mapping[str, Article]
    inputs: Sequence[InputRecord]
    created_at: datetime | None = None  # kept from the stored row when the story is rebuilt


def save_story(con: duckdb.DuckDBPyConnection, item: StoryWrite, now: datetime) -> None:
    """Replace one stored story with `item.story`; its articles leave the pending queue."""
    replace_stories(con, [item], now)


def replace_stories(
    con: duckdb.DuckDBPyConnection, items: Sequence[StoryWrite], now: datetime
) -> None:
    """Write stories, replacing stored ones with the same keys (keeping when they were made)."""
    keys = [item.key for item in items]
    created = dict(
        con.execute(
            "SELECT id, created_at FROM stories WHERE list_contains(?, id)", [keys]
        ).fetchall()
    )
    delete_stories(con, keys)
    save_stories(
        con,
        [
            StoryWrite(i.key, i.story, i.articles, i.inputs, created.get(i.key, i.created_at))
            for i in items
        ],
        now,
    )


def delete_stories(con: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> None:
    """Remove stories and all their parts (their articles stay)."""
    for table in COLUMNS:
        column = "id" if table == "stories" else "story_id"
        con.execute(f"DELETE FROM {table} WHERE list_contains(?, {column})", [list(keys)])


def save_stories(
    con: duckdb.DuckDBPyConnection, items: Iterable[StoryWrite], now: datetime
) -> None:
    """Insert stories not yet stored, with one bulk insert per table."""
    rows: Rows = defaultdict(list)
    members: list[str] = []
    for item in items:
        for table, new in story_rows(item, now).items():
            rows[table].extend(new)
        members.extend(item.story.article_ids)
    for table, columns in COLUMNS.items():
        insert_rows(con, table, columns, rows[table])
    con.execute("DELETE FROM pending_articles WHERE list_contains(?, article_id)", [members])


def story_rows(item: StoryWrite, now: datetime) -> Rows:
    """Return the rows of every story table for one story."""
    key, story = item.key, item.story
    brief = brief_to_dict(
        Brief(
            inputs=tuple(item.inputs),
            articles=tuple(item.articles[a] for a in story.article_ids),
            stories=(story,),
        )
    )
    rows: Rows = {"stories": [_record(item, brief, now)]}
    rows["story_articles"] = [(key, aid, i) for i, aid in enumerate(story.article_ids)]
    rows.update(_fact_rows(key, story))
    rows.update(_entity_rows(key, story))
    # The brief resolves each quote's speaker to an entity; keep that link queryable.
    rows["story_quotes"] = [
        (key, q["article_id"], q["start"], q["end"], q["speaker_entity"])
        for q in brief["stories"][0]["quotes"]
    ]
    rows["timeline"] = [
        (key, i, t.date, t.text, t.fact_id, list(t.article_ids))
        for i, t in enumerate(story.timeline)
    ]
    rows["sources"] = [_source_row(key, p) for p in story.sources]
    rows["events"] = [_event_row(key, r) for r in events_to_rows(story)]
    return rows


def _event_row(key: str, r: dict[str, Any]) -> tuple[Any, ...]:
    """One events-table row from the PLOVER-named export row (kept whole as JSON too)."""
    return (
        key, r["id"], r["event"], r["mode"], r["eventText"], r["date"], r["source_actorText"],
        r["source_code"], r["source_sector"], r["target_actorText"], r["target_code"],
        r["target_sector"], r["eventLoc_name"], r["dead"], r["injured"], r["negated"],
        r["modality"], r["independent_sources"], r["article_ids"], r["article_id"], r["start"],
        r["end"], json.dumps(r, ensure_ascii=False),
    )  # fmt: skip


def _record(item: StoryWrite, brief: dict[str, Any], now: datetime) -> tuple[Any, ...]:
    story, articles = item.story, item.articles
    status = Counter(f.status for f in story.facts)
    published = [p for a in story.article_ids if (p := articles[a].published)]
    return (
        item.key, story.id, story.title, item.created_at or now, now,
        max(published, default=None), len(story.article_ids),
        len({p.outlet for p in story.sources}), len(story.facts), status["corroborated"],
        status["conflicting"], status["single-source"],
        json.dumps(brief, ensure_ascii=False), pack(story),
    )  # fmt: skip


def _fact_rows(key: str, story: Story) -> Rows:
    variants = [
        (f, c, i, v) for f in story.facts for c in f.conflicts for i, v in enumerate(c.variants)
    ]
    return {
        "facts": [
            (key, f.id, i, f.text, f.status, f.independent_sources, list(f.article_ids), f.date)
            for i, f in enumerate(story.facts)
        ],
        "evidence": [
            (key, f.id, e.span.article_id, e.span.start, e.span.end, e.text)
            for f in story.facts
            for e in f.evidence
        ],
        "conflicts": [
            (key, f.id, c.slot, i, v.value, list(v.article_ids)) for f, c, i, v in variants
        ],
        "conflict_evidence": [
            (key, f.id, c.slot, i, e.span.article_id, e.span.start, e.span.end, e.text)
            for f, c, i, v in variants
            for e in v.evidence
        ],
    }


def _entity_rows(key: str, story: Story) -> Rows:
    return {
        "entities": [
            (key, e.id, e.name, e.type, list(e.article_ids), len(e.mentions))
            for e in story.entities
        ],
        "entity_aliases": [(key, e.id, a) for e in story.entities for a in e.aliases],
        "entity_mentions": [
            (key, e.id, m.article_id, m.start, m.end) for e in story.entities for m in e.mentions
        ],
    }


def _source_row(key: str, p: SourceProfile) -> tuple[Any, ...]:
    s = p.signals
    return (
        key, p.article_id, p.outlet, s.words, s.sentences, s.boilerplate_share, s.quotes,
        s.figures, s.attributed_per_100_sentences, s.copy_of, s.copy_similarity,
        json.dumps(to_plain(s)), list(p.unique_fact_ids),
    )  # fmt: skip
