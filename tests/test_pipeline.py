"""Stages are registered by versioned name; the pipeline checks what each needs."""

from __future__ import annotations

import pickle

import pytest

from storyline.errors import PipelineError
from storyline.model import Doc
from storyline.pipeline import DEFAULT_STAGES, build_pipeline, registered_stages, stage
from tests.conftest import make_article


def test_default_pipeline_builds_in_order() -> None:
    assert build_pipeline().names == DEFAULT_STAGES


def test_unknown_stage_is_a_clear_error() -> None:
    with pytest.raises(PipelineError, match=r"unknown stage 'nope\.v1'"):
        build_pipeline(["language.v1", "nope.v1"])


def test_missing_requirement_is_reported() -> None:
    with pytest.raises(PipelineError, match=r"'quotes\.v1' needs mentions, sentences, tokens"):
        build_pipeline(["quotes.v1"])


def test_every_stage_is_versioned_and_declares_what_it_adds() -> None:
    for name, st in registered_stages().items():
        assert name.rsplit(".", 1)[-1].startswith("v"), name
        assert st.provides, name


def test_pipeline_records_stage_names_and_pickles() -> None:
    @stage("test_upper.v1", requires=["text"], provides=["upper"])
    def shout(doc: Doc) -> Doc:
        return doc

    pipe = build_pipeline(["test_upper.v1"])
    doc = pipe(Doc(article=make_article("some words here")))
    assert doc.stages == ("test_upper.v1",)
    assert pickle.loads(pickle.dumps(build_pipeline())).names == DEFAULT_STAGES


def test_registering_a_different_function_under_a_taken_name_fails() -> None:
    with pytest.raises(PipelineError, match="registered twice"):
        stage("parse.v1")(lambda doc: doc)
