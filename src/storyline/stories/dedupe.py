"""Near-duplicate and syndicated-copy detection at corpus scale: MinHash LSH over shingles.

Each article is reduced to a 128-value MinHash signature of its 5-word shingles (one-
permutation hashing with densification: one hash per shingle, not 128) and indexed in a
datasketch `MinHashLSH`. A new article is compared only with the articles the index returns,
and a pair counts as a copy when the estimated share of the smaller article's shingles found
in the other (containment) reaches `COPY_CONTAINMENT`: a copy with its boilerplate changed,
its headline rewritten or paragraphs dropped or reordered still shares most of its shingles.
The index holds a sliding window of recent articles only, so memory stays bounded on a stream.
"""

from __future__ import annotations

import re
import zlib
from collections import deque
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

#: Words per shingle.
SHINGLE = 5
#: Signature length; 128 keeps the standard error of a Jaccard estimate near 0.04.
NUM_PERM = 128
#: Share of the smaller article's shingles found in the other above which one copies the other.
COPY_CONTAINMENT = 0.5
#: Jaccard similarity the LSH banding is tuned for; below the lowest Jaccard a copy with
#: containment 0.5 can have (half of a text twice as long: 0.2).
LSH_THRESHOLD = 0.2

_WORD = re.compile(r"\w+")
_MASK32 = np.uint64(0xFFFFFFFF)
_BIN_BITS = 7  # 2**7 = NUM_PERM bins
_EMPTY = np.uint32(0xFFFFFFFF)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the copy index keeps of an article: size, date and MinHash signature."""

    id: str
    shingles: int
    signature: np.ndarray  # uint32[NUM_PERM]
    day: float | None = None
    length: int = 0  # characters, to prefer the fuller text as the original


def word_hashes(text: str) -> np.ndarray:
    """Return a stable 32-bit hash per lower-cased word of a text."""
    words = _WORD.findall(text.lower())
    # crc32 is stable across processes and runs (Python's hash() is salted).
    return np.fromiter((zlib.crc32(w.encode()) for w in words), np.uint64, len(words))


def shingle_hashes(words: np.ndarray, size: int = SHINGLE) -> np.ndarray:
    """Return the distinct 32-bit hashes of the shingles of a sequence of word hashes."""
    if len(words) == 0:
        return np.zeros(0, dtype=np.uint64)
    size = min(size, len(words))
    combined = np.zeros(len(words) - size + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(size):
            combined = combined * np.uint64(0x100000001B3) + words[k : k + len(combined)]
    return np.unique(_mix(combined) & _MASK32)


def _mix(x: np.ndarray) -> np.ndarray:
    """Scramble 64-bit values (the murmur3 finaliser), so nearby inputs land far apart."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(33))
        x = x * np.uint64(0xFF51AFD7ED558CCD)
        x = x ^ (x >> np.uint64(33))
        x = x * np.uint64(0xC4CEB9FE1A85EC53)
        mixed: np.ndarray = x ^ (x >> np.uint64(33))
    return mixed


def signature(hashes: np.ndarray) -> np.ndarray:
    """Return the one-permutation MinHash signature of a set of 32-bit shingle hashes.

    Each hash falls in one of NUM_PERM bins by its top bits and competes there on the rest;
    an empty bin borrows the value of the next non-empty bin to its right (densification),
    so any two signatures agree in a bin with probability close to their sets' Jaccard.
    """
    sig = np.full(NUM_PERM, _EMPTY, dtype=np.uint32)
    if len(hashes) == 0:
        return sig
    # Sorted, a hash's bin is its top bits, so each bin's minimum is the first hash at or
    # after the bin's start.
    h = np.sort(hashes.astype(np.uint64))
    shift = np.uint64(32 - _BIN_BITS)
    starts = np.arange(NUM_PERM, dtype=np.uint64) << shift
    first = np.searchsorted(h, starts)
    inside = first < len(h)
    found = h[np.minimum(first, len(h) - 1)]
    filled_mask = inside & ((found >> shift) == np.arange(NUM_PERM, dtype=np.uint64))
    low = np.uint64((1 << (32 - _BIN_BITS)) - 1)
    sig[filled_mask] = (found[filled_mask] & low).astype(np.uint32)
    filled = np.flatnonzero(filled_mask)
    if len(filled) < NUM_PERM:
        idx = np.arange(NUM_PERM)
        pos = np.searchsorted(filled, idx) % len(filled)
        source = filled[pos]
        offset = (source - idx) % NUM_PERM
        # The offset keeps borrowed values distinct from the bin they came from.
        borrowed = sig[source] + (offset.astype(np.uint32) << np.uint32(32 - _BIN_BITS))
        sig = np.where(filled_mask, sig, borrowed)
    return sig


