"""RSS and Atom feeds, files of URLs, and URLs given as inputs: fetch each page, read it.

Feeds are parsed with feedparser from bytes already in hand (never letting it fetch); each
entry's link is fetched politely by `Fetcher`, and every failure becomes a skipped input.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import feedparser

from storyline.ingest.fetch import Fetched, Fetcher, FetchPolicy
from storyline.ingest.html import page_record
from storyline.ingest.records import RawArticle, SkipInput

#: The most entries read from one feed, and URLs from one list: a bound on a hostile input.
MAX_ENTRIES = 10_000
_URL_LINE = re.compile(r"https?://\S+\Z", re.IGNORECASE)
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)

Parsed = tuple[str, RawArticle | SkipInput]


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed item: the page to fetch, and what the feed says about it."""

    url: str
    title: str | None
    published: str | None


class FetchSession:
    """One `Fetcher` per run, opened only when an input needs the network."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.policy)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()


def is_feed(text: str) -> bool:
    """Tell whether a document is an RSS, RDF or Atom feed (by its root element)."""
    return bool(_FEED_ROOT.search(text[:4000]))


def is_url_list(text: str) -> bool:
    """Tell whether every line that is not blank or a `#` comment is an http(s) URL."""
    lines = [ln.strip() for ln in text.splitlines()]
    urls = [ln for ln in lines if ln and not ln.startswith("#")]
    return bool(urls) and all(_URL_LINE.match(ln) for ln in urls)


def feed_entries(data: str | bytes, base_url: str | None = None) -> list[FeedEntry]:
    """Return the entries of a feed that link to a page, or raise `SkipInput`."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    headers = {"content-location": base_url} if base_url else {}
    # A file object, never a string: feedparser would fetch a string that looks like a URL.
    parsed = feedparser.parse(io.BytesIO(raw), response_headers=headers)
    if not parsed.version and not parsed.entries:
        raise SkipInput("unreadable: not an RSS or Atom feed")
    out: list[FeedEntry] = []
    for entry in parsed.entries[:MAX_ENTRIES]:
        link = entry.get("link")
        if isinstance(link, str) and link.strip():
            out.append(FeedEntry(link.strip(), entry.get("title"), entry.get("published")))
    return out


def read_feed(
    name: str, data: str | bytes, session: FetchSession, base: str | None = None
) -> Iterator[Parsed]:
    """Yield (page URL, article or skip) for every entry of a feed."""
    try:
        entries = feed_entries(data, base)
    except SkipInput as skip:
        yield name, skip
        return
    if not entries:
        yield name, SkipInput("not an article: the feed has no entries with links")
        return
    by_url = {e.url: e for e in entries}
    for got in session.fetcher.fetch_many(by_url):
        entry = by_url[got.url]
        yield got.url, _page(got, entry.title, entry.published)


def read_url_list(name: str, text: str, session: FetchSession) -> Iterator[Parsed]:
    """Yield (URL, article or skip) for every URL in a file of URLs."""
    lines = [ln.strip() for ln in text.splitlines()]
    urls = list(dict.fromkeys(ln for ln in lines if ln and not ln.startswith("#")))
    if len(urls) > MAX_ENTRIES:
        yield name, SkipInput(f"too large: only the first {MAX_ENTRIES} URLs are read")
    for got in session.fetcher.fetch_many(urls[:MAX_ENTRIES]):
        yield got.url, _page(got)


def read_url(url: str, session: FetchSession) -> Iterator[Parsed]:
    """Yield what a URL given as an input holds: one page, or every page a feed links to."""
    got = session.fetcher.fetch(url)
    if got.error is None and got.body is not None and _looks_like_feed(got):
        yield from read_feed(url, got.body, session, got.final_url)
        return
    yield url, _page(got)


def _looks_like_feed(got: Fetched) -> bool:
    ctype = got.content_type or ""
    if "rss" in ctype or "atom" in ctype:
        return True
    head = (got.body or b"")[:4000].decode("utf-8", "replace")
    return ("xml" in ctype or head.lstrip().startswith("<?xml")) and is_feed(head)


def _page(
    got: Fetched, title: str | None = None, published: str | None = None
) -> RawArticle | SkipInput:
    """Turn a fetched page into a raw article, or the reason it is not one."""
    if got.error is not None or got.body is None:
        error = got.error or "empty response"
        return SkipInput(error if error.startswith("not fetched") else f"not fetched: {error}")
    ctype = got.content_type or "text/html"
    if "html" not in ctype and "xml" not in ctype:
        return SkipInput(f"not an article: content type {ctype}")
    try:
        raw = page_record(got.body, got.final_url or got.url, published)
    except SkipInput as skip:
        return skip
    return replace(raw, title=raw.title or title)
