"""Writers: HTML is self-contained and escapes article text; Markdown neutralises markup."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from storyline.model import (
    Brief,
    Entity,
    Evidence,
    Fact,
    InputRecord,
    Quote,
    SourceProfile,
    SourceSignals,
    Span,
    Story,
)
from storyline.render import brief_to_html, brief_to_markdown, write_brief
from tests.conftest import make_article

HOSTILE = (
    '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>'
)


def hostile_brief() -> Brief:
    text = f"The mayor said {HOSTILE} on Monday and left the city hall."
    art = make_article(text, title=f"Headline {HOSTILE}", source=f"Outlet {HOSTILE}")
    span = Span(art.id, 0, len(text))
    signals = SourceSignals(12, 1, 0.0, 1, 0, 100.0)
    story = Story(
        id="s1",
        title=art.title,
        article_ids=(art.id,),
        entities=(Entity("e1", f"Mayor {HOSTILE}", "PERSON", (HOSTILE,), (art.id,), (span,)),),
        facts=(Fact("f1", text, "single-source", (art.id,), 1, (Evidence(span, text),)),),
        quotes=(Quote(span, HOSTILE, HOSTILE, None, "said", True),),
        sources=(SourceProfile(art.id, art.source or "", signals, ("f1",)),),
    )
    return Brief((InputRecord(f"in/{HOSTILE}.txt", "ingested", None, art.id),), (art,), (story,))


class _Elements(HTMLParser):
    """Collect the tags and attributes a browser would build from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_html_escapes_untrusted_text_everywhere() -> None:
    page = brief_to_html(hostile_brief())
    parser = _Elements()
    parser.feed(page)
    tags = [tag for tag, _ in parser.tags]
    assert "script" not in tags and "img" not in tags
    attrs = [(name, value or "") for _, pairs in parser.tags for name, value in pairs]
    assert not [name for name, _ in attrs if name.startswith("on")]
    assert not [v for name, v in attrs if name == "href" and not v.startswith("#")]
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5


def test_html_is_self_contained() -> None:
    page = brief_to_html(hostile_brief())
    refs = re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', page)
    assert refs, "the page links its own sections"
    assert all(ref.startswith("#") for ref in refs), refs
    assert "@import" not in page and "url(" not in page


def test_markdown_neutralises_html() -> None:
    md = brief_to_markdown(hostile_brief())
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script>" in md


@pytest.mark.model
def test_write_brief_writes_three_files(sample_brief: Brief, tmp_path: Path) -> None:
    paths = write_brief(sample_brief, tmp_path / "out")
    assert sorted(p.name for p in paths) == ["brief.html", "brief.json", "brief.md"]
    html = (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")
    assert "369" in html and "450" in html
    assert "Conflicts" in html
    md = (tmp_path / "out" / "brief.md").read_text(encoding="utf-8")
    assert "### Single-source facts" in md


def two_story_brief() -> Brief:
    one = make_article(
        "The council voted for new buses on Tuesday, the mayor said.", published="2022-05-10"
    )
    two = make_article(f"A warehouse burned down overnight {HOSTILE}.", title=f"Fire {HOSTILE}")
    inputs = (
        InputRecord("one.txt", "ingested", None, one.id),
        InputRecord("two.txt", "ingested", None, two.id),
        InputRecord("two-again.txt", "duplicate", "same content as an earlier input", two.id),
    )
    stories = (
        Story(
            "s1",
            "Council buys buses",
            (one.id,),
            first_published="2022-05-10",
            last_published="2022-05-10",
            key_entities=("Springfield",),
        ),
        Story("s2", two.title, (two.id,)),
    )
    return Brief(inputs, (one, two), stories)


def test_several_stories_get_an_index_and_a_folder_each(tmp_path: Path) -> None:
    written = write_brief(two_story_brief(), tmp_path)
    assert [p.name for p in written[:3]] == ["brief.json", "brief.md", "brief.html"]
    folders = sorted(p.name for p in (tmp_path / "stories").iterdir())
    assert folders == ["01-council-buys-buses", "02-fire-script-alert-1-script-img-src-x"]
    index_html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert (
        "<script>" not in index_html
        and 'href="stories/01-council-buys-buses/brief.html"' in index_html
    )
    index_md = (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert "2022-05-10" in index_md and "undated" in index_md and "Springfield" in index_md
    second = (tmp_path / "stories" / folders[1] / "brief.json").read_text(encoding="utf-8")
    assert "two-again.txt" in second and "one.txt" not in second


def test_stale_story_folders_go_but_other_files_stay(tmp_path: Path) -> None:
    write_brief(two_story_brief(), tmp_path)
    mine = tmp_path / "stories" / "01-council-buys-buses" / "notes.txt"
    mine.write_text("keep me", encoding="utf-8")
    brief = two_story_brief()
    write_brief(Brief(brief.inputs, brief.articles, brief.stories[:1]), tmp_path)
    assert mine.is_file()
    assert not (tmp_path / "stories" / "02-fire-script-alert-1-script-img-src-x").exists()
    assert not (mine.parent / "brief.json").exists()


def test_markdown_quotes_give_the_words_of_a_speaker_left_unnamed() -> None:
    text = "Traffic was suspended, canal officials said. The ship, it said, is stuck."
    art = make_article(text)
    who = Span(art.id, text.index("canal"), text.index(" said"))
    quotes = (
        Quote(Span(art.id, 0, 21), "Traffic was suspended", None, None, "said", False, who),
        Quote(Span(art.id, 45, 67), "The ship is stuck", None, None, "said", True),
    )
    profile = SourceProfile(art.id, "Wire", SourceSignals(14, 1, 0.0, 1, 0, 100.0), ())
    story = Story(
        id="s1", title=art.title, article_ids=(art.id,), quotes=quotes, sources=(profile,)
    )
    md = brief_to_markdown(Brief((), (art,), (story,)))
    unnamed = "- speaker not named (as written: “canal officials”), reported speech (“said”): "
    assert unnamed + "Traffic was suspended (Wire)" in md
    assert "- speaker not named: “The ship is stuck” (Wire)" in md


def test_markdown_gives_every_piece_of_a_split_quote() -> None:
    text = "North Korea held a test, which Pyongyang said was a success."
    art = make_article(text)
    which = Span(art.id, text.index("which"), text.index("which") + 5)
    rest = Span(art.id, text.index("was a"), len(text) - 1)
    quote = Quote(which, "which", "Pyongyang", None, "said", False, parts=(which, rest))
    profile = SourceProfile(art.id, "Wire", SourceSignals(11, 1, 0.0, 1, 0, 100.0), ())
    story = Story(id="s1", title=art.title, article_ids=(art.id,), quotes=(quote,),
                  sources=(profile,))  # fmt: skip
    md = brief_to_markdown(Brief((), (art,), (story,)))
    assert "- Pyongyang, reported speech (“said”): which … was a success (Wire)" in md
