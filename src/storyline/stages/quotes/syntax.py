"""A read-only view of a Doc's parse: children, subtrees, words and the mention at a token."""

from __future__ import annotations

from bisect import bisect_right

from storyline.model import Doc, Mention, Token
from storyline.stages.quotes.marks import find_passages

_EDGE_PUNCT = frozenset(",;:.!?-\u2013\u2014\"'\u201c\u201d\u2018\u2019()[] \n\t")


class Parse:
    """Index a Doc's tokens once so that the quote finders can walk the dependency tree."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.article.text
        self.toks: tuple[Token, ...] = doc.tokens
        self.children: list[list[int]] = [[] for _ in self.toks]
        for i, tok in enumerate(self.toks):
            if 0 <= tok.head < len(self.toks) and tok.head != i:
                self.children[tok.head].append(i)
        self._starts = [t.start for t in self.toks]
        # PERSON mentions with the lemmas of their titles, built when a speaker needs them.
        self.titles: list[tuple[Mention, frozenset[str]]] | None = None
        self._quoted: list[tuple[int, int]] | None = None  # quoted pieces, found when asked
        self.mention_at: dict[int, Mention] = {}
        for m in doc.mentions:
            for i in doc.token_range(m.span.start, m.span.end):
                self.mention_at[i] = m

    def in_quotes(self, offset: int) -> bool:
        """Tell whether a character offset lies between quotation marks."""
        if self._quoted is None:
            self._quoted = sorted(part for q in find_passages(self.text) for part in q.parts)
        i = bisect_right(self._quoted, (offset, len(self.text))) - 1
        return i >= 0 and self._quoted[i][0] <= offset < self._quoted[i][1]

    def word(self, i: int) -> str:
        """Return the text of token `i`."""
        return self.text[self.toks[i].start : self.toks[i].end]

    def index_at(self, offset: int) -> int | None:
        """Return the token that covers a character offset, if any."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self.toks[i].start <= offset < self.toks[i].end:
            return i
        return None

    def tokens_in(self, lo: int, hi: int) -> range:
        """Return the indices of the tokens inside `[lo, hi)`."""
        return self.doc.token_range(lo, hi)

    def head(self, i: int) -> int:
        return self.toks[i].head

    def subtree(self, i: int) -> list[int]:
        """Return the sorted indices of token `i` and everything below it."""
        seen, todo = [i], [i]
        while todo:
            for c in self.children[todo.pop()]:
                seen.append(c)
                todo.append(c)
        return sorted(seen)

    def dependents(self, i: int, *deps: str) -> list[int]:
        """Return the children of `i` whose dependency label is one of `deps`."""
        return [c for c in self.children[i] if self.toks[c].dep in deps]

    def char_range(self, indices: list[int]) -> tuple[int, int] | None:
        """Return the character range that covers `indices`, trimmed of edge punctuation."""
        if not indices:
            return None
        lo, hi = self.toks[min(indices)].start, self.toks[max(indices)].end
        while lo < hi and self.text[lo] in _EDGE_PUNCT:
            lo += 1
        while hi > lo and self.text[hi - 1] in _EDGE_PUNCT:
            hi -= 1
        return (lo, hi) if lo < hi else None

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """Return the character range of the sentence holding `offset` (or the whole text)."""
        sent = self.doc.sentence_of(offset)
        return (sent.start, sent.end) if sent else (0, len(self.text))
