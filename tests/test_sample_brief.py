"""The brief of the bundled sample finds what docs/sample.md says was planted in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.model import Brief, Fact, Story

pytestmark = pytest.mark.model


def by_file(brief: Brief) -> dict[str, str]:
    """Map sample file prefixes ("07") to article ids."""
    return {Path(a.path or "").name[:2]: a.id for a in brief.articles}


def story(brief: Brief) -> Story:
    [only] = brief.stories
    return only


def fact_with(brief: Brief, text: str) -> Fact:
    """Return the one fact that states `text` (a sentence can hold several facts)."""
    found = [f for f in story(brief).facts if text in f.text]
    if not found:  # the fact's wording came from another source: look in its evidence
        found = [f for f in story(brief).facts if any(text in e.text for e in f.evidence)]
    assert len(found) == 1, f"{text!r} is in {len(found)} facts"
    return found[0]


def test_every_sample_file_is_ingested(sample_brief: Brief) -> None:
    assert [r.status for r in sample_brief.inputs] == ["ingested"] * 8
    assert len(story(sample_brief).article_ids) == 8


def test_ships_waiting_is_a_conflict_369_vs_450(sample_brief: Brief) -> None:
    ids = by_file(sample_brief)
    fact = fact_with(sample_brief, "369 ships were waiting")
    assert fact.status == "conflicting"
    [conflict] = fact.conflicts
    sides = {v.value: v.article_ids for v in conflict.variants}
    assert sides == {"369": (ids["07"],), "450": (ids["06"],)}


def test_syndicated_copy_is_linked_and_not_counted(sample_brief: Brief) -> None:
    ids = by_file(sample_brief)
    profiles = {p.article_id: p for p in story(sample_brief).sources}
    assert profiles[ids["02"]].signals.copy_of == ids["01"]
    assert all(profiles[ids[k]].signals.copy_of is None for k in ids if k != "02")
    fact = fact_with(sample_brief, "400 metres long")
    assert {ids["01"], ids["02"]} <= set(fact.article_ids)
    assert fact.independent_sources == len(fact.article_ids) - 1
    copied_only = [
        f for f in story(sample_brief).facts if set(f.article_ids) == {ids["01"], ids["02"]}
    ]
    assert copied_only, "the wire and its copy share sentences no one else reports"
    assert all(f.status == "single-source" and f.independent_sources == 1 for f in copied_only)


def test_mashhour_is_single_source_and_unique_to_the_local_site(sample_brief: Brief) -> None:
    ids = by_file(sample_brief)
    fact = fact_with(sample_brief, "Mashhour removed about 27,000 cubic metres")
    assert fact.status == "single-source"
    assert fact.article_ids == (ids["07"],)
    [local] = [p for p in story(sample_brief).sources if p.article_id == ids["07"]]
    assert fact.id in local.unique_fact_ids
    assert local.outlet == "Delta Evening Post"


def test_same_quote_in_two_wordings_has_one_speaker(sample_brief: Brief) -> None:
    from storyline.render.json import brief_to_dict

    ids = by_file(sample_brief)
    quotes = brief_to_dict(sample_brief)["stories"][0]["quotes"]
    wind = [q for q in quotes if "wind" in q["text"].lower() and q["direct"]]
    assert {q["article_id"] for q in wind} == {ids["03"], ids["08"]}
    assert {q["speaker"] for q in wind} == {"Rabie", "Osama Rabie"}
    [entity] = {q["speaker_entity"] for q in wind}
    assert entity is not None
    [rabie] = [e for e in story(sample_brief).entities if e.id == entity]
    assert rabie.name == "Osama Rabie"
    assert rabie.type == "PERSON"


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("ran aground on Tuesday", "2021-03-23"),  # published Wednesday 2021-03-24
        ("freed on Monday afternoon", "2021-03-29"),  # published Monday 2021-03-29
        # published Tuesday 2021-03-30; the refloating is a clause of "Ships began moving ..."
        ("The Ever Given was refloated on Monday", "2021-03-29"),
    ],
)
def test_weekdays_and_dates_resolve_against_publication_dates(
    sample_brief: Brief, sentence: str, date: str
) -> None:
    fact = fact_with(sample_brief, sentence)
    assert fact.date == date
    assert any(t.fact_id == fact.id and t.date == date for t in story(sample_brief).timeline)


def test_explicit_date_and_weekday_meet_on_one_fact(sample_brief: Brief) -> None:
    ids = by_file(sample_brief)
    fact = fact_with(sample_brief, "ran aground on Tuesday")
    assert {ids["01"], ids["08"]} <= set(fact.article_ids)  # "on Tuesday" ~ "on 23 March 2021"
    assert fact.date == "2021-03-23"


def test_timeline_is_ordered(sample_brief: Brief) -> None:
    dates = [t.date for t in story(sample_brief).timeline]
    assert dates == sorted(dates)
    assert len(dates) >= 3


def test_content_farm_boilerplate_removed_with_reasons(sample_brief: Brief) -> None:
    [farm] = [a for a in sample_brief.articles if (a.path or "").endswith("04-contentfarm.txt")]
    reasons = {r.reason for r in farm.removed}
    assert {
        "share-buttons",
        "counter",
        "byline-counter",
        "comment-prompt",
        "related-posts",
    } <= reasons
    for removed in farm.removed:
        assert removed.text not in farm.text
    assert "A very big ship got stuck in the Suez Canal" in farm.text


def test_html_page_keeps_article_drops_comments_and_nav(sample_brief: Brief) -> None:
    [page] = [a for a in sample_brief.articles if (a.path or "").endswith("07-local.html")]
    assert page.published == "2021-03-29"
    assert page.title.startswith("Ever Given freed")
    assert "The dredger Mashhour removed" in page.text
    raw = Path(page.path or "").read_text(encoding="utf-8")
    assert "Most read" in raw and "Most read" not in page.text


def test_the_sample_is_one_story_with_its_span_entities_and_ranking(sample_brief: Brief) -> None:
    ids = by_file(sample_brief)
    s = story(sample_brief)
    assert (s.first_published, s.last_published) == ("2021-03-24", "2021-03-30")
    assert "Suez Canal" in s.key_entities
    assert sorted(r.article_id for r in s.ranking) == sorted(ids.values())
    assert [r.centrality for r in s.ranking] == sorted(
        (r.centrality for r in s.ranking), reverse=True
    )
    # The translated and the opinion piece (no date, few shared words) still join the story.
    assert {ids["05"], ids["06"]} <= set(s.article_ids)
    assert s.title != next(a.title for a in sample_brief.articles if a.id == ids["02"])


def test_rabie_quotes_group_and_german_spelling_is_an_alias(sample_brief: Brief) -> None:
    ids = by_file(sample_brief)
    st = story(sample_brief)
    [rabie] = [e for e in st.entities if e.name == "Osama Rabie"]
    assert "Usama Rabi" in rabie.aliases
    assert ids["06"] in rabie.article_ids
    wind = [q for q in st.quotes if q.direct and "wind" in q.text.lower()]
    assert {q.speaker_entity for q in wind} == {rabie.id}
    [group] = {q.group for q in wind}
    assert group is not None
    assert not any(q.speaker_conflict for q in wind)


def test_html_links_a_person_to_what_they_said(sample_brief: Brief) -> None:
    from storyline.render.html import brief_to_html

    html = brief_to_html(sample_brief)
    st = story(sample_brief)
    [rabie] = [e for e in st.entities if e.name == "Osama Rabie"]
    anchor = f"{st.id}-said-{rabie.id}"
    assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html


def test_main_event_is_the_blocked_canal_with_sources(sample_brief: Brief) -> None:
    five = sample_brief.stories[0].five_w1h
    assert five is not None and five.what is not None and five.where is not None
    assert "block" in five.what.text
    assert five.where.text.endswith("Suez Canal")
    assert len({e.span.article_id for e in five.what.evidence}) >= 3
    assert five.when is not None and five.when.text == "Tuesday"


def test_events_are_reconciled_across_sources(sample_brief: Brief) -> None:
    events = sample_brief.stories[0].events
    top = events[0]
    assert top.independent_sources >= 2
    assert len(top.evidence) == len(top.article_ids)
    typed = {e.type for e in events if e.type}
    assert "SUPPORT" in typed  # al-Sisi welcomed the refloating, praised the canal workers


def test_every_article_has_an_anchor_and_metadata_dates_are_kept(sample_brief: Brief) -> None:
    ids = by_file(sample_brief)
    anchors = {a.article_id: a for a in story(sample_brief).anchors}
    assert set(anchors) == set(ids.values())
    for art in sample_brief.articles:
        if art.published:
            assert anchors[art.id].method == "metadata"
            assert anchors[art.id].date == art.published
    # Undated articles stay undated in `articles[]`: an inferred date is never dressed as metadata.
    assert all(a.published is None for a in sample_brief.articles if a.id in {ids["04"], ids["06"]})
    assert anchors[ids["05"]].method == "none" and anchors[ids["05"]].date is None


def test_undated_translation_resolves_until_sunday_through_the_story(sample_brief: Brief) -> None:
    ids = by_file(sample_brief)
    anchor = next(a for a in story(sample_brief).anchors if a.article_id == ids["06"])
    assert anchor.method == "story-events"
    assert anchor.earliest == "2021-03-28" and anchor.date == "2021-03-28"
    assert ids["07"] in {e.span.article_id for e in anchor.evidence}
    [entry] = [t for t in story(sample_brief).timeline if ids["06"] in t.article_ids]
    assert entry.date == "2021-03-28" and entry.inferred
    assert ids["07"] in entry.article_ids  # 07's "By Sunday": same event, same date, one entry
    assert {e.text for e in entry.evidence} == {"Sunday"}


def test_misdated_grounding_is_a_date_conflict_kept_side_by_side(sample_brief: Brief) -> None:
    ids = by_file(sample_brief)
    fact = fact_with(sample_brief, "ran aground on Tuesday")
    assert fact.status == "conflicting"
    [conflict] = [c for c in fact.conflicts if c.slot == "date"]
    sides = {v.value: set(v.article_ids) for v in conflict.variants}
    assert sides["2021-03-24"] == {ids["04"]}
    assert {ids["01"], ids["02"], ids["08"]} <= sides["2021-03-23"]
    entries = {t.date: t for t in story(sample_brief).timeline if t.fact_id == fact.id}
    assert entries["2021-03-23"].conflict_dates == ("2021-03-24",)
    assert entries["2021-03-24"].conflict_dates == ("2021-03-23",)
    anchor = next(a for a in story(sample_brief).anchors if a.article_id == ids["04"])
    assert (anchor.method, anchor.date) == ("explicit-date", "2021-03-24")


def test_planned_restart_is_distinguished_from_reported_events(sample_brief: Brief) -> None:
    [entry] = [t for t in story(sample_brief).timeline if "would start again" in t.text]
    assert (entry.date, entry.status) == ("2021-03-29", "planned")
    reported = [t for t in story(sample_brief).timeline if "freed on Monday" in t.text]
    assert [t.status for t in reported] == ["reported"]


def test_html_draws_the_timeline_as_inline_svg(sample_brief: Brief) -> None:
    from storyline.render.html import brief_to_html

    html = brief_to_html(sample_brief)
    start = html.index("<h3>Timeline</h3>")
    timeline = html[start : html.index("<h3", start + 1)]
    assert '<svg class="timeline"' in timeline
    assert "tl-mark conflict" in timeline and "tl-link" in timeline
    assert "tl-mark planned" in timeline
    assert "<script" not in html
