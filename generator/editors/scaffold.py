"""Scaffolds for editors: a new content file with every field present and explained.

Required values are left empty, so the validator names exactly what is still to fill in;
optional sections are commented out, ready to be switched on.
"""

from __future__ import annotations

from generator.editors.fields import Field, content_fields
from generator.editors.schema import schema_comment

KINDS = {
    "meeting-point": "meeting_points/",
    "evaluation": "evaluations/",
    "parliamentary-item": "parliament/",
    "sources": "sources/",
}
"""Kinds of file the `new` command makes, and the folder each lives in."""


def scaffold(kind: str) -> str:
    """Return the YAML text of a new file of `kind` (a key of KINDS)."""
    folder = KINDS[kind]
    lines = [
        schema_comment(f"{folder}neu.yaml"),
        "# Neue Datei: Pflichtfelder ausfüllen, freiwillige Abschnitte bei Bedarf einkommentieren.",
        "# Jede Angabe braucht eine Quelle (Kennung aus sources/). Prüfen: make validate",
        "",
    ]
    fields = content_fields()[folder]
    lines += _list_of_one(fields[0]) if folder == "sources/" else _lines(fields, 0, False)
    return "\n".join(lines) + "\n"


def _list_of_one(field: Field) -> list[str]:
    """A file that is one list (`sources:`) starts with one entry to fill in."""
    entry = _lines(field.children, indent=4, commented=False)
    first = next(index for index, line in enumerate(entry) if not line.lstrip().startswith("#"))
    entry[first] = "  - " + entry[first].lstrip()
    return [f"# {field.description}", f"{field.name}:", *entry]


def _lines(fields: list[Field], indent: int, commented: bool) -> list[str]:
    lines: list[str] = []
    for field in fields:
        pad = " " * indent
        need = "Pflicht" if field.required else "freiwillig"
        lines.append(f"{pad}# {field.description} ({need}; {field.label})")
        off = commented or not field.required
        if field.is_list:
            lines += _list_lines(field, pad, "# " if commented else "")
        elif field.children:
            lines.append(f"{pad}{'# ' if off else ''}{field.name}:")
            lines += _lines(field.children, indent + 2, commented=off)
        else:
            value = ' ""' if field.required else ""
            lines.append(f"{pad}{'# ' if commented else ''}{field.name}:{value}")
    return lines


def _list_lines(field: Field, pad: str, mark: str) -> list[str]:
    """A list starts empty; a list of sections shows one commented-out example entry."""
    lines = [f"{pad}{mark}{field.name}: []"]
    if field.children:
        lines.append(f"{pad}# Beispiel für einen Eintrag:")
        entry = _example(field.children, indent=2)
        lines += [f"{pad}#   - {entry[0].strip()}"] + [f"{pad}#   {line}" for line in entry[1:]]
    return lines


def _example(fields: list[Field], indent: int) -> list[str]:
    """Return the keys of one entry, nested, without comments."""
    lines = []
    for field in fields:
        pad = " " * indent
        if field.is_list and field.children:
            entry = _example(field.children, indent + 4)
            lines += [f"{pad}{field.name}:", f"{pad}  - {entry[0].strip()}", *entry[1:]]
        elif field.is_list:
            lines.append(f"{pad}{field.name}: []")
        elif field.children:
            lines += [f"{pad}{field.name}:", *_example(field.children, indent + 2)]
        else:
            lines.append(f"{pad}{field.name}:" + (' ""' if field.required else ""))
    return lines
