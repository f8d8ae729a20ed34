"""Exceptions a user can cause, each with a message that says what to do.

StorylineError
├── PipelineError      a pipeline was built from unknown or mis-ordered stages
├── InputError         nothing usable could be read from the inputs
└── ModelError         the language model or the attribution tagger's model is missing
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class for errors the CLI reports as one line, without a traceback."""


class PipelineError(StorylineError):
    """A pipeline names a stage that is unknown or whose requirements are not met."""


class InputError(StorylineError):
    """No input produced a usable article."""


class ModelError(StorylineError):
    """The spaCy model or the attribution tagger's model file could not be loaded."""
