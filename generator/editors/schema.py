"""JSON Schema of each content file kind, generated from the model for editors' IDEs."""

from __future__ import annotations

import json
from functools import cache

from generator.content.model import ROOT_MODELS

SCHEMA_NAMES = {
    "site.yaml": "site",
    "programme.yaml": "programme",
    "vocabularies.yaml": "vocabularies",
    "sources/": "sources",
    "accessibility.yaml": "accessibility",
    "meeting_points/": "meeting_point",
    "evaluations/": "evaluation",
    "parliament/": "parliamentary_item",
}
"""File name stem of the schema for each content location in ROOT_MODELS."""


@cache
def build_schemas() -> dict[str, str]:
    """Return `{file name: JSON text}` with one JSON Schema per kind of content file."""
    schemas = {}
    for location, model in ROOT_MODELS.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
        schema.update(model.model_json_schema())
        schemas[f"{SCHEMA_NAMES[location]}.schema.json"] = (
            json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        )
    return schemas


def schema_comment(rel: str) -> str:
    """Return the first line a content file at `rel` needs so that IDEs find its schema."""
    location = rel if rel in SCHEMA_NAMES else rel.split("/")[0] + "/"
    schema = f"{'../' * (rel.count('/') + 1)}schema/{SCHEMA_NAMES[location]}.schema.json"
    return f"# yaml-language-server: $schema={schema}"
