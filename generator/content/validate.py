"""Validate: documents → typed content, or every problem with its position.

Each file is checked against its model first; then ids and cross-references are checked
across the whole content, so that any page may link to any other.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.content.field_types import RESERVED_IDS, RESERVED_MESSAGE, SLUG_PATTERN, slugify
from generator.content.files import Listing, content_files
from generator.content.load import Document, Loc, Parse, load_documents
from generator.content.messages import describe_error, did_you_mean
from generator.content.model import (
    ROOT_MODELS,
    AccessibilityStatement,
    Content,
    Programme,
    Site,
    Source,
    SourceList,
    Vocabularies,
)
from generator.content.problems import ContentError, Problem, format_key
from generator.content.references import Entry, check_ids, defined_kinds, inner_model

ITEM_KINDS = {
    "meeting_points/": "meeting_point",
    "evaluations/": "evaluation",
    "parliament/": "parliamentary_item",
}
"""The folders of one item per file, and the kind of item."""
SOURCES = "sources/"
"""The folder of sources: any number of files, each a list; the file name is only a group."""
MOVED = {"sources.yaml": f"Quellen stehen im Ordner {SOURCES}: diese Datei dorthin verschieben"}
"""Files that moved, and where to, for an editor's branch made before the move."""


@dataclass(frozen=True)
class Validated:
    """One document that its model accepts."""

    key: str
    """Its entry in ROOT_MODELS: the file name, or the folder of an item."""
    item_id: str | None
    """The item's id (its file name), or None for a file of its own such as `site.yaml` and for
    a file of sources."""
    entry: Entry


Validate = Callable[[Document], tuple[Validated | None, list[Problem]]]
"""How one document is checked against its model: `validate_document`, or a step that reuses
its results."""


def read_content(
    content_dir: Path, *, parse: Parse | None = None, validate: Validate | None = None
) -> Content:
    """Return the validated content of `content_dir`, or raise ContentError with all problems;
    each file parsed by `parse` (see `load_documents`), each document checked by `validate`
    (see `validate_documents`)."""
    listing = content_files(content_dir)  # listed once, so loader and validator agree
    documents, problems = load_documents(content_dir, listing, parse=parse)
    content, more = validate_documents(documents, content_dir, listing, validate=validate)
    if problems or more or content is None:
        raise ContentError(problems + more)
    return content


def validate_documents(
    documents: list[Document],
    content_dir: Path,
    listing: Listing | None = None,
    *,
    validate: Validate | None = None,
) -> tuple[Content | None, list[Problem]]:
    """Return the typed content (None if any problem) and all problems found; `listing` is
    what `documents` were loaded from (by default `content_files(content_dir)`).

    Each document is checked against its model by `validate` (by default
    `validate_document`), then ids and cross-references across all of them."""
    problems: list[Problem] = []
    parsed: list[Validated] = []
    for document in documents:
        one, found = (validate or validate_document)(document)
        problems += found
        parsed += [one] if one else []
    files, refused = listing or content_files(content_dir)
    present = set(files) | set(refused)  # a refused name has its problem from the loader
    valid = {p.entry.document.rel for p in parsed}
    problems += _missing(content_dir, present | valid)
    failed = sorted(present - valid)
    unsure: set[str] = set()
    for rel in failed:
        key, _ = _classify(rel)
        if key is not None:
            unsure |= defined_kinds(ROOT_MODELS[key]) | (
                {ITEM_KINDS[key]} if key in ITEM_KINDS else set()
            )
    if not any(rel.startswith(SOURCES) for rel in valid):
        unsure |= defined_kinds(ROOT_MODELS[SOURCES])  # one problem, not one per citation
    problems += check_ids([entry.entry for entry in parsed], unsure)
    if problems or failed:
        return None, problems
    return _assemble(parsed), []


def _missing(content_dir: Path, present: set[str]) -> list[Problem]:
    """Return a problem for each file that must be there and is not, and for no sources."""
    problems = [
        Problem(str(content_dir / name), 1, 1, "", "Datei fehlt")
        for name in ROOT_MODELS
        if not name.endswith("/") and name not in present
    ]
    if not any(rel.startswith(SOURCES) for rel in present):
        expected = f"{SOURCES}<name>.yaml mit `sources:`"
        message = f"keine Quellen: Ordner fehlt oder ist leer; erwartet: {expected}"
        problems.append(Problem(str(content_dir / SOURCES.rstrip("/")), 1, 1, "", message))
    return problems


