"""Corpus stages: from processed docs to stories (cluster, copies, entities, facts, sources)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from storyline.model import Doc, Fact, Quote, Story, content_id
from storyline.stories.anchor import anchor_docs
from storyline.stories.cluster import group_stories
from storyline.stories.copies import find_copies
from storyline.stories.events import reconcile_events
from storyline.stories.five_w1h import five_w1h as story_five_w1h  # keeps the module name free
from storyline.stories.quotes import attach_quotes
from storyline.stories.reconcile import name_sources, partial_copies, reconcile
from storyline.stories.resolve import resolve_entities
from storyline.stories.sources import profile_sources
from storyline.stories.timeline import build_timeline, mark_date_conflicts


def build_stories(docs: Sequence[Doc]) -> tuple[Story, ...]:
    """Group docs into stories and reconcile what each story's sources say."""
    return tuple(build_story(group) for group in group_stories(docs))


def build_story(docs: Sequence[Doc]) -> Story:
    """Reconcile one group of docs about the same event into a `Story`."""
    copies = find_copies([d.article for d in docs])
    docs, anchors = anchor_docs(docs)  # undated articles get dates from the story
    entities = resolve_entities(docs)
    facts = name_sources(reconcile(docs, copies), entities)
    timeline = build_timeline(facts, docs, anchors)
    facts = mark_date_conflicts(facts, timeline)
    quotes: tuple[Quote, ...] = attach_quotes(docs, entities)
    article_ids = tuple(d.id for d in docs)
    events = reconcile_events(docs, facts, copies)
    return Story(
        id=content_id(*sorted(article_ids), prefix="s"),
        title=_title(docs, facts),
        article_ids=article_ids,
        entities=entities,
        facts=facts,
        quotes=quotes,
        timeline=timeline,
        sources=profile_sources(docs, facts, copies),
        copies=(*copies.values(), *partial_copies(facts, copies)),
        events=events,
        five_w1h=story_five_w1h(events, docs),
        anchors=anchors,
    )


def _title(docs: Sequence[Doc], facts: Sequence[Fact]) -> str:
    """Use the headline of the article that shares the most facts with the others."""
    shared: Counter[str] = Counter()
    for fact in facts:
        if len(fact.article_ids) > 1:
            shared.update(fact.article_ids)
    best = max(docs, key=lambda d: (shared[d.id], -docs.index(d)))
    return best.article.title


__all__ = ["build_stories", "build_story"]
