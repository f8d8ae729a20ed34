"""Profile each article as a source: measured signals and the facts only it brings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from storyline.model import Doc, Fact, SourceProfile, SourceSignals
from storyline.stories.copies import CopyLink, source_group


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
    art = doc.article
    removed = sum(len(r.text) for r in art.removed)
    sentences = len(doc.sentences) or 1
    attributed = sum(1 for q in doc.quotes if q.speaker) + _according(doc)
    link = copies.get(art.id)
    signals = SourceSignals(
        words=len(art.text.split()),
        sentences=len(doc.sentences),
        boilerplate_share=round(removed / ((removed + len(art.text)) or 1), 3),
        quotes=len(doc.quotes),
        figures=len(doc.figures),
        attributed_per_100_sentences=round(100 * attributed / sentences, 1),
        copy_of=link.original_id if link else None,
        copy_similarity=link.similarity if link else None,
    )
    mine = source_group(art.id, copies)
    unique = tuple(
        f.id
        for f in facts
        if art.id in f.article_ids
        and {source_group(a, copies) for a in f.article_ids} == {mine}
        and (link is None or link.original_id not in f.article_ids)
    )
    return SourceProfile(art.id, outlet_of(doc), signals, unique)


def _according(doc: Doc) -> int:
    return doc.article.text.lower().count("according to")
