"""Read-back, part of the site check: every data file of the built site (CSV, JSON, XML, SVG,
iCalendar) is parsed again with the parser its users have, before anything is published.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import tempfile
import xml.parsers.expat
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import frictionless
import icalendar

from generator.content.problems import one_line
from generator.data.exports import FORMULA_STARTS

CHECKED_SUFFIXES = (".csv", ".json", ".xml", ".svg", ".ics", ".xml.gz")
"""The files `read_data_files` reads; `.xml.gz` (the sitemap) is read unpacked."""
ROOTS = {
    "aenderungen.xml": "http://www.w3.org/2005/Atom feed",
    "sitemap.xml": "http://www.sitemaps.org/schemas/sitemap/0.9 urlset",
}
"""The root element (namespace, space, name) a file must have for its reader."""
SVG_ROOT = "http://www.w3.org/2000/svg svg"
NO_ENTITIES = "ein Leser soll keine Entitäten auflösen müssen"
"""Our XML never declares any; a feed reader that expands them can be made to hang."""
PACKAGE = "datapackage.json"
SHOWN_PER_FILE = 10
"""More reasons for one file are counted, not listed."""

LINE_ENDS = {"\r\n": "CRLF", "\n": "LF", "\r": "CR", "": "Dateiende"}


class Unreadable(ValueError):
    """A file its reader would refuse; the message is the reason, in German."""


def read_data_files(site_dir: Path) -> dict[str, bytes]:
    """Return `path → bytes` for every file under `site_dir` that `problems_in_files` checks."""
    return {
        path.relative_to(site_dir).as_posix(): path.read_bytes()
        for path in sorted(site_dir.rglob("*"))
        if path.name.endswith(CHECKED_SUFFIXES) and path.is_file()
    }


def problems_in_files(files: Mapping[str, bytes]) -> list[str]:
    """Return one line `path: reason` per problem in `files` (published path → bytes); files
    of other kinds are not looked at. Each data package is validated once its files parse."""
    reasons = {path: _file_reasons(path, data) for path, data in sorted(files.items())}
    for path in sorted(reasons):
        if PurePosixPath(path).name == PACKAGE and not reasons[path]:
            for place, reason in _package_reasons(path, files, reasons):
                reasons.setdefault(place, []).append(reason)
    return [line for path in sorted(reasons) for line in _lines(path, reasons[path])]


def _lines(path: str, reasons: list[str]) -> list[str]:
    lines = [f"{path}: {reason}" for reason in reasons[:SHOWN_PER_FILE]]
    if len(reasons) > SHOWN_PER_FILE:
        lines.append(f"{path}: … und {len(reasons) - SHOWN_PER_FILE} weitere Probleme")
    return lines


def _file_reasons(path: str, data: bytes) -> list[str]:
    """Return why the reader of this kind of file would refuse it (empty: it reads it)."""
    if not path.endswith(CHECKED_SUFFIXES):
        return []
    try:
        if path.endswith(".gz"):
            data, path = _gunzipped(data), path.removesuffix(".gz")
        text = _decoded(data)
        if path.endswith(".csv"):
            return _table_reasons(text)
        if path.endswith(".json"):
            _parsed_json(text)
        elif path.endswith(".ics"):
            return _calendar_reasons(text)
        else:
            _check_xml(data, ROOTS.get(path, SVG_ROOT if path.endswith(".svg") else None))
    except Unreadable as error:
        return [str(error)]
    return []


def _gunzipped(data: bytes) -> bytes:
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        raise Unreadable(f"kein gültiges gzip ({error})") from None


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        found = data[error.start : error.end].hex(" ")
        raise Unreadable(f"kein gültiges UTF-8 (bei Byte-Offset {error.start}: {found})") from None


# --- JSON -----------------------------------------------------------------------------------


def _parsed_json(text: str) -> Any:
    """Parse `text` as strict JSON: no NaN or Infinity, no key twice in one object."""
    try:
        return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise Unreadable(
            f"kein gültiges JSON (Zeile {error.lineno}, Spalte {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise Unreadable("kein lesbares JSON (zu tief verschachtelt)") from None


def _refuse_constant(name: str) -> Any:
    raise Unreadable(f"„{name}“ ist kein JSON-Wert (viele Leser lehnen die Datei ab)")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):
        twice = next(key for i, (key, _) in enumerate(pairs) if key in dict(pairs[:i]))
        raise Unreadable(f"Schlüssel „{one_line(twice)}“ steht zweimal im selben Objekt")
    return result


# --- XML and SVG ----------------------------------------------------------------------------


def _check_xml(data: bytes, root: str | None) -> None:
    """Parse `data` with expat, refusing a DOCTYPE or entity declaration; check the root
    element (`namespace name`) when one is expected."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    elements: list[str] = []

    def refuse_doctype(name: str, *_: Any) -> None:
        raise Unreadable(f"DOCTYPE „{name}“: nicht erlaubt, {NO_ENTITIES}")

    def refuse_entity(name: str, *_: Any) -> None:
        raise Unreadable(f"Entität „{name}“: nicht erlaubt, {NO_ENTITIES}")

    def first_element(name: str, _: Any) -> None:
        elements.append(name)
        parser.StartElementHandler = None

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_entity
    parser.StartElementHandler = first_element
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        reason = xml.parsers.expat.ErrorString(error.code)
        raise Unreadable(
            f"kein wohlgeformtes XML (Zeile {error.lineno}, Spalte {error.offset + 1}: {reason})"
        ) from None
    if root is not None and elements[:1] != [root]:
        found = _element_name(elements[0]) if elements else "keines"
        raise Unreadable(f"Wurzelelement ist {found}, erwartet {_element_name(root)}")


