"""Read stories, articles and entities back from the store, for the CLI and the web app."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from storyline.model import Article, Brief, InputRecord, Quote, Removal, Span, Story
from storyline.store.codec import unpack


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One row of the stories list."""

    id: str
    title: str
    updated_at: str
    latest_published: str | None
    article_count: int
    source_count: int
    fact_count: int
    corroborated: int
    conflicting: int
    single_source: int


@dataclass(frozen=True, slots=True)
class StoredStory:
    """A story as stored: its summary, the `Story` record, its articles and its brief JSON.

    Loaded for a page, `brief` may be empty and the articles' `text` empty (see `load_story`).
    """

    summary: StorySummary
    story: Story
    articles: dict[str, Article]
    brief: dict[str, Any]


_SUMMARY_FIELDS = (
    "SELECT id, title, strftime(updated_at, '%Y-%m-%d %H:%M'), latest_published, article_count, "
    "source_count, fact_count, corroborated, conflicting, single_source"
)
_SUMMARY = _SUMMARY_FIELDS + " FROM stories"
#: Newest first: by latest publication date, then by last update (undated stories last).
_NEWEST = " ORDER BY latest_published DESC NULLS LAST, updated_at DESC, id"


def count_stories(con: duckdb.DuckDBPyConnection) -> int:
    """Return how many stories the store holds."""
    row = con.execute("SELECT count(*) FROM stories").fetchone()
    return int(row[0]) if row else 0


def list_stories(
    con: duckdb.DuckDBPyConnection, *, offset: int = 0, limit: int = 50
) -> list[StorySummary]:
    """Return one page of stories, newest first."""
    rows = con.execute(_SUMMARY + _NEWEST + " LIMIT ? OFFSET ?", [limit, offset]).fetchall()
    return [StorySummary(*r) for r in rows]


def summaries(con: duckdb.DuckDBPyConnection, keys: list[str]) -> list[StorySummary]:
    """Return the summaries of the given stories, newest first."""
    rows = con.execute(_SUMMARY + " WHERE list_contains(?, id)" + _NEWEST, [keys]).fetchall()
    return [StorySummary(*r) for r in rows]


def load_story(
    con: duckdb.DuckDBPyConnection, key: str, *, full: bool = True
) -> StoredStory | None:
    """Return stored story `key` with its articles, or None when there is none.

    With `full=False` (what a page needs, and much less to read) the brief JSON is left out
    and the articles come without their text.
    """
    extra = ", brief" if full else ""
    found = con.execute(f"{_SUMMARY_FIELDS}, story{extra} FROM stories WHERE id = ?", [key])
    row = found.fetchone()
    if row is None:
        return None
    story = unpack(Story, bytes(row[10]))
    articles = load_articles(con, list(story.article_ids), texts=full)
    brief = json.loads(row[11]) if full else {}
    return StoredStory(StorySummary(*row[:10]), story, articles, brief)


def load_articles(
    con: duckdb.DuckDBPyConnection, ids: list[str], *, texts: bool = True
) -> dict[str, Article]:
    """Return the stored articles with the given ids, by id (with empty texts if not `texts`)."""
    text = "text" if texts else "''"
    marks = ", ".join("?" for _ in ids) or "NULL"
    rows = con.execute(
        f"SELECT id, {text}, title, path, url, source, author, published, language, removed "
        f"FROM articles WHERE id IN ({marks})",
        ids,
    ).fetchall()
    return {r[0]: _article(r) for r in rows}


def quote_speakers(con: duckdb.DuckDBPyConnection, key: str) -> dict[tuple[str, int], str | None]:
    """Map (article id, quote start) to the speaker's entity id, as the story's brief has it."""
    rows = con.execute(
        "SELECT article_id, span_start, speaker_entity FROM story_quotes WHERE story_id = ?", [key]
    ).fetchall()
    return {(str(a), int(s)): e for a, s, e in rows}


def speaker_words(con: duckdb.DuckDBPyConnection, quotes: Sequence[Quote]) -> dict[Span, str]:
    """Return the words each quote's text uses for its speaker, by quote span.

    What a page shows beside a speaker it could not name ("canal officials"), read from the
    article texts in one query, without loading them whole.
    """
    named = [(q.span, q.source_span) for q in quotes if q.source_span is not None]
    if not named:
        return {}
    spans = [words for _, words in named]
    rows = con.execute(
        "SELECT q.i, substr(a.text, q.s + 1, q.e - q.s) FROM (SELECT unnest(?) AS i, "
        "unnest(?) AS a, unnest(?) AS s, unnest(?) AS e) q JOIN articles a ON a.id = q.a",
        [
            list(range(len(spans))),
            [w.article_id for w in spans],
            [w.start for w in spans],
            [w.end for w in spans],
        ],
    ).fetchall()
    return {named[int(i)][0]: str(words) for i, words in rows}


def _article(r: tuple[Any, ...]) -> Article:
    removed = tuple(Removal(**x) for x in json.loads(r[9] or "[]"))
    fields = ("id", "text", "title", "path", "url", "source", "author", "published", "language")
    return Article(**dict(zip(fields, r[:9], strict=True)), removed=removed)


def story_brief(con: duckdb.DuckDBPyConnection, key: str) -> Brief | None:
    """Return the brief of one stored story: its inputs, articles and the story itself."""
    stored = load_story(con, key)
    if stored is None:
        return None
    inputs = tuple(
        InputRecord(
            path=i["path"], status=i["status"], reason=i["reason"], article_id=i["article_id"]
        )
        for i in stored.brief["inputs"]
    )
    articles = tuple(stored.articles[a] for a in stored.story.article_ids)
    return Brief(inputs=inputs, articles=articles, stories=(stored.story,))


