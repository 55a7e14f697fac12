"""Dates keep their precision: a month or a year is never shown or exported as a day."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hostile import dump_yaml, field_locations, location_of, set_at, write_hostile_content
from support import TEMPLATES, load_yaml

from generator.build import build_pages
from generator.content.field_types import DATE_SPEC_PATTERN
from generator.editors.fields import PATTERN_LABELS, content_fields

PARTIAL = PATTERN_LABELS[DATE_SPEC_PATTERN]


@pytest.fixture(scope="module")
def every_field(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile_content(tmp_path_factory.mktemp("every-field") / "content")


@pytest.mark.parametrize(
    ("written", "shown", "day"),
    [("2014-05", "Mai 2014", "1. Mai 2014"), ("2014", "2014", "1. Januar 2014")],
)
def test_every_partial_date_keeps_its_precision_in_every_output(
    every_field: Path, tmp_path: Path, written: str, shown: str, day: str
) -> None:
    content = tmp_path / "content"
    places = 0
    for file in sorted(every_field.rglob("*.yaml")):
        rel = file.relative_to(every_field).as_posix()
        data = load_yaml(file)
        for loc in list(field_locations(data, content_fields()[location_of(rel)], PARTIAL)):
            set_at(data, loc, written)
            places += 1
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(dump_yaml(data), encoding="utf-8")
    assert places > 10
    built = build_pages(content, TEMPLATES)
    texts = {path: page.markdown for path, page in built.pages.items()}
    texts |= {
        path: data.decode("utf-8")
        for path, data in built.assets.items()
        if path.endswith((".csv", ".json", ".xml", ".ics", ".svg"))
        and not path.startswith("daten/schema/")
    }
    as_day = re.compile(rf"\b{re.escape(day)}|{re.escape(written)}-01\b|{written[:4]}-01-01\b")
    for path, text in texts.items():
        plain = text.replace("\\", "")
        found = [m.group() for m in as_day.finditer(plain)]
        # Atom's `updated` needs a timestamp: the first day, a documented convention
        if path == "aenderungen.xml":
            found = [f for f in found if f not in (f"{written}-01", f"{written[:4]}-01-01")]
        assert found == [], path
    assert any(shown in text.replace("\\", "") for text in texts.values())
    assert f'"{written}"' in texts["daten/alle-inhalte.json"]
