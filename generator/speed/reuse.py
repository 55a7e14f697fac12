"""What a rebuild takes over from the last build, so that `mkdocs serve` after a save makes
again only what the change touched.

All of it is one `LastBuild`, made and kept by the caller and handed to `build_pages`: the
MkDocs plugin keeps one under `mkdocs serve`; a single build or `generate` hands in none, which
is a build from nothing. The stages keep nothing. Each takes its step for one item (parse a
file, validate a document, encode a model, …) as a parameter, and `generator.build` hands in
that very step, wrapped so that an input the last build met gives the last build's result.

A result is kept with the inputs it was made from and reused while they compare equal. The
inputs are the validated models themselves: an unchanged file yields the very same model
object (the parsed file and its validation are taken over), and `==` on tuples of the same
objects is an identity check, so comparing costs next to nothing. What a page reads of the
meeting points and of the published files is noted by `Tracked` while it renders, so a meeting
point's page depends on the meeting points it names, not on all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
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

    def reusing(
        self, make: Callable[[Thing], Value], inputs: Any = None
    ) -> Callable[[Thing], Value]:
        """`make`, for a run begun now with `inputs` (see `begin`): for a thing the last run met,
        the last run's result."""
        last = self.begin(inputs)
        return lambda thing: self.of(thing, last, make)


@dataclass
class LastBuild:
    """What the last build made, for the next build to take over; a new one holds nothing."""

    files: Memory = field(default_factory=Memory)
    """Each content file parsed, `(Document or None, Problem or None)`, by its path and bytes."""
    documents: Memory = field(default_factory=Memory)
    """Each document validated, `(model or None, problems)`, by the document object."""
    cited: Memory = field(default_factory=Memory)
    """The sources each model cites (for the editors' advice), by the model object."""
    json: Memory = field(default_factory=Memory)
    """Each model's `Encoded` JSON (for `alle-inhalte.json`), by the model object."""
    hsds: Memory = field(default_factory=Memory)
    """Each meeting point's HSDS records as `Encoded` JSON, by the meeting point object."""
    point_files: Memory = field(default_factory=Memory)
    """Each meeting point's files (JSON twin, hours, calendar, QR code), by its id."""
    pages: Memory = field(default_factory=Memory)
    """Each page's text, with what it was made from and what it read, by its path."""
    site_wide: Memory = field(default_factory=Memory)
    """Results made from all the content, with their inputs, by name."""


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