@dataclass(frozen=True, slots=True)
class Highlight:
    """An extracted item in an article's text and what it links to."""

    kind: str  # fact, quote, mention, figure, time
    start: int
    end: int
    label: str  # fact status, entity type, quote speaker, figure unit, time value
    story_id: str | None = None
    target: str | None = None  # fact id for facts; entity id for mentions


@dataclass(frozen=True, slots=True)
class ArticleView:
    """One article with everything found in it and the stories it belongs to."""

    article: Article
    stories: list[tuple[str, str]]  # (story key, title)
    highlights: list[Highlight]


def load_article(con: duckdb.DuckDBPyConnection, article_id: str) -> ArticleView | None:
    """Return an article, its stories and its highlighted items; None when unknown."""
    found = load_articles(con, [article_id]).get(article_id)
    if found is None:
        return None
    stories = con.execute(
        "SELECT s.id, s.title FROM story_articles m JOIN stories s ON s.id = m.story_id "
        "WHERE m.article_id = ? ORDER BY s.updated_at DESC",
        [article_id],
    ).fetchall()
    return ArticleView(found, [(str(a), str(b)) for a, b in stories], _highlights(con, article_id))


_HIGHLIGHTS = """
SELECT 'fact', e.span_start, e.span_end, f.status, e.story_id, e.fact_id
  FROM evidence e JOIN facts f ON f.story_id = e.story_id AND f.id = e.fact_id
  WHERE e.article_id = $1
UNION ALL
SELECT 'mention', m.span_start, m.span_end, n.type, m.story_id, m.entity_id
  FROM entity_mentions m JOIN entities n ON n.story_id = m.story_id AND n.id = m.entity_id
  WHERE m.article_id = $1
UNION ALL
SELECT 'quote', span_start, span_end, coalesce(speaker, ''), NULL, NULL FROM quotes
  WHERE article_id = $1
UNION ALL
SELECT 'figure', span_start, span_end, coalesce(unit, counts, ''), NULL, NULL FROM figures
  WHERE article_id = $1
UNION ALL
SELECT 'time', span_start, span_end, coalesce(value, ''), NULL, NULL FROM time_exprs
  WHERE article_id = $1
"""


def _highlights(con: duckdb.DuckDBPyConnection, article_id: str) -> list[Highlight]:
    rows = con.execute(_HIGHLIGHTS, [article_id]).fetchall()
    # One item per span and kind: an article in two stories would otherwise repeat each.
    unique = {(r[0], r[1], r[2]): Highlight(*r) for r in rows}
    return sorted(unique.values(), key=lambda h: (h.start, -h.end, h.kind))


#: An entity page lists at most this many stories and quotes (a page's size stays bounded).
MAX_LISTED = 200


@dataclass(frozen=True, slots=True)
class QuoteView:
    """A quote by one entity, with where it was said."""

    text: str
    article_id: str
    start: int
    end: int
    story_id: str
    outlet: str | None
    direct: bool  # in quotation marks in the article; False for reported speech


@dataclass(frozen=True, slots=True)
class EntityView:
    """One entity across every story that names it."""

    id: str
    name: str
    type: str
    aliases: list[str]
    mention_count: int
    stories: list[tuple[str, str]]  # the newest MAX_LISTED of them
    quotes: list[QuoteView]  # at most MAX_LISTED
    story_count: int


def load_entity(con: duckdb.DuckDBPyConnection, entity_id: str) -> EntityView | None:
    """Return an entity's names, stories and quotes; None when unknown."""
    rows = con.execute(
        "SELECT e.name, e.type, e.mention_count, s.id, s.title FROM entities e "
        "JOIN stories s ON s.id = e.story_id WHERE e.id = ? "
        "ORDER BY s.latest_published DESC NULLS LAST, s.updated_at DESC, s.id",
        [entity_id],
    ).fetchall()
    if not rows:
        return None
    names = Counter(r[0] for r in rows)
    name = max(names, key=lambda n: (names[n], len(n), n))
    aliases = con.execute(
        "SELECT DISTINCT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", [entity_id]
    ).fetchall()
    quotes = con.execute(
        "SELECT DISTINCT q.text, q.article_id, q.span_start, q.span_end, sq.story_id, a.source, "
        "q.direct "
        "FROM story_quotes sq JOIN quotes q ON q.article_id = sq.article_id "
        "AND q.span_start = sq.span_start AND q.span_end = sq.span_end "
        "JOIN articles a ON a.id = q.article_id WHERE sq.speaker_entity = ? "
        f"ORDER BY q.article_id, q.span_start LIMIT {MAX_LISTED}",
        [entity_id],
    ).fetchall()
    all_names = sorted({a for (a,) in aliases} | set(names) - {name})
    return EntityView(
        id=entity_id,
        name=name,
        type=Counter(r[1] for r in rows).most_common(1)[0][0],
        aliases=all_names,
        mention_count=sum(int(r[2]) for r in rows),
        stories=list(dict.fromkeys((str(r[3]), str(r[4])) for r in rows))[:MAX_LISTED],
        story_count=len({r[3] for r in rows}),
        quotes=[QuoteView(*q) for q in quotes],
    )
