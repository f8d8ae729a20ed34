"""The record codec: every model record survives a round trip; old records get new defaults."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given

from storyline.model import Doc, Story
from storyline.store.codec import from_plain, pack, to_plain, unpack
from tests.store.builders import hostile_docs, hostile_story
from tests.store.test_store_records import docs_strategy


@given(docs_strategy())
def test_docs_round_trip_exactly(docs: list[Doc]) -> None:
    for doc in docs:
        assert unpack(Doc, pack(doc)) == doc
        assert from_plain(Doc, to_plain(doc)) == doc


def test_story_round_trips_exactly() -> None:
    story = hostile_story(hostile_docs())
    assert unpack(Story, pack(story)) == story


@dataclass(frozen=True)
class Old:
    name: str
    size: int


@dataclass(frozen=True)
class New:
    name: str
    size: int
    tags: tuple[str, ...] = ()
    score: float | None = None
    extra: dict[str, int] = field(default_factory=dict)


def test_a_record_written_before_a_field_existed_gets_its_default() -> None:
    assert from_plain(New, to_plain(Old("a", 2))) == New("a", 2)


def test_a_field_the_model_dropped_is_ignored() -> None:
    assert from_plain(Old, to_plain(New("a", 2, ("x",), 0.5, {"k": 1}))) == Old("a", 2)


def test_non_finite_floats_become_null() -> None:
    assert to_plain(New("a", 1, score=float("nan")))["score"] is None
