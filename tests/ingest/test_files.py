"""Every input is accounted for: ingested, duplicate, or skipped with a reason."""

from __future__ import annotations

import gzip
import io
import json
import sys

import pytest

from storyline.ingest import read_inputs
from storyline.ingest.files import IngestResult

BODY = (
    "The city council voted on Tuesday to close the old bridge over the river for repairs. "
    "Engineers said the steel supports had corroded faster than expected after the floods. "
    "The closure is expected to last four months, and buses will be diverted through the "
    "northern district while the work goes on."
)


def run(*paths: str) -> list[IngestResult]:
    return list(read_inputs(paths))


def test_text_file_takes_headline_from_first_line(write) -> None:  # type: ignore[no-untyped-def]
    path = write("bridge.txt", f"Council closes old bridge for repairs\n\n{BODY}\n")
    [result] = run(path)
    assert result.record.status == "ingested"
    assert result.article is not None
    assert result.article.title == "Council closes old bridge for repairs"
    assert result.article.text == BODY


def test_plain_json_schema(write) -> None:  # type: ignore[no-untyped-def]
    record = {
        "title": "Bridge closed",
        "text": BODY,
        "url": "https://www.example.org/a",
        "source": "Example Daily",
        "published": "2024-05-07T10:00:00Z",
    }
    [result] = run(write("a.json", json.dumps(record)))
    art = result.article
    assert art is not None
    assert (art.title, art.source, art.published, art.url) == (
        "Bridge closed",
        "Example Daily",
        "2024-05-07",
        "https://www.example.org/a",
    )


def test_news_please_schema_in_jsonl_with_a_broken_line(write) -> None:  # type: ignore[no-untyped-def]
    good = {
        "title": "Bridge closed",
        "maintext": BODY,
        "date_publish": "2024-05-07 09:10:00",
        "source_domain": "example.org",
        "authors": ["Ana Ruiz"],
        "url": "https://example.org/b",
    }
    other = dict(good, maintext=BODY.replace("four months", "five months"))
    path = write("feed.jsonl", "\n".join([json.dumps(good), "{not json", json.dumps(other)]))
    results = run(path)
    assert [r.record.status for r in results] == ["ingested", "skipped", "ingested"]
    assert results[1].record.path == f"{path}:2"
    assert "invalid JSON on line 2" in (results[1].record.reason or "")
    art = results[0].article
    assert art is not None
    assert (art.source, art.author, art.published) == ("example.org", "Ana Ruiz", "2024-05-07")


def test_gzip_of_any_kind(write) -> None:  # type: ignore[no-untyped-def]
    path = write("story.txt.gz", gzip.compress(f"Bridge closed\n\n{BODY}".encode()))
    [result] = run(path)
    assert result.record.status == "ingested"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"   \n\n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("broken.txt.gz", b"\x1f\x8b\x08\x00garbage", "corrupt gzip"),
        ("stub.txt", b"Just a few words here.", "not an article"),
        ("list.json", b"[1, 2]", "not an object"),
        ("nobody.json", b'{"title": "no text"}', "no text field"),
    ],
)
def test_bad_inputs_are_skipped_with_a_reason(write, name, data, reason) -> None:  # type: ignore[no-untyped-def]
    results = run(write(name, data))
    assert results, "every input must produce a record"
    assert all(r.record.status == "skipped" for r in results)
    assert reason in (results[0].record.reason or "")


def test_latin1_text_is_decoded(write) -> None:  # type: ignore[no-untyped-def]
    text = f"Caf\u00e9 owners protest bridge closure\n\n{BODY} The caf\u00e9 owners disagreed."
    [result] = run(write("latin.txt", text.encode("latin-1")))
    assert result.article is not None
    assert "café owners disagreed" in result.article.text


def test_too_large_is_skipped(write) -> None:  # type: ignore[no-untyped-def]
    path = write("big.txt", "word " * 2000)
    [result] = list(read_inputs([path], max_bytes=1000))
    assert result.record.status == "skipped"
    assert "too large" in (result.record.reason or "")


def test_missing_path_is_reported_not_fatal(write) -> None:  # type: ignore[no-untyped-def]
    good = write("ok.txt", f"Bridge closed\n\n{BODY}")
    results = run("/nonexistent/file.txt", good)
    assert [r.record.status for r in results] == ["skipped", "ingested"]
    assert "not found" in (results[0].record.reason or "")


def test_exact_duplicate_is_reported_once(write) -> None:  # type: ignore[no-untyped-def]
    a = write("a.txt", f"Bridge closed\n\n{BODY}")
    b = write("b.txt", f"Bridge closed today\n\n{BODY}\n\n")
    results = run(a, b)
    assert [r.record.status for r in results] == ["ingested", "duplicate"]
    assert results[1].record.article_id == results[0].record.article_id
    assert results[1].article is None


def test_folder_and_glob(write, tmp_path) -> None:  # type: ignore[no-untyped-def]
    write("in/one.txt", f"Bridge closed\n\n{BODY}")
    write("in/sub/two.txt", f"Bridge shut\n\n{BODY} A second paragraph follows here.")
    write("in/.hidden.txt", f"Hidden\n\n{BODY} hidden")
    assert len(run(str(tmp_path / "in"))) == 2
    assert len(run(str(tmp_path / "in" / "*.txt"))) == 1


def test_stdin(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    stdin = io.TextIOWrapper(io.BytesIO(f"Bridge closed\n\n{BODY}".encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    [result] = run("-")
    assert result.record.path == "-"
    assert result.record.status == "ingested"


def test_html_page_metadata_and_main_text(write) -> None:  # type: ignore[no-untyped-def]
    html = f"""<!doctype html><html><head><title>Bridge closed | Example Daily</title>
    <meta property="og:site_name" content="Example Daily">
    <meta property="article:published_time" content="2024-05-07T10:00:00Z">
    <link rel="canonical" href="https://example.org/bridge"></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
    <article><h1>Bridge closed</h1><p>{BODY}</p>
    <p>Residents said the diversion would add twenty minutes to their daily commute.</p></article>
    <footer>Copyright Example Daily. All rights reserved.</footer></body></html>"""
    [result] = run(write("page.html", html))
    art = result.article
    assert art is not None
    assert art.published == "2024-05-07"
    assert art.source == "Example Daily"
    assert art.url == "https://example.org/bridge"
    assert "Residents said the diversion" in art.text
    assert "All rights reserved" not in art.text
    dropped = {r.text: r.reason for r in art.removed}
    assert dropped["Copyright Example Daily. All rights reserved."] == "outside-article"
    assert dropped["Home News Sport"] == "outside-article"
    assert not any(BODY[:40] in text for text in dropped)
