"""Read an HTML page into its main text and metadata with trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from trafilatura.settings import Document


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """The article part of a web page."""

    text: str
    title: str | None
    author: str | None
    published: str | None
    sitename: str | None
    url: str | None


def extract_html(html: str | bytes, url: str | None = None) -> HtmlPage | None:
    """Return the main text and metadata of a page, or None when it holds no article text."""
    # trafilatura's own defaults (as the extraction benchmark runs it), minus reader comments.
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if not isinstance(doc, Document) or not doc.text:
        return None
    return HtmlPage(
        text=_paragraphs(doc.text),
        title=doc.title or None,
        author=doc.author or None,
        published=doc.date or None,
        sitename=doc.sitename or None,
        url=doc.url or url,
    )


def _paragraphs(text: str) -> str:
    """Put a blank line between trafilatura's lines so paragraphs stay visible downstream."""
    lines = [line.strip() for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)
