"""The learned attribution tagger: its cues join the rule quotes as attributions, not speech."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import ModelError
from storyline.pipeline import DEFAULT_STAGES, build_pipeline
from storyline.stages.quotes import tagger
from storyline.stages.quotes.learned import add_attributions


@pytest.mark.parametrize(
    ("tags", "role", "runs"),
    [
        (["O", "B-CUE", "I-CUE", "O"], "CUE", [(1, 2)]),
        (["B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT"], "CONTENT", [(2, 3)]),
        (["I-CUE", "O", "B-CUE", "B-CUE"], "CUE", [(0, 0), (2, 2), (3, 3)]),
        (["O", "O"], "SOURCE", []),
    ],
)
def test_tag_runs_start_at_b_or_after_a_gap(tags, role, runs) -> None:  # type: ignore[no-untyped-def]
    assert tagger.spans(tags, role) == runs


def test_missing_model_file_says_how_to_get_it(tmp_path: Path) -> None:
    tagger.use_model(tmp_path / "nothing.crfsuite")
    try:
        with pytest.raises(ModelError, match="train_quotes"):
            tagger._tagger()
    finally:
        tagger.use_model(None)


def test_package_ships_the_model() -> None:
    assert tagger.model_path().is_file()


@pytest.mark.model
def test_tagger_finds_a_belief_cue_in_a_new_sentence(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = analyse("The harbour master believes the cranes will be repaired before winter.")
    assert doc.quotes == ()  # the rules take no belief
    [found] = add_attributions(doc).quotes
    assert found.cue == "believes"
    assert not found.speech  # a belief is attributed, but it is not a quote
    assert "cranes will be repaired" in found.text
    src = found.source_span
    assert src is not None and doc.article.text[src.start : src.end] == "The harbour master"


@pytest.mark.model
def test_rule_quotes_stay_speech_and_are_not_found_twice(analyse) -> None:  # type: ignore[no-untyped-def]
    doc = add_attributions(analyse('"The cranes are back," the harbour master told reporters.'))
    [quote] = doc.quotes
    assert quote.speech and quote.cue == "told"


def test_brief_stages_leave_the_tagger_out() -> None:
    assert "attributions.v1" not in DEFAULT_STAGES
    assert build_pipeline([*DEFAULT_STAGES, "attributions.v1"]).names[-1] == "attributions.v1"
