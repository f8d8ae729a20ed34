"""Find input files, read them safely and hand each to the parser for its kind."""

from __future__ import annotations

import glob
import gzip
import io
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from storyline.ingest import feeds, warc
from storyline.ingest.fetch import FetchPolicy
from storyline.ingest.html import page_record
from storyline.ingest.records import RawArticle, SkipInput, build_article, parse_json
from storyline.ingest.text import parse_text
from storyline.model import Article, InputRecord

MAX_BYTES = 20 * 1024 * 1024
_TEXT_SUFFIXES = {".txt", ".text", ".md"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
_FEED_SUFFIXES = {".rss", ".atom"}
_URL = Path("\0url")  # marks an input that is a URL to fetch


@dataclass(frozen=True, slots=True)
class IngestResult:
    """One input's fate, and its article when it was ingested."""

    record: InputRecord
    article: Article | None = None


def read_inputs(
    paths: Iterable[str], max_bytes: int = MAX_BYTES, fetch: FetchPolicy | None = None
) -> Iterator[IngestResult]:
    """Yield what became of every input; exact duplicates are reported, not repeated.

    Feeds, files of URLs and URLs are fetched under `fetch` (the default policy refuses
    private and loopback addresses).
    """
    seen: set[str] = set()
    session = feeds.FetchSession(fetch)
    try:
        for name, load in _expand(paths):
            for result in _read_one(name, load, max_bytes, session):
                art = result.article
                if art is not None and art.id in seen:
                    reason = "same content as an earlier input"
                    yield IngestResult(InputRecord(result.record.path, "duplicate", reason, art.id))
                    continue
                if art is not None:
                    seen.add(art.id)
                yield result
    finally:
        session.close()


def _expand(paths: Iterable[str]) -> Iterator[tuple[str, Path | None]]:
    """Yield (display name, path) per input file; a None path means stdin or not found."""
    for raw in paths:
        if raw == "-":
            yield "-", None
            continue
        if raw.lower().startswith(("http://", "https://")):
            yield raw, _URL
            continue
        path = Path(raw).expanduser()
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in child.parts[-1:]):
                    yield str(child), child
        elif path.is_file():
            yield str(path), path
        elif any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(str(path), recursive=True))
            if not matches:
                yield raw, Path("\0missing")
            for match in matches:
                if Path(match).is_file():
                    yield match, Path(match)
        else:
            yield raw, Path("\0missing")


def _read_one(
    name: str, path: Path | None, max_bytes: int, session: feeds.FetchSession
) -> Iterator[IngestResult]:
    """Read and parse one input, turning every failure into a skipped record."""
    try:
        if path == _URL:
            yield from (_finish(sub, raw) for sub, raw in feeds.read_url(name, session))
            return
        if path is not None and warc.is_warc(name):
            # Streamed record by record: a crawl file is far over the per-file size limit.
            yield from (_finish(sub, raw) for sub, raw in warc.read_warc(name, path, max_bytes))
            return
        data = _load_bytes(path, max_bytes)
        data, suffix = _gunzip(name, data, max_bytes)
        if not data.strip():
            raise SkipInput("empty")
        if b"\x00" in data[:8192]:
            raise SkipInput("binary: not a text, HTML or JSON file")
        text = _decode(data)
        yield from _parse(name, suffix, text, session)
    except SkipInput as skip:
        yield IngestResult(InputRecord(name, "skipped", str(skip)))
    except OSError as err:
        yield IngestResult(InputRecord(name, "skipped", f"unreadable: {err.strerror or err}"))


def _load_bytes(path: Path | None, max_bytes: int) -> bytes:
    if path is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
    elif str(path).startswith("\0"):
        raise SkipInput("not found: no such file, folder or matching glob")
    else:
        if path.stat().st_size > max_bytes:
            raise SkipInput(f"too large: over {max_bytes // (1024 * 1024)} MiB")
        data = path.read_bytes()
    if len(data) > max_bytes:
        raise SkipInput(f"too large: over {max_bytes // (1024 * 1024)} MiB")
    return data


def _gunzip(name: str, data: bytes, max_bytes: int) -> tuple[bytes, str]:
    """Unpack gzip (by name or magic bytes); return the data and the inner file's suffix."""
    lower = name.lower()
    inner = lower[:-3] if lower.endswith(".gz") else lower
    suffix = Path(inner).suffix
    if not data.startswith(b"\x1f\x8b"):
        return data, suffix
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as err:
        raise SkipInput(f"unreadable: corrupt gzip ({err})") from err
    if len(out) > max_bytes:
        raise SkipInput(f"too large: over {max_bytes // (1024 * 1024)} MiB unpacked")
    return out, suffix


def _decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), else the encoding charset-normalizer finds."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is None or best.encoding is None:
        raise SkipInput("unreadable encoding: not UTF-8 and no other encoding fits")
    encoding = best.encoding
    # Western European news is the common case: when cp1252 reads the bytes as cleanly as the
    # winner (charset-normalizer often ties cp1250 and cp1252 on French or Spanish), take it.
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos:
            encoding = "cp1252"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as err:
        raise SkipInput(f"unreadable encoding: {encoding} ({err})") from err


def _parse(
    name: str, suffix: str, text: str, session: feeds.FetchSession
) -> Iterator[IngestResult]:
    """Dispatch on the file kind (suffix first, content when the suffix says nothing)."""
    kind = _kind(suffix, text)
    subs: Iterable[tuple[str, RawArticle | SkipInput]]
    if kind == "json":
        subs = parse_json(name, text)
    elif kind == "feed":
        subs = feeds.read_feed(name, text, session)
    elif kind == "urls":
        subs = feeds.read_url_list(name, text, session)
    elif kind == "html":
        subs = [(name, page_record(text, None))]
    else:
        subs = [(name, parse_text(text))]
    for sub, raw in subs:
        yield _finish(sub, raw)


def _finish(name: str, raw: RawArticle | SkipInput) -> IngestResult:
    if isinstance(raw, SkipInput):
        return IngestResult(InputRecord(name, "skipped", str(raw)))
    try:
        article = build_article(raw, path=name)
    except SkipInput as skip:
        return IngestResult(InputRecord(name, "skipped", str(skip)))
    return IngestResult(InputRecord(name, "ingested", None, article.id), article)


def _kind(suffix: str, text: str) -> str:
    if suffix in _FEED_SUFFIXES or (suffix in {".xml", ""} and feeds.is_feed(text)):
        return "feed"
    if suffix in {".urls", ".txt", ""} and feeds.is_url_list(text):
        return "urls"
    if suffix in _JSON_SUFFIXES:
        return "json"
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _TEXT_SUFFIXES:
        return "text"
    head = text.lstrip()[:200].lower()
    if head.startswith(("{", "[")):
        return "json"
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in text[:5000].lower():
        return "html"
    return "text"
