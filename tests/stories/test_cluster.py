"""Story clustering: event-level features, incremental placement, time, merges, splits, memory."""

from __future__ import annotations

from dataclasses import replace

from storyline.model import Doc, Mention, Span, TimeExpr
from storyline.stories.cluster import (
    DEFAULT_CONFIG,
    ArticleFeatures,
    ClusterConfig,
    StoryClusterer,
    cluster_features,
    day_of,
    features_from_doc,
    rank_articles,
)
from storyline.stories.cluster.score import FEATURES, top_per_kind
from storyline.stories.cluster.story import Member, StoryState, complete_groups
from tests.conftest import make_article


def feats(aid: str, words: str, day: str | None = "2021-03-24", **extra: float) -> ArticleFeatures:
    """Features with title words, entities (capitalised words) and any extra terms."""
    terms: dict[str, float] = {}
    for word in words.split():
        kind = "e" if word[0].isupper() else "t"
        terms[f"{kind}:{word.lower()}"] = terms.get(f"{kind}:{word.lower()}", 0.0) + 2.0
    terms.update(extra)
    return ArticleFeatures(aid, day_of(day), terms, title=words)


QUAKE = "Quake Turkey Gaziantep magnitude collapsed buildings rescue rubble"
FLOOD = "Flood Pakistan Sindh monsoon river villages evacuated army"
BUDGET = "Budget Congress shutdown vote spending bill senate deadline"


def test_features_carry_entities_headline_numbers_and_dates() -> None:
    text = (
        "Rescuers pulled 120 people from the rubble in Gaziantep on 6 February 2023.\nMore later."
    )
    art = make_article(text, title="Quake kills thousands in Turkey", published="2023-02-07")
    doc = Doc(
        article=art,
        sentences=(Span(art.id, 0, 76),),
        mentions=(Mention(Span(art.id, 40, 49), "Gaziantep", "GPE"),),
        times=(TimeExpr(Span(art.id, 53, 68), "6 February 2023", "2023-02-06", "date"),),
    )
    f = features_from_doc(doc)
    assert {"e:gaziantep", "t:quake", "t:turkey", "n:120", "d:2023-02-06"} <= set(f.terms)
    assert f.terms["t:quake"] > f.terms.get("w:later", 0.0)  # headline outweighs body
    assert f.day == day_of("2023-02-07")
    assert f.extra["gaziantep"] == "Gaziantep"


def test_distinct_events_become_distinct_stories() -> None:
    items = (
        [feats(f"q{i}", QUAKE) for i in range(3)]
        + [feats(f"f{i}", FLOOD) for i in range(3)]
        + [feats(f"b{i}", BUDGET) for i in range(2)]
    )
    groups = cluster_features(items)
    assert sorted(sorted(g.article_ids) for g in groups) == [
        ["b0", "b1"],
        ["f0", "f1", "f2"],
        ["q0", "q1", "q2"],
    ]


def test_same_kind_of_event_a_year_apart_is_two_stories() -> None:
    # The country and the kind of event are shared; places and details are not. Alike enough
    # to be one story a day apart, not a year apart.
    first = [
        feats(f"a{i}", "Quake Turkey Gaziantep night school collapsed rescuers", "2022-03-01")
        for i in range(3)
    ]
    again = "Quake Turkey Hatay morning hospital cracked aftershock"
    later = [feats(f"b{i}", again, "2023-03-01") for i in range(3)]
    close = [feats(f"c{i}", again, "2022-03-02") for i in range(3)]
    assert len(cluster_features([*first, *later])) == 2, "a year apart"
    assert len(cluster_features([*first, *close])) == 1, "a day apart"


def test_a_new_article_joins_the_open_story_without_reclustering() -> None:
    clusterer = StoryClusterer()
    first = [clusterer.add(feats(f"q{i}", QUAKE)) for i in range(3)]
    assert first[0].score is None and {a.story for a in first} == {first[0].story}
    other = clusterer.add(feats("f0", FLOOD))
    assert other.story != first[0].story and other.score is None
    late = clusterer.add(feats("q9", QUAKE, "2021-03-25"))
    assert late.story == first[0].story and late.score is not None
    assert clusterer.active == 2


def test_a_copy_joins_its_originals_story_whatever_its_words() -> None:
    clusterer = StoryClusterer()
    original = clusterer.add(feats("q0", QUAKE))
    clusterer.add(feats("f0", FLOOD))
    copy = clusterer.add(feats("c0", BUDGET), copy_of="q0")
    assert copy.story == original.story


def test_an_article_fitting_two_stories_merges_them_and_the_merge_is_logged() -> None:
    only_cosine = (-1.0, 4.0, *([0.0] * (len(FEATURES) - 1)))  # score = 4 * cosine - 1
    # (no complete-link check: `a` and `b` share no word, so it would part them again)
    config = replace(
        DEFAULT_CONFIG, weights=only_cosine, threshold=0.4, merge_threshold=-1.0, split_cosine=0.0
    )
    clusterer = StoryClusterer(config, prior_df={}, prior_n=0)
    a = clusterer.add(feats("a", "Alpha Beta gamma delta"))
    b = clusterer.add(feats("b", "Epsilon Zeta eta theta"))
    assert a.story != b.story
    clusterer.add(feats("c", "Alpha Beta gamma delta Epsilon Zeta eta theta"))
    [group] = list(clusterer.finish())
    assert set(group.article_ids) == {"a", "b", "c"}
    [decision] = group.log
    assert decision.kind == "merge" and decision.article_id == "c"


