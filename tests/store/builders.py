"""Hand-built docs and stories for store and web tests (no language model)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from storyline.model import (
    Article,
    Conflict,
    Doc,
    Entity,
    Evidence,
    Fact,
    Figure,
    InputRecord,
    Mention,
    Quote,
    RankedArticle,
    Removal,
    SourceProfile,
    SourceSignals,
    Span,
    Story,
    TimeExpr,
    TimelineEntry,
    Variant,
    content_id,
)
from storyline.store.articles import record_inputs, save_docs
from storyline.store.connect import Writer
from storyline.store.intake import refresh_search_index
from storyline.store.stories import StoryWrite, save_story

#: Untrusted text that would run script if any page failed to escape it.
XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
XSS_URL = "javascript:window.__pwned=3"


def _span_of(text: str, part: str, aid: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(aid, start, start + len(part))


def make_doc(
    text: str, *, title: str, source: str | None, published: str | None, **kw: object
) -> Doc:
    """Return a doc whose entity mentions, quotes and figures are found by plain substring."""
    aid = Article.make_id(text)
    article = Article(
        id=aid,
        text=text,
        title=title,
        source=source,
        published=published,
        path=f"{source or 'x'}.txt",
        url=kw.get("url"),  # type: ignore[arg-type]
        removed=tuple(kw.get("removed", ())),  # type: ignore[call-overload]
    )
    mentions = tuple(
        Mention(_span_of(text, name, aid), name, label)
        for name, label in kw.get("names", ())  # type: ignore[attr-defined]
    )
    quotes = tuple(
        Quote(
            _span_of(text, words, aid), words, speaker, _span_of(text, speaker, aid), "said", True
        )
        for words, speaker in kw.get("quotes", ())  # type: ignore[attr-defined]
    )
    figures = tuple(
        Figure(_span_of(text, fig, aid), fig, value, None, "ship")
        for fig, value in kw.get("figures", ())  # type: ignore[attr-defined]
    )
    times = tuple(
        TimeExpr(_span_of(text, t, aid), t, value, "date")
        for t, value in kw.get("times", ())  # type: ignore[attr-defined]
    )
    sentences = tuple(_span_of(text, s.strip(), aid) for s in text.split("\n") if s.strip())
    return Doc(article, sentences, (), mentions, quotes, figures, times, (), ("hand.v1",))


def hostile_docs() -> list[Doc]:
    """Two articles whose every text field carries markup and script."""
    a = make_doc(
        f"Ships wait {XSS} at the canal.\n"
        f'"We will clear it {XSS}," said Osama {XSS} Rabie.\n'
        "By Sunday, 369 ships were waiting.",
        title=f"Canal blocked {XSS}",
        source=f"Wire {XSS}",
        published="2021-03-24",
        url=XSS_URL,
        removed=[Removal(f"Share this {XSS}", "share-buttons")],
        names=[(f"Osama {XSS} Rabie", "PERSON")],
        quotes=[(f"We will clear it {XSS},", f"Osama {XSS} Rabie")],
        figures=[("369 ships", 369.0)],
        times=[("Sunday", "2021-03-28")],
    )
    text_b = (
        f"Ships wait {XSS} at the canal.\nBy Sunday, 450 ships were waiting.\n"
        f"Traffic resumes soon, canal officials {XSS} said."
    )
    b = make_doc(
        text_b,
        title="Second <b>report</b>",
        source="Herald",
        published="2021-03-25",
        url="https://example.org/a?x=<script>",
        figures=[("450 ships", 450.0)],
    )
    # reported speech whose speaker the text describes but does not name: no speaker, only
    # its words
    unnamed = Quote(
        _span_of(text_b, "Traffic resumes soon", b.id),
        "Traffic resumes soon",
        None,
        None,
        "said",
        False,
        source_span=_span_of(text_b, f"canal officials {XSS}", b.id),
    )
    return [a, replace(b, quotes=(unnamed,))]


def hostile_story(docs: list[Doc]) -> Story:
    """A story over `docs` whose facts, conflicts, entities and quotes carry the payloads."""
    a, b = docs
    first = Evidence(a.sentences[0], a.sentences[0].text_in(a.article.text))
    second = Evidence(b.sentences[0], b.sentences[0].text_in(b.article.text))
    ev_a = Evidence(a.sentences[2], a.sentences[2].text_in(a.article.text))
    ev_b = Evidence(b.sentences[1], b.sentences[1].text_in(b.article.text))
    shared = Fact(
        "f1", first.text, "corroborated", (a.id, b.id), 2, (first, second), (), "2021-03-24"
    )
    conflict = Conflict(
        "figure:ship",
        (Variant(f"369 {XSS}", (a.id,), (ev_a,)), Variant("450", (b.id,), (ev_b,))),
    )
    waiting = Fact(
        "f2", ev_a.text, "conflicting", (a.id, b.id), 2, (ev_a, ev_b), (conflict,), "2021-03-28"
    )
    person = Entity(
        "e1", f"Osama {XSS} Rabie", "PERSON", (f"Rabie {XSS}",), (a.id,), (a.mentions[0].span,)
    )
    signals = SourceSignals(6, 3, 0.1, 1, 1, 33.3)
    return Story(
        id=content_id(*sorted([a.id, b.id]), prefix="s"),
        title=f"Canal blocked {XSS}",
        article_ids=(a.id, b.id),
        entities=(person,),
        facts=(shared, waiting),
        quotes=(*a.quotes, *b.quotes),
        timeline=(TimelineEntry("2021-03-28", ev_a.text, (a.id, b.id), "f2"),),
        sources=(
            SourceProfile(a.id, f"Wire {XSS}", signals, ("f2",)),
            SourceProfile(b.id, "Herald", signals, ()),
        ),
        first_published="2021-03-23",
        last_published="2021-03-24",
        key_entities=(f"Rabie {XSS}",),
        ranking=(RankedArticle(b.id, 0.9), RankedArticle(a.id, 0.5)),
    )


def write_story_store(db: Path, docs: list[Doc], story: Story) -> str:
    """Write docs and their story into store `db` as ingest would; return the story key."""
    now = datetime(2024, 1, 2, 3, 4, 5)
    key = story.id
    with Writer(db) as writer:
        with writer.window() as con:
            records = [InputRecord(d.article.path or "-", "ingested", None, d.id) for d in docs]
            record_inputs(con, records, "r1", now)
            placement = {d.id: (key, i) for i, d in enumerate(docs)}
            save_docs(con, docs, placement, "r1", now)
        with writer.window() as con:
            inputs = [InputRecord(d.article.path or "-", "ingested", None, d.id) for d in docs]
            save_story(con, StoryWrite(key, story, {d.id: d.article for d in docs}, inputs), now)
        refresh_search_index(writer)
    return key


def write_articles(folder: Path, count: int, *, start: int = 0, topic: str = "buses") -> list[str]:
    """Write `count` distinct plain-text reports of one event per topic; return their paths.

    Articles of one topic report the same event (a story to the clusterer); "buses" and any
    other topic are different events in different words.
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"{topic}-{i:04d}.txt"
        if topic == "buses":
            text = (
                f"Riverton council buys 40 buses, report {i}\n\n"
                "The council of Riverton voted on Tuesday to spend $12 million on 40 new buses, "
                "the mayor, Jane Doe, said. The first buses will arrive in the spring, and the "
                f"old fleet will be retired by the end of next year. Resident number {i} said "
                f"she welcomed the plan but worried about the cost, {i + 3} days after the vote."
            )
        else:
            text = (
                f"Flooding closes {topic} depot in Lakeside, update {i}\n\n"
                f"Heavy rain flooded the {topic} depot in Lakeside overnight, and engineers "
                f"from Harbor Rail pumped water out of the tunnels until dawn. Services on the "
                f"{topic} network stay suspended, operator spokesman Omar Reyes told reporters. "
                f"Commuter number {i} waited {i + 20} minutes for a replacement shuttle."
            )
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths
