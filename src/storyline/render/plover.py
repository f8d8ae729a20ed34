"""Events in PLOVER form: JSON records with PLOVER's field names, and flat rows for a table.

A PLOVER record codes an event that was reported as happening, intended or refused: events
the sources deny ("did not attack") or only expect ("is expected to") are left out, and
untyped events have no PLOVER record. As in the PLOVER gold records, null fields are
omitted. What storyline adds (sources, evidence, conflicts) sits under `storyline`.
"""

from __future__ import annotations

import json
from typing import Any

from storyline.model import Actor, Brief, Event, Story

JsonObj = dict[str, Any]

#: Framings that say the event has not (yet) happened, by the outlet's own account.
_NOT_EVENTS = frozenset({"expected", "possible", "obligation", "hoped", "wanted"})
FORMATS = ("plover-json", "rows-json", "table")


def codable(event: Event) -> bool:
    """Tell whether an event gets a PLOVER record (typed, not denied, not mere expectation)."""
    if event.type is None or event.modality in _NOT_EVENTS:
        return False
    return not event.negated or event.type == "REJECT"


def event_to_plover(event: Event, story: Story, brief: Brief) -> JsonObj:
    """Return one event as a PLOVER record."""
    articles = {a.id: a for a in brief.articles}
    lead = articles.get(event.evidence[0].span.article_id) if event.evidence else None
    record: JsonObj = {
        "id": event.id,
        "date": event.date,
        "source": [_actor(event.actor)] if event.actor else None,
        "target": [_actor(event.target)] if event.target else None,
        "event": event.type,
        "mode": event.mode,
        "eventText": event.action,
        "text": event.evidence[0].text if event.evidence else None,
        "eventLoc": {"name": event.place.text} if event.place else None,
        "dead": _count(event.dead.value) if event.dead else None,
        "injured": _count(event.injured.value) if event.injured else None,
        "size": _count(event.size.value) if event.size else None,
        "language": lead.language if lead else None,
        "publication": lead.source if lead else None,
        "coder": "storyline",
        "storyline": {
            "story_id": story.id,
            "article_ids": list(event.article_ids),
            "independent_sources": event.independent_sources,
            "negated": event.negated,
            "modality": event.modality,
            "conflicts": [c.slot for c in event.conflicts],
            "evidence": [
                {"article_id": e.span.article_id, "start": e.span.start, "end": e.span.end}
                for e in event.evidence
            ],
        },
    }
    return {k: v for k, v in record.items() if v is not None}


def events_to_plover(brief: Brief) -> list[JsonObj]:
    """Return every codable event of every story as PLOVER records."""
    return [event_to_plover(e, s, brief) for s in brief.stories for e in s.events if codable(e)]


def events_to_rows(story: Story) -> list[JsonObj]:
    """Return one flat row per codable event, columns named after PLOVER's fields.

    For a table in the store: actors flatten to `source_actorText`, `source_code`, ...;
    lists stay lists (a database array column).
    """
    rows = []
    for e in (e for e in story.events if codable(e)):
        ev = e.evidence[0].span if e.evidence else None
        row: JsonObj = {
            "id": e.id,
            "story_id": story.id,
            "event": e.type,
            "mode": e.mode,
            "eventText": e.action,
            "text": e.evidence[0].text if e.evidence else None,
            "date": e.date,
            **_flat("source", e.actor),
            **_flat("target", e.target),
            "eventLoc_name": e.place.text if e.place else None,
            "dead": _count(e.dead.value) if e.dead else None,
            "injured": _count(e.injured.value) if e.injured else None,
            "size": _count(e.size.value) if e.size else None,
            "negated": e.negated,
            "modality": e.modality,
            "article_ids": list(e.article_ids),
            "independent_sources": e.independent_sources,
            "conflicts": [c.slot for c in e.conflicts],
            "article_id": ev.article_id if ev else None,
            "start": ev.start if ev else None,
            "end": ev.end if ev else None,
        }
        rows.append(row)
    return rows


def export_events(brief: Brief, fmt: str = "plover-json") -> str:
    """Return the brief's events as PLOVER JSON, flat rows as JSON, or a text table."""
    if fmt == "plover-json":
        return json.dumps(events_to_plover(brief), ensure_ascii=False, indent=2) + "\n"
    rows = [row for story in brief.stories for row in events_to_rows(story)]
    if fmt == "rows-json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "table":
        return _table(rows)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _table(rows: list[JsonObj]) -> str:
    """Return rows as tab-separated text: type, source, action, target, place, date, sources."""
    head = ["event", "source", "code", "eventText", "target", "code", "place", "date", "sources"]
    lines = ["\t".join(head)]
    for r in rows:
        cells = [r["event"], r["source_actorText"], r["source_code"], r["eventText"],
                 r["target_actorText"], r["target_code"], r["eventLoc_name"], r["date"],
                 r["independent_sources"]]  # fmt: skip
        lines.append("\t".join("" if c is None else " ".join(str(c).split()) for c in cells))
    return "\n".join(lines) + "\n"


def _actor(actor: Actor) -> JsonObj:
    out = {"actorText": actor.text, "code": actor.code, "sector": actor.sector}
    return {k: v for k, v in out.items() if v is not None}


def _flat(side: str, actor: Actor | None) -> JsonObj:
    return {
        f"{side}_actorText": actor.text if actor else None,
        f"{side}_code": actor.code if actor else None,
        f"{side}_sector": actor.sector if actor else None,
    }


def _count(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
