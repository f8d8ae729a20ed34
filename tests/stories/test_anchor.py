"""Anchoring: undated articles get a publication date from the story's dated events."""

from __future__ import annotations

from storyline.model import Claim, Doc, Span, content_id
from storyline.stages.dates import find_times, parse_anchor
from storyline.stories.anchor import anchor_docs
from tests.conftest import make_article


def doc_with_claim(text: str, keywords: tuple[str, ...], published: str | None = None) -> Doc:
    """Build a doc whose whole text is one claim, with its times found (no model)."""
    article = make_article(text, published=published)
    doc = Doc(article=article)
    times = find_times(doc, parse_anchor(published))
    span = Span(article.id, 0, len(text))
    claim = Claim(content_id(article.id, "0"), span, text, (), "wait", keywords, (), times)
    return doc.with_(times=times, claims=(claim,), sentences=(span,))


DATED = "By Sunday, 369 ships were waiting to pass through the canal."
UNDATED = "Until Sunday, 450 ships were waiting for the passage through the canal, yesterday."
KEYS = ("canal", "ship", "wait", "passage", "pass")


def test_metadata_anchor_is_recorded_as_such() -> None:
    dated = doc_with_claim(DATED, KEYS, "2021-03-29")
    _, (anchor,) = anchor_docs([dated])
    assert (anchor.date, anchor.method, anchor.confidence) == ("2021-03-29", "metadata", 0.95)


def test_undated_weekday_resolves_through_a_dated_article_of_the_story() -> None:
    dated = doc_with_claim(DATED, KEYS, "2021-03-29")
    undated = doc_with_claim(UNDATED, KEYS)
    assert [t.value for t in undated.times if t.text == "Sunday"] == [None]
    docs, anchors = anchor_docs([dated, undated])
    anchor = anchors[1]
    assert anchor.method == "story-events"
    assert anchor.earliest and anchor.latest and anchor.date
    assert anchor.earliest <= "2021-03-28" <= anchor.latest
    assert 0 < anchor.confidence < 0.95
    assert {e.span.article_id for e in anchor.evidence} == {dated.id, undated.id}
    sunday = next(t for t in docs[1].times if t.text == "Sunday")
    assert (sunday.value, sunday.basis) == ("2021-03-28", "story")
    # The claim carries the same re-resolved time, so reconciling sees the date.
    assert next(t for t in docs[1].claims[0].times if t.text == "Sunday").value == "2021-03-28"


def test_what_the_allowed_days_disagree_on_stays_unresolved() -> None:
    dated = doc_with_claim(DATED, KEYS, "2021-03-29")
    undated = doc_with_claim(UNDATED, KEYS)
    docs, anchors = anchor_docs([dated, undated])
    assert anchors[1].earliest != anchors[1].latest
    yesterday = next(t for t in docs[1].times if t.text == "yesterday")
    assert yesterday.value is None


def test_no_dated_article_means_no_anchor_and_a_reason() -> None:
    undated = doc_with_claim("The ship was stuck on Tuesday.", ("ship", "stick"))
    docs, (anchor,) = anchor_docs([undated])
    assert (anchor.date, anchor.method, anchor.confidence) == (None, "none", 0.0)
    assert "unresolved" in anchor.note
    assert docs[0] is undated


def test_explicit_date_bounds_an_article_that_matches_no_event() -> None:
    dated = doc_with_claim(DATED, KEYS, "2021-03-29")
    other = doc_with_claim(
        "The ship got stuck on Wednesday, March 24, and diggers came.", ("dig", "stick")
    )
    docs, anchors = anchor_docs([dated, other])
    assert anchors[1].method == "explicit-date"
    assert anchors[1].date == "2021-03-24"
    [march] = [t for t in docs[1].times if t.text == "Wednesday, March 24"]
    assert march.value == "2021-03-24"


def test_anniversary_gives_only_a_year() -> None:
    dated = doc_with_claim(DATED, KEYS, "2021-03-29")
    other = doc_with_claim(
        "Crowds marked the 50th anniversary of the 1969 landing.", ("crowd", "landing")
    )
    _, anchors = anchor_docs([dated, other])
    assert (anchors[1].method, anchors[1].date) == ("anniversary-year", None)
    assert (anchors[1].earliest, anchors[1].latest) == ("2019-01-01", "2019-12-31")


def test_an_old_explicit_date_does_not_anchor_a_recent_article() -> None:
    dated = doc_with_claim(DATED, KEYS, "2021-03-29")
    other = doc_with_claim("Armstrong walked on the Moon on July 20, 1969.", ("moon", "walk"))
    _, anchors = anchor_docs([dated, other])
    assert (anchors[1].method, anchors[1].date) == ("none", None)