def _element_name(name: str) -> str:
    namespace, _, local = name.rpartition(" ")
    return f"„{local}“ im Namensraum {namespace}" if namespace else f"„{local}“ ohne Namensraum"


# --- iCalendar ------------------------------------------------------------------------------


def _calendar_reasons(text: str) -> list[str]:
    """Check line ends (CRLF after every line, RFC 5545 3.1), then read the calendar with
    `icalendar`: a VCALENDAR with at least one VEVENT, each with a DTSTART."""
    reasons = []
    lines = text.split("\n")
    for number, line in enumerate(lines[:-1], 1):
        if not line.endswith("\r") or "\r" in line[:-1]:
            reasons.append(f"Zeile {number} endet nicht mit CRLF (RFC 5545 verlangt CRLF)")
            break
    else:
        if lines[-1]:
            reasons.append(f"Zeile {len(lines)} endet nicht mit CRLF (RFC 5545 verlangt CRLF)")
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception as error:  # whatever the reader raises, the file is unreadable to it
        return [*reasons, f"kein gültiges iCalendar ({one_line(str(error))})"]
    if calendar.name != "VCALENDAR":
        return [*reasons, f"beginnt mit {calendar.name}, nicht mit VCALENDAR"]
    events = calendar.walk("VEVENT")
    if not events:
        reasons.append("kein VEVENT im Kalender")
    reasons += [
        f"VEVENT {number} ohne DTSTART"
        for number, event in enumerate(events, 1)
        if "DTSTART" not in event
    ]
    reasons += [
        f"{component.name}, {name}: {one_line(str(error))}"
        for component in calendar.walk()
        for name, error in component.errors
    ]
    return reasons


# --- CSV ------------------------------------------------------------------------------------


class _Lines:
    """The physical lines of a CSV text for `csv.reader`, noting how the last one ended."""

    def __init__(self, text: str) -> None:
        self._lines = io.StringIO(text, newline="")
        self.ending = ""

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.ending = line[len(line.rstrip("\r\n")) :]
        return line


