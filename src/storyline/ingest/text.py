"""Read a plain-text article: a headline on the first line, a byline, then the body."""

from __future__ import annotations

import re

from storyline.ingest.boilerplate import strip_boilerplate
from storyline.ingest.records import RawArticle
from storyline.model import Removal

_BYLINE = re.compile(
    r"^(?:(?P<section>opinion|analysis|comment|editorial)\s*[|:·-]\s*)?"
    r"by\s+(?P<author>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})\s*$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?:published|posted|updated)?:?\s*"
    r"(?P<date>(?:\w+day,?\s+)?(?:\d{1,2}\s+\w+|\w+\s+\d{1,2}),?\s+\d{4}|\d{4}-\d{2}-\d{2})\s*$",
    re.IGNORECASE,
)


_OPENING_QUOTES = "\"'\u201c\u2018"


def looks_like_headline(line: str) -> bool:
    """Tell whether a line reads as a headline: short, capitalised, no closing full stop."""
    words = line.split()
    return (
        0 < len(words) <= 25
        and len(line) <= 200
        and (line[:1].isupper() or line[:1].isdigit() or line[:1] in _OPENING_QUOTES)
        and not line.rstrip().endswith((".", ",", ";", ":"))
    )


def parse_text(text: str) -> RawArticle:
    """Split a text file into title, byline, date and cleaned body."""
    body, removed = strip_boilerplate(text)
    lines = body.split("\n")
    title = author = published = None
    head = [i for i, line in enumerate(lines) if line.strip()][:3]
    if head and looks_like_headline(lines[head[0]].strip()):
        title = lines[head[0]].strip()
        lines[head[0]] = ""
    for i in head[1:]:
        line = lines[i].strip()
        if (m := _BYLINE.match(line)) is not None:
            author = m.group("author")
            removed = (*removed, Removal(line, "byline"))
            lines[i] = ""
        elif (d := _DATELINE.match(line)) is not None:
            published = d.group("date")
            removed = (*removed, Removal(line, "dateline"))
            lines[i] = ""
    return RawArticle(
        text="\n".join(lines),
        title=title,
        author=author,
        published=published,
        removed=tuple(removed),
        clean=True,
    )
