"""Feeds, files of URLs and URL inputs: fetched from a local server, every failure recorded."""

from __future__ import annotations

from collections import Counter

from storyline.ingest import read_inputs
from storyline.ingest.feeds import feed_entries, is_feed, is_url_list
from storyline.ingest.fetch import FetchPolicy
from tests.ingest.webserver import Route, article_html, serve

LOCAL = FetchPolicy(allow_private=True, per_host_delay=0.0, timeout=5.0)


def rss(base: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Item {i}</title><link>{base}{link}</link>"
        f"<pubDate>Tue, 23 Mar 2021 10:00:00 GMT</pubDate></item>"
        for i, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>One</title><link href="http://example.org/one"/>
<updated>2021-03-23T10:00:00Z</updated></entry></feed>"""


def test_feed_and_url_list_detection() -> None:
    assert is_feed(ATOM.decode())
    assert not is_feed("<html><body>feed the cat</body></html>")
    assert is_url_list("# my list\nhttps://a.example/1\n\nhttp://b.example/2\n")
    assert not is_url_list("The council met on https://a.example/1 yesterday.\n")
    entries = feed_entries(ATOM)
    assert [(e.url, e.title) for e in entries] == [("http://example.org/one", "One")]


def test_rss_file_fetches_every_entry_and_records_failures(write) -> None:  # type: ignore[no-untyped-def]
    routes = {
        "/a": Route(article_html("Bridge opens")),
        "/b": Route(article_html("Bridge delayed")),
        "/gone": Route(b"", 404),
        "/pic": Route(b"\x89PNG....", content_type="image/png"),
    }
    with serve(routes) as site:
        path = write("feed.rss", rss(site.base, ["/a", "/b", "/gone", "/pic"]))
        results = list(read_inputs([path], fetch=LOCAL))
    status = Counter(r.record.status for r in results)
    assert status == {"ingested": 2, "skipped": 2}
    reasons = {r.record.path.rsplit("/", 1)[1]: r.record.reason for r in results}
    assert reasons["gone"] == "not fetched: HTTP 404"
    assert reasons["pic"] == "not an article: content type image/png"
    art = results[0].article
    assert art is not None and art.url == f"{site.base}/a" and art.title == "Bridge opens"
    assert art.published == "2021-03-23"  # the page declares no date: the feed's is used


def test_url_list_and_url_argument(write) -> None:  # type: ignore[no-untyped-def]
    routes = {"/a": Route(article_html("A story")), "/b": Route(article_html("B story"))}
    with serve(routes) as site:
        listing = write("list.urls", f"# two pages\n{site.base}/a\n{site.base}/missing\n")
        results = list(read_inputs([listing, f"{site.base}/b"], fetch=LOCAL))
    assert [r.record.status for r in results] == ["ingested", "skipped", "ingested"]
    assert results[1].record.reason == "not fetched: HTTP 404"


def test_url_argument_that_is_a_feed_is_expanded() -> None:
    routes = {"/a": Route(article_html("Bridge opens"))}
    with serve(routes) as site:
        site.routes["/feed"] = Route(rss(site.base, ["/a"]), content_type="application/rss+xml")
        results = list(read_inputs([f"{site.base}/feed"], fetch=LOCAL))
    assert [r.record.path for r in results] == [f"{site.base}/a"]
    assert results[0].record.status == "ingested"


def test_private_addresses_are_refused_without_permission(write) -> None:  # type: ignore[no-untyped-def]
    with serve({"/a": Route(article_html("A"))}) as site:
        results = list(read_inputs([f"{site.base}/a"]))
        assert site.seen == []
    assert results[0].record.status == "skipped"
    assert "blocked" in (results[0].record.reason or "")


def test_broken_feed_is_skipped(write) -> None:  # type: ignore[no-untyped-def]
    path = write("bad.rss", "<rss><channel><item><link>")
    results = list(read_inputs([path], fetch=LOCAL))
    assert [r.record.status for r in results] == ["skipped"]
