"""Read an HTML page into its main text and metadata with trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import Document, set_date_params

from storyline.ingest.records import RawArticle, SkipInput
from storyline.model import Removal

#: Tags whose text a reader never sees.
_INVISIBLE = ("script", "style", "noscript", "template", "head", "svg")
#: Tags that start a new block of text on the rendered page.
_BLOCKS = frozenset({
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
    "header", "footer", "nav", "aside", "main", "figure", "figcaption", "blockquote", "tr",
    "td", "th", "table", "form", "button", "br", "hr", "dd", "dt", "pre", "address", "label",
})  # fmt: skip
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """The article part of a web page, and the visible text blocks left out of it."""

    text: str
    title: str | None
    author: str | None
    published: str | None
    sitename: str | None
    url: str | None
    dropped: tuple[Removal, ...] = ()


def extract_html(
    html: str | bytes, url: str | None = None, guess_date: bool = True
) -> HtmlPage | None:
    """Return the main text and metadata of a page, or None when it holds no article text.

    With `guess_date` off, only a date the page declares (metadata, markup, URL) is taken,
    not one htmldate infers from the text (a copyright year, say).
    """
    # trafilatura's own defaults (as the extraction benchmark runs it), minus reader comments.
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=set_date_params(extensive=guess_date),
    )
    if not isinstance(doc, Document) or not doc.text:
        return None
    return HtmlPage(
        text=_paragraphs(doc.text),
        title=doc.title or None,
        author=doc.author or None,
        published=doc.date or None,
        sitename=doc.sitename or None,
        url=doc.url or url,
        dropped=_dropped_blocks(html, doc.text),
    )


def _paragraphs(text: str) -> str:
    """Put a blank line between trafilatura's lines so paragraphs stay visible downstream."""
    lines = [line.strip() for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def _dropped_blocks(html: str | bytes, kept: str) -> tuple[Removal, ...]:
    """Return the page's visible text blocks that are not in the extracted article text.

    trafilatura throws away navigation, sidebars, comments and footers without saying what;
    recording them keeps the promise that nothing vanishes silently.
    """
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ()
    for bad in tree.xpath("|".join(f"//{tag}" for tag in _INVISIBLE)):
        bad.drop_tree()
    pieces: list[str] = []
    for el in tree.iter():
        block = isinstance(el.tag, str) and el.tag.lower() in _BLOCKS
        if block:
            pieces.append("\n")
        if isinstance(el.tag, str) and el.text:
            pieces.append(el.text)
        if el.tail:
            pieces.append(("\n" if block else "") + el.tail)
    kept_flat = _WS.sub(" ", kept)
    dropped: dict[str, None] = {}
    for line in "".join(pieces).split("\n"):
        flat = _WS.sub(" ", line).strip()
        if flat and flat not in kept_flat:
            dropped.setdefault(flat)
    return tuple(Removal(text, "outside-article") for text in dropped)


def page_record(html: str | bytes, url: str | None, published: str | None = None) -> RawArticle:
    """Return the raw article of a fetched or archived page; `published` fills a missing date.

    Raises `SkipInput` when the page holds no article text.
    """
    # With a date from elsewhere (the archive record, the feed) a declared date beats both,
    # and that other date beats htmldate's guess from the page's text.
    page = extract_html(html, url=url, guess_date=published is None)
    if page is None:
        raise SkipInput("not an article: no main text found in the HTML")
    return RawArticle(
        text=page.text,
        title=page.title,
        url=page.url or url,
        source=page.sitename,
        author=page.author,
        published=page.published or published,
        removed=page.dropped,
    )
