"""Corpus stages: from processed docs to stories (copies, cluster, entities, facts, sources)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from storyline.model import CopyLink, Doc, Entity, Fact, Quote, RankedArticle, Story, content_id
from storyline.stories.anchor import anchor_docs
from storyline.stories.cluster import (
    DEFAULT_CONFIG,
    ClusterConfig,
    StoryGroup,
    cluster_features,
    features_from_doc,
    rank_articles,
)
from storyline.stories.copies import find_copies
from storyline.stories.events import reconcile_events
from storyline.stories.five_w1h import five_w1h as story_five_w1h  # keeps the module name free
from storyline.stories.quotes import attach_quotes
from storyline.stories.reconcile import name_sources, partial_copies, reconcile
from storyline.stories.resolve import resolve_entities
from storyline.stories.sources import profile_sources
from storyline.stories.timeline import build_timeline, mark_date_conflicts

#: How many entity names a story lists as its key entities.
KEY_ENTITIES = 5


def build_stories(docs: Sequence[Doc], config: ClusterConfig = DEFAULT_CONFIG) -> tuple[Story, ...]:
    """Link copies, group docs into stories, and reconcile what each story's sources say.

    Copies are found across the whole input first, so a syndicated copy always lands in its
    original's story and counts once there. Stories come biggest first, then oldest first.
    """
    copies = find_copies([d.article for d in docs])
    by_id = {d.id: d for d in docs}
    originals = {c: link.original_id for c, link in copies.items()}
    groups = cluster_features([features_from_doc(d) for d in docs], config, originals)
    order = {d.id: i for i, d in enumerate(docs)}
    stories = []
    for group in groups:
        members = sorted((by_id[a] for a in group.article_ids), key=lambda d: order[d.id])
        mine = {c: link for c, link in copies.items() if c in group.article_ids}
        stories.append(build_story(members, mine, group))
    stories.sort(key=lambda s: (-len(s.article_ids), s.first_published or "9999", s.id))
    return tuple(stories)


def build_story(
    docs: Sequence[Doc],
    copies: Mapping[str, CopyLink] | None = None,
    group: StoryGroup | None = None,
) -> Story:
    """Reconcile one group of docs about the same event into a `Story`."""
    links = dict(copies) if copies is not None else find_copies([d.article for d in docs])
    docs, anchors = anchor_docs(docs)  # undated articles get dates from the story
    entities = resolve_entities(docs)
    facts = name_sources(reconcile(docs, links), entities)
    timeline = build_timeline(facts, docs, anchors)
    facts = mark_date_conflicts(facts, timeline)
    quotes: tuple[Quote, ...] = attach_quotes(docs, entities)
    article_ids = tuple(d.id for d in docs)
    ranking = _ranking(docs)
    dates = sorted(d.article.published for d in docs if d.article.published)
    events = reconcile_events(docs, facts, links)
    return Story(
        id=content_id(*sorted(article_ids), prefix="s"),
        title=_title(docs, facts, ranking, links),
        article_ids=article_ids,
        entities=entities,
        facts=facts,
        quotes=quotes,
        timeline=timeline,
        sources=profile_sources(docs, facts, links),
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        key_entities=_key_entities(entities, len(docs)),
        ranking=ranking,
        log=group.log if group else (),
        copies=(*links.values(), *partial_copies(facts, links)),
        events=events,
        five_w1h=story_five_w1h(events, docs),
        anchors=anchors,
    )


def _ranking(docs: Sequence[Doc]) -> tuple[RankedArticle, ...]:
    """Rank articles by centrality to the story's own centroid.

    Computed from the story's docs alone (not from the clustering pass, whose statistics
    cover the whole input), so a story rebuilt from the store ranks its articles the same.
    """
    group = rank_articles([features_from_doc(d) for d in docs])
    return tuple(
        RankedArticle(a, c) for a, c in zip(group.article_ids, group.centrality, strict=True)
    )


def _title(
    docs: Sequence[Doc],
    facts: Sequence[Fact],
    ranking: Sequence[RankedArticle],
    links: Mapping[str, CopyLink],
) -> str:
    """Use the headline of the most central original: the one sharing most facts with others.

    Shared facts come first because a keyword-stuffed page can sit closest to the centroid
    while saying little; centrality to the story's centroid breaks ties.
    """
    shared: Counter[str] = Counter()
    for fact in facts:
        if len(fact.article_ids) > 1:
            shared.update(fact.article_ids)
    place = {r.article_id: i for i, r in enumerate(ranking)}
    originals = [d for d in docs if d.id not in links] or list(docs)
    if not originals:
        return ""
    best = min(originals, key=lambda d: (-shared[d.id], place.get(d.id, len(place))))
    return best.article.title


def _key_entities(entities: Sequence[Entity], articles: int) -> tuple[str, ...]:
    """Name the entities the most articles mention (then the most mentioned), at most five."""
    ranked = sorted(entities, key=lambda e: (-len(e.article_ids), -len(e.mentions), e.name))
    keep = [e.name for e in ranked if len(e.article_ids) >= min(2, articles)]
    return tuple(keep[:KEY_ENTITIES])


__all__ = ["build_stories", "build_story"]