def fingerprint(
    article_id: str, text: str, day: float | None = None, length: int | None = None
) -> Fingerprint:
    """Return the fingerprint of an article's text."""
    hashes = shingle_hashes(word_hashes(text))
    size = len(text) if length is None else length
    return Fingerprint(article_id, len(hashes), signature(hashes), day, size)


def fingerprint_words(
    article_id: str, words: np.ndarray, day: float | None = None, length: int = 0
) -> Fingerprint:
    """Return the fingerprint of an article given as word hashes (benchmarks, other tokenisers)."""
    hashes = shingle_hashes(words)
    return Fingerprint(article_id, len(hashes), signature(hashes), day, length or len(words))


def estimated_containment(a: Fingerprint, b: Fingerprint) -> float:
    """Estimate the share of the smaller article's shingles that the other one also has."""
    small = min(a.shingles, b.shingles)
    if small == 0:
        return 0.0
    jaccard = float(np.mean(a.signature == b.signature))
    shared = jaccard * (a.shingles + b.shingles) / (1.0 + jaccard)
    return min(1.0, shared / small)


class SiteTemplate:
    """Paragraphs an outlet repeats across its own articles: its template, not content.

    A newsletter box or a "Continue reading" line recurs in every article of one site and
    would make unrelated articles of that site look like copies of each other; syndicated
    copies, by contrast, repeat paragraphs across different outlets. A paragraph counts as
    template once `min_repeats` articles of the same outlet carry it. The table keeps at most
    `capacity` counts, forgetting paragraphs seen once when it is full.
    """

    def __init__(self, min_repeats: int = 3, capacity: int = 2_000_000) -> None:
        self.min_repeats = min_repeats
        self.capacity = capacity
        self._counts: dict[int, int] = {}

    @staticmethod
    def _keys(source: str | None, text: str) -> list[tuple[str, int]]:
        site = source or ""
        out = []
        for para in text.split("\n"):
            words = _WORD.findall(para.lower())
            if words:
                out.append((para, zlib.crc32(" ".join([site, *words]).encode())))
        return out

    def observe(self, source: str | None, text: str) -> None:
        """Count each distinct paragraph of one article once."""
        counts = self._counts
        for key in {k for _, k in self._keys(source, text)}:
            counts[key] = counts.get(key, 0) + 1
        if len(counts) > self.capacity:
            for key in [k for k, n in counts.items() if n <= 1]:
                del counts[key]

    def clean(self, source: str | None, text: str) -> str:
        """Return the text without the outlet's template paragraphs."""
        kept = [p for p, k in self._keys(source, text) if self._counts.get(k, 0) < self.min_repeats]
        return "\n".join(kept)


@dataclass(frozen=True, slots=True)
class Match:
    """A new article found to copy (or be copied by) an indexed one."""

    article_id: str
    other_id: str
    containment: float


Rank = tuple[float, int, int]  # (day, -length, arrival): the lowest is a group's original


def rank_of(fp: Fingerprint, arrival: int) -> Rank:
    """Return how an article ranks as a candidate original: earliest, then fullest, then first."""
    return (fp.day if fp.day is not None else float("inf"), -fp.length, arrival)


