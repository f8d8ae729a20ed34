"""PLOVER export: records with PLOVER field names, flat rows for a table, and what is left out."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from storyline.model import Brief, Story
from storyline.render.plover import codable, events_to_rows, export_events
from storyline.stages.events import add_events
from storyline.stories.events import reconcile_events
from tests.parsed import ATTACK, REFUSAL, THREAT, parsed_doc


@pytest.fixture()
def brief() -> Brief:
    doc = add_events(parsed_doc([ATTACK, REFUSAL, THREAT], dates={"Monday": "2022-03-14"}))
    events = reconcile_events([doc], [], {})
    story = Story(id="s1", title="t", article_ids=(doc.id,), events=events)
    return Brief(inputs=(), articles=(doc.article,), stories=(story,))


def test_plover_records_use_plover_field_names(brief: Brief) -> None:
    records = json.loads(export_events(brief, "plover-json"))
    by_type = {r["event"]: r for r in records}
    assert set(by_type) == {"FIGHT", "REJECT", "THREATEN"}
    fight = by_type["FIGHT"]
    assert fight["source"] == [{"actorText": "Russian troops", "code": "RUS", "sector": "MIL"}]
    assert fight["target"] == [{"actorText": "Kyiv", "code": "UKR", "sector": "GOV"}]
    assert fight["eventText"] == "attacked"
    assert fight["date"] == "2022-03-14"
    assert fight["text"].startswith("Russian troops attacked Kyiv")
    assert "eventLoc" not in fight  # null fields are omitted, as in the PLOVER gold records
    assert fight["storyline"]["article_ids"] == list(brief.stories[0].article_ids)
    assert by_type["REJECT"]["storyline"]["negated"] is True


def test_denied_and_expected_events_are_not_coded(brief: Brief) -> None:
    [event] = [e for e in brief.stories[0].events if e.type == "FIGHT"]
    assert codable(event)
    assert not codable(replace(event, negated=True))  # "did not attack"
    assert not codable(replace(event, modality="expected"))
    assert not codable(replace(event, type=None))
    assert codable(replace(event, modality="threatened"))


def test_rows_are_flat_with_plover_names_and_provenance(brief: Brief) -> None:
    rows = events_to_rows(brief.stories[0])
    assert len(rows) == 3
    text = brief.articles[0].text
    for row in rows:
        assert row["story_id"] == "s1"
        assert {"event", "eventText", "source_actorText", "source_code", "target_code"} <= set(row)
        assert text[row["start"] : row["end"]] == row["text"]
        assert all(not isinstance(v, dict) for v in row.values())


def test_table_has_a_header_and_one_line_per_event(brief: Brief) -> None:
    lines = export_events(brief, "table").splitlines()
    assert lines[0].split("\t")[0] == "event"
    assert len(lines) == 4
    with pytest.raises(ValueError, match="unknown format"):
        export_events(brief, "csv")
