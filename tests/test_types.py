"""Field types: text is text, numbers and dates have one notation, addresses write to one place.

The golden cases `text-is-text`, `numbers-and-dates-in-one-notation` and `unsafe-addresses`
(tests/cases/) pin the messages; these tests check the rules across every field and output.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from hostile import dump_yaml, location_of, set_at, text_locations, write_hostile_content
from support import FIXTURE, TEMPLATES, load_yaml

from generator.build import build_pages
from generator.content.problems import ContentError, format_key
from generator.content.validate import read_content
from generator.data.exports import FORMULA_STARTS, TEXT_MARK, spreadsheet_safe
from generator.editors.fields import content_fields


@pytest.fixture(scope="module")
def every_text_field(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Content in which every free-text field of every kind of file is filled in."""
    return write_hostile_content(tmp_path_factory.mktemp("every-field") / "content")


@pytest.mark.parametrize(
    "value",
    ["ein\x07Klingelzeichen", "C1\x9f", "\u202eumgekehrt", "iso\u2066liert", "nicht\ufffe", " \t "],
    ids=["C0", "C1", "override", "isolate", "non-character", "white-space"],
)
def test_every_text_field_refuses_what_is_not_text(
    every_text_field: Path, tmp_path: Path, value: str
) -> None:
    content = tmp_path / "content"
    expected = set()
    for file in sorted(every_text_field.rglob("*.yaml")):
        rel = file.relative_to(every_text_field).as_posix()
        data = load_yaml(file)
        for loc in list(text_locations(data, content_fields()[location_of(rel)])):
            set_at(data, loc, value)
            expected.add((str(content / rel), format_key(loc)))
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(dump_yaml(data), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        read_content(content)
    found = {(p.path, p.key) for p in error.value.problems}
    assert len(expected) > 100
    assert found == expected
    assert all(p.line > 1 or p.column > 1 for p in error.value.problems)  # each at its value


def test_line_breaks_are_refused_in_one_line_fields_only(content_dir: Path) -> None:
    point = content_dir / "meeting_points" / "alpha.yaml"
    data = load_yaml(point)
    data["name"] = "Zwei\nZeilen"
    data["summary"] = "Ein Absatz\nüber zwei Zeilen,\tmit Tabulator."
    point.write_text(dump_yaml(data), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        read_content(content_dir)
    assert [(p.key, p.message) for p in error.value.problems] == [
        (
            "name",
            "'Zwei\nZeilen': Zeilenumbruch (U+000A) an Stelle 5 ist in diesem einzeiligen "
            "Feld nicht erlaubt",
        )
    ]


def test_names_are_normalised_to_nfc(content_dir: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Café Ünterwegs")
    assert decomposed != "Café Ünterwegs"
    point = content_dir / "meeting_points" / "beta.yaml"
    point.write_text(point.read_text().replace("Treffpunkt Beta", decomposed), encoding="utf-8")
    pages = build_pages(content_dir, TEMPLATES)
    assert read_content(content_dir).meeting_points["beta"].name == "Café Ünterwegs"
    everything = json.loads(pages.assets["daten/alle-inhalte.json"])
    assert everything["meeting_points"]["beta"]["name"] == "Café Ünterwegs"
    assert "Café Ünterwegs" in pages.pages["treffpunkte/beta.md"].markdown
    assert decomposed not in pages.assets["daten/treffpunkte.csv"].decode()


@pytest.mark.parametrize(
    ("written", "other"),
    [
        ("https://treffpunkte.example.org/", "https://treffpunkte.example.org"),
        (
            "https://example.org/ostbelgien/treffpunkte/",
            "https://example.org/ostbelgien/treffpunkte",
        ),
    ],
)
def test_site_address_gives_the_same_files_with_or_without_slash(
    tmp_path: Path, written: str, other: str
) -> None:
    built = []
    for url in (written, other):
        content = tmp_path / url.rstrip("/").rpartition("/")[2] / str(len(built)) / "content"
        content.parent.mkdir(parents=True)
        shutil.copytree(FIXTURE, content)
        site = load_yaml(content / "site.yaml")
        site["url"] = url
        (content / "site.yaml").write_text(dump_yaml(site), encoding="utf-8")
        built.append(build_pages(content, TEMPLATES))
    first, second = built
    assert first.site_url == second.site_url == written
    copies = {"daten/inhalte/site.yaml"}  # the editors' file, published as written
    assert {p: a for p, a in first.assets.items() if p not in copies} == {
        p: a for p, a in second.assets.items() if p not in copies
    }
    assert first.pages == second.pages
    assert f'href="{written}aenderungen.xml"' in first.assets["aenderungen.xml"].decode()
    assert f"{written}treffpunkte/alpha/" in first.pages["treffpunkte/alpha/steckbrief.md"].markdown


@pytest.mark.parametrize(
    "text", ["=1+1", "+32 87 12 34 56", "-5", "@SUM(A1)", "\tTab", "\rCR", "'zitiert", "Kaffee"]
)
def test_spreadsheet_cells_are_neutralised_and_can_be_undone(text: str) -> None:
    cell = spreadsheet_safe(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert (cell[1:] if cell.startswith(TEXT_MARK) else cell) == text


def test_csv_is_safe_in_a_spreadsheet_and_exact_for_a_program(content_dir: Path) -> None:
    point = content_dir / "meeting_points" / "alpha.yaml"
    data = load_yaml(point)
    data["offers"][0]["name"] = '=HYPERLINK("https://example.org","Klick")'
    data["offers"][0]["description"] = "@SUM(1+1)\nzweite Zeile; =1+1"
    data["contact"] = {"phone": "+32 87 12 34 56", "sources": ["quelle-a"]}
    point.write_text(dump_yaml(data), encoding="utf-8")
    pages = build_pages(content_dir, TEMPLATES)
    package = json.loads(pages.assets["daten/datapackage.json"])
    prefix = package["spreadsheetSafety"]["prefix"]
    for resource in package["resources"]:
        raw = pages.assets[f"daten/{resource['path']}"].decode()
        rows = list(csv.reader(io.StringIO(raw, newline="")))
        header = [field["name"] for field in resource["schema"]["fields"]]
        assert rows[0] == header
        assert all(len(row) == len(header) for row in rows), resource["path"]
        assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row)
        # every field quoted: a spreadsheet that splits at `;` or a line break sees one cell
        assert all(line.startswith('"') and line.endswith('"') for line in raw.split("\r\n")[:-1])
    offers = list(
        csv.DictReader(io.StringIO(pages.assets["daten/angebote.csv"].decode(), newline=""))
    )
    undone = {k: v[1:] if v.startswith(prefix) else v for k, v in offers[0].items()}
    assert undone["name"] == data["offers"][0]["name"]
    assert undone["description"] == data["offers"][0]["description"]
    points = pages.assets["daten/treffpunkte.csv"].decode()
    assert '"\'+32 87 12 34 56"' in points
    assert yaml.safe_load(dump_yaml(data)) == data  # the edit went in as written
