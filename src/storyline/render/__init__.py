"""Writers for the brief: JSON (the contract), Markdown and self-contained HTML.

One story: `OUT/brief.{json,md,html}`. Several: `OUT/brief.json` holds them all,
`OUT/brief.{md,html}` is the index, and each story's own brief is in
`OUT/stories/NN-slug/brief.{json,md,html}` (see `render/index.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storyline.brief import story_brief
from storyline.model import Brief
from storyline.render.html import brief_to_html
from storyline.render.index import (
    STORIES_DIR,
    index_to_html,
    index_to_markdown,
    story_folders,
)
from storyline.render.json import brief_to_dict, brief_to_json
from storyline.render.markdown import brief_to_markdown

_FILES = ("brief.json", "brief.md", "brief.html")


def write_brief(brief: Brief, out_dir: str | Path) -> list[Path]:
    """Write the brief into `out_dir` (one story: the brief; several: an index and one
    brief per story); return the paths written, the top-level files first."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _clear_story_folders(out)
    if len(brief.stories) <= 1:
        return _write_one(brief, out)
    folders = story_folders(brief.stories)
    written = _write(
        out,
        {
            "brief.json": lambda: brief_to_json(brief),
            "brief.md": lambda: index_to_markdown(brief, folders),
            "brief.html": lambda: index_to_html(brief, folders),
        },
    )
    for story, folder in zip(brief.stories, folders, strict=True):
        written += _write_one(story_brief(brief, story), out / folder)
    return written


def _write_one(brief: Brief, out: Path) -> list[Path]:
    return _write(
        out,
        {
            "brief.json": lambda: brief_to_json(brief),
            "brief.md": lambda: brief_to_markdown(brief),
            "brief.html": lambda: brief_to_html(brief),
        },
    )


def _write(out: Path, renders: dict[str, Callable[[], str]]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, render in renders.items():
        path = out / name
        path.write_text(render(), encoding="utf-8")
        written.append(path)
    return written


def _clear_story_folders(out: Path) -> None:
    """Remove the per-story briefs an earlier run wrote, so no stale story survives.

    Only our own file names are removed, and a folder only once it is empty.
    """
    stories = out / STORIES_DIR
    if not stories.is_dir():
        return
    for folder in stories.iterdir():
        if not folder.is_dir():
            continue
        for name in _FILES:
            (folder / name).unlink(missing_ok=True)
        if not any(folder.iterdir()):
            folder.rmdir()
    if not any(stories.iterdir()):
        stories.rmdir()


__all__ = ["brief_to_dict", "brief_to_html", "brief_to_json", "brief_to_markdown", "write_brief"]
