"""The brief as JSON, in the versioned contract of `docs/brief-schema.md`."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from storyline.model import (
    Brief,
    Conflict,
    DateAnchor,
    Entity,
    Evidence,
    Fact,
    Quote,
    Span,
    Story,
    TimelineEntry,
)
from storyline.names import name_key
from storyline.stories.resolve import alias_index

JsonObj = dict[str, Any]


def brief_to_dict(brief: Brief) -> JsonObj:
    """Return the brief as plain JSON-ready data."""
    texts = {a.id: a.text for a in brief.articles}
    return {
        "schema": brief.schema,
        "inputs": [asdict(r) for r in brief.inputs],
        "articles": [
            {**asdict(a), "removed": [asdict(r) for r in a.removed]} for a in brief.articles
        ],
        "stories": [_story(s, texts) for s in brief.stories],
    }


def brief_to_json(brief: Brief) -> str:
    """Return the brief as indented JSON text."""
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2) + "\n"


def _span(span: Span, texts: dict[str, str]) -> JsonObj:
    return {
        "article_id": span.article_id,
        "start": span.start,
        "end": span.end,
        "text": texts[span.article_id][span.start : span.end],
    }


def _evidence(ev: Evidence) -> JsonObj:
    s = ev.span
    return {"article_id": s.article_id, "start": s.start, "end": s.end, "text": ev.text}


def _story(story: Story, texts: dict[str, str]) -> JsonObj:
    speakers = alias_index(story.entities)
    return {
        "id": story.id,
        "title": story.title,
        "article_ids": list(story.article_ids),
        "entities": [_entity(e, texts) for e in story.entities],
        "facts": [_fact(f) for f in story.facts],
        "quotes": [_quote(q, speakers) for q in story.quotes],
        "timeline": [_timeline_entry(t) for t in story.timeline],
        "sources": [
            {
                "article_id": p.article_id,
                "outlet": p.outlet,
                "signals": asdict(p.signals),
                "unique_fact_ids": list(p.unique_fact_ids),
            }
            for p in story.sources
        ],
        "anchors": [_anchor(a) for a in story.anchors],
    }


def _timeline_entry(t: TimelineEntry) -> JsonObj:
    return {
        "date": t.date,
        "text": t.text,
        "article_ids": list(t.article_ids),
        "fact_id": t.fact_id,
        "end": t.end,
        "precision": t.precision,
        "status": t.status,
        "conflict_dates": list(t.conflict_dates),
        "inferred": t.inferred,
        "evidence": [_evidence(e) for e in t.evidence],
        "timex_values": list(t.timex_values),
    }


def _anchor(a: DateAnchor) -> JsonObj:
    return {
        "article_id": a.article_id,
        "date": a.date,
        "method": a.method,
        "confidence": a.confidence,
        "earliest": a.earliest,
        "latest": a.latest,
        "note": a.note,
        "evidence": [_evidence(e) for e in a.evidence],
    }


def _entity(e: Entity, texts: dict[str, str]) -> JsonObj:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        "article_ids": list(e.article_ids),
        "mentions": [_span(m, texts) for m in e.mentions],
    }


def _fact(f: Fact) -> JsonObj:
    return {
        "id": f.id,
        "text": f.text,
        "status": f.status,
        "article_ids": list(f.article_ids),
        "independent_sources": f.independent_sources,
        "evidence": [_evidence(e) for e in f.evidence],
        "conflicts": [_conflict(c) for c in f.conflicts],
        "date": f.date,
    }


def _conflict(c: Conflict) -> JsonObj:
    return {
        "slot": c.slot,
        "variants": [
            {
                "value": v.value,
                "article_ids": list(v.article_ids),
                "evidence": [_evidence(e) for e in v.evidence],
            }
            for v in c.variants
        ],
    }


def _quote(q: Quote, speakers: dict[str, str]) -> JsonObj:
    speaker_entity = speakers.get(name_key(q.speaker)) if q.speaker else None
    return {
        "text": q.text,
        "speaker": q.speaker,
        "speaker_entity": speaker_entity,
        "article_id": q.span.article_id,
        "start": q.span.start,
        "end": q.span.end,
        "direct": q.direct,
        "cue": q.cue,
        "speaker_start": q.speaker_span.start if q.speaker_span else None,
        "speaker_end": q.speaker_span.end if q.speaker_span else None,
    }
