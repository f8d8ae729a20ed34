"""The HTML pages: stories, a story, an entity, an article, search."""

from __future__ import annotations

import math

from flask import Blueprint, abort, render_template, request

from storyline.render.view import STATUS_LABEL, outlet_names
from storyline.store.fulltext import MAX_QUERY_CHARS, search
from storyline.store.read import (
    count_stories,
    list_stories,
    load_article,
    load_entity,
    load_story,
    quote_speakers,
    speaker_words,
)
from storyline.web.app import page_args, reader
from storyline.web.views import (
    coverage,
    fact_matrix,
    highlight_text,
    quote_groups,
    ranked_articles,
    safe_url,
    timeline_points,
)

pages = Blueprint("pages", __name__)

#: Raw query strings longer than this are refused rather than cut (a sign of misuse).
MAX_RAW_QUERY = 1000


@pages.get("/")
def stories_page() -> str:
    """List stories, newest first, with counts and a coverage bar each."""
    page, size = page_args()
    with reader().cursor() as cur:
        total = count_stories(cur)
        rows = list_stories(cur, offset=(page - 1) * size, limit=size)
    bars = {r.id: coverage(r.corroborated, r.conflicting, r.single_source) for r in rows}
    pages_total = max(1, math.ceil(total / size))
    return render_template(
        "stories.html", rows=rows, bars=bars, page=page, pages=pages_total, total=total, size=size
    )


@pages.get("/stories/<id:key>")
def story_page(key: str) -> str:
    """Show one story: facts, conflicts, timeline, quotes, entities, sources, matrix."""
    with reader().cursor() as cur:
        stored = load_story(cur, key, full=False)
        speakers = quote_speakers(cur, key)
        if stored is None:
            abort(404, "There is no story with this id.")
        story = stored.story
        groups = quote_groups(story, speakers)
        unnamed = [q for g in groups if g.speaker is None for q in g.quotes]
        as_written = speaker_words(cur, unnamed)
    return render_template(
        "story.html",
        s=stored.summary,
        story=story,
        articles=stored.articles,
        names=outlet_names(story, stored.articles),
        facts={f.id: f for f in story.facts},
        groups=groups,
        as_written=as_written,
        points=timeline_points(story.timeline),
        matrix=fact_matrix(story),
        ranked=ranked_articles(story),
        labels=STATUS_LABEL,
        bar=coverage(
            stored.summary.corroborated,
            stored.summary.conflicting,
            stored.summary.single_source,
            width=240,
        ),
    )


@pages.get("/entities/<id:entity_id>")
def entity_page(entity_id: str) -> str:
    """Show one entity: its names, its stories and what it said."""
    with reader().cursor() as cur:
        entity = load_entity(cur, entity_id)
    if entity is None:
        abort(404, "There is no entity with this id.")
    return render_template("entity.html", e=entity)


@pages.get("/articles/<id:article_id>")
def article_page(article_id: str) -> str:
    """Show an article's text with every extracted item highlighted and linked."""
    with reader().cursor() as cur:
        view = load_article(cur, article_id)
    if view is None:
        abort(404, "There is no article with this id.")
    kinds = {h.kind for h in view.highlights}
    return render_template(
        "article.html",
        a=view.article,
        stories=view.stories,
        body=highlight_text(view.article.text, view.highlights),
        counts={k: sum(1 for h in view.highlights if h.kind == k) for k in kinds},
        link=safe_url(view.article.url),
    )


@pages.get("/search")
def search_page() -> str:
    """Search entities by name and articles by full text."""
    raw = request.args.get("q", "")
    if len(raw) > MAX_RAW_QUERY:
        abort(400, f"The query is too long (the search reads {MAX_QUERY_CHARS} characters).")
    results = None
    if raw.strip():
        with reader().cursor() as cur:
            results = search(cur, raw, limit=20)
    return render_template("search.html", q=raw, results=results)
