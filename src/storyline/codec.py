"""Turn the frozen records (a `Doc` and all it holds) into JSON and back, losslessly.

Used where docs leave a process as data rather than as pickles: Parquet shards of a run and
rows of a Ray dataset. Plain JSON, so a shard is readable by any tool (DuckDB reads it) and
loading one never runs code, unlike unpickling. A record is the list of its fields in
declaration order; fields are only ever added at the end, so old shards still load.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from storyline import model
from storyline.model import Doc

T = TypeVar("T")
Builder = Callable[[Any], Any]


def to_data(value: Any) -> Any:
    """Return a JSON-ready form of a record: dataclasses become lists of their fields."""
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    names = _names(type(value))  # type: ignore[arg-type]
    if names is None:
        return value
    return [to_data(getattr(value, name)) for name in names]


def from_data(cls: type[T], data: Any) -> T:
    """Rebuild a record of type `cls` from `to_data`'s output."""
    return typing.cast(T, _builder(cls)(data))  # type: ignore[arg-type]


def doc_to_json(doc: Doc) -> str:
    """Return a `Doc` as a compact JSON string."""
    return json.dumps(to_data(doc), ensure_ascii=False, separators=(",", ":"))


def doc_from_json(text: str) -> Doc:
    """Rebuild a `Doc` from `doc_to_json`'s output."""
    return from_data(Doc, json.loads(text))


@cache
def _names(cls: type) -> tuple[str, ...] | None:
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls))


def _identity(data: Any) -> Any:
    return data


@cache
def _builder(tp: Any) -> Builder:
    """Return a function that rebuilds values of type `tp` (made once per type)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = _builder(next(a for a in typing.get_args(tp) if a is not type(None)))
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _builder(args[0])
            if item is _identity:
                return tuple
            return lambda data: tuple(item(v) for v in data)
        parts = tuple(_builder(a) for a in args)
        return lambda data: tuple(b(v) for b, v in zip(parts, data, strict=True))
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _record_builder(tp)
    if tp is float:
        return float
    return _identity


def _record_builder(cls: type) -> Builder:
    hints = typing.get_type_hints(cls, vars(model))
    names = [f.name for f in dataclasses.fields(cls)]
    subs: list[Builder] = []  # filled on first use: records refer to ones declared later

    def build(data: Any) -> Any:
        if not subs:
            subs.extend(_builder(hints[n]) for n in names)
        # a shard written before a field was added lacks it: the dataclass default applies
        return cls(**{n: b(v) for n, b, v in zip(names, subs, data, strict=False)})

    return build
