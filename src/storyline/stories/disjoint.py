"""Disjoint sets (union-find): the grouping every corpus step needs, written once."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class DisjointSets(Generic[T]):
    """Group items by repeated unions; `find` returns the item that stands for a group."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._parent: dict[T, T] = {item: item for item in items}

    def find(self, item: T) -> T:
        """Return the group's representative, pointing the path straight at it."""
        root = self._parent.setdefault(item, item)
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[item] != root:
            self._parent[item], item = root, self._parent[item]
        return root

    def union(self, a: T, b: T) -> None:
        """Put `b`'s group into `a`'s (so `a`'s representative stays)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[rb] = ra

    def groups(self) -> dict[T, list[T]]:
        """Return the members of every group, keyed by representative, in insertion order."""
        out: dict[T, list[T]] = {}
        for item in list(self._parent):
            out.setdefault(self.find(item), []).append(item)
        return out
