"""JSON Schema: generated from the model, committed for IDEs, referenced by every content file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import REPO

from generator.cli import main
from generator.editors.schema import build_schemas, schema_comment

CONTENT_FILES = sorted((REPO / "content").rglob("*.yaml"))


def test_committed_schema_matches_the_model() -> None:
    """If this fails, run `make schema` and commit the result."""
    for name, text in build_schemas().items():
        assert (REPO / "schema" / name).read_text(encoding="utf-8") == text, name


def test_schema_command_writes_one_schema_per_kind(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted(build_schemas())
    meeting_point = json.loads((tmp_path / "meeting_point.schema.json").read_text())
    assert meeting_point["additionalProperties"] is False
    assert "municipality" in meeting_point["required"]
    assert meeting_point["properties"]["last_checked"]["format"] == "date"


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[p.name for p in CONTENT_FILES])
def test_content_file_points_to_its_schema(path: Path) -> None:
    rel = path.relative_to(REPO / "content").as_posix()
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == schema_comment(rel)
    target = (path.parent / first_line.split("$schema=")[1]).resolve()
    assert target.is_file()


def test_every_field_has_a_description() -> None:
    """The schema doubles as the editors' field reference, so no field may go undescribed."""
    for name, text in build_schemas().items():
        schema = json.loads(text)
        for definition in [schema, *schema.get("$defs", {}).values()]:
            for field, spec in definition.get("properties", {}).items():
                assert spec.get("description"), f"{name}: {field}"
