"""What a rebuild reuses from the last one, so that `mkdocs serve` after a save makes again
only what the change touched.

A result is kept with the inputs it was made from and reused while they compare equal. The
inputs are the validated models themselves: an unchanged file yields the very same model
object (see `load` and `validate`), and `==` on tuples of the same objects is an identity
check, so comparing costs next to nothing. What a page reads of the meeting points and of the
published files is noted by `Tracked` while it renders, so a meeting point's page depends on
the meeting points it names, not on all of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

Value = TypeVar("Value")
_memories: list[dict[Any, Any]] = []


def memory() -> dict[Any, Any]:
    """A new, empty store for one kind of result; `forget` empties it."""
    store: dict[Any, Any] = {}
    _memories.append(store)
    return store


def forget() -> None:
    """Empty every store, so that the next build makes everything again (for measurements)."""
    for store in _memories:
        store.clear()


class Tracked(Mapping[str, Value]):
    """A read-only view of `items` that notes which keys were read: `read` is None once all
    were (the view was iterated or counted)."""

    def __init__(self, items: Mapping[str, Value]) -> None:
        self._items = items
        self.read: set[str] | None = set()

    def __getitem__(self, key: str) -> Value:
        self._note(key)
        return self._items[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self._note(key)
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        self.read = None
        return iter(self._items)

    def __len__(self) -> int:
        self.read = None
        return len(self._items)

    def _note(self, key: str) -> None:
        if self.read is not None:
            self.read.add(key)


def snapshot(items: Mapping[str, Any], read: set[str] | None) -> tuple[Any, ...]:
    """The part of `items` that `read` names (all of it for None), to compare with a later one."""
    if read is None:
        return (None, tuple(items.items()))
    return (frozenset(read), tuple((key, items.get(key)) for key in sorted(read)))


def read_keys(taken: tuple[Any, ...]) -> set[str] | None:
    """The keys a `snapshot` was taken of (None: all)."""
    return None if taken[0] is None else set(taken[0])
