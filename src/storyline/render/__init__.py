"""Writers for the brief: JSON (the contract), Markdown and self-contained HTML."""

from __future__ import annotations

from pathlib import Path

from storyline.model import Brief
from storyline.render.html import brief_to_html
from storyline.render.json import brief_to_dict, brief_to_json
from storyline.render.markdown import brief_to_markdown


def write_brief(brief: Brief, out_dir: str | Path) -> list[Path]:
    """Write brief.json, brief.md and brief.html into `out_dir`; return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, render in (
        ("brief.json", brief_to_json),
        ("brief.md", brief_to_markdown),
        ("brief.html", brief_to_html),
    ):
        path = out / name
        path.write_text(render(brief), encoding="utf-8")
        written.append(path)
    return written


__all__ = ["brief_to_dict", "brief_to_html", "brief_to_json", "brief_to_markdown", "write_brief"]
