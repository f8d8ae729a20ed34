"""A folder mixing several stories comes out as those stories, one brief each.

The articles in tests/fixtures/stories were written for this project: a council buying
buses and a warehouse fire (places, people and outlets made up), and a German report of the
Ever Given grounding that must join the bundled sample's Suez story.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.brief import make_brief, sample_paths
from storyline.cli import main
from storyline.engines import SerialEngine
from storyline.model import Brief

pytestmark = pytest.mark.model

FIXTURES = Path(__file__).parent / "fixtures" / "stories"


@pytest.fixture(scope="module")
def mixed() -> Brief:
    return make_brief([*sample_paths(), str(FIXTURES)], engine=SerialEngine())


def kind(path: str | None) -> str:
    name = Path(path or "").name
    return name.split("-")[0] if name.startswith(("bus", "fire")) else "suez"


def test_each_story_holds_exactly_its_articles(mixed: Brief) -> None:
    paths = {a.id: a.path for a in mixed.articles}
    found = sorted(sorted(kind(paths[a]) for a in s.article_ids) for s in mixed.stories)
    assert found == [["bus"] * 3, ["fire"] * 3, ["suez"] * 9]
    assert (
        mixed.stories[0].title == "Giant container ship runs aground in Suez Canal, halting traffic"
    )


def test_an_article_in_german_joins_its_story_through_names_numbers_and_dates(
    mixed: Brief,
) -> None:
    [german] = [a for a in mixed.articles if (a.path or "").endswith("suez-de.json")]
    assert german.language == "de"
    assert german.id in mixed.stories[0].article_ids  # the Suez story, not a story of its own


def test_stories_carry_span_key_entities_and_ranking(mixed: Brief) -> None:
    fire = next(s for s in mixed.stories if "Riverton" in " ".join(s.key_entities))
    assert (fire.first_published, fire.last_published) == ("2022-08-03", "2022-08-03")
    assert {"Riverton", "Marcus Hale"} <= set(fire.key_entities)
    assert sorted(r.article_id for r in fire.ranking) == sorted(fire.article_ids)
    suez = mixed.stories[0]
    copy = next(p for p in suez.sources if p.signals.copy_of)
    assert suez.ranking and copy.article_id in {r.article_id for r in suez.ranking}


def test_cli_writes_an_index_and_one_brief_per_story(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["brief", *sample_paths(), str(FIXTURES), "--out", str(out), "--processes", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "3 stories" in result.output and "3 story briefs" in result.output
    folders = sorted(p.name for p in (out / "stories").iterdir())
    assert len(folders) == 3 and folders[0].startswith("01-giant-container-ship")
    index = (out / "brief.md").read_text(encoding="utf-8")
    for folder in folders:
        assert f"stories/{folder}/brief.md" in index
        assert (out / "stories" / folder / "brief.html").is_file()
    whole = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    assert len(whole["stories"]) == 3 and len(whole["articles"]) == 15
    one = json.loads((out / "stories" / folders[1] / "brief.json").read_text(encoding="utf-8"))
    assert len(one["stories"]) == 1
    assert {a["id"] for a in one["articles"]} == set(one["stories"][0]["article_ids"])

    # A later run on one story goes back to the single-story layout, with no stale folders.
    CliRunner().invoke(main, ["brief", str(FIXTURES / "bus-1.json"), "--out", str(out)])
    assert not (out / "stories").exists()
    assert json.loads((out / "brief.json").read_text(encoding="utf-8"))["stories"][0]["title"]
