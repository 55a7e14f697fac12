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

from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

Value = TypeVar("Value")
Thing = TypeVar("Thing")


class Memory(dict[Any, Any]):
    """Results of one kind from the last run. A run calls `begin`, takes over from the last
    run's results what it can, and stores what it uses; so the memory holds one run only."""

    inputs: Any = None
    """What all results of the last run were made with, besides their own input."""

    def begin(self, inputs: Any = None) -> dict[Any, Any]:
        """Start a run whose results are all made with `inputs`: return the last run's results
        (none if they were made with other inputs); from now on, only this run's are kept."""
        last = dict(self) if inputs == self.inputs else {}
        self.inputs = inputs
        self.clear()
        return last

    def of(self, thing: Thing, last: dict[Any, Any], make: Callable[[Thing], Value]) -> Value:
        """`make(thing)`, or the last run's result for that very object (an unchanged file
        gives the same object again). The object is kept with it, so its id stays its."""
        found = last.get(id(thing))
        if found is None or found[0] is not thing:
            found = (thing, make(thing))
        self[id(thing)] = found
        result: Value = found[1]
        return result


_memories: list[Memory] = []


def memory() -> Memory:
    """A new, empty store for one kind of result; `forget` empties it."""
    store = Memory()
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
        return tuple(items.items())
    return tuple((key, items.get(key)) for key in sorted(read))
