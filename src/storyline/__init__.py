"""storyline: turn news articles about one event into a verified, source-attributed brief.

>>> from storyline import make_brief, sample_paths, write_brief
>>> brief = make_brief(sample_paths())
>>> write_brief(brief, "brief/")
"""

from __future__ import annotations

import typing

from storyline import _lazy
from storyline.errors import InputError, ModelError, PipelineError, StorylineError
from storyline.model import (
    Article,
    Brief,
    Claim,
    Conflict,
    Doc,
    Entity,
    Evidence,
    Fact,
    Figure,
    InputRecord,
    Quote,
    SourceProfile,
    Span,
    Story,
    TimeExpr,
)

if typing.TYPE_CHECKING:
    from storyline.brief import make_brief, sample_paths
    from storyline.engines import Engine, LocalEngine, SerialEngine
    from storyline.pipeline import DEFAULT_STAGES, Pipeline, build_pipeline, stage
    from storyline.render import brief_to_dict, write_brief

__version__ = "0.1.0"

#: Names that load the pipeline (spaCy, the models) are imported on first use, so that
#: `import storyline` and `storyline --help` stay quick.
_LAZY = {
    "make_brief": "storyline.brief",
    "sample_paths": "storyline.brief",
    "Engine": "storyline.engines",
    "LocalEngine": "storyline.engines",
    "SerialEngine": "storyline.engines",
    "DEFAULT_STAGES": "storyline.pipeline",
    "Pipeline": "storyline.pipeline",
    "build_pipeline": "storyline.pipeline",
    "stage": "storyline.pipeline",
    "brief_to_dict": "storyline.render",
    "write_brief": "storyline.render",
}


__getattr__, __dir__ = _lazy.lazy_exports(__name__, _LAZY, globals())


__all__ = [
    "DEFAULT_STAGES",
    "Article",
    "Brief",
    "Claim",
    "Conflict",
    "Doc",
    "Engine",
    "Entity",
    "Evidence",
    "Fact",
    "Figure",
    "InputError",
    "InputRecord",
    "LocalEngine",
    "ModelError",
    "Pipeline",
    "PipelineError",
    "Quote",
    "SerialEngine",
    "SourceProfile",
    "Span",
    "Story",
    "StorylineError",
    "TimeExpr",
    "brief_to_dict",
    "build_pipeline",
    "make_brief",
    "sample_paths",
    "stage",
    "write_brief",
]
