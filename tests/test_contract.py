"""The brief JSON contract: stable keys, and every span's text is exactly the article's text."""

from __future__ import annotations

import json
from typing import Any

import pytest

from storyline.model import BRIEF_SCHEMA, Brief
from storyline.render.json import brief_to_dict, brief_to_json

pytestmark = pytest.mark.model

KEYS = {
    "brief": {"schema", "inputs", "articles", "stories"},
    "inputs": {"path", "status", "reason", "article_id"},
    "articles": {
        "id",
        "path",
        "url",
        "source",
        "title",
        "published",
        "language",
        "text",
        "removed",
    },
    "stories": {"id", "title", "article_ids", "entities", "facts", "quotes", "timeline", "sources"},
    "entities": {"id", "name", "type", "aliases", "article_ids", "mentions"},
    "facts": {
        "id",
        "text",
        "status",
        "article_ids",
        "independent_sources",
        "evidence",
        "conflicts",
    },
    "evidence": {"article_id", "start", "end", "text"},
    "quotes": {"text", "speaker", "speaker_entity", "article_id", "start", "end", "direct"},
    "timeline": {"date", "text", "article_ids"},
    "sources": {"article_id", "outlet", "signals", "unique_fact_ids"},
    "events": {
        "id",
        "type",
        "actor",
        "action",
        "target",
        "place",
        "date",
        "negated",
        "modality",
        "article_ids",
        "evidence",
    },
    "five_w1h": {"who", "what", "when", "where", "why", "how"},
}


@pytest.fixture(scope="module")
def data(sample_brief: Brief) -> dict[str, Any]:
    return json.loads(brief_to_json(sample_brief))


def test_keys(data: dict[str, Any]) -> None:
    assert data["schema"] == BRIEF_SCHEMA
    assert KEYS["brief"] <= data.keys()
    for name in ("inputs", "articles", "stories"):
        for item in data[name]:
            assert KEYS[name] <= item.keys(), name
    for story in data["stories"]:
        for name in ("entities", "facts", "quotes", "timeline", "sources"):
            assert story[name], f"the sample story has no {name}"
            for item in story[name]:
                assert KEYS[name] <= item.keys(), name
        for fact in story["facts"]:
            for ev in fact["evidence"]:
                assert KEYS["evidence"] <= ev.keys()
            assert fact["status"] in {"corroborated", "single-source", "conflicting"}
        assert story["events"], "the sample story has no events"
        for event in story["events"]:
            assert KEYS["events"] <= event.keys()
        assert KEYS["five_w1h"] <= story["five_w1h"].keys()


def spans(data: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for story in data["stories"]:
        for fact in story["facts"]:
            out += fact["evidence"]
            out += [e for c in fact["conflicts"] for v in c["variants"] for e in v["evidence"]]
        out += story["quotes"]
        out += [m for e in story["entities"] for m in e["mentions"]]
        for event in story["events"]:
            out += [event["action_span"], *event["evidence"]]
            out += [event[k] for k in ("actor", "target", "place", "time", "dead") if event[k]]
            out += [e for c in event["conflicts"] for v in c["variants"] for e in v["evidence"]]
        five = story["five_w1h"] or {}
        out += [e for w in KEYS["five_w1h"] if five.get(w) for e in five[w]["evidence"]]
    return out


def test_every_span_text_is_the_article_text(data: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in data["articles"]}
    checked = spans(data)
    assert len(checked) > 50
    for item in checked:
        assert texts[item["article_id"]][item["start"] : item["end"]] == item["text"]


def test_every_input_is_accounted_for(data: dict[str, Any]) -> None:
    ids = {a["id"] for a in data["articles"]}
    for rec in data["inputs"]:
        assert rec["status"] in {"ingested", "duplicate", "skipped"}
        if rec["status"] == "ingested":
            assert rec["article_id"] in ids
        if rec["status"] == "skipped":
            assert rec["reason"]


def test_dict_and_json_agree(sample_brief: Brief, data: dict[str, Any]) -> None:
    assert json.loads(json.dumps(brief_to_dict(sample_brief))) == data
