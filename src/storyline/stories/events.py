"""Reconcile a story's events across sources, as facts are: one event, all who report it.

Two reports are the same event when they have the same type (or, untyped, the same verb)
and either state one reconciled fact (their sentences are evidence of the same `Fact`) or
name the same actor, a compatible target and no rival date. Slots on which the sources
then disagree are conflicts: the actor, the target, the count of dead or injured, the
date, and whether it happened at all.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations

from storyline.model import (
    Actor,
    Conflict,
    CopyLink,
    Doc,
    Event,
    Evidence,
    Fact,
    Figure,
    Variant,
    content_id,
)
from storyline.names import name_key
from storyline.stages.events import token_range
from storyline.stories.copies import source_group
from storyline.stories.matching import figures_compatible

__all__ = ["actor_key", "reconcile_events"]

_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})


def reconcile_events(
    docs: Sequence[Doc], facts: Sequence[Fact], copies: dict[str, CopyLink]
) -> tuple[Event, ...]:
    """Return the story's events, most independently reported first."""
    mentions = [e for d in docs for e in d.events]
    lemmas = {e.id: _verb(d, e) for d in docs for e in d.events}
    fact_of = _facts_by_sentence(facts)
    groups = _group(mentions, _blocks(mentions, lemmas, fact_of),
                    lambda a, b: _same(a, b, lemmas, fact_of))  # fmt: skip
    published = {d.id: d.article.published or "9999" for d in docs}
    order = {e.id: i for i, e in enumerate(mentions)}
    events = [_merge(g, copies, published, order) for g in groups]
    return tuple(sorted(events, key=lambda e: _rank(e, order)))


def _rank(event: Event, order: dict[str, int]) -> tuple[int, int, bool, int]:
    first = min(order[m] for m in event.mention_ids)
    return (-event.independent_sources, -len(event.article_ids), event.type is None, first)


def _verb(doc: Doc, event: Event) -> str:
    """Return the lemma of the event's last verb, to compare untyped events."""
    toks = token_range(doc, event.action_span.start, event.action_span.end)
    verbs = [doc.tokens[i].lemma.lower() for i in toks if doc.tokens[i].pos in {"VERB", "AUX"}]
    return verbs[-1] if verbs else event.action.lower()


def _facts_by_sentence(facts: Sequence[Fact]) -> dict[tuple[str, int], set[str]]:
    """Map (article, sentence start) to the facts whose evidence that sentence is."""
    out: dict[tuple[str, int], set[str]] = defaultdict(set)
    for fact in facts:
        for ev in fact.evidence:
            out[(ev.span.article_id, ev.span.start)].add(fact.id)
    return out


def _same(
    a: Event,
    b: Event,
    lemmas: dict[str, str],
    fact_of: dict[tuple[str, int], set[str]],
) -> bool:
    """Tell whether two reports are of one event."""
    if a.type != b.type or (a.type is None and lemmas[a.id] != lemmas[b.id]):
        return False
    if (a.modality is None) != (b.modality is None):
        return False  # "is expected to reopen" is not a report that it reopened
    aid_a, aid_b = a.article_ids[0], b.article_ids[0]
    if (
        aid_a != aid_b
        and fact_of.get(_sentence(a))
        and fact_of.get(_sentence(a), set()) & (fact_of.get(_sentence(b), set()))
    ):
        return True
    dates = {a.date, b.date} - {None}
    if len(dates) > 1 and all(len(d) == 10 for d in dates if d):
        return False
    actor_a, actor_b = actor_key(a.actor), actor_key(b.actor)
    target_a, target_b = actor_key(a.target), actor_key(b.target)
    targets_agree = target_a is None or target_b is None or target_a == target_b
    return actor_a is not None and actor_a == actor_b and targets_agree


def _sentence(event: Event) -> tuple[str, int]:
    span = event.evidence[0].span
    return (span.article_id, span.start)


def actor_key(actor: Actor | None) -> str | None:
    """Return what two mentions of one actor share: its name without titles or articles.

    Pronouns say nothing about who acts, so they have no key.
    """
    if actor is None:
        return None
    key = name_key(actor.text)
    if not key or key in {"it", "he", "she", "they", "we", "i", "you", "this", "that", "who"}:
        return None
    return key


def _blocks(
    mentions: list[Event], lemmas: dict[str, str], fact_of: dict[tuple[str, int], set[str]]
) -> list[list[int]]:
    """Return lists of mentions that may report one event: same kind and same actor or fact.

    Only mentions in one block are compared, so the work grows with block sizes, not with
    all pairs of a story's events.
    """
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, e in enumerate(mentions):
        kind = e.type or f"~{lemmas[e.id]}"
        keys = {f"@{f}" for f in fact_of.get(_sentence(e), set())}
        if (actor := actor_key(e.actor)) is not None:
            keys.add(actor)
        for key in keys:
            blocks[(kind, key)].append(i)
    return list(blocks.values())