class CopyIndex:
    """A sliding-window MinHash LSH index that reports each new article's copies."""

    def __init__(
        self,
        window_days: float = 14.0,
        window_articles: int = 200_000,
        threshold: float = COPY_CONTAINMENT,
    ) -> None:
        self.window_days = window_days
        self.window_articles = window_articles
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._prints: dict[str, Fingerprint] = {}
        self._arrival: dict[str, int] = {}
        self._order: deque[str] = deque()
        self._latest: float | None = None
        self._count = 0

    def __len__(self) -> int:
        return len(self._prints)

    def add(self, fp: Fingerprint) -> list[Match]:
        """Index an article and return the indexed articles it shares enough shingles with."""
        if fp.id in self._prints or fp.shingles == 0:
            return []
        if fp.day is not None:
            self._latest = fp.day if self._latest is None else max(self._latest, fp.day)
        lean = LeanMinHash(seed=1, hashvalues=fp.signature, scheme="affine32")
        matches = []
        for other_id in self._lsh.query(lean):
            other = self._prints[other_id]
            share = estimated_containment(fp, other)
            if share >= self.threshold:
                matches.append(Match(fp.id, other_id, round(share, 3)))
        self._lsh.insert(fp.id, lean, check_duplication=False)
        self._count += 1
        self._prints[fp.id] = fp
        self._arrival[fp.id] = self._count
        self._order.append(fp.id)
        self._evict()
        return matches

    def _evict(self) -> None:
        """Drop the oldest articles once they fall out of the window (by days or by count)."""
        while self._order:
            oldest = self._prints[self._order[0]]
            too_many = len(self._order) > self.window_articles
            too_old = (
                self._latest is not None
                and oldest.day is not None
                and self._latest - oldest.day > self.window_days
            )
            if not (too_many or too_old):
                return
            self._order.popleft()
            self._lsh.remove(oldest.id)
            del self._prints[oldest.id], self._arrival[oldest.id]

    def rank(self, article_id: str) -> Rank:
        """Return how an indexed article ranks as a candidate original."""
        return rank_of(self._prints[article_id], self._arrival[article_id])


class CopyGroups:
    """Union-find over copy matches; each group's original is its earliest, then fullest text.

    Only articles that take part in a match are stored, so memory grows with the copies found,
    not with the stream.
    """

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._rank: dict[str, Rank] = {}
        self._best: dict[str, float] = {}

    def link(self, match: Match, ranks: tuple[Rank, Rank]) -> None:
        """Put two articles in one copy group; `ranks` are theirs, in the match's order."""
        for aid, rank in zip((match.article_id, match.other_id), ranks, strict=True):
            self._rank.setdefault(aid, rank)
            self._best[aid] = max(self._best.get(aid, 0.0), match.containment)
        a, b = self._root(match.article_id), self._root(match.other_id)
        if a != b:
            self._parent[b] = a

    def _root(self, x: str) -> str:
        parent = self._parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def links(self) -> dict[str, tuple[str, float]]:
        """Map every copied article to (its group's original, its best containment)."""
        groups: dict[str, list[str]] = {}
        for member in list(self._parent):
            groups.setdefault(self._root(member), []).append(member)
        out: dict[str, tuple[str, float]] = {}
        for members in groups.values():
            if len(members) < 2:
                continue
            first = min(members, key=lambda m: self._rank.get(m, (float("inf"), 0, 0)))
            for m in members:
                if m != first:
                    out[m] = (first, self._best.get(m, 0.0))
        return out


class CopyDetector:
    """Streaming copy detection: site template removal, sliding LSH index, copy groups."""

    def __init__(self, index: CopyIndex | None = None, template: SiteTemplate | None = None):
        self.index = index or CopyIndex()
        self.template = template or SiteTemplate()
        self.groups = CopyGroups()

    def add(
        self, article_id: str, text: str, source: str | None = None, day: float | None = None
    ) -> list[Match]:
        """Take in one article (oldest first is best) and return its matches."""
        self.template.observe(source, text)
        clean = self.template.clean(source, text)
        return self.add_fingerprint(fingerprint(article_id, clean, day))

    def add_fingerprint(self, fp: Fingerprint) -> list[Match]:
        """Take in an article already reduced to its fingerprint."""
        matches = self.index.add(fp)
        for match in matches:
            self.groups.link(match, (self.index.rank(fp.id), self.index.rank(match.other_id)))
        return matches

    def links(self) -> dict[str, tuple[str, float]]:
        """Map every copied article seen so far to (its original, its best containment)."""
        return self.groups.links()
