"""Search the store: BM25 over article titles and texts, and entities by name or alias."""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

from storyline.store.connect import load_fts
from storyline.store.read import StorySummary, summaries

#: Queries are cut to this many characters and words: a query's cost grows with its terms.
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class ArticleHit:
    """An article that matches a query, with a snippet around the first match."""

    id: str
    title: str
    source: str | None
    published: str | None
    score: float
    snippet: str
    story_ids: list[str]


@dataclass(frozen=True, slots=True)
class EntityHit:
    """An entity whose name or alias matches a query."""

    id: str
    name: str
    type: str
    stories: int


@dataclass(frozen=True, slots=True)
class SearchResults:
    """Entities, stories and articles that match one query."""

    query: str
    entities: list[EntityHit]
    stories: list[StorySummary]
    articles: list[ArticleHit]


def clean_query(query: str) -> str:
    """Return the query cut to the words the search uses."""
    words = _WORD.findall(query[:MAX_QUERY_CHARS])
    return " ".join(words[:MAX_QUERY_TERMS])


def search(con: duckdb.DuckDBPyConnection, query: str, *, limit: int = 20) -> SearchResults:
    """Return what matches `query`: entities by name, then articles by BM25 and their stories."""
    q = clean_query(query)
    if not q:
        return SearchResults(query=q, entities=[], stories=[], articles=[])
    articles = _articles(con, q, limit)
    story_keys = list(dict.fromkeys(k for hit in articles for k in hit.story_ids))
    return SearchResults(
        query=q,
        entities=_entities(con, q, limit),
        stories=summaries(con, story_keys) if story_keys else [],
        articles=articles,
    )


def _entities(con: duckdb.DuckDBPyConnection, q: str, limit: int) -> list[EntityHit]:
    """Entities whose name or an alias contains the whole query, most stories first."""
    pattern = "%" + q.replace("\\", "").replace("%", "").replace("_", " ") + "%"
    rows = con.execute(
        "SELECT e.id, max(e.name), max(e.type), count(DISTINCT e.story_id) AS n FROM entities e "
        "LEFT JOIN entity_aliases a ON a.story_id = e.story_id AND a.entity_id = e.id "
        "WHERE e.name ILIKE ? OR a.alias ILIKE ? GROUP BY e.id ORDER BY n DESC, max(e.name) "
        "LIMIT ?",
        [pattern, pattern, limit],
    ).fetchall()
    return [EntityHit(str(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in rows]


#: BM25 as the full-text extension's `match_bm25` scores it (k = 1.2, b = 0.75, any term), but
#: set-based: only the postings of the query's terms are read (from `search_postings`, the
#: index's term frequencies sorted by term), where the macro is evaluated once per article.
#: tests/store check that both give the same scores.
BM25 = """
WITH tokens AS (
    SELECT DISTINCT stem(unnest(fts_main_articles.tokenize($q)), 'porter') AS t),
qterms AS (
    SELECT d.termid, d.df FROM fts_main_articles.dict d JOIN tokens ON d.term = tokens.t),
tf AS (SELECT p.docid, p.termid, p.tf FROM search_postings p JOIN qterms USING (termid)),
stats AS (SELECT num_docs, avgdl FROM fts_main_articles.stats),
scored AS (
    SELECT tf.docid, sum(
        log((stats.num_docs - q.df + 0.5) / (q.df + 0.5) + 1)
        * (tf.tf * 2.2) / (tf.tf + 1.2 * (0.25 + 0.75 * docs.len / stats.avgdl))) AS score
    FROM tf JOIN qterms q USING (termid) JOIN fts_main_articles.docs docs USING (docid), stats
    GROUP BY tf.docid),
top AS (
    SELECT d.name AS id, s.score FROM scored s JOIN fts_main_articles.docs d USING (docid)
    ORDER BY s.score DESC, d.name LIMIT $limit)
SELECT a.id, a.title, a.source, a.published, top.score, a.text
FROM top JOIN articles a ON a.id = top.id ORDER BY top.score DESC, a.id
"""


def _articles(con: duckdb.DuckDBPyConnection, q: str, limit: int) -> list[ArticleHit]:
    load_fts(con)
    try:
        rows = con.execute(BM25, {"q": q, "limit": limit}).fetchall()
    except duckdb.CatalogException:
        return []  # no index yet: the store has no articles
    ids = [str(r[0]) for r in rows]
    owners: dict[str, list[str]] = {i: [] for i in ids}
    for aid, key in con.execute(
        "SELECT article_id, story_id FROM story_articles WHERE list_contains(?, article_id)", [ids]
    ).fetchall():
        owners[str(aid)].append(str(key))
    return [
        ArticleHit(str(r[0]), str(r[1]), r[2], r[3], float(r[4]), snippet(r[5], q), owners[r[0]])
        for r in rows
    ]


def snippet(text: str, query: str, width: int = 160) -> str:
    """Return about `width` characters of `text` around the first query word found."""
    lower = text.lower()
    hits = [lower.find(w.lower()) for w in query.split()]
    found = [h for h in hits if h >= 0]
    at = min(found) if found else 0
    start = max(0, at - width // 3)
    end = min(len(text), start + width)
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")
