"""The persistent store: a DuckDB file that grows as articles are ingested.

>>> from storyline.store import ingest, read_store, list_stories
>>> ingest(["articles/"], "news.duckdb")
>>> with read_store("news.duckdb") as con:
...     stories = list_stories(con)
"""

from storyline.store.assign import StoryAssigner, resolve_story
from storyline.store.connect import StoreError, Writer, read_store
from storyline.store.export import EXPORTS, export_tables
from storyline.store.ingest import IngestReport, ingest, rebuild_pending
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
from storyline.store.search import SearchResults, search

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
