"""The brief as JSON, in the versioned contract of `docs/brief-schema.md`."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from storyline.model import (
    Actor,
    Answer,
    Brief,
    Conflict,
    DateAnchor,
    Entity,
    Event,
    Evidence,
    Fact,
    Figure,
    FiveW1H,
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
        "quotes": [_quote(q, speakers, texts) for q in story.quotes],
        "timeline": [_timeline_entry(t) for t in story.timeline],
        "sources": [
            {
                "article_id": p.article_id,
                "outlet": p.outlet,
                "signals": asdict(p.signals),
                "unique_fact_ids": list(p.unique_fact_ids),
                "repeated_fact_ids": list(p.repeated_fact_ids),
                "contradicted_fact_ids": list(p.contradicted_fact_ids),
                "kinds": list(p.kinds),
            }
            for p in story.sources
        ],
        "first_published": story.first_published,
        "last_published": story.last_published,
        "key_entities": list(story.key_entities),
        "ranking": [asdict(r) for r in story.ranking],
        "log": [asdict(d) for d in story.log],
        "copies": [asdict(c) for c in story.copies],
        "events": [event_to_dict(e, texts) for e in story.events],
        "five_w1h": _five_w1h(story.five_w1h),
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


def event_to_dict(e: Event, texts: dict[str, str]) -> JsonObj:
    """Return one event in the brief's form; every span's text is the article's text."""
    return {
        "id": e.id,
        "type": e.type,
        "actor": _actor(e.actor),
        "action": e.action,
        "action_span": _span(e.action_span, texts),
        "target": _actor(e.target),
        "place": _span(e.place.span, texts) if e.place else None,
        "time": {**_span(e.time.span, texts), "value": e.time.value} if e.time else None,
        "date": e.date,
        "negated": e.negated,
        "modality": e.modality,
        "mode": e.mode,
        "dead": _figure(e.dead),
        "injured": _figure(e.injured),
        "size": _figure(e.size),
        "article_ids": list(e.article_ids),
        "independent_sources": e.independent_sources,
        "evidence": [_evidence(ev) for ev in e.evidence],
        "conflicts": [_conflict(c) for c in e.conflicts],
    }


def _actor(a: Actor | None) -> JsonObj | None:
    if a is None:
        return None
    s = a.span
    return {"text": a.text, "code": a.code, "sector": a.sector, "label": a.label,
            "article_id": s.article_id, "start": s.start, "end": s.end}  # fmt: skip


def _figure(f: Figure | None) -> JsonObj | None:
    if f is None:
        return None
    s = f.span
    return {"value": f.value, "text": f.text, "article_id": s.article_id, "start": s.start,
            "end": s.end}  # fmt: skip


def _five_w1h(five: FiveW1H | None) -> JsonObj | None:
    if five is None:
        return None
    out: JsonObj = {"event_id": five.event_id}
    for w in ("who", "what", "when", "where", "why", "how"):
        out[w] = _answer(getattr(five, w))
    return out


def _answer(a: Answer | None) -> JsonObj | None:
    if a is None:
        return None
    return {"text": a.text, "evidence": [_evidence(e) for e in a.evidence]}


def _entity(e: Entity, texts: dict[str, str]) -> JsonObj:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        "article_ids": list(e.article_ids),
        "mentions": [_span(m, texts) for m in e.mentions],
        "evidence": list(e.evidence),
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
        "modality": f.modality,
        "attributions": list(f.attributions),
        "copied_article_ids": list(f.copied_article_ids),
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


def _quote(q: Quote, speakers: dict[str, str], texts: dict[str, str]) -> JsonObj:
    speaker_entity = q.speaker_entity
    if speaker_entity is None and q.speaker:
        speaker_entity = speakers.get(name_key(q.speaker))
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
        "speaker_mention": _span(q.source_span, texts) if q.source_span else None,
        "cue_start": q.cue_span.start if q.cue_span else None,
        "cue_end": q.cue_span.end if q.cue_span else None,
        "parts": [_span(p, texts) for p in q.parts or (q.span,)],
        "group": q.group,
        "speaker_conflict": q.speaker_conflict,
    }
