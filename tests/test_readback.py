"""Read-back: every data file of a built site is parsed again with its users' parser, and one
that does not parse stops `make site` before anything is published (part of the site check,
`python -m generator check`)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from support import (
    CONTENT,
    FIXTURE,
    SOURCE_DATE_EPOCH,
    TEMPLATES,
)

from generator.build import build_pages
from generator.check.data_files import problems_in_files
from generator.check.policy import server_files
from generator.cli import main

PACKAGE = {
    "name": "beispiel",
    "resources": [
        {
            "name": "orte",
            "path": "orte.csv",
            "schema": {
                "fields": [{"name": "id", "type": "string"}, {"name": "seit", "type": "date"}]
            },
        }
    ],
}
CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Beispiel//DE\r\n"
    "BEGIN:VEVENT\r\nUID:1@beispiel\r\nDTSTAMP:20240101T000000Z\r\n"
    "DTSTART:20240105T100000Z\r\nSUMMARY:Treff\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
FEED = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>{}</title></feed>\n'
)
SITEMAP = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url/></urlset>'
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><title>{}</title></svg>\n'
GOOD = {
    "daten/datapackage.json": json.dumps(PACKAGE).encode(),
    "daten/orte.csv": '"id","seit"\r\n"\'=1","2024-01-31"\r\n"Köln","2024-02-29"\r\n'.encode(),
    "daten/alle.json": '{"a": [1, 2.5, null, "ä"]}\n'.encode(),
    "aenderungen.xml": FEED.format("Änderungen").encode(),
    "sitemap.xml.gz": gzip.compress(SITEMAP.encode(), mtime=0),
    "empfehlungen/status.svg": SVG.format("Stand").encode(),
    "treffpunkte/a/kalender.ics": CALENDAR.encode(),
}
"""One readable file of each kind; each scenario below spoils one of them."""
HEADER = b'"id","seit"\r\n'


def test_one_readable_file_of_each_kind_passes() -> None:
    assert problems_in_files(GOOD) == []


@pytest.mark.parametrize(
    ("path", "data", "expected"),
    [
        pytest.param(
            "daten/orte.csv",
            HEADER + b'"a"\r\n"b","2024-01-31"\r\n',
            ["daten/orte.csv: Zeile 2 hat 1 statt 2 Spalten"],
            id="csv-short-row",
        ),
        pytest.param(
            "daten/orte.csv",
            HEADER + b'a\rb,"2024-01-31"\r\n',
            [
                "daten/orte.csv: Zeile 2 hat 1 statt 2 Spalten",
                "daten/orte.csv: Zeile 2 endet mit CR statt CRLF: "
                "ein Zeilenumbruch steht ohne Anführungszeichen",
            ],
            id="csv-unquoted-carriage-return",
        ),
        pytest.param(
            "daten/orte.csv",
            HEADER + b'"=HYPERLINK(""https://example.org"")","2024-01-31"\r\n',
            [
                'daten/orte.csv: Zeile 2, Spalte id: „=HYPERLINK("https://example.o…“ '
                "beginnt mit =, ein Tabellenprogramm liest das als Formel"
            ],
            id="csv-formula-cell",
        ),
        pytest.param(
            "daten/orte.csv",
            HEADER + b'"a","31.01.2024"\r\n',
            [
                "daten/orte.csv: Zeile 2, Spalte seit, „31.01.2024“: verletzt "
                'daten/datapackage.json (type-error: type is "date/default")'
            ],
            id="csv-breaks-package-schema",
        ),
        pytest.param(
            "daten/alle.json",
            b'{"a": NaN}',
            ["daten/alle.json: „NaN“ ist kein JSON-Wert (viele Leser lehnen die Datei ab)"],
            id="json-nan",
        ),
        pytest.param(
            "daten/alle.json",
            b'{"a": {"b": 1, "b": 2}}',
            ["daten/alle.json: Schlüssel „b“ steht zweimal im selben Objekt"],
            id="json-duplicate-key",
        ),
        pytest.param(
            "aenderungen.xml",
            FEED.format("Ä\x01").encode(),
            [
                "aenderungen.xml: kein wohlgeformtes XML "
                "(Zeile 2, Spalte 51: not well-formed (invalid token))"
            ],
            id="xml-control-character",
        ),
        pytest.param(
            "aenderungen.xml",
            b'<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa">]>\n'
            b'<feed xmlns="http://www.w3.org/2005/Atom"><title>&a;&a;</title></feed>',
            [
                "aenderungen.xml: DOCTYPE „feed“: nicht erlaubt, "
                "ein Leser soll keine Entitäten auflösen müssen"
            ],
            id="xml-doctype",
        ),
        pytest.param(
            "aenderungen.xml",
            b"<feed><title>x</title></feed>",
            [
                "aenderungen.xml: Wurzelelement ist „feed“ ohne Namensraum, "
                "erwartet „feed“ im Namensraum http://www.w3.org/2005/Atom"
            ],
            id="feed-not-atom",
        ),
        pytest.param(
            "sitemap.xml.gz",
            gzip.compress(b"<urlset><url></urlset>"),
            ["sitemap.xml.gz: kein wohlgeformtes XML (Zeile 1, Spalte 16: mismatched tag)"],
            id="sitemap-gz-not-well-formed",
        ),
        pytest.param(
            "empfehlungen/status.svg",
            SVG.format("<b>Stand").encode(),
            [
                "empfehlungen/status.svg: kein wohlgeformtes XML "
                "(Zeile 1, Spalte 76: mismatched tag)"
            ],
            id="svg-not-well-formed",
        ),
        pytest.param(
            "treffpunkte/a/kalender.ics",
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Beispiel//DE\r\nEND:VCALENDAR\r\n",
            ["treffpunkte/a/kalender.ics: kein VEVENT im Kalender"],
            id="ics-without-event",
        ),
        pytest.param(
            "treffpunkte/a/kalender.ics",
            CALENDAR.replace("\r\n", "\n").encode(),
            ["treffpunkte/a/kalender.ics: Zeile 1 endet nicht mit CRLF (RFC 5545 verlangt CRLF)"],
            id="ics-lf-line-ends",
        ),
        pytest.param(
            "treffpunkte/a/kalender.ics",
            CALENDAR.replace("DTSTART:20240105T100000Z\r\n", "").encode(),
            ["treffpunkte/a/kalender.ics: VEVENT 1 ohne DTSTART"],
            id="ics-event-without-start",
        ),
        pytest.param(
            "daten/orte.csv",
            HEADER + '"Köln","2024-01-31"\r\n'.encode("latin-1"),
            ["daten/orte.csv: kein gültiges UTF-8 (bei Byte-Offset 15: f6)"],
            id="not-utf8",
        ),
    ],
)
def test_a_file_its_reader_would_refuse_is_reported(
    path: str, data: bytes, expected: list[str]
) -> None:
    assert problems_in_files({**GOOD, path: data}) == expected


def test_a_package_may_name_only_its_own_files() -> None:
    package = {**PACKAGE, "resources": [{**PACKAGE["resources"][0], "path": "../geheim.csv"}]}  # type: ignore[dict-item]
    files = {**GOOD, "daten/datapackage.json": json.dumps(package).encode()}
    assert problems_in_files(files) == [
        "daten/datapackage.json: „path“: „../geheim.csv“ ist keine Datei im Paket"
    ]


@pytest.mark.parametrize(
    ("content", "calendars"),
    [(CONTENT, 0), (FIXTURE, 1)],  # no real schedule has a confirmation date yet
    ids=["content", "fixture"],
)
def test_the_real_data_files_read_back_without_problems(
    content: Path, calendars: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)  # the date test builds stand for
    assets = build_pages(content, TEMPLATES).assets
    assert {"daten/datapackage.json", "aenderungen.xml"} <= set(assets)
    assert sum(path.endswith(".ics") for path in assets) == calendars
    assert problems_in_files(assets) == []


def test_check_command_reads_back_a_built_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path, data in GOOD.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    for name, text in server_files().items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>Seite", encoding="utf-8")

    assert main(["check", str(tmp_path)]) == 0
    assert capsys.readouterr().out == (
        f"{tmp_path}: 1 Seiten, 1 SVG-Dateien, 7 Datendateien und 0 Verweise geprüft, "
        "keine Probleme\n"
    )

    (tmp_path / "daten" / "alle.json").write_bytes(b'{"a": 1,}')
    assert main(["check", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        "daten/alle.json: kein gültiges JSON (Zeile 1, Spalte 9: "
        "Expecting property name enclosed in double quotes)\n"
        f"1 Problem(e) in {tmp_path}\n"
    )
