"""Web archives: each HTML response is a page; other records are skipped or not pages."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import read_inputs
from storyline.ingest.warc import is_warc
from tests.ingest.webserver import article_html

DATE = "2021-03-24T08:15:00Z"


def add_response(
    writer: WARCWriter, url: str, body: bytes, status: str = "200 OK", ctype: str = "text/html"
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": DATE},
    )
    writer.write_record(record)


def make_warc(path: Path, gz: bool = True) -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        add_response(writer, "https://courier.example/bridge", article_html("Bridge opens"))
        get = b"GET /bridge HTTP/1.1\r\nHost: courier.example\r\n\r\n"
        request = writer.create_warc_record(
            "https://courier.example/bridge", "request", payload=io.BytesIO(get), length=len(get)
        )
        writer.write_record(request)
        add_response(writer, "https://courier.example/gone", b"no", "404 Not Found")
        add_response(writer, "https://courier.example/logo.png", b"\x89PNG", ctype="image/png")
        add_response(
            writer, "https://courier.example/menu", b"<html><body><nav>Home</nav></body></html>"
        )
        add_response(writer, "https://other.example/bridge", article_html("Bridge opens late"))
    return path


def test_is_warc_by_name() -> None:
    assert is_warc("CC-NEWS-20210324.warc.gz") and is_warc("a.WARC")
    assert not is_warc("a.html.gz")


def test_warc_pages_become_articles_with_record_url_and_date(tmp_path: Path) -> None:
    path = make_warc(tmp_path / "crawl.warc.gz")
    results = list(read_inputs([str(path)]))
    assert Counter(r.record.status for r in results) == {"ingested": 2, "skipped": 3}
    reasons = sorted(r.record.reason or "" for r in results if r.record.status == "skipped")
    assert reasons[:2] == [
        "not an article: HTTP status 404",
        "not an article: content type image/png",
    ]
    assert reasons[2].startswith("not an article")  # the menu page has no article text
    first = results[0].article
    assert first is not None
    assert first.url == "https://courier.example/bridge"
    assert first.title == "Bridge opens"
    assert first.published == "2021-03-24"  # no date on the page: the record's date
    assert results[0].record.path.startswith(f"{path}@")


def test_uncompressed_warc_reads_the_same(tmp_path: Path) -> None:
    gz = [r.record for r in read_inputs([str(make_warc(tmp_path / "a.warc.gz"))])]
    plain = [r.record for r in read_inputs([str(make_warc(tmp_path / "a.warc", gz=False))])]
    assert [(r.status, r.article_id) for r in gz] == [(r.status, r.article_id) for r in plain]


def test_truncated_warc_keeps_what_it_read(tmp_path: Path) -> None:
    whole = make_warc(tmp_path / "whole.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: int(len(whole) * 0.8)])
    results = list(read_inputs([str(cut)]))
    assert results[0].record.status == "ingested"
    # the cut record is cut mid-page: what is left of it is not an article
    assert results[-1].record.status == "skipped"
    assert len(results) < 5


def test_garbage_named_warc_is_skipped(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"this is not a web archive at all")
    results = list(read_inputs([str(bad)]))
    assert [r.record.status for r in results] == ["skipped"]
    assert "unreadable" in (results[0].record.reason or "")
