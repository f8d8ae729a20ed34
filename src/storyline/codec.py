"""Turn the frozen records (a `Doc` and all it holds) into JSON and back, losslessly.

Used where docs leave a process as data rather than as pickles: Parquet shards of a run and
rows of a Ray dataset. Plain JSON, so a shard is readable by any tool (DuckDB reads it) and
loading one never runs code, unlike unpickling.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, TypeVar

from storyline import model
from storyline.model import Doc

T = TypeVar("T")


def to_data(value: Any) -> Any:
    """Return a JSON-ready form of a record: dataclasses become lists of their fields."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # field order is the contract (fields are only ever added at the end)
        return [to_data(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    return value


def from_data(cls: type[T], data: Any) -> T:
    """Rebuild a record of type `cls` from `to_data`'s output."""
    return typing.cast(T, _build(cls, data))


def doc_to_json(doc: Doc) -> str:
    """Return a `Doc` as a compact JSON string."""
    return json.dumps(to_data(doc), ensure_ascii=False, separators=(",", ":"))


def doc_from_json(text: str) -> Doc:
    """Rebuild a `Doc` from `doc_to_json`'s output."""
    return from_data(Doc, json.loads(text))


@cache
def _hints(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    hints = typing.get_type_hints(cls, vars(model))
    return tuple(
        (f.name, hints[f.name], f.default is dataclasses.MISSING
         and f.default_factory is dataclasses.MISSING)
        for f in dataclasses.fields(cls)
    )  # fmt: skip


def _build(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(options[0], data)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], v) for v in data)
        return tuple(_build(a, v) for a, v in zip(args, data, strict=True))
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        fields = _hints(tp)
        # a shard written before a field was added lacks it: the dataclass default applies
        kwargs = {name: _build(hint, v) for (name, hint, _), v in zip(fields, data, strict=False)}
        return tp(**kwargs)
    if tp is float and isinstance(data, int):
        return float(data)
    return data
