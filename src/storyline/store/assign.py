"""Decide which stored story each newly ingested article joins: the clustering seam.

Without `--story`, placement is event clustering, incremental: the story clusterer
(`stories.cluster.StoryClusterer`) is replayed over the stored articles near the new ones in
time (at most `WARM_ARTICLES`), then each new article, once analysed, is added to it. It joins
the stored story most of its cluster's stored members belong to, or the story an earlier new
article of its cluster started, or starts a story of its own. Stored articles never move:
only new ones are placed, so nothing is reclustered and a stored story id stays valid. With
`--story`, every new article joins the story the user names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

import duckdb

from storyline.model import Article, Doc, content_id
from storyline.store.codec import unpack
from storyline.store.connect import StoreError
from storyline.stories.cluster import (
    DEFAULT_CONFIG,
    ClusterConfig,
    StoryClusterer,
    features_from_doc,
)

#: Prefix of the key a story clustering started has until placing is over.
_PROVISIONAL = "p"
#: At most this many stored articles are replayed to place new ones (the most recent first).
WARM_ARTICLES = 2000


class StoryAssigner:
    """Place the articles of one ingest run into stored stories, one analysed doc at a time."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        fresh: Sequence[Article],
        requested: str | None = None,
        config: ClusterConfig = DEFAULT_CONFIG,
    ) -> None:
        """Read what placing `fresh` needs from the store: the named story, or recent articles."""
        self._requested = resolve_story(con, requested) if requested is not None else None
        self._clusterer = StoryClusterer(config)
        self._story_of: dict[str, str] = {}  # article id -> store key, replayed and placed
        self._next: dict[str, int] = {}  # store key -> next free position
        if self._requested is not None:
            return
        # Replayed in the order they arrived, so a resumed ingest sees what the killed one saw.
        for article_id, key, doc in _nearby(con, fresh, config.idle_days):
            self._clusterer.add(features_from_doc(unpack(Doc, doc)))
            self._story_of[article_id] = key

    def place(
        self, con: duckdb.DuckDBPyConnection, docs: Sequence[Doc]
    ) -> dict[str, tuple[str, int]]:
        """Return, for each analysed doc, the story key it joins and its position there."""
        placed: dict[str, tuple[str, int]] = {}
        for doc in docs:
            key = self._requested or self._cluster(doc)
            if key not in self._next:
                self._next[key] = _next_position(con, key)
            placed[doc.id] = (key, self._next[key])
            self._next[key] += 1
        return placed

    def _cluster(self, doc: Doc) -> str:
        assignment = self._clusterer.add(features_from_doc(doc))
        owners = Counter(
            self._story_of[a]
            for a in self._clusterer.members(assignment.story)
            if a in self._story_of
        )
        key = owners.most_common(1)[0][0] if owners else content_id(doc.id, prefix=_PROVISIONAL)
        self._story_of[doc.id] = key
        return key


def name_new_stories(con: duckdb.DuckDBPyConnection) -> None:
    """Give each story that clustering started its articles' content id as its key.

    A new story's key is provisional (`p...`, named after its first article) while articles
    are placed, a killed run's included; once placing is over it becomes the story's content
    id, so a story one ingest (or one `storyline run --db`) creates has the same id however it
    came into the store.
    """
    rows = con.execute(
        "SELECT story_id, list(article_id ORDER BY article_id) FROM pending_articles "
        "WHERE starts_with(story_id, ?) GROUP BY story_id",
        [_PROVISIONAL],
    ).fetchall()
    for key, members in rows:
        final = content_id(*members, prefix="s")
        if final != key:
            con.execute("UPDATE pending_articles SET story_id = ? WHERE story_id = ?", [final, key])


def _nearby(
    con: duckdb.DuckDBPyConnection, fresh: Sequence[Article], idle_days: float
) -> list[tuple[str, str, bytes]]:
    """Return (article id, story key, packed doc) of stored articles near `fresh` in time.

    Dated new articles look `idle_days` either side of their dates; undated ones at the most
    recently ingested stored articles. At most `WARM_ARTICLES` (the most recent), replayed in
    the order they arrived.
    """
    days = sorted(d for d in (_date(a.published) for a in fresh) if d is not None)
    members = (
        "SELECT article_id, story_id FROM story_articles "
        "UNION ALL SELECT article_id, story_id FROM pending_articles"
    )
    query = (
        f"SELECT m.article_id, m.story_id, a.doc, a.rowid FROM ({members}) m "
        "JOIN articles a ON a.id = m.article_id"
    )
    params: list[object] = []
    if days and len(days) == len(fresh) and idle_days != float("inf"):
        span = timedelta(days=min(idle_days, 3650))
        lo, hi = days[0] - span, days[-1] + span
        query += " WHERE a.published >= ? AND a.published <= ?"
        params += [lo.isoformat(), hi.isoformat() + "T99"]
    query += " ORDER BY a.published DESC NULLS LAST, a.rowid DESC LIMIT ?"
    params.append(WARM_ARTICLES)
    rows = sorted(con.execute(query, params).fetchall(), key=lambda r: r[3])  # arrival order
    return [(str(r[0]), str(r[1]), bytes(r[2])) for r in rows]


def _date(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def _next_position(con: duckdb.DuckDBPyConnection, key: str) -> int:
    row = con.execute(
        "SELECT max(position) FROM (SELECT position FROM story_articles WHERE story_id = ? "
        "UNION ALL SELECT position FROM pending_articles WHERE story_id = ?)",
        [key, key],
    ).fetchone()
    return 0 if row is None or row[0] is None else int(row[0]) + 1


def resolve_story(con: duckdb.DuckDBPyConnection, ref: str) -> str:
    """Return the key of the story `ref` names: its key, its content id or a unique prefix."""
    ref = ref.strip()
    rows = con.execute(
        "SELECT DISTINCT id FROM (SELECT id, content_id FROM stories "
        "UNION ALL SELECT story_id, story_id FROM pending_articles) "
        "WHERE id = ? OR content_id = ? OR (length(?) >= 4 AND starts_with(id, ?))",
        [ref, ref, ref, ref],
    ).fetchall()
    if len(rows) == 1:
        return str(rows[0][0])
    if not rows:
        raise StoreError(f"no story {ref!r} in the store; 'storyline stories' lists them")
    raise StoreError(f"{ref!r} matches {len(rows)} stories; give more of the id")
