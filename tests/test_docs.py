"""The docs cover every CLI command and option, and every field of the brief JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest

from storyline.cli import main
from storyline.model import Brief
from storyline.render.json import brief_to_json

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_every_command_and_option_is_in_the_cli_reference() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"storyline {name}" in text, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert any(opt in text for opt in param.opts), f"{name} {param.opts}"


def field_names(value: Any, out: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, sub in value.items():
            out.add(key)
            field_names(sub, out)
    elif isinstance(value, list):
        for sub in value:
            field_names(sub, out)
    return out


@pytest.mark.model
def test_every_brief_field_is_in_the_schema_doc(sample_brief: Brief) -> None:
    text = (DOCS / "brief-schema.md").read_text(encoding="utf-8")
    names = field_names(json.loads(brief_to_json(sample_brief)), set())
    missing = sorted(n for n in names if f"`{n}`" not in text)
    assert not missing, f"undocumented brief fields: {missing}"
