"""Open data: the downloads a journalist or researcher would use, read back the way they would.

Every fact of `content/` must come back unchanged from the exports (amounts, dates, umlauts).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import frictionless
import pytest
import yaml
from support import CONTENT, FIXTURE, REPO, HtmlPage

from generator.build import build_pages
from generator.data.exports import encoded, to_json

TEMPLATES = REPO / "site_templates"


@pytest.fixture(scope="module", params=["content", "fixture"])
def built(request: pytest.FixtureRequest) -> tuple[Path, dict[str, bytes]]:
    """The content folder and the files the build publishes beside the pages."""
    folder = CONTENT if request.param == "content" else FIXTURE
    return folder, build_pages(folder, TEMPLATES).assets


def scalars(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    """Every scalar of a YAML document (read as text), with its path."""
    if isinstance(data, dict):
        return [item for key, value in data.items() for item in scalars(value, (*path, key))]
    if isinstance(data, list):
        return [item for i, value in enumerate(data) for item in scalars(value, (*path, i))]
    return [(path, data)]


def exported_document(export: dict[str, Any], rel: str, data: Any) -> Any:
    """Where the JSON export keeps the data of content file `rel`, which holds `data`."""
    folder, _, name = rel.partition("/")
    if folder == "sources":
        exported = {source["id"]: source for source in export["sources"]}
        return {"sources": [exported[source["id"]] for source in data["sources"]]}
    if name:
        key = {"meeting_points": "meeting_points", "evaluations": "evaluations"}.get(folder, folder)
        return export[key][name.removesuffix(".yaml")]
    return export[rel.removesuffix(".yaml")]


def as_text(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def test_json_export_holds_every_fact_unchanged(built: tuple[Path, dict[str, bytes]]) -> None:
    folder, assets = built
    export = json.loads(assets["daten/alle-inhalte.json"])
    checked = 0
    for file in sorted(folder.rglob("*.yaml")):
        rel = file.relative_to(folder).as_posix()
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        document = exported_document(export, rel, data)
        for path, value in scalars(data):
            found: Any = document
            for part in path:
                found = found[part]
            if value == "" and found is None:
                continue
            assert as_text(found) == value, f"{rel}: {path}"
            checked += 1
    assert checked > 50


def test_every_data_file_has_one_layout(built: tuple[Path, dict[str, bytes]]) -> None:
    """Sorted keys, one value per line: also the files put together from parts encoded once
    per item (`Encoded`), which a rebuild reuses. (The JSON Schemas are laid out apart.)"""
    files = {
        name: data
        for name, data in built[1].items()
        if name.endswith(".json") and not name.startswith("daten/schema/")
    }
    assert {"daten/alle-inhalte.json", "daten/hsds/schedules.json"} <= set(files)
    for name, data in files.items():
        layout = json.dumps(json.loads(data), ensure_ascii=False, sort_keys=True, indent=1)
        assert data.decode() == layout + "\n", name


def test_encoded_parts_go_in_at_any_depth() -> None:
    part = {"b": [1, {"ä": None}], "a": {}, "c": []}
    data = {"z": [part, {"x": part}], "y": {"x": [part, "text"]}, "empty": []}
    with_parts = {"z": [encoded(part), {"x": encoded(part)}], "y": {"x": [encoded(part), "text"]}}
    expected = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    assert to_json(with_parts | {"empty": []}).decode() == expected
    assert to_json(data).decode() == expected


def test_csv_tables_are_utf8_with_header_and_hold_the_facts(
    built: tuple[Path, dict[str, bytes]],
) -> None:
    folder, assets = built
    tables = {
        path: list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
        for path, data in assets.items()
        if path.endswith(".csv")
    }
    points = {
        p.stem: yaml.safe_load(p.read_text()) for p in (folder / "meeting_points").glob("*.yaml")
    }
    rows = {row["id"]: row for row in tables["daten/treffpunkte.csv"]}
    assert set(rows) == set(points)
    for item_id, point in points.items():
        assert rows[item_id]["name"] == point["name"]
        assert rows[item_id]["last_checked"] == str(point["last_checked"])
        street = (point.get("address") or {}).get("street")
        assert rows[item_id]["street"] == (street or "")
    funding = [
        (item_id, str(f["year"]), f"{f['amount_eur']:.2f}" if "amount_eur" in f else "")
        for item_id, p in points.items()
        for f in p.get("funding", [])
    ]
    exported = [
        (r["meeting_point"], r["year"], r["amount_eur"]) for r in tables["daten/foerderung.csv"]
    ]
    assert sorted(exported) == sorted(funding)
    sources = [  # the files of sources/ by name, each as written
        source
        for file in sorted((folder / "sources").glob("*.yaml"))
        for source in yaml.load(file.read_text(), Loader=yaml.BaseLoader)["sources"]
    ]
    assert [r["url"] for r in tables["daten/quellen.csv"]] == [s["url"] for s in sources]


def test_data_package_validates_with_frictionless(
    built: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    _, assets = built
    for path, data in assets.items():
        if path.startswith("daten/") and path.count("/") == 1:
            (tmp_path / path.removeprefix("daten/")).write_bytes(data)
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert {r["path"] for r in package["resources"]} == {p.name for p in tmp_path.glob("*.csv")}
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_data_package_check_can_fail(built: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    _, assets = built
    for path, data in assets.items():
        if path.startswith("daten/") and path.count("/") == 1:
            (tmp_path / path.removeprefix("daten/")).write_bytes(data)
    broken = (tmp_path / "treffpunkte.csv").read_text().replace("2026-11-24", "24.11.2026", 1)
    (tmp_path / "treffpunkte.csv").write_text(broken)
    assert not frictionless.validate(str(tmp_path / "datapackage.json")).valid


def test_every_item_page_has_a_json_twin(built: tuple[Path, dict[str, bytes]]) -> None:
    _, assets = built
    export = json.loads(assets["daten/alle-inhalte.json"])
    for kind, url in [("meeting_points", "treffpunkte"), ("parliament", "parlament")]:
        for item_id, data in export[kind].items():
            twin = json.loads(assets[f"{url}/{item_id}/index.json"])
            assert twin == {"id": item_id, **data}
    for evaluation in export["evaluations"].values():
        for recommendation in evaluation["recommendations"]:
            twin = json.loads(assets[f"empfehlungen/{recommendation['id']}/index.json"])
            assert {k: twin[k] for k in recommendation} == recommendation
    commitments = 0
    for item_id, item in export["parliament"].items():
        for commitment in item["commitments"]:
            twin = json.loads(assets[f"zusagen/{commitment['id']}/index.json"])
            assert {k: twin[k] for k in commitment} == commitment
            assert twin["parliamentary_item"] == item_id
            commitments += 1
    assert commitments  # both the real content and the fixture have commitments


def test_commitments_and_their_history_are_tables() -> None:
    """The fixture's `zusage-vernetzung` has three dated entries, reported and assessed; the
    CSV says what the pages say: the latest of each view, and every entry with its source."""
    assets = build_pages(FIXTURE, TEMPLATES).assets
    rows = {
        row["id"]: row
        for row in csv.DictReader(io.StringIO(assets["daten/zusagen.csv"].decode("utf-8")))
    }
    assert set(rows) == {"zusage-vernetzung", "zusage-bericht"}
    full = rows["zusage-vernetzung"]
    assert (full["status_reported"], full["status_assessed"]) == (
        "implemented",
        "partially_implemented",
    )
    assert (full["parliamentary_item"], full["date"], full["made_by"]) == (
        "frage",
        "2017-11-08",
        "Max Muster",
    )
    assert (full["modality"], full["deadline"], full["deadline_date"]) == (
        "promise",
        "bis zum Sommer 2018",
        "2018-06",
    )
    assert (full["recommendations"], full["meeting_points"]) == ("empfehlung-vernetzung", "alpha")
    bare = rows["zusage-bericht"]
    assert (bare["status_reported"], bare["status_assessed"], bare["deadline"]) == (
        "no_information",
        "no_information",
        "",
    )
    history = list(csv.DictReader(io.StringIO(assets["daten/zusagenverlauf.csv"].decode("utf-8"))))
    assert [
        (h["commitment"], h["date"], h["status"], h["verdict"], h["sources"]) for h in history
    ] == [
        ("zusage-vernetzung", "2018-05-02", "in_progress", "reported", "quelle-b"),
        ("zusage-vernetzung", "2018-09-14", "implemented", "reported", "quelle-b"),
        ("zusage-vernetzung", "2019-01-20", "partially_implemented", "assessed", "quelle-a"),
    ]
    package = json.loads(assets["daten/datapackage.json"])
    names = [resource["name"] for resource in package["resources"]]
    assert {"zusagen", "zusagenverlauf"} <= set(names)


def test_pages_link_to_their_twin_and_downloads(tmp_path: Path) -> None:
    from support import build, write_config

    result = build(write_config(tmp_path, FIXTURE), tmp_path / "site", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    page = HtmlPage.read(site, site / "treffpunkte" / "alpha" / "index.html")
    assert page.links_to("/treffpunkte/alpha/index.json", within=page.article)
    downloads = HtmlPage.read(site, site / "offene-daten" / "index.html")
    for name in ["alle-inhalte.json", "datapackage.json", "treffpunkte.csv", "hsds/services.json"]:
        assert downloads.links_to(f"/daten/{name}", within=downloads.article), name
        assert (site / "daten" / name).is_file(), name
    assert "Creative Commons Namensnennung 4.0 International" in downloads.article.text()
