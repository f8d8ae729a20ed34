"""Read web archives (WARC, WARC.gz): each HTML response record is one page.

The file is streamed record by record, so a crawl file of any size runs in bounded memory.
A page keeps its record's URL, and the record's date when the page states none. Response
records that are not articles (an error status, an image, a page with no main text, one too
large) are skipped with their reason; request, metadata and warcinfo records are not pages.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from storyline.ingest.html import page_record
from storyline.ingest.records import RawArticle, SkipInput

_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
#: Only records of these types can hold a page.
_PAGE_RECORDS = frozenset({"response", "resource"})

Parsed = tuple[str, RawArticle | SkipInput]


def is_warc(name: str) -> bool:
    """Tell whether a file name is a web archive."""
    return name.lower().endswith(_SUFFIXES)


def read_warc(name: str, path: Path, max_bytes: int) -> Iterator[Parsed]:
    """Yield (`name@offset`, article or skip) for every page record of a WARC file."""
    try:
        if not _starts_like_warc(path):
            yield name, SkipInput("unreadable: not a web archive (no WARC header at the start)")
            return
        with path.open("rb") as fh:
            archive = ArchiveIterator(fh, arc2warc=True)
            for record in archive:
                if record.rec_type not in _PAGE_RECORDS:
                    continue
                page = _record_page(record, max_bytes)
                # read after the body: asking for the offset skips to the record's end
                yield f"{name}@{archive.get_record_offset()}", page
    except (ArchiveLoadFailed, zlib.error, EOFError, ValueError) as err:
        yield name, SkipInput(f"unreadable: corrupt web archive ({str(err)[:120]})")


def _starts_like_warc(path: Path) -> bool:
    """Tell whether the (possibly gzipped) file starts with a WARC or ARC header."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"\x1f\x8b"):
        head = zlib.decompressobj(wbits=31).decompress(head, 64)
    return head.startswith((b"WARC/", b"filedesc://"))


def _record_page(record: ArcWarcRecord, max_bytes: int) -> RawArticle | SkipInput:
    """Return the article in one response record, or why there is none."""
    headers = record.http_headers
    if headers is not None:
        status = headers.get_statuscode()
        if status != "200":
            return SkipInput(f"not an article: HTTP status {status}")
        ctype = headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    ctype = ctype.split(";")[0].strip().lower()
    if ctype and "html" not in ctype:
        return SkipInput(f"not an article: content type {ctype}")
    try:
        body = record.content_stream().read(max_bytes + 1)
    except (OSError, zlib.error, EOFError, ValueError) as err:
        return SkipInput(f"unreadable: broken record body ({str(err)[:80]})")
    if len(body) > max_bytes:
        return SkipInput(f"too large: over {max_bytes // (1024 * 1024)} MiB")
    if not body.strip():
        return SkipInput("empty")
    url = record.rec_headers.get_header("WARC-Target-URI")
    date = record.rec_headers.get_header("WARC-Date")
    try:
        return page_record(body, url, date)
    except SkipInput as skip:
        return skip
