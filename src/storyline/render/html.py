"""The brief as one self-contained HTML file (inline CSS, no scripts, no network fetches)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from storyline.model import Brief
from storyline.render.timeline import timeline_layout
from storyline.render.view import (
    STATUS_LABEL,
    coverage,
    outlet_names,
    single_source_by_source,
    slot_label,
)

_ENV = Environment(
    loader=PackageLoader("storyline", "render/templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.globals["timeline_layout"] = timeline_layout


def brief_to_html(brief: Brief) -> str:
    """Return the brief as a standalone HTML page; all article text is escaped."""
    articles = {a.id: a for a in brief.articles}
    names = {aid: name for s in brief.stories for aid, name in outlet_names(s, articles).items()}
    template = _ENV.get_template("brief.html.j2")
    return template.render(
        brief=brief,
        articles=articles,
        names=names,
        labels=STATUS_LABEL,
        coverage=coverage,
        slot_label=slot_label,
        single_source_by_source=single_source_by_source,
    )
