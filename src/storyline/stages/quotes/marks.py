"""Find quoted passages by their quotation marks: straight, curly and across paragraphs.

A journalist's multi-paragraph quote leaves the closing mark off every paragraph but the last
and opens each following paragraph again; such a passage is one quote with several parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = "\u201c\u201e"  # “ „
_CLOSE = "\u201d"  # ”
_STRAIGHT = '"'
#: Two apostrophes stand for a straight double mark in some wire and archive text (`''No,''`).
_DOUBLED = "''"
_EDGE = " \t\n"
_MARK = re.compile("''|[" + _OPEN + _CLOSE + _STRAIGHT + "]")


@dataclass(frozen=True, slots=True)
class Passage:
    """A quoted passage: the content pieces inside the marks, and the marks' outer range."""

    parts: tuple[tuple[int, int], ...]
    outer_start: int
    outer_end: int

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def find_passages(text: str) -> list[Passage]:
    """Return every quoted passage in `text`, in order; unbalanced marks are dropped."""
    passages: list[Passage] = []
    pending: list[tuple[int, int]] = []  # parts of a quote that runs on past a paragraph
    pending_outer = 0
    for para_start, para_end in _paragraphs(text):
        pieces, dangling = _scan(text, para_start, para_end)
        if pending:
            if pieces and _outer_start(text, pieces[0][0]) == _first_char(
                text, para_start, para_end
            ):
                first = pieces.pop(0)
                pending.append(first)
                passages.append(Passage(tuple(pending), pending_outer, _outer_end(text, first[1])))
                pending = []
            elif dangling is not None and _outer_start(text, dangling) == _first_char(
                text, para_start, para_end
            ):
                pending.append((dangling, _trim_end(text, dangling, para_end)))
                dangling = None
                continue
            else:
                pending = []  # the quote never closed: not a quote we can trust
        passages.extend(
            Passage(((a, b),), _outer_start(text, a), _outer_end(text, b)) for a, b in pieces
        )
        if dangling is not None and _next_opens(text, para_end):
            pending = [(dangling, _trim_end(text, dangling, para_end))]
            pending_outer = _outer_start(text, dangling)
    return [p for p in passages if all(a < b for a, b in p.parts)]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _first_char(text: str, lo: int, hi: int) -> int:
    i = lo
    while i < hi and text[i] in _EDGE:
        i += 1
    return i


def _trim_end(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1] in _EDGE:
        hi -= 1
    return hi


def _outer_start(text: str, a: int) -> int:
    """Return where the opening mark of content starting at `a` begins."""
    return a - 2 if a >= 2 and text[a - 2 : a] == _DOUBLED else a - 1


def _outer_end(text: str, b: int) -> int:
    """Return where the closing mark of content ending at `b` ends."""
    return b + 2 if text[b : b + 2] == _DOUBLED else b + 1


def _next_opens(text: str, at: int) -> bool:
    """Tell whether the next non-empty paragraph starts with an opening quotation mark."""
    m = re.compile(r"\s*(\S\S?)").match(text, at)
    return m is not None and (m.group(1)[0] in _OPEN + _STRAIGHT or m.group(1) == _DOUBLED)


def _scan(text: str, lo: int, hi: int) -> tuple[list[tuple[int, int]], int | None]:
    """Pair the marks of one paragraph; return closed pieces and a still-open start."""
    pieces: list[tuple[int, int]] = []
    open_at: int | None = None
    straight = False
    nested = False  # a straight pair inside a curly quote: `“He called it "rigged" twice”`
    for m in _MARK.finditer(text, lo, hi):
        i, mark = m.start(), m.group()
        if mark in _OPEN:
            if open_at is None:
                open_at, straight, nested = m.end(), False, False
            elif straight:
                nested = True  # `"He called it “rigged” twice"`
            elif _looks_closing(text, i, m.end(), hi):
                pieces.append((open_at, i))  # `“It's unusual,“ said Noble`: a typo for ”
                open_at = None
        elif mark == _CLOSE:
            if open_at is not None and straight and nested:
                nested = False
            elif open_at is not None:
                # A curly mark closes a straight one too: typed text mixes them (`"Yes,” he`).
                pieces.append((open_at, i))
                open_at = None
        elif open_at is None:  # a straight or doubled mark opens ...
            open_at, straight, nested = m.end(), True, False
        elif straight:  # ... and closes
            pieces.append((open_at, i))
            open_at = None
        elif nested or _opens(text, i, lo):
            nested = not nested
        else:  # `“Yes," he said`: a curly quote closed by a straight mark
            pieces.append((open_at, i))
            open_at = None
    return pieces, open_at


def _opens(text: str, i: int, lo: int) -> bool:
    """Tell whether a straight mark at `i` opens (after a space or bracket) rather than closes."""
    return i == lo or text[i - 1] in " \t\n(["


def _looks_closing(text: str, i: int, end: int, hi: int) -> bool:
    """Tell whether a mark at `i` sits where a closing mark goes: after a word or punctuation,
    before a space or the paragraph's end."""
    return i > 0 and not text[i - 1].isspace() and (end >= hi or text[end].isspace())