def _table_reasons(text: str) -> list[str]:
    """Read `text` as `csv.reader` does: every row as wide as the header and ended like it (a
    line break outside quotes splits a row), no cell a spreadsheet would take for a formula."""
    lines = _Lines(text)
    reader = csv.reader(lines, strict=True)
    reasons: list[str] = []
    header: list[str] = []
    ending, number = "", 0
    try:
        for number, row in enumerate(reader, 1):
            if number == 1:
                header, ending = row, lines.ending
            elif len(row) != len(header):
                reasons.append(f"Zeile {number} hat {len(row)} statt {len(header)} Spalten")
            if lines.ending not in (ending, ""):
                reasons.append(
                    f"Zeile {number} endet mit {LINE_ENDS[lines.ending]} statt "
                    f"{LINE_ENDS[ending]}: ein Zeilenumbruch steht ohne Anführungszeichen"
                )
            reasons += _formula_reasons(number, row, header)
    except csv.Error as error:
        reasons.append(f"Zeile {number + 1}: kein gültiges CSV ({error})")
    if not header:
        reasons.append("leer: keine Kopfzeile")
    return reasons


def _formula_reasons(number: int, row: list[str], header: list[str]) -> list[str]:
    return [
        f"Zeile {number}, Spalte {header[column] if column < len(header) else column + 1}: "
        f"„{_excerpt(cell)}“ beginnt mit {one_line(cell[0])}, "
        "ein Tabellenprogramm liest das als Formel"
        for column, cell in enumerate(row)
        if cell.startswith(FORMULA_STARTS)
    ]


# --- Frictionless data package --------------------------------------------------------------


def _package_reasons(
    package: str,
    files: Mapping[str, bytes],
    reasons: Mapping[str, list[str]],
) -> list[tuple[str, str]]:
    """Validate the data package at `package` with Frictionless, as its users will; return
    `(path, reason)` pairs. Skipped while one of its files has a problem already (Frictionless
    would only repeat it)."""
    folder = PurePosixPath(package).parent
    try:
        paths = {str(folder / path): path for path in _referenced_files(files[package])}
    except Unreadable as error:
        return [(package, str(error))]
    missing = [path for path in paths if path not in files]
    if missing:
        return [(package, f"verweist auf {path}, das fehlt") for path in missing]
    if any(reasons[path] for path in paths):
        return []
    with tempfile.TemporaryDirectory(prefix="readback-") as temporary:
        copy = Path(temporary)
        (copy / PACKAGE).write_bytes(files[package])
        for path, inside in paths.items():
            (copy / inside).parent.mkdir(parents=True, exist_ok=True)
            (copy / inside).write_bytes(files[path])
        report = frictionless.validate(str(copy / PACKAGE))
    found = [(package, _frictionless_reason(error, package)) for error in report.errors]
    for task in report.tasks:
        place = str(folder / task.place) if task.place in paths.values() else package
        found += [(place, _frictionless_reason(error, package)) for error in task.errors]
    return found


def _referenced_files(package: bytes) -> list[str]:
    """Return the files the package's resources name (data, schema, dialect), each a plain
    relative path inside the package's folder: Frictionless reads nothing else, and nothing
    from the network."""
    descriptor = _parsed_json(_decoded(package))
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        raise Unreadable("Datenpaket ohne Liste „resources“")
    paths = []
    for resource in resources:
        for key in ("path", "schema", "dialect"):
            value = resource.get(key) if isinstance(resource, dict) else None
            if isinstance(value, str):
                parts = PurePosixPath(value).parts
                if not parts or ":" in value or ".." in parts or value.startswith("/"):
                    raise Unreadable(f"„{key}“: „{one_line(value)}“ ist keine Datei im Paket")
                paths.append(value)
    return sorted(set(paths))


def _frictionless_reason(error: Any, package: str) -> str:
    where = []
    if getattr(error, "row_number", None):
        where.append(f"Zeile {error.row_number}")
    if getattr(error, "field_name", None):
        where.append(f"Spalte {error.field_name}")
    if getattr(error, "cell", None) is not None:
        where.append(f"„{_excerpt(str(error.cell))}“")
    reason = f"verletzt {package} ({error.type}: {error.note or error.message})"
    return one_line(": ".join([", ".join(where), reason] if where else [reason]))


def _excerpt(text: str, length: int = 30) -> str:
    return one_line(text if len(text) <= length else text[: length - 1] + "…")
