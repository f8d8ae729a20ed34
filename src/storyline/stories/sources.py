"""Profile each article as a source: measured signals, the kind of writing they point to, and
what it adds to the story (facts only it states, facts it repeats, facts others contradict).

Signals are measurements, not verdicts; `kinds` names what they suggest, with the thresholds
below so a reader can see why.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from storyline.model import CopyLink, Doc, Fact, SourceProfile, SourceSignals
from storyline.stories.copies import source_group

#: First-person words per 100 words from which a piece reads as opinion.
OPINION_FIRST_PERSON = 1.0
#: Share of words in 3-grams repeated 3+ times from which a piece reads as keyword-stuffed.
STUFFING_SHARE = 0.08
#: Foreign words per 100 words from which an English piece reads as machine-translated.
FOREIGN_PER_100 = 0.5

_FIRST_PERSON = frozenset({"i", "we", "my", "our", "me", "us", "ours", "myself", "ourselves"})
# Frequent function words of the other languages news arrives in, that are not English words:
# left untranslated, they are the clearest trace of a machine translation.
_FOREIGN_FUNCTION_WORDS = frozenset("""
laut und der die das nicht mit für auf dem den des ist sind wurde wurden vom zum zur beim
auch noch nach bei über unter gegen seit weil dass oder aber schon wie sehr les une est dans
avec pour sur qui selon aussi mais très sont été avait los las del por para con una según
che della nella degli sono anche dopo het een niet zijn naar volgens ook não uma com pelo
""".split())  # fmt: skip
# Matched against lower-cased words: IGNORECASE would let the Turkish dotless i match "i".
_NON_ENGLISH_LETTERS = re.compile(r"[äöüßñçéèàâêîôûëïÿœæøåąćęłńśźżčšžğışőű]")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def profile_sources(
    docs: Sequence[Doc], facts: Sequence[Fact], copies: dict[str, CopyLink]
) -> tuple[SourceProfile, ...]:
    """Return one profile per article, in input order."""
    return tuple(_profile(doc, facts, copies) for doc in docs)


def outlet_of(doc: Doc) -> str:
    """Return the outlet name from metadata, else the file name."""
    art = doc.article
    if art.source:
        return art.source
    return Path(art.path).name if art.path else "unknown"


def _profile(doc: Doc, facts: Sequence[Fact], copies: dict[str, CopyLink]) -> SourceProfile:
    signals = measure(doc, copies.get(doc.id))
    mine = [f for f in facts if doc.id in f.article_ids]
    group = source_group(doc.id, copies)
    unique = tuple(
        f.id for f in mine
        if f.independent_sources == 1 and doc.id not in f.copied_article_ids
        and {source_group(a, copies) for a in f.article_ids} <= {group}
    )  # fmt: skip
    repeated = tuple(f.id for f in mine if f.independent_sources > 1)
    contradicted = tuple(
        f.id for f in mine
        if any(doc.id in v.article_ids and set(v.article_ids) != set(f.article_ids)
               for c in f.conflicts for v in c.variants)
    )  # fmt: skip
    return SourceProfile(doc.id, outlet_of(doc), signals, unique, repeated, contradicted,
                         kinds_of(doc, signals))  # fmt: skip


def measure(doc: Doc, link: CopyLink | None) -> SourceSignals:
    """Return the measured signals of one article."""
    art = doc.article
    removed = sum(len(r.text) for r in art.removed)
    sentences = len(doc.sentences) or 1
    words = _WORD.findall(art.text)
    attributed = sum(1 for q in doc.quotes if q.speaker and q.speech) + sum(
        1 for c in doc.claims if c.attribution
    )
    return SourceSignals(
        words=len(art.text.split()),
        sentences=len(doc.sentences),
        boilerplate_share=round(removed / ((removed + len(art.text)) or 1), 3),
        quotes=sum(1 for q in doc.quotes if q.speech),
        figures=len(doc.figures),
        attributed_per_100_sentences=round(100 * attributed / sentences, 1),
        copy_of=link.original_id if link else None,
        copy_similarity=link.similarity if link else None,
        claims=len(doc.claims),
        skipped_sentences=len(doc.skipped),
        hedged_claims=sum(1 for c in doc.claims if c.hedged or c.modality),
        first_person_per_100_words=_first_person(doc, len(words)),
        keyword_stuffing=keyword_stuffing(words),
        foreign_word_share=_foreign_per_100(words) if art.language in (None, "en") else 0.0,
    )


def kinds_of(doc: Doc, s: SourceSignals) -> tuple[str, ...]:
    """Name the kinds of writing the signals point to; "news-report" when none stands out."""
    kinds = []
    if s.copy_of:
        kinds.append("copy")
    if s.first_person_per_100_words >= OPINION_FIRST_PERSON or _labelled_opinion(doc):
        kinds.append("opinion")
    few_sources = s.attributed_per_100_sentences < 10
    if s.keyword_stuffing >= 2 * STUFFING_SHARE or (s.keyword_stuffing >= STUFFING_SHARE
                                                     and few_sources):  # fmt: skip
        kinds.append("content-farm")
    if s.foreign_word_share >= FOREIGN_PER_100:
        kinds.append("machine-translated")
    return tuple(kinds) or ("news-report",)


def keyword_stuffing(words: Sequence[str]) -> float:
    """Return the share of words that sit in 3-grams the text repeats three times or more."""
    low = [w.lower() for w in words]
    grams = Counter(tuple(low[i : i + 3]) for i in range(len(low) - 2))
    stuffed = {i + k for i in range(len(low) - 2) if grams[tuple(low[i : i + 3])] >= 3
               for k in range(3)}  # fmt: skip
    return round(len(stuffed) / (len(low) or 1), 3)


def _first_person(doc: Doc, n_words: int) -> float:
    """First-person words per 100 words, outside quotes (a quoted "we" is someone else's)."""
    text = doc.article.text
    quoted = [(q.span.start, q.span.end) for q in doc.quotes if q.speech]
    count = sum(
        1 for m in _WORD.finditer(text)
        if m.group().lower() in _FIRST_PERSON and not any(a <= m.start() < b for a, b in quoted)
    )  # fmt: skip
    return round(100 * count / (n_words or 1), 2)


def _foreign_per_100(words: Sequence[str]) -> float:
    hits = sum(
        1 for w in words if w.lower() in _FOREIGN_FUNCTION_WORDS or _NON_ENGLISH_LETTERS.search(w)
    )
    return round(100 * hits / (len(words) or 1), 2)


def _labelled_opinion(doc: Doc) -> bool:
    """Tell whether the page labels itself as opinion (title, byline or section)."""
    labels = [doc.article.title, *(r.text for r in doc.article.removed if r.reason == "byline")]
    return any(re.match(r"\s*(opinion|comment|analysis|editorial|column)\b", t, re.I)
               for t in labels)  # fmt: skip
