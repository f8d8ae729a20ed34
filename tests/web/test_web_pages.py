"""The web app over a hand-built store: every page and API answer, and nothing unescaped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from storyline.cli import main
from storyline.web import create_app
from storyline.web.app import READER_KEY
from tests.store.builders import XSS, hostile_docs, hostile_story, write_story_store


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[str]]:
    db = tmp_path_factory.mktemp("web") / "hostile.duckdb"
    docs = hostile_docs()
    key = write_story_store(db, docs, hostile_story(docs))
    return db, key, [d.id for d in docs]


@pytest.fixture(scope="module")
def app(hostile_store: tuple[Path, str, list[str]]) -> Iterator[Flask]:
    application = create_app(hostile_store[0])
    yield application
    application.extensions[READER_KEY].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def page_urls(key: str, article_ids: list[str]) -> list[str]:
    return [
        "/",
        f"/stories/{key}",
        "/entities/e1",
        *[f"/articles/{a}" for a in article_ids],
        "/search?q=Rabie",
        "/search?q=wait",
        "/search?q=" + XSS,
    ]


def test_every_page_escapes_untrusted_text(
    client: FlaskClient, hostile_store: tuple[Path, str, list[str]]
) -> None:
    _, key, ids = hostile_store
    for url in page_urls(key, ids):
        resp = client.get(url)
        assert resp.status_code == 200, url
        html = resp.get_data(as_text=True)
        assert "<script>window" not in html, url
        assert "<img src=x" not in html, url
        assert 'onerror="' not in html, url
        assert not re.search(r'(href|src|action)="\s*javascript:', html, re.I), url
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html, url  # shown, escaped


def test_javascript_url_is_not_a_link_and_https_is(
    client: FlaskClient, hostile_store: tuple[Path, str, list[str]]
) -> None:
    _, _, ids = hostile_store
    first = client.get(f"/articles/{ids[0]}").get_data(as_text=True)
    assert "javascript:window.__pwned=3" in first  # shown as text ...
    assert 'href="javascript' not in first  # ... never as a link
    second = client.get(f"/articles/{ids[1]}").get_data(as_text=True)
    assert 'href="https://example.org/a?x=&lt;script&gt;"' in second


def test_security_headers_forbid_inline_script(client: FlaskClient) -> None:
    resp = client.get("/")
    csp = resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "url",
    [
        "/static/../../etc/passwd",
        "/static/..%2f..%2fetc%2fpasswd",
        "/static/%2e%2e/app.py",
        "/static/app.py",
        "/articles/..%2f..%2fetc%2fpasswd",
        "/articles/a1/../../x",
        "/stories/ABC",
        "/stories/" + "a" * 200,
        "/entities/e1;drop",
    ],
)
def test_no_url_reaches_the_filesystem_or_accepts_odd_ids(client: FlaskClient, url: str) -> None:
    resp = client.get(url)
    assert resp.status_code == 404
    assert b"root:" not in resp.data and b"import" not in resp.data


def test_static_files_come_from_the_package(client: FlaskClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    assert "javascript" in client.get("/static/app.js").content_type


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_read_only_no_method_changes_anything(client: FlaskClient, method: str) -> None:
    for url in ["/", "/api/stories", "/search"]:
        assert getattr(client, method)(url).status_code == 405


def test_request_sizes_and_parameters_are_bounded(client: FlaskClient) -> None:
    assert client.get("/search?q=" + "x" * 5000).status_code == 400
    assert client.get("/api/search?q=" + "x" * 5000).status_code == 400
    assert client.get("/?page=0").status_code == 400
    assert client.get("/?page=%C2%B2").status_code == 400  # a Unicode digit is not a number
    assert client.get("/api/stories?size=100000").status_code == 400
    assert client.get("/api/stories?page=99999").json["stories"] == []  # type: ignore[index]


def test_story_page_shows_every_part(
    client: FlaskClient, hostile_store: tuple[Path, str, list[str]]
) -> None:
    _, key, ids = hostile_store
    html = client.get(f"/stories/{key}").get_data(as_text=True)
    for anchor in ("facts", "conflicts", "timeline", "quotes", "entities", "sources", "matrix"):
        assert f'id="{anchor}"' in html
    assert 'id="fact-f1"' in html and 'class="chip corroborated"' in html
    assert 'class="variant"' in html and "450" in html  # both sides of the conflict
    assert '<svg class="timeline"' in html and "<circle" in html
    assert f'href="/articles/{ids[0]}#c0"' in html  # evidence links to its sentence
    assert 'href="/entities/e1"' in html
    assert "published 2021-03-23 to 2021-03-24" in html
    assert "Key entities:" in html and "Rabie &lt;script&gt;" in html
    # a speaker the text describes but does not name: the page shows its words, escaped
    assert "Speaker not named" in html
    assert "as written: “canal officials &lt;script&gt;window.__pwned=1" in html
    # quotation marks only around words the article quotes; reported speech says it is
    assert "“We will clear it" in html
    assert "Traffic resumes soon <span" in html and "said (reported speech)" in html
    articles = html[html.index('id="articles"') :]
    assert articles.index(f"/articles/{ids[1]}") < articles.index(f"/articles/{ids[0]}")
    assert "0.90" in articles  # centrality, most central first


def test_article_page_links_items_to_their_fact_and_entity(
    client: FlaskClient, hostile_store: tuple[Path, str, list[str]]
) -> None:
    _, key, ids = hostile_store
    html = client.get(f"/articles/{ids[0]}").get_data(as_text=True)
    assert f'id="c0" href="/stories/{key}#fact-f1"' in html
    assert f'href="/stories/{key}#fact-f2"' in html
    assert 'class="hl quote" id="q' in html
    assert 'href="/entities/e1"' in html or 'class="hl ent"' in html
    assert 'class="hl figure"' in html and 'class="hl time"' in html


def test_entity_page_lists_what_it_said(client: FlaskClient) -> None:
    html = client.get("/entities/e1").get_data(as_text=True)
    assert "“We will clear it" in html and "Rabie &lt;script&gt;" in html
    assert client.get("/api/entities/e1").json["quotes"][0]["direct"] is True


def test_unknown_ids_are_404_in_html_and_json(client: FlaskClient) -> None:
    assert client.get("/stories/s0000").status_code == 404
    resp = client.get("/api/entities/e0000")
    assert resp.status_code == 404 and resp.json["status"] == 404  # type: ignore[index]


def test_search_finds_a_person_by_part_of_the_name(client: FlaskClient) -> None:
    data = client.get("/api/search?q=rabie").json
    assert data is not None
    assert [e["id"] for e in data["entities"]] == ["e1"]
    assert data["articles"] and data["stories"]


def test_missing_store_is_a_clear_503(tmp_path: Path) -> None:
    app = create_app(tmp_path / "none.duckdb")
    try:
        resp = app.test_client().get("/")
        assert resp.status_code == 503 and b"storyline ingest" in resp.data
    finally:
        app.extensions[READER_KEY].close()


def test_serve_without_a_store_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no store at" in result.output and "Traceback" not in result.output
