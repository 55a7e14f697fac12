"""Load: read content/**/*.yaml as untrusted data, keeping every value's position.

Scalars stay text (`NO`, `04700`, `12:30` are strings); the model types them later. Anchors,
aliases, explicit tags, duplicate keys, deep nesting and oversized files are refused. Only
regular files inside the content folder are read: no symbolic link is followed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from generator.content.files import Listing, content_files, read_inside
from generator.content.messages import describe_yaml_problem
from generator.content.problems import Problem

MAX_DEPTH = 32
TOO_DEEP = f"mehr als {MAX_DEPTH} Ebenen verschachtelt"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Loc = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass(frozen=True)
class Document:
    """One parsed content file with the position of every key and value."""

    path: str
    rel: str
    data: Any
    raw: bytes = field(repr=False)
    """The file as read: what the site publishes as its copy."""
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """Return where `loc` is written (its key if `key`), else where its parent is."""
        if key and loc in self.keys:
            return self.keys[loc]
        while loc not in self.values and loc:
            loc = loc[:-1]
        return self.values.get(loc, (1, 1))


class _Refused(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.position = (mark.line + 1, mark.column + 1)
        self.message = message


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    loc: Loc
    key: str | None = None


Loaded = tuple[Document | None, Problem | None]
"""A content file parsed, or the reason it cannot be used."""
Parse = Callable[[bytes, str, str], Loaded]
"""How a file's bytes become a document: `parse_document`, or a step that reuses its results."""


def load_documents(
    content_dir: Path, listing: Listing | None = None, *, parse: Parse | None = None
) -> tuple[list[Document], list[Problem]]:
    """Return the files of `listing` (by default `content_files(content_dir)`), parsed, and
    the problems found: one for each refused name and each file that cannot be used.

    Each file's bytes are parsed by `parse` (by default `parse_document`)."""
    files, refused = listing or content_files(content_dir)
    documents: list[Document] = []
    problems = [Problem(str(content_dir / rel), 1, 1, "", why) for rel, why in refused.items()]
    for rel in files:
        document, problem = load_document(content_dir / rel, str(content_dir / rel), rel, parse)
        documents += [document] if document else []
        problems += [problem] if problem else []
    return documents, problems


def load_document(file: Path, shown: str, rel: str, parse: Parse | None = None) -> Loaded:
    """Return the parsed document `file` (`rel` inside the content folder, `shown` in
    messages), or the reason it cannot be read; its bytes parsed by `parse` (by default
    `parse_document`)."""
    raw = read_inside(file, rel)
    if isinstance(raw, str):
        return None, Problem(shown, 1, 1, "", raw)
    return (parse or parse_document)(raw, shown, rel)


def parse_document(raw: bytes, shown: str, rel: str) -> Loaded:
    """Return the document that the bytes `raw` of file `rel` hold, or the reason they cannot
    be used (`shown`: the file's name in messages)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, Problem(
            shown,
            1,
            1,
            "",
            "Datei beginnt mit einer Byte-Order-Mark; bitte als UTF-8 ohne BOM speichern",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - raw.rfind(b"\n", 0, error.start)
        return None, Problem(shown, line, column, "", "Datei ist nicht in UTF-8 gespeichert")
    try:
        data, values, keys = parse_yaml(text)
    except _Refused as refused:
        return None, Problem(shown, *refused.position, "", refused.message)
    except yaml.reader.ReaderError as error:  # a character YAML does not allow in a file
        line = text.count("\n", 0, error.position) + 1
        column = error.position - text.rfind("\n", 0, error.position)
        char = f"U+{error.character:04X}" if isinstance(error.character, int) else "?"
        message = f"Steuerzeichen {char} ist in der Datei nicht erlaubt; bitte entfernen"
        return None, Problem(shown, line, column, "", message)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = describe_yaml_problem(error.problem or error.context or "")
        if message.startswith("exceeded maximum nesting depth"):  # the parser's own limit (1000)
            return None, Problem(shown, *where, "", TOO_DEEP)
        return None, Problem(shown, *where, "", f"YAML-Syntaxfehler: {message}")
    except (yaml.YAMLError, RecursionError, MemoryError) as error:
        return None, Problem(shown, 1, 1, "", f"YAML-Datei nicht lesbar: {type(error).__name__}")
    if not isinstance(data, dict):
        found = (
            "leer"
            if data is None
            else "eine Liste"
            if isinstance(data, list)
            else "ein einzelner Wert"
        )
        return None, Problem(
            shown, 1, 1, "", f"Datei muss Felder (Schlüssel: Wert) enthalten, ist aber {found}"
        )
    return Document(shown, rel, data, raw, values, keys), None


def parse_yaml(text: str) -> tuple[Any, dict[Loc, Position], dict[Loc, Position]]:
    """Return the data of one YAML document plus value and key positions; scalars as text."""
    values: dict[Loc, Position] = {}
    keys: dict[Loc, Position] = {}
    stack: list[_Frame] = []
    root: Any = None
    for event in yaml.parse(text, Loader=_LOADER):
        if (
            isinstance(event, yaml.DocumentStartEvent)
            and event.start_mark.index > 0
            and root is not None
        ):
            raise _Refused(event.start_mark, "nur ein YAML-Dokument pro Datei erlaubt (---)")
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                event.start_mark, "Aliase (*name) sind nicht erlaubt; Wert bitte ausschreiben"
            )
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
        if not isinstance(
            event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
        ):
            continue
        _refuse_markup(event)
        value = _new_value(event)
        position = (event.start_mark.line + 1, event.start_mark.column + 1)
        if not stack:
            root, loc = value, cast(Loc, ())
        else:
            frame = stack[-1]
            if isinstance(frame.container, dict) and frame.key is None:
                frame.key = _new_key(event, value, frame, keys)
                keys[(*frame.loc, frame.key)] = position
                continue
            loc = _attach(frame, value)
        values[loc] = position
        if isinstance(value, (dict, list)):
            if len(stack) >= MAX_DEPTH:
                raise _Refused(event.start_mark, TOO_DEEP)
            stack.append(_Frame(value, loc))
    return root, values, keys


def _refuse_markup(event: Any) -> None:
    if event.anchor is not None:
        raise _Refused(
            event.start_mark, f"Anker (&{event.anchor}) sind nicht erlaubt; Wert bitte ausschreiben"
        )
    if event.tag is not None:
        raise _Refused(event.start_mark, f"Typangaben ({event.tag}) sind nicht erlaubt")


def _new_value(event: Any) -> Any:
    if isinstance(event, yaml.MappingStartEvent):
        return {}
    if isinstance(event, yaml.SequenceStartEvent):
        return []
    return None if event.value == "" and not event.style else event.value  # plain empty


def _new_key(event: Any, value: Any, frame: _Frame, keys: dict[Loc, Position]) -> str:
    if not isinstance(value, str) or not value:
        raise _Refused(event.start_mark, "Feldnamen müssen einfacher Text sein")
    if value in frame.container:
        line = keys[(*frame.loc, value)][0]
        raise _Refused(event.start_mark, f"Feld '{value}' doppelt (zuerst in Zeile {line})")
    return value


def _attach(frame: _Frame, value: Any) -> Loc:
    if isinstance(frame.container, list):
        frame.container.append(value)
        return (*frame.loc, len(frame.container) - 1)
    key, frame.key = frame.key, None
    assert key is not None
    frame.container[key] = value
    return (*frame.loc, key)
