"""The index of a brief with several stories, and where each story's own brief goes.

Layout (see docs/cli.md): with one story, `OUT/brief.{html,md,json}` is the brief. With
several, `OUT/brief.json` still holds everything, `OUT/brief.html` and `OUT/brief.md` are the
index, and each story's brief is in `OUT/stories/NN-slug/brief.{html,md,json}`, numbered in
the brief's story order (biggest story first).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from jinja2 import Environment, PackageLoader, select_autoescape

from storyline.model import Brief, Story

STORIES_DIR = "stories"
_SLUG_WORDS = 8

_ENV = Environment(
    loader=PackageLoader("storyline", "render/templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def slug(text: str, limit: int = _SLUG_WORDS) -> str:
    """Return a short ASCII file name for a headline."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower())[:limit]
    return "-".join(words) or "story"


def story_folders(stories: Sequence[Story]) -> list[str]:
    """Return each story's folder, relative to the output folder, in story order."""
    width = max(2, len(str(len(stories))))
    return [f"{STORIES_DIR}/{i:0{width}d}-{slug(s.title)}" for i, s in enumerate(stories, start=1)]


def span_label(story: Story) -> str:
    """Return a story's time span as text: one date, a range, or "undated"."""
    first, last = story.first_published, story.last_published
    if not first:
        return "undated"
    return first if first == last else f"{first} to {last}"


def independent_sources(story: Story) -> int:
    """Count a story's articles that are not copies of another."""
    return sum(1 for p in story.sources if p.signals.copy_of is None)


def index_to_markdown(brief: Brief, folders: Sequence[str]) -> str:
    """Return the index of a several-story brief as Markdown."""
    lines = [
        "# storyline brief",
        "",
        f"{len(brief.stories)} stories from {len(brief.articles)} articles. "
        "Each story's brief is linked below; `brief.json` holds them all.",
        "",
        "| # | story | dates | articles | independent | key entities |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for i, (story, folder) in enumerate(zip(brief.stories, folders, strict=True), start=1):
        lines.append(
            f"| {i} | [{_esc(story.title)}]({folder}/brief.md) | {span_label(story)} "
            f"| {len(story.article_ids)} | {independent_sources(story)} "
            f"| {_esc(', '.join(story.key_entities))} |"
        )
    lines += ["", "## Inputs", "", "| input | status | reason |", "| --- | --- | --- |"]
    lines += [f"| {_esc(r.path)} | {r.status} | {_esc(r.reason or '')} |" for r in brief.inputs]
    return "\n".join(lines) + "\n"


def index_to_html(brief: Brief, folders: Sequence[str]) -> str:
    """Return the index of a several-story brief as a standalone HTML page."""
    rows = [
        {
            "story": story,
            "href": f"{folder}/brief.html",
            "span": span_label(story),
            "independent": independent_sources(story),
        }
        for story, folder in zip(brief.stories, folders, strict=True)
    ]
    return _ENV.get_template("index.html.j2").render(brief=brief, rows=rows)


def _esc(text: str) -> str:
    """Neutralise Markdown and HTML in untrusted article text."""
    return (
        text.replace("\\", "\\\\")
        .replace("<", "&lt;")
        .replace("|", "\\|")
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace("\n", " ")
    )