def validate_document(document: Document) -> tuple[Validated | None, list[Problem]]:
    """Return `document` checked against the model its name calls for, or its problems."""

    def problem(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(document.path, 1, 1, "", message)]

    key, name = _classify(document.rel)
    if key is None:
        if document.rel in MOVED:
            return problem(MOVED[document.rel])
        folders = f"Ordner: eine Datei je Eintrag, in {SOURCES} beliebig viele mit Quellen"
        expected = ", ".join(ROOT_MODELS) + f" ({folders})"
        return problem(f"unbekannte Datei; erwartet: {expected}")
    if name is not None and not re.match(SLUG_PATTERN, name):
        suggestion = slugify(name)
        hint = f"; Vorschlag: '{suggestion}.yaml'" if suggestion else ""
        message = f"Dateiname '{name}' ist keine gültige Kennung (nur a–z, 0–9, Bindestriche)"
        return problem(message + hint)
    if name in RESERVED_IDS:
        return problem(f"Dateiname '{name}': {RESERVED_MESSAGE}")
    item_id = name if key in ITEM_KINDS else None
    model = ROOT_MODELS[key]
    try:
        valid = model.model_validate(document.data)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        return None, [_problem_from_error(document, model, e) for e in errors]
    item = (ITEM_KINDS[key], item_id) if item_id else None
    return Validated(key, item_id, Entry.of(document, valid, item)), []


def _classify(rel: str) -> tuple[str | None, str | None]:
    if rel in ROOT_MODELS:
        return rel, None
    folder, _, name = rel.partition("/")
    if f"{folder}/" in ROOT_MODELS and name and "/" not in name:
        return f"{folder}/", name.removesuffix(".yaml")
    return None, None


def _problem_from_error(document: Document, model: type[BaseModel], error: Any) -> Problem:
    loc: Loc = tuple(error["loc"])
    if error["type"] == "extra_forbidden":
        line, column = document.position(loc, key=True)
        allowed = _fields_at(model, loc[:-1])
        message = "unbekanntes Feld" + did_you_mean(str(loc[-1]), allowed)
    elif error["type"] == "missing":
        line, column = document.position(loc[:-1])
        message = "Pflichtfeld fehlt"
    else:
        line, column = document.position(loc)
        message = describe_error(error)
    return Problem(document.path, line, column, format_key(loc), message)


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Return the field names allowed at `loc` inside `model`."""
    annotation: Any = model
    for part in loc:
        annotation = inner_model(annotation)
        if isinstance(part, str) and annotation is not None:
            annotation = annotation.model_fields[part].annotation
    found = inner_model(annotation)
    return list(found.model_fields) if found else []


def _assemble(parsed: list[Validated]) -> Content:
    singles = {p.key: p.entry.model for p in parsed if not p.key.endswith("/")}
    items: dict[str, dict[str, Any]] = {key: {} for key in ITEM_KINDS}
    files = {p.key: p.entry.document.rel for p in parsed if not p.key.endswith("/")}
    for p in sorted(parsed, key=lambda p: (p.key, p.item_id or "")):
        if p.item_id is not None:
            items[p.key][p.item_id] = p.entry.model
            files[f"{ITEM_KINDS[p.key]}/{p.item_id}"] = p.entry.document.rel
    sources, source_files = _sources(parsed)
    files[SOURCES] = min(p.entry.document.rel for p in parsed if p.key == SOURCES)
    files.update({f"source/{source_id}": rel for source_id, rel in source_files.items()})
    return Content(
        site=_typed(singles["site.yaml"], Site),
        programme=_typed(singles["programme.yaml"], Programme),
        accessibility=_typed(singles["accessibility.yaml"], AccessibilityStatement),
        vocabularies=_typed(singles["vocabularies.yaml"], Vocabularies),
        sources=sources,
        meeting_points=items["meeting_points/"],
        evaluations=items["evaluations/"],
        parliament=items["parliament/"],
        files=files,
        copies={p.entry.document.rel: p.entry.document.raw for p in parsed},
    )


def _sources(parsed: list[Validated]) -> tuple[dict[str, Source], dict[str, str]]:
    """Return every source by id, in the order of the files' names and within each file, and
    the file that lists each."""
    sources: dict[str, Source] = {}
    files: dict[str, str] = {}
    for p in sorted(parsed, key=lambda p: p.entry.document.rel):
        if p.key == SOURCES:
            for source in _typed(p.entry.model, SourceList).sources:
                sources[source.id] = source
                files[source.id] = p.entry.document.rel
    return sources, files


def _typed(model: BaseModel, cls: type[Any]) -> Any:
    assert isinstance(model, cls)
    return model