def _group(
    mentions: list[Event], blocks: list[list[int]], same: Callable[[Event, Event], bool]
) -> list[list[Event]]:
    """Union the mentions that report one event, comparing pairs within a block."""
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in blocks:
        for i, j in combinations(members, 2):
            if root(i) != root(j) and same(mentions[i], mentions[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[Event]] = defaultdict(list)
    for i, e in enumerate(mentions):
        groups[root(i)].append(e)
    return list(groups.values())


def _merge(
    group: list[Event],
    copies: dict[str, CopyLink],
    published: dict[str, str],
    order: dict[str, int],
) -> Event:
    """Return one story event for the reports of one event, with the sources' conflicts."""
    lead = min(group, key=lambda e: (e.modality is not None, published[e.article_ids[0]],
                                     order[e.id]))  # fmt: skip
    article_ids = tuple(sorted({e.article_ids[0] for e in group}))
    dates = Counter(e.date for e in group if e.date and len(e.date) == 10)
    return Event(
        id=content_id(*sorted(e.id for e in group), prefix="ev"),
        type=lead.type,
        action=lead.action,
        action_span=lead.action_span,
        evidence=tuple(_unique(e.evidence[0] for e in sorted(group, key=lambda e: order[e.id]))),
        actor=_majority(group, "actor") or lead.actor,
        target=_majority(group, "target") or lead.target,
        place=lead.place or next((e.place for e in group if e.place), None),
        time=lead.time or next((e.time for e in group if e.time), None),
        date=dates.most_common(1)[0][0] if dates else lead.date,
        negated=lead.negated,
        modality=lead.modality,
        mode=lead.mode,
        dead=lead.dead or next((e.dead for e in group if e.dead), None),
        injured=lead.injured or next((e.injured for e in group if e.injured), None),
        size=lead.size or next((e.size for e in group if e.size), None),
        article_ids=article_ids,
        independent_sources=len({source_group(a, copies) for a in article_ids}),
        conflicts=_conflicts(group),
        mention_ids=tuple(e.id for e in sorted(group, key=lambda e: order[e.id])),
    )


def _unique(items: Iterable[Evidence]) -> list[Evidence]:
    out: list[Evidence] = []
    for ev in items:
        if ev not in out:
            out.append(ev)
    return out


def _majority(group: list[Event], side: str) -> Actor | None:
    """Return the actor (or target) most reports name, as its earliest report writes it."""
    sides: list[Actor | None] = [e.actor if side == "actor" else e.target for e in group]
    actors = [a for a in sides if a is not None and actor_key(a)]
    if not actors:
        return None
    counts = Counter(actor_key(a) for a in actors)
    top = max(counts.values())
    return next(a for a in actors if counts[actor_key(a)] == top)


def _conflicts(group: list[Event]) -> tuple[Conflict, ...]:
    """Return the slots on which some sources say one thing and others a rival thing."""
    found = [
        _by_value(group, "actor", lambda e: _actor_value(e.actor)),
        _by_value(group, "target", lambda e: _actor_value(e.target)),
        _figures(group, "figure:dead", lambda e: e.dead),
        _figures(group, "figure:injured", lambda e: e.injured),
        _by_value(
            group, "date", lambda e: (e.date, e.date) if e.date and len(e.date) == 10 else None
        ),
        _by_value(group, "happened", lambda e: ("no", "no") if e.negated else ("yes", "yes")),
    ]
    return tuple(c for c in found if c is not None)


def _actor_value(actor: Actor | None) -> tuple[str, str] | None:
    """Return an actor's name when two of them can be compared: a country or a named party.

    "A giant container ship" and "The Ever Given" are two ways to say one thing, not a
    conflict; "Russia" and "Ukraine", or two named people, are.
    """
    key = actor_key(actor)
    if actor is None or key is None:
        return None
    if actor.code is not None:
        return (f"code:{actor.code}", actor.text)
    return (f"name:{key}", actor.text) if actor.label in _NAMED else None


def _by_value(
    group: list[Event], slot: str, value: Callable[[Event], tuple[str, str] | None]
) -> Conflict | None:
    """Group reports by a slot's (key, value as written) and keep the slot if they clash."""
    by_key: dict[str, list[Event]] = defaultdict(list)
    shown: dict[str, str] = {}
    for event in group:
        pair = value(event)
        if pair is None:
            continue
        key, written = pair
        by_key[key].append(event)
        shown.setdefault(key, written)
    if len({k.split(":", 1)[0] for k in by_key if ":" in k}) > 1:
        return None  # a country against a name: two ways to say who, not two answers
    variants = [_variant(shown[k], events) for k, events in sorted(by_key.items())]
    return Conflict(slot, tuple(variants)) if _disagree(variants) else None


def _figures(
    group: list[Event], slot: str, value: Callable[[Event], Figure | None]
) -> Conflict | None:
    """Split counts into mutually compatible groups ("at least 12" agrees with "14")."""
    buckets: list[list[tuple[Figure, Event]]] = []
    pairs = [(f, e) for e in group if (f := value(e)) is not None]
    for fig, event in sorted(pairs, key=lambda p: p[0].value):
        home = next((b for b in buckets if all(figures_compatible(fig, f) for f, _ in b)), None)
        if home is None:
            buckets.append([(fig, event)])
        else:
            home.append((fig, event))
    variants = [_variant(b[0][0].text, [e for _, e in b]) for b in buckets]
    return Conflict(slot, tuple(variants)) if _disagree(variants) else None


def _variant(value: str, events: Sequence[Event]) -> Variant:
    return Variant(
        value=value,
        article_ids=tuple(sorted({e.article_ids[0] for e in events})),
        evidence=tuple(_unique(e.evidence[0] for e in events)),
    )


def _disagree(variants: list[Variant]) -> bool:
    """Tell whether one article states one value only and another article a rival only."""
    sets = [set(v.article_ids) for v in variants]
    return any(a - b and b - a for a, b in combinations(sets, 2))
