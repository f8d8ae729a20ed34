"""Decide which stored story each newly ingested article joins.

This is the seam where event clustering plugs in. For now storyline treats one input set as
one story, made incremental: new articles join the story that already holds the other articles
of the same run (so a resumed run finishes its story), or the story the user names with
`--story`; otherwise they start a new story. A clustering stage would replace
`place_articles` and may spread one run's articles over several stories; everything after it
(queueing, rebuilding only the affected stories) stays as it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import duckdb

from storyline.model import content_id
from storyline.store.connect import StoreError

#: The stories an article belongs to: built ones, and those still waiting for a rebuild.
_OWNERS = """
SELECT article_id, story_id FROM story_articles WHERE list_contains(?, article_id)
UNION ALL
SELECT article_id, story_id FROM pending_articles WHERE list_contains(?, article_id)
"""


def place_articles(
    con: duckdb.DuckDBPyConnection,
    run_ids: Sequence[str],
    fresh_ids: Sequence[str],
    requested: str | None = None,
) -> dict[str, tuple[str, int]]:
    """Return, for each fresh article, the story key it joins and its position there.

    `run_ids` are all usable articles of this run in input order (stored ones included);
    `fresh_ids` are those not yet in the store; `requested` is a story the user named.
    """
    if not fresh_ids:
        return {}
    if requested is not None:
        key = resolve_story(con, requested)
    else:
        owners = Counter(
            story for _, story in con.execute(_OWNERS, [list(run_ids), list(run_ids)]).fetchall()
        )
        key = owners.most_common(1)[0][0] if owners else content_id(*sorted(fresh_ids), prefix="s")
    start = _next_position(con, key)
    return {aid: (key, start + i) for i, aid in enumerate(fresh_ids)}


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
