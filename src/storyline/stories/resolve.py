"""Merge entity mentions across a story's articles into one entity per name.

First version: names that normalise to the same key (case, diacritics, titles, "the",
possessives) merge, and a lone surname joins the one full name in the story that ends with it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from storyline.model import Doc, Entity, Mention, content_id
from storyline.names import name_key

_TYPE_ORDER = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT")


def resolve_entities(docs: Sequence[Doc]) -> tuple[Entity, ...]:
    """Return the story's entities, most mentioned first."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for doc in docs:
        for mention in doc.mentions:
            key = name_key(mention.text)
            if key:
                by_key[key].append(mention)
    _fold_surnames(by_key)
    entities = [_entity(key, mentions) for key, mentions in by_key.items()]
    return tuple(sorted(entities, key=lambda e: (-len(e.mentions), e.name)))


def _fold_surnames(by_key: dict[str, list[Mention]]) -> None:
    """Move a one-word person key into the only longer person key that ends with it."""
    people = [k for k, ms in by_key.items() if _vote(ms) == "PERSON" and " " in k]
    for key in [k for k in by_key if " " not in k]:
        owners = [p for p in people if p.split()[-1] == key]
        if len(owners) == 1 and _vote(by_key[key]) in {"PERSON", "ORG", "GPE"}:
            by_key[owners[0]].extend(by_key.pop(key))


def _vote(mentions: Sequence[Mention]) -> str:
    counts = Counter(m.label for m in mentions)
    top = max(counts.values())
    return next(t for t in (*_TYPE_ORDER, *counts) if counts.get(t) == top)


def _entity(key: str, mentions: list[Mention]) -> Entity:
    surfaces = Counter(m.text for m in mentions)
    name = max(surfaces, key=lambda s: (len(name_key(s).split()), surfaces[s], s))
    spans = tuple(sorted(m.span for m in mentions))
    return Entity(
        id=content_id(key, prefix="e"),
        name=name,
        type=_vote(mentions),
        aliases=tuple(sorted(s for s in surfaces if s != name)),
        article_ids=tuple(sorted({m.span.article_id for m in mentions})),
        mentions=spans,
    )


def alias_index(entities: Sequence[Entity]) -> dict[str, str]:
    """Map every name key of every entity to that entity's id."""
    index: dict[str, str] = {}
    for ent in entities:
        for name in (ent.name, *ent.aliases):
            index.setdefault(name_key(name), ent.id)
    return index
