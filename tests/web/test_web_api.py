"""The JSON API: the OpenAPI document is valid, covers every route, and every answer fits it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from storyline.model import BRIEF_SCHEMA
from storyline.web import create_app
from storyline.web.api import openapi_document
from storyline.web.app import READER_KEY
from tests.store.builders import hostile_docs, hostile_story, write_story_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[str]]:
    db = tmp_path_factory.mktemp("api") / "api.duckdb"
    docs = hostile_docs()
    return db, write_story_store(db, docs, hostile_story(docs)), [d.id for d in docs]


@pytest.fixture(scope="module")
def app(store: tuple[Path, str, list[str]]) -> Iterator[Flask]:
    application = create_app(store[0])
    yield application
    application.extensions[READER_KEY].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _shape(path: str) -> str:
    return re.sub(r"<[^>]+>|\{[^}]+\}", "{}", path)


def test_openapi_document_is_valid_and_served(client: FlaskClient) -> None:
    doc = openapi_document()
    validate(doc)  # raises on an invalid OpenAPI 3.1 document
    assert client.get("/api/openapi.json").json == doc


def test_every_api_route_is_documented_and_nothing_else(app: Flask) -> None:
    routes = {_shape(r.rule) for r in app.url_map.iter_rules() if r.rule.startswith("/api/")}
    documented = {_shape(p) for p in openapi_document()["paths"]}
    assert routes == documented


def _check(resp_json: Any, path: str, status: int) -> None:
    doc = openapi_document()
    spec = doc["paths"][path]["get"]["responses"][str(status)]
    schema = spec["content"]["application/json"]["schema"]
    jsonschema.Draft202012Validator({**schema, "components": doc["components"]}).validate(resp_json)


def test_every_answer_fits_its_schema(
    client: FlaskClient, store: tuple[Path, str, list[str]]
) -> None:
    _, key, ids = store
    calls = [
        ("/api/stories", "/api/stories", 200),
        (f"/api/stories/{key}", "/api/stories/{story_id}", 200),
        ("/api/stories/s000", "/api/stories/{story_id}", 404),
        ("/api/entities/e1", "/api/entities/{entity_id}", 200),
        (f"/api/articles/{ids[0]}", "/api/articles/{article_id}", 200),
        ("/api/search?q=Rabie", "/api/search", 200),
        ("/api/search?q=" + "x" * 2000, "/api/search", 400),
        ("/api/stories?page=0", "/api/stories", 400),
    ]
    for url, path, status in calls:
        resp = client.get(url)
        assert resp.status_code == status, url
        _check(resp.json, path, status)


def test_story_answer_is_the_brief_contract(
    client: FlaskClient, store: tuple[Path, str, list[str]]
) -> None:
    _, key, _ids = store
    data = client.get(f"/api/stories/{key}").json
    assert data is not None
    brief = data["brief"]
    assert brief["schema"] == BRIEF_SCHEMA
    texts = {a["id"]: a["text"] for a in brief["articles"]}
    for fact in brief["stories"][0]["facts"]:
        for ev in fact["evidence"]:
            assert texts[ev["article_id"]][ev["start"] : ev["end"]] == ev["text"]


def test_article_answer_spans_point_into_its_text(
    client: FlaskClient, store: tuple[Path, str, list[str]]
) -> None:
    _, _, ids = store
    data = client.get(f"/api/articles/{ids[0]}").json
    assert data is not None
    text = data["article"]["text"]
    kinds = {h["kind"] for h in data["highlights"]}
    assert kinds == {"fact", "mention", "quote", "figure", "time"}
    for h in data["highlights"]:
        assert 0 <= h["start"] < h["end"] <= len(text)
