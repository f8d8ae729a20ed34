"""Timeline: one entry per date a fact is given, conflicts kept side by side, plans marked."""

from __future__ import annotations

from dataclasses import replace

from storyline.model import Claim, DateAnchor, Doc, Evidence, Fact, Span, content_id
from storyline.stages.dates import find_times, parse_anchor
from storyline.stories.timeline import build_timeline, event_time, mark_date_conflicts
from tests.conftest import make_article


def one_claim_doc(text: str, published: str) -> tuple[Doc, Claim]:
    article = make_article(text, published=published)
    doc = Doc(article=article)
    times = find_times(doc, parse_anchor(published))
    claim = Claim(
        content_id(article.id), Span(article.id, 0, len(text)), text, (), None, (), (), times
    )
    return doc.with_(times=times, claims=(claim,)), claim


def fact_of(*claims: Claim) -> Fact:
    return Fact(
        id=content_id(*(c.id for c in claims)),
        text=claims[0].text,
        status="corroborated",
        article_ids=tuple(sorted(c.span.article_id for c in claims)),
        independent_sources=len(claims),
        evidence=tuple(Evidence(c.span, c.text) for c in claims),
        claim_ids=tuple(c.id for c in claims),
    )


def test_sources_giving_the_same_date_share_one_entry() -> None:
    a, ca = one_claim_doc("The ship ran aground on Tuesday in the canal.", "2021-03-24")
    b, cb = one_claim_doc("The ship ran aground on 23 March 2021.", "2021-03-30")
    [entry] = build_timeline([fact_of(ca, cb)], [a, b])
    assert entry.date == "2021-03-23"
    assert set(entry.article_ids) == {a.id, b.id}
    assert [e.text for e in entry.evidence] == ["Tuesday", "23 March 2021"]
    assert entry.conflict_dates == ()


def test_conflicting_dates_are_kept_side_by_side_and_flag_the_fact() -> None:
    a, ca = one_claim_doc("The ship ran aground on Tuesday in the canal.", "2021-03-24")
    b, cb = one_claim_doc("The ship ran aground on Wednesday, March 24.", "2021-03-26")
    fact = fact_of(ca, cb)
    timeline = build_timeline([fact], [a, b])
    assert [(e.date, e.article_ids, e.conflict_dates) for e in timeline] == [
        ("2021-03-23", (a.id,), ("2021-03-24",)),
        ("2021-03-24", (b.id,), ("2021-03-23",)),
    ]
    [flagged] = mark_date_conflicts([fact], timeline)
    assert flagged.status == "conflicting"
    [conflict] = flagged.conflicts
    assert conflict.slot == "date"
    assert {v.value: v.article_ids for v in conflict.variants} == {
        "2021-03-23": (a.id,),
        "2021-03-24": (b.id,),
    }


def test_weekdays_read_against_two_articles_dates_do_not_conflict() -> None:
    # each article's own date resolves its weekday: two Mondays two weeks apart, or a day
    # named by nothing but `the next day`, are our reading, not what the sources say
    a, ca = one_claim_doc("The inquiry will begin on Monday, the minister said.", "2017-12-31")
    b, cb = one_claim_doc("The inquiry into the crash will begin Monday.", "2018-01-14")
    timeline = build_timeline([fact_of(ca, cb)], [a, b])
    assert len(timeline) == 2 and all(e.conflict_dates == () for e in timeline)
    # the same sentence copied into two articles written on different days
    same = "The plane took off again on Sunday afternoon."
    c, cc = one_claim_doc(same, "2017-12-31")
    d, cd = one_claim_doc(same, "2018-01-07")
    timeline = build_timeline([fact_of(cc, cd)], [c, d])
    assert all(e.conflict_dates == () for e in timeline)


def test_planned_events_are_marked() -> None:
    a, ca = one_claim_doc("Traffic restarts on Friday, officials said.", "2021-03-24")
    ca = replace(ca, times=tuple(replace(t, future=True) for t in ca.times))
    [entry] = build_timeline([fact_of(ca)], [a.with_(claims=(ca,))])
    assert entry.status == "planned"


def test_a_date_after_publication_is_planned_even_in_the_present_tense() -> None:
    a, ca = one_claim_doc("The summit opens on 2 April 2021.", "2021-03-24")
    anchor = DateAnchor(a.id, "2021-03-24", "metadata", 0.95)
    [entry] = build_timeline([fact_of(ca)], [a], [anchor])
    assert entry.status == "planned"


def test_the_event_date_wins_over_the_date_it_was_said() -> None:
    _, claim = one_claim_doc(
        "Officials said on Saturday that the ship ran aground on Tuesday.", "2021-03-28"
    )
    t = event_time(claim)
    assert t is not None and t.text == "Tuesday"


def test_coarse_dates_are_entries_with_their_precision() -> None:
    a, ca = one_claim_doc("The canal was expanded in 2015 with a second lane.", "2021-03-24")
    [entry] = build_timeline([fact_of(ca)], [a])
    assert (entry.date, entry.end, entry.precision) == ("2015-01-01", "2015-12-31", "year")


def test_timeline_is_ordered_oldest_first() -> None:
    a, ca = one_claim_doc("The ship was freed on Monday.", "2021-03-30")
    b, cb = one_claim_doc("The ship ran aground on 23 March 2021.", "2021-03-30")
    dates = [e.date for e in build_timeline([fact_of(ca), fact_of(cb)], [a, b])]
    assert dates == sorted(dates)
