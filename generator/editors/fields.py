"""The content fields as a tree, read from the JSON Schema the model generates.

The editors' guide and the file scaffolds are both made from this tree, so neither can list a
field the model does not have, or miss one it has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from generator.content.field_types import (
    DATE_SPEC_PATTERN,
    EMAIL_PATTERN,
    PHONE_PATTERN,
    SLUG_PATTERN,
    TIME_PATTERN,
    URL_PATTERN,
)
from generator.content.model import ROOT_MODELS

PATTERN_LABELS = {
    DATE_SPEC_PATTERN: "Datum, so genau wie bekannt (JJJJ, JJJJ-MM, JJJJ-MM-TT, ANFANG/ENDE)",
    SLUG_PATTERN: "Kennung (a–z, 0–9, Bindestriche)",
    URL_PATTERN: "Internetadresse (https://…)",
    TIME_PATTERN: "Uhrzeit (HH:MM)",
    EMAIL_PATTERN: "E-Mail-Adresse",
    PHONE_PATTERN: "Telefonnummer, z. B. +32 87 12 34 56",
    r"^[0-9]{4}$": "Postleitzahl (vier Ziffern)",
}


@dataclass
class Field:
    """One field of a content file, with what an editor needs to know about it."""

    name: str
    path: str
    """Where it sits, e.g. `offers[].name`."""
    required: bool
    label: str
    """What kind of value it takes, in German."""
    description: str
    is_list: bool = False
    children: list[Field] = field(default_factory=list)
    """Fields of a section, or of each entry of a list of sections."""


@cache
def content_fields() -> dict[str, list[Field]]:
    """Return the field tree of each kind of content file, keyed by its location (made once per
    process: it depends on the code only). Read it, do not change it."""
    result = {}
    for location, model in ROOT_MODELS.items():
        schema = model.model_json_schema()  # not the written file: it sorts fields by name
        result[location] = _fields_of(schema, schema, "")
    return result


def _fields_of(schema: dict[str, Any], node: dict[str, Any], prefix: str) -> list[Field]:
    required = set(node.get("required", []))
    fields = []
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        value = _without_null(prop)
        is_list = value.get("type") == "array"
        target = _without_null(value["items"]) if is_list else value
        fields.append(
            Field(
                name=name,
                path=path,
                required=name in required,
                label=("Liste: " if is_list else "") + _label(schema, target),
                description=" ".join(prop.get("description", "").split()),
                is_list=is_list,
                children=_children(schema, target, f"{path}[]." if is_list else f"{path}."),
            )
        )
    return fields


def _children(schema: dict[str, Any], node: dict[str, Any], prefix: str) -> list[Field]:
    if "$ref" not in node:
        return []
    return _fields_of(schema, _resolve(schema, node), prefix)


def _without_null(prop: dict[str, Any]) -> dict[str, Any]:
    """Return the non-null alternative of an optional field."""
    options = [option for option in prop.get("anyOf", [prop]) if option.get("type") != "null"]
    return options[0] if len(options) == 1 else {"anyOf": options}


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    definition: dict[str, Any] = schema["$defs"][node["$ref"].split("/")[-1]]
    return definition


def _label(schema: dict[str, Any], node: dict[str, Any]) -> str:
    if "$ref" in node:
        return "Abschnitt"
    if "enum" in node:
        return "einer von: " + ", ".join(str(value) for value in node["enum"])
    if node.get("pattern") in PATTERN_LABELS:
        return PATTERN_LABELS[node["pattern"]]
    if node.get("format") == "date":
        return "Datum (JJJJ-MM-TT)"
    if "anyOf" in node or node.get("type") == "number":
        return "Zahl oder Betrag, z. B. 49908.00"
    return {"integer": "ganze Zahl", "boolean": "ja/nein (true/false)"}.get(
        node.get("type", ""), "Text"
    )
