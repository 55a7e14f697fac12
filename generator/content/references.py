"""Cross-references, part of validation: ids are unique, references point to existing ids.

Fields are marked in the model with `Defines(kind)` or `Ref(kind)`; this module walks any
model for those marks, so a new kind of reference needs no code here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from generator.content.field_types import Defines, Ref
from generator.content.load import Document, Loc
from generator.content.messages import did_you_mean
from generator.content.model import Evaluation, ParliamentaryItem
from generator.content.model.evaluation import Withdrawn
from generator.content.model.parliament import WithdrawnCommitment
from generator.content.problems import Problem, format_key

KIND_NAMES = {
    "meeting_point": "Treffpunkt",
    "evaluation": "Untersuchung",
    "parliamentary_item": "parlamentarischer Vorgang",
    "finding": "Befund",
    "recommendation": "Empfehlung",
    "commitment": "Zusage",
    "source": "Quelle",
    "municipality": "Gemeinde",
    "target_group": "Zielgruppe",
    "theme": "Thema",
    "withdrawn": "zurückgezogener Eintrag",
}


@dataclass(frozen=True)
class Entry:
    """One valid content file: its document, its model, and the item it defines, if any."""

    document: Document
    model: BaseModel
    item: tuple[str, str] | None
    """`(kind, id)` of a file that is one item, e.g. `("meeting_point", "ephata")`."""
    ids: tuple[tuple[Loc, Ref | Defines, str], ...]
    """What `walk_ids` finds in the model; kept with it, as the model does not change."""

    @classmethod
    def of(cls, document: Document, model: BaseModel, item: tuple[str, str] | None) -> Entry:
        return cls(document, model, item, tuple(walk_ids(model, type(model), [], ())))


def inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = inner_model(arg)
        if found:
            return found
    return None


def walk_ids(
    value: Any, annotation: Any, metadata: list[Any], loc: Loc
) -> Iterator[tuple[Loc, Ref | Defines, str]]:
    """Yield every id definition and reference in a model, with its location."""
    if get_origin(annotation) is not None and get_origin(annotation).__name__ == "Annotated":
        inner, *extra = get_args(annotation)
        yield from walk_ids(value, inner, metadata + extra, loc)
        return
    markers = [m for m in metadata if isinstance(m, (Ref, Defines))]
    if markers and isinstance(value, str):
        yield loc, markers[0], value
    elif isinstance(value, BaseModel):
        for name, field_annotation, field_metadata in _fields_with_ids(type(value)):
            yield from walk_ids(
                getattr(value, name), field_annotation, list(field_metadata), (*loc, name)
            )
    elif isinstance(value, list):
        (item_type,) = get_args(annotation) or (Any,)
        if item_type is not Any and not _items_may_hold_ids(item_type):
            return
        for index, item in enumerate(value):
            yield from walk_ids(item, item_type, [], (*loc, index))
    elif get_origin(annotation) in (Union, type(int | None)):
        for arg in get_args(annotation):
            if _matches(value, arg):
                yield from walk_ids(value, arg, metadata, loc)
                return


@cache
def _fields_with_ids(model: type[BaseModel]) -> tuple[tuple[str, Any, tuple[Any, ...]], ...]:
    """The fields of `model` that may hold an id: the only ones `walk_ids` needs to visit."""
    return tuple(
        (name, field.annotation, tuple(field.metadata))
        for name, field in model.model_fields.items()
        if _may_hold_ids(field.annotation, tuple(field.metadata), frozenset({model}))
    )


@cache
def _items_may_hold_ids(item_type: Any) -> bool:
    return _may_hold_ids(item_type, (), frozenset())


def _may_hold_ids(annotation: Any, metadata: tuple[Any, ...], seen: frozenset[type]) -> bool:
    if any(isinstance(m, (Ref, Defines)) for m in metadata):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return False  # a model within itself: its fields are being looked at already
        return any(
            _may_hold_ids(field.annotation, tuple(field.metadata), seen | {annotation})
            for field in annotation.model_fields.values()
        )
    extra = getattr(annotation, "__metadata__", ())
    return any(_may_hold_ids(arg, tuple(extra), seen) for arg in get_args(annotation))


def _matches(value: Any, annotation: Any) -> bool:
    base = (
        get_args(annotation)[0]
        if get_origin(annotation) is not None and get_args(annotation)
        else annotation
    )
    base = get_origin(base) or base
    return isinstance(base, type) and isinstance(value, base)


def check_ids(entries: list[Entry], unsure: set[str]) -> list[Problem]:
    """Return duplicate ids and references to ids that do not exist.

    Kinds in `unsure` come from files that could not be read; their ids are not reported
    missing again."""
    defined: dict[tuple[str, str], tuple[Document, Loc]] = {}
    references: list[tuple[Document, Loc, str, str]] = []
    problems: list[Problem] = []
    for entry in entries:
        if entry.item is not None:
            defined[entry.item] = (entry.document, ())
        for loc, marker, value in entry.ids:
            if isinstance(marker, Ref):
                references.append((entry.document, loc, marker.kind, value))
            elif (marker.kind, value) in defined:
                first, first_loc = defined[(marker.kind, value)]
                where = "{}:{}:{}".format(first.path, *first.position(first_loc))
                problems.append(
                    _problem(entry.document, loc, f"Kennung '{value}' gibt es schon ({where})")
                )
            else:
                defined[(marker.kind, value)] = (entry.document, loc)
    for document, loc, kind, value in references:
        if (kind, value) not in defined and kind not in unsure:
            known = [item for k, item in defined if k == kind]
            message = f"unbekannte Kennung '{value}' ({KIND_NAMES[kind]})" + did_you_mean(
                value, known
            )
            problems.append(_problem(document, loc, message))
    return problems + _check_withdrawn(entries, defined)


def defined_kinds(model: type[BaseModel]) -> set[str]:
    """Return the kinds of id that a file following `model` defines."""
    kinds: set[str] = set()
    for field in model.model_fields.values():
        kinds |= {marker.kind for marker in field.metadata if isinstance(marker, Defines)}
        inner = inner_model(field.annotation)
        kinds |= defined_kinds(inner) if inner else set()
    return kinds


def _problem(document: Document, loc: Loc, message: str) -> Problem:
    return Problem(document.path, *document.position(loc), format_key(loc), message)


def _check_withdrawn(
    entries: list[Entry], defined: dict[tuple[str, str], tuple[Document, Loc]]
) -> list[Problem]:
    """A withdrawn id must not be in use again; what it merged into must exist."""
    problems = []
    for entry in entries:
        gone_list: list[tuple[Withdrawn | WithdrawnCommitment, str]]
        if isinstance(entry.model, Evaluation):
            gone_list = [(gone, gone.kind) for gone in entry.model.withdrawn]
        elif isinstance(entry.model, ParliamentaryItem):
            gone_list = [(gone, "commitment") for gone in entry.model.withdrawn]
        else:
            continue
        for index, (gone, kind) in enumerate(gone_list):
            loc: Loc = ("withdrawn", index)
            name = KIND_NAMES[kind]
            if (kind, gone.id) in defined:
                message = f"Kennung '{gone.id}' ist zurückgezogen, aber noch als {name} vergeben"
                problems.append(_problem(entry.document, (*loc, "id"), message))
            if gone.merged_into and (kind, gone.merged_into) not in defined:
                message = f"unbekannte Kennung '{gone.merged_into}' ({name})"
                problems.append(_problem(entry.document, (*loc, "merged_into"), message))
    return problems
