"""The drawn timeline: days on an axis, conflicts joined, far or coarse dates listed only."""

from __future__ import annotations

from storyline.model import Story, TimelineEntry
from storyline.render.timeline import MAX_DAYS, timeline_layout


def story_with(*entries: TimelineEntry) -> Story:
    return Story(id="s1", title="T", article_ids=("a1", "a2"), timeline=entries)


def entry(date: str, **kw: object) -> TimelineEntry:
    return TimelineEntry(date, f"event on {date}", ("a1",), kw.pop("fact_id", None), **kw)  # type: ignore[arg-type]


def test_markers_sit_left_to_right_by_date_and_stack_on_the_same_day() -> None:
    layout = timeline_layout(
        story_with(entry("2021-03-23"), entry("2021-03-23"), entry("2021-03-29"))
    )
    first, second, third = layout.markers
    assert first.x == second.x < third.x
    assert second.y < first.y  # stacked above
    assert [t.label for t in layout.ticks][:2] == ["22 Mar", "23 Mar"]


def test_conflicting_entries_of_one_fact_are_linked_and_red() -> None:
    layout = timeline_layout(
        story_with(
            entry("2021-03-23", fact_id="f1", conflict_dates=("2021-03-24",)),
            entry("2021-03-24", fact_id="f1", conflict_dates=("2021-03-23",)),
        )
    )
    assert [m.css for m in layout.markers] == ["conflict", "conflict"]
    [link] = layout.links
    assert link.x1 < link.x2


def test_planned_and_inferred_entries_are_styled() -> None:
    layout = timeline_layout(story_with(entry("2021-03-29", status="planned", inferred=True)))
    assert layout.markers[0].css == "planned inferred"
    assert "planned" in layout.markers[0].title


def test_far_and_coarse_dates_are_listed_but_not_drawn() -> None:
    entries = [entry(f"2021-03-{d:02d}") for d in (20, 22, 24)]
    old = entry("2015-01-01", end="2015-12-31", precision="year")
    far = entry("2021-09-01")
    layout = timeline_layout(story_with(old, *entries, far))
    assert len(layout.numbered) == 5
    assert set(layout.off_axis) == {1, 5}
    assert len(layout.markers) == 3
    span = layout.ticks[-1].x - layout.ticks[0].x
    assert span > 0 and len(layout.ticks) <= MAX_DAYS + 3


def test_empty_timeline_draws_nothing() -> None:
    layout = timeline_layout(story_with())
    assert layout.markers == () and layout.numbered == ()