def test_a_story_that_absorbed_another_still_retires_when_idle() -> None:
    # A fragment folded in at retirement (no new article follows) must not pin the story
    # that took it in memory for ever.
    clusterer = StoryClusterer(ClusterConfig(idle_days=3.0))
    first = clusterer.add(feats("a", QUAKE, "2021-03-01"))
    clusterer.add(feats("a2", QUAKE, "2021-03-02"))
    other = clusterer.add(feats("f", FLOOD, "2021-03-01"))
    clusterer._merge(first.story, other.story, "f", 0.0)
    clusterer.add(feats("z", BUDGET, "2021-03-10"))
    retired = list(clusterer.drain())  # the unrelated flood article is split off again
    assert {a for g in retired for a in g.article_ids} == {"a", "a2", "f"}
    assert clusterer.active == 1


def test_members_that_do_not_hold_together_are_split_and_logged() -> None:
    story = StoryState(7)
    for aid, words in (("a", "x y"), ("b", "x y"), ("c", "p q"), ("d", "p q")):
        vec = {f"t:{w}": 0.7 for w in words.split()}
        story.add(ArticleFeatures(aid, None, vec, title=aid), vec, cap=80)

    def link(m: Member, o: Member) -> float:
        return 1.0 if set(m.sketch) & set(o.sketch) else -1.0

    groups = story.finish(link, threshold=0.0)
    assert sorted(sorted(g.article_ids) for g in groups) == [["a", "b"], ["c", "d"]]
    assert [d.kind for g in groups for d in g.log] == ["split", "split"]
    assert groups[0].key == "7" and groups[1].key == "7.1"


def test_idle_stories_retire_and_memory_holds_the_active_window_only() -> None:
    clusterer = StoryClusterer(ClusterConfig(idle_days=5.0))
    for day in range(40):
        date = f"2021-01-{day + 1:02d}" if day < 31 else f"2021-02-{day - 30:02d}"
        clusterer.add(feats(f"s{day}", f"Topic{day} Place{day} words{day} more{day}", date))
    finished = list(clusterer.drain())
    assert finished, "stories idle for more than five days have come out"
    assert clusterer.active < 10
    assert len(finished) + len(list(clusterer.finish())) == 40


def test_ranking_puts_the_most_typical_article_first() -> None:
    group = rank_articles(
        [
            feats("odd", "Quake Turkey unrelated tangent about football"),
            feats("core1", QUAKE),
            feats("core2", QUAKE),
        ]
    )
    assert group.article_ids[-1] == "odd"
    assert list(group.centrality) == sorted(group.centrality, reverse=True)


def test_effort_knob_only_changes_how_hard_stories_are_looked_for() -> None:
    fast, thorough = DEFAULT_CONFIG.with_effort("fast"), DEFAULT_CONFIG.with_effort("thorough")
    assert fast.candidates < thorough.candidates and fast.probe_terms < thorough.probe_terms
    assert replace(fast, probe_terms=0, candidates=0) == replace(
        thorough, probe_terms=0, candidates=0
    )


def test_top_per_kind_keeps_every_kind() -> None:
    vec = {**{f"w:{i}": 1.0 + i for i in range(50)}, "e:rare": 0.1}
    kept = top_per_kind(vec, 5)
    assert "e:rare" in kept and len(kept) == 6 and "w:49" in kept and "w:0" not in kept


def _member(aid: str, words: str) -> Member:
    sketch = {f"t:{w}": 1.0 for w in words.split()}
    return Member(aid, None, words, sketch, {"t": float(len(sketch))})


def test_complete_link_parts_two_events_a_story_chained_together() -> None:
    # Two Klitschko fights: every article shares the boxer and the title, each fight has
    # its own opponent and venue; a chain of such articles is one story by single link.
    first = [
        _member(f"a{i}", f"klitschko title defend thompson bern knockout r{i}") for i in range(3)
    ]
    second = [
        _member(f"b{i}", f"klitschko title defend rahman mannheim decision s{i}") for i in range(3)
    ]
    groups = complete_groups([*first, *second], least=0.5, min_part=2)
    assert sorted(sorted(m.article_id for m in g) for g in groups) == [
        ["a0", "a1", "a2"],
        ["b0", "b1", "b2"],
    ]
    # the same articles hold together when every pair shares enough
    assert len(complete_groups([*first, *second], least=0.3, min_part=2)) == 1


def test_an_odd_article_rejoins_the_group_it_is_most_alike() -> None:
    story = [_member(f"a{i}", f"canal ship aground tugs suez r{i}") for i in range(4)]
    odd = _member("x", "canal trade prices insurance explainer")  # a round-up piece
    groups = complete_groups([*story, odd], least=0.4, min_part=2)
    assert [sorted(m.article_id for m in g) for g in groups] == [["a0", "a1", "a2", "a3", "x"]]
    # with no floor on a part's size it stands alone
    assert len(complete_groups([*story, odd], least=0.4, min_part=1)) == 2
