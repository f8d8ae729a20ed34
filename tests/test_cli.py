"""The CLI: no arguments runs the sample; bad input gives one clear line and a non-zero exit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main


@pytest.mark.model
def test_brief_without_arguments_runs_the_sample(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["brief", "--out", str(tmp_path / "b"), "--processes", "1"])
    assert result.exit_code == 0, result.output
    assert "bundled sample" in result.output
    assert "8 articles used" in result.output
    assert "conflicting" in result.output
    data = json.loads((tmp_path / "b" / "brief.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 8


def test_nothing_usable_exits_non_zero_with_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = CliRunner().invoke(
        main, ["brief", str(empty), "/no/such/file", "--out", str(tmp_path / "b")]
    )
    assert result.exit_code == 1
    assert "Error: no usable article" in result.output
    assert "empty" in result.output and "not found" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "b").exists()


@pytest.mark.model
def test_bad_file_beside_good_ones_does_not_stop_the_run(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00oops")
    (tmp_path / "in" / "ok.txt").write_text(
        "Council buys buses\n\nThe council of Springfield voted on Tuesday to spend $4 million "
        "on 12 new electric buses, the mayor said. The first buses will arrive in the spring, "
        "and the old diesel fleet will be retired by the end of next year.",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["brief", str(tmp_path / "in"), "--out", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert "1 skipped" in result.output
    assert "corrupt gzip" in result.output


def test_every_command_help_ends_with_an_example() -> None:
    for name, command in main.commands.items():
        help_text = command.help or ""
        assert help_text.strip().splitlines()[-1].strip().startswith("Example: storyline"), name


@pytest.mark.model
def test_events_prints_plover_records(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Iran threatens Azerbaijan\n\nIran threatened on Tuesday to cut off electricity to "
        "Azerbaijan over unpaid bills, the official news agency reported. The dispute over "
        "payments has lasted for several months, and talks between the two governments "
        "ended without agreement last week, officials in Baku said on Wednesday.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["events", str(story), "--processes", "1"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    threat = next(r for r in records if r["event"] == "THREATEN")
    assert threat["source"][0]["code"] == "IRN"
    assert threat["target"][0]["code"] == "AZE"
    table = CliRunner().invoke(main, ["events", str(story), "--format", "table"])
    assert table.exit_code == 0 and table.output.startswith("event\t")


@pytest.mark.model
def test_run_with_attributions_keeps_beliefs_apart_from_speech(tmp_path: Path) -> None:
    from storyline.run import iter_docs

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Harbour plan divides council\n\nThe mayor believes the new harbour will bring "
        'hundreds of jobs to the town. "We will start in May," said Ana Ruiz, the '
        "council's planning chief, on Tuesday. Critics want the vote delayed until autumn.",
        encoding="utf-8",
    )
    runs = {}
    for flag in ([], ["--attributions"]):
        out = tmp_path / ("with" if flag else "without")
        args = ["run", str(tmp_path / "in"), "--out", str(out), "--no-stories", "-q"]
        result = CliRunner().invoke(main, [*args, "--processes", "1", *flag])
        assert result.exit_code == 0, result.output
        shards = sorted(str(p) for p in out.rglob("*.parquet"))
        [doc] = list(iter_docs(shards))
        runs[bool(flag)] = doc.quotes
    assert runs[False] and all(q.speech for q in runs[False])
    speech = [q for q in runs[True] if q.speech]
    assert [q.text for q in speech] == [q.text for q in runs[False]]
    beliefs = [q for q in runs[True] if not q.speech]
    assert beliefs, "the tagger found no belief or intention"
    assert any(q.cue and q.cue.startswith("believe") for q in beliefs)
