"""Article records from JSON (news-please or plain schema) and the final `Article` build."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from dateutil import parser as dateparser

from storyline.ingest.boilerplate import strip_boilerplate
from storyline.model import Article, Removal

#: Fewer words than this and it is a snippet, a stub or a navigation page, not an article.
MIN_WORDS = 25


class SkipInput(Exception):
    """An input that cannot become an article; the message is the reason recorded."""


@dataclass(frozen=True, slots=True)
class RawArticle:
    """Fields read from an input before cleaning."""

    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None
    removed: tuple[Removal, ...] = ()
    clean: bool = False  # already cleaned by the HTML extractor


# First key found wins; news-please names first, then the plain schema and common variants.
_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("maintext", "text", "body", "articleBody", "content"),
    "title": ("title", "headline", "title_page"),
    "url": ("url", "link", "canonical_url"),
    "source": ("source", "source_domain", "sitename", "outlet", "publisher"),
    "author": ("authors", "author", "byline"),
    "published": ("date_publish", "published", "date", "datePublished", "pubdate"),
}


def parse_json(name: str, text: str) -> Iterator[tuple[str, RawArticle | SkipInput]]:
    """Yield (input name, article or skip) for a JSON object, JSON list, or JSONL file."""
    stripped = text.strip()
    try:
        loaded = json.loads(stripped)
        items = loaded if isinstance(loaded, list) else [loaded]
        many = isinstance(loaded, list)
    except json.JSONDecodeError:
        items, many = [], True
        for lineno, line in enumerate(stripped.splitlines(), 1):
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as err:
                items.append(SkipInput(f"unreadable: invalid JSON on line {lineno} ({err.msg})"))
        if len(items) == 1 and isinstance(items[0], SkipInput):
            yield name, SkipInput("unreadable: not valid JSON or JSONL")
            return
    for index, item in enumerate(items, 1):
        sub = f"{name}:{index}" if many else name
        yield sub, item if isinstance(item, SkipInput) else _from_mapping(item)


def _from_mapping(item: object) -> RawArticle | SkipInput:
    if not isinstance(item, Mapping):
        return SkipInput("not an article: JSON value is not an object")
    got = {key: _first(item, names) for key, names in _FIELDS.items()}
    if not got["text"]:
        return SkipInput("not an article: no text field (maintext, text, body)")
    source = got["source"] or _host(got["url"])
    return RawArticle(
        text=got["text"],
        title=got["title"],
        url=got["url"],
        source=source,
        author=got["author"],
        published=got["published"],
    )


def _first(item: Mapping[str, object], names: tuple[str, ...]) -> str | None:
    for key in names:
        value = item.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if isinstance(value, str | int | float) and str(value).strip():
            return str(value).strip()
    return None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def normalise_date(value: str | None) -> str | None:
    """Return an ISO date (YYYY-MM-DD) for a metadata date string, or None if unparsable."""
    if not value:
        return None
    try:
        parsed: datetime = dateparser.parse(value, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year == 1900 or parsed.year > date.today().year + 1:
        return None
    return parsed.date().isoformat()


_WS = re.compile(r"[ \t\u00a0]+")


def build_article(raw: RawArticle, path: str | None) -> Article:
    """Clean a raw record into an `Article`, or raise `SkipInput` when no article is left."""
    text, removed = raw.text, raw.removed
    text = "\n".join(_WS.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n"))
    if not raw.clean:
        text, more = strip_boilerplate(text)
        removed = (*removed, *more)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    words = len(text.split())
    if words == 0:
        raise SkipInput("not an article: only a headline, no body text")
    if words < MIN_WORDS:
        raise SkipInput(f"not an article: only {words} words of body text")
    title = (raw.title or "").strip() or _first_sentence(text)
    text, removed = _drop_repeated_title(text, title, removed)
    return Article(
        id=Article.make_id(text),
        text=text,
        title=title,
        path=path,
        url=raw.url,
        source=raw.source or _host(raw.url),
        author=raw.author,
        published=normalise_date(raw.published),
        removed=tuple(removed),
    )


def _drop_repeated_title(
    text: str, title: str, removed: tuple[Removal, ...]
) -> tuple[str, tuple[Removal, ...]]:
    """Drop a headline the body repeats in its first lines (HTML extraction keeps the h1)."""
    paragraphs = text.split("\n\n")
    for i, para in enumerate(paragraphs[:3]):
        if para.strip() == title:
            rest = "\n\n".join(paragraphs[:i] + paragraphs[i + 1 :]).strip()
            return rest, (*removed, Removal(para.strip(), "title-repeated"))
    return text, removed


def _first_sentence(text: str) -> str:
    line = text.strip().split("\n", 1)[0]
    first: str = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
    return first[:120]
