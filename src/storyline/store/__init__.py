"""The persistent store: a DuckDB file that grows as articles are ingested.

>>> from storyline.store import ingest, read_store, list_stories
>>> ingest(["articles/"], "news.duckdb")
>>> with read_store("news.duckdb") as con:
...     stories = list_stories(con)
"""

from __future__ import annotations

import typing

from storyline import _lazy

if typing.TYPE_CHECKING:
    from storyline.store.assign import StoryAssigner, resolve_story
    from storyline.store.connect import StoreError, Writer, read_store
    from storyline.store.export import EXPORTS, export_tables
    from storyline.store.fulltext import SearchResults, search
    from storyline.store.intake import IngestReport, ingest, rebuild_pending
    from storyline.store.locks import StoreBusyError
    from storyline.store.read import (
        ArticleView,
        EntityView,
        StoredStory,
        StorySummary,
        count_stories,
        list_stories,
        load_article,
        load_entity,
        load_story,
        story_brief,
    )
    from storyline.store.runs import LoadReport, load_run
    from storyline.store.schema import MIGRATIONS, migrate

#: Every name is imported on first use: reading a store (`storyline stories`, `search`,
#: the web UI) then never loads the ingest path, and with it spaCy.
_LAZY = {
    "StoryAssigner": "storyline.store.assign",
    "resolve_story": "storyline.store.assign",
    "StoreError": "storyline.store.connect",
    "Writer": "storyline.store.connect",
    "read_store": "storyline.store.connect",
    "EXPORTS": "storyline.store.export",
    "export_tables": "storyline.store.export",
    "IngestReport": "storyline.store.intake",
    "ingest": "storyline.store.intake",
    "rebuild_pending": "storyline.store.intake",
    "StoreBusyError": "storyline.store.locks",
    "ArticleView": "storyline.store.read",
    "EntityView": "storyline.store.read",
    "StoredStory": "storyline.store.read",
    "StorySummary": "storyline.store.read",
    "count_stories": "storyline.store.read",
    "list_stories": "storyline.store.read",
    "load_article": "storyline.store.read",
    "load_entity": "storyline.store.read",
    "load_story": "storyline.store.read",
    "story_brief": "storyline.store.read",
    "LoadReport": "storyline.store.runs",
    "load_run": "storyline.store.runs",
    "MIGRATIONS": "storyline.store.schema",
    "migrate": "storyline.store.schema",
    "SearchResults": "storyline.store.fulltext",
    "search": "storyline.store.fulltext",
}


__getattr__, __dir__ = _lazy.lazy_exports(__name__, _LAZY, globals())


__all__ = [
    "EXPORTS",
    "MIGRATIONS",
    "ArticleView",
    "EntityView",
    "IngestReport",
    "LoadReport",
    "SearchResults",
    "StoreBusyError",
    "StoreError",
    "StoredStory",
    "StoryAssigner",
    "StorySummary",
    "Writer",
    "count_stories",
    "export_tables",
    "ingest",
    "list_stories",
    "load_article",
    "load_entity",
    "load_run",
    "load_story",
    "migrate",
    "read_store",
    "rebuild_pending",
    "resolve_story",
    "search",
    "story_brief",
]
