"""The JSON API under /api/, described by the OpenAPI document at /api/openapi.json."""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import cache
from importlib import resources
from typing import Any

from flask import Blueprint, Response, abort, jsonify, request

from storyline.store.fulltext import search
from storyline.store.read import count_stories, list_stories, load_article, load_entity, load_story
from storyline.web.app import page_args, reader
from storyline.web.pages import MAX_RAW_QUERY

api = Blueprint("api", __name__, url_prefix="/api")


@cache
def openapi_document() -> dict[str, Any]:
    """Return the OpenAPI document that describes this API."""
    text = (resources.files("storyline.web") / "openapi.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@api.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document())


@api.get("/stories")
def stories() -> Response:
    page, size = page_args()
    with reader().cursor() as cur:
        total = count_stories(cur)
        rows = list_stories(cur, offset=(page - 1) * size, limit=size)
    return jsonify(
        {"total": total, "page": page, "size": size, "stories": [asdict(r) for r in rows]}
    )


@api.get("/stories/<id:key>")
def story(key: str) -> Response:
    with reader().cursor() as cur:
        stored = load_story(cur, key)
    if stored is None:
        abort(404, "There is no story with this id.")
    return jsonify({"id": key, "summary": asdict(stored.summary), "brief": stored.brief})


@api.get("/entities/<id:entity_id>")
def entity(entity_id: str) -> Response:
    with reader().cursor() as cur:
        found = load_entity(cur, entity_id)
    if found is None:
        abort(404, "There is no entity with this id.")
    data = asdict(found)
    data["stories"] = [{"id": k, "title": t} for k, t in found.stories]
    return jsonify(data)


@api.get("/articles/<id:article_id>")
def article(article_id: str) -> Response:
    with reader().cursor() as cur:
        view = load_article(cur, article_id)
    if view is None:
        abort(404, "There is no article with this id.")
    return jsonify(
        {
            "article": asdict(view.article),
            "stories": [{"id": k, "title": t} for k, t in view.stories],
            "highlights": [asdict(h) for h in view.highlights],
        }
    )


@api.get("/search")
def search_api() -> Response:
    raw = request.args.get("q", "")
    if len(raw) > MAX_RAW_QUERY:
        abort(400, "the query is too long")
    with reader().cursor() as cur:
        found = search(cur, raw, limit=20)
    return jsonify(asdict(found))
