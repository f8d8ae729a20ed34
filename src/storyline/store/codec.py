"""Turn the model's frozen dataclasses into plain JSON data and back, driven by type hints.

The store keeps every `Doc` and `Story` this way, so a field another change adds to the model
later is stored and reloaded without a schema change; a stored record that lacks a newer field
gets the field's default, and a field the model no longer has is ignored.
"""

from __future__ import annotations

import dataclasses
import json
import math
import types
import typing
import zlib
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """Return `value` as JSON-ready data: dataclasses become dicts, tuples become lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or infinity; a missing measurement reads as null
    return value


def from_plain(cls: type[T], data: Any) -> T:
    """Rebuild an instance of dataclass `cls` from what `to_plain` returned."""
    return typing.cast(T, _decode(cls, data))


def pack(value: Any) -> bytes:
    """Return a record as compressed JSON bytes, for a BLOB column."""
    text = json.dumps(to_plain(value), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 6)


def unpack(cls: type[T], blob: bytes) -> T:
    """Rebuild a record of type `cls` from `pack`'s bytes."""
    return from_plain(cls, json.loads(zlib.decompress(blob).decode("utf-8")))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(tp: Any, data: Any) -> Any:
    """Decode `data` as type `tp` (dataclass, tuple, list, dict, union, literal or scalar)."""
    if data is None:
        return None
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _decode_dataclass(tp, data)
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return _decode_union(get_args(tp), data)
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in data)
        return tuple(_decode(a, v) for a, v in zip(args, data, strict=True))
    if origin is list:
        return [_decode(get_args(tp)[0], v) for v in data]
    if origin is dict:
        key_tp, val_tp = get_args(tp)
        return {_decode(key_tp, k): _decode(val_tp, v) for k, v in data.items()}
    if origin is Literal:
        return data
    if tp is float and isinstance(data, int):
        return float(data)
    return data


def _decode_dataclass(cls: type, data: Any) -> Any:
    hints = _hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = _decode(hints[f.name], data[f.name])
    return cls(**kwargs)


def _decode_union(args: tuple[Any, ...], data: Any) -> Any:
    """Pick the union member that fits the JSON value (dataclass for dicts, else scalars)."""
    for arg in args:
        if isinstance(arg, type) and dataclasses.is_dataclass(arg) and isinstance(data, dict):
            return _decode(arg, data)
    for arg in args:
        if arg is type(None):
            continue
        if get_origin(arg) in (tuple, list) and isinstance(data, list):
            return _decode(arg, data)
        if isinstance(arg, type) and isinstance(data, arg):
            return data
        if arg is float and isinstance(data, int):
            return float(data)
    return data
