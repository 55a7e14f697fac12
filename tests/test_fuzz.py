"""Property-based fuzzing (hypothesis) of the loader and of the whole page build.

Whatever an editor saves, the generator answers with pages or with a list of problems, each
`path:line:col: message`; never with a traceback. Example counts are kept small so that the file
runs in well under a minute; a failure prints the example and a `@reproduce_failure` blob.
"""

from __future__ import annotations

import copy
import csv
import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile import dump_yaml, location_of, set_at, text_locations, write_hostile_content
from hypothesis import Phase, event, example, given, settings
from hypothesis import strategies as st
from support import FIXTURE, SOURCE_DATE_EPOCH, TEMPLATES, load_yaml

from generator.build import Pages, build_pages
from generator.check.data_files import problems_in_files
from generator.content.field_types import refused_character
from generator.content.load import MAX_DEPTH, load_document
from generator.content.problems import ContentError, Problem, format_key
from generator.content.validate import read_content
from generator.data.exports import FORMULA_STARTS
from generator.editors.fields import Field, content_fields

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    print_blob=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
)
"""Small runs; no `explain` phase (it reruns a failing example hundreds of times)."""
PROBLEM_LINE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): (?s:.)")
YAML_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""What YAML counts as a line break, and so the loader when it numbers lines."""
OTHER_LINE_BREAK = re.compile("[\r\x85\u2028\u2029]")
BASE_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
MUTATED_FILES = ("meeting_points/alpha.yaml", "evaluations/reflexion.yaml")


@contextmanager
def scratch_dir() -> Iterator[Path]:
    """A fresh directory per example (pytest's tmp_path is shared by all examples of a test)."""
    directory = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def assert_well_formed(problem: Problem, path: str, text: str | None = None) -> None:
    """A problem names the file and a position inside it and says something."""
    match = PROBLEM_LINE.match(str(problem))  # the message itself: see the one-line test
    assert match, f"not `path:line:col: message`: {problem!s}"
    assert problem.path == path
    assert problem.message.strip()
    if text is not None:  # the position lies inside the file (or just after its end)
        assert problem.line <= len(YAML_LINE_BREAK.findall(text)) + 2, problem


# --- Strategies -----------------------------------------------------------------------------

ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "~",
        "null",
        "NO",
        "yes",
        "04700",
        "12:30",
        "24:00",
        "1.10",
        "1e999",
        "-1",
        "NaN",
        ".inf",
        "0x1F",
        "49908.00",
        "2017-02-30",
        "2017-13",
        "0000",
        "2019/2017",
        "9999-12-31",
        "alpha",
        "beta",
        "quelle-a",
        "quelle-z",
        "eupen",
        "seniors",
        "mon",
        "high",
        "implemented",
        "bedarf-vernetzung",
        "empfehlung-vernetzung",
        "https://example.org/",
        "javascript:alert(1)",
        "<script>alert(1)</script>",
        "{{ 7 * 7 }}",
        "{% raw %}",
        "[^1]",
        "\u202e\u0000\ufeff\ud7ff\U0010ffff",
        "a" * 2000,
    ]
)
"""Values an editor might plausibly type, or that tend to break parsers and templates."""
TEXT = st.text(max_size=40) | ODD_TEXT
SCALARS = (
    TEXT
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.none()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
"""Random nested YAML data: dicts, lists and scalars of every YAML type."""
TEXT_TREES = st.recursive(
    st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=12), inner, min_size=1, max_size=4)
    ),
    max_leaves=12,
)
"""Nested data whose scalars are all text, which the loader must return unchanged."""
YAML_PIECES = st.lists(
    st.sampled_from(
        [
            "a",
            "key",
            "name",
            ": ",
            ":",
            "- ",
            "-",
            "? ",
            "\n",
            "  ",
            "\t",
            "# x",
            "'",
            '"',
            "\\",
            "[",
            "]",
            "{",
            "}",
            ",",
            "&a ",
            "*a",
            "!!python/object/apply:os.system ",
            "!x ",
            "|\n",
            ">-\n",
            "---\n",
            "...\n",
            "%YAML 1.1\n",
            "<<: ",
            "\ufeff",
            "\x00",
            "\x85",
            "\u2028",
            "é",
            "1",
            "12:30",
        ]
    ),
    max_size=40,
).map("".join)
"""Text made of YAML syntax: indicators, indentation, anchors, tags, document markers."""
DOCUMENTS = (
    st.binary(max_size=200)
    | st.text(max_size=200).map(str.encode)
    | YAML_PIECES.map(str.encode)
    | VALUES.map(lambda data: yaml.safe_dump(data, allow_unicode=True).encode())
    | VALUES.map(lambda data: yaml.safe_dump(data, default_flow_style=True).encode())
    | st.integers(min_value=1, max_value=3 * MAX_DEPTH).map(lambda n: b"[" * n + b"]" * n)
    | st.integers(min_value=1, max_value=2 * MAX_DEPTH).map(
        lambda n: "".join(f"{'  ' * i}k{i}:\n" for i in range(n)).encode()
    )
)


# --- The loader -----------------------------------------------------------------------------


def scalars_are_text(data: Any) -> bool:
    if isinstance(data, dict):
        return all(isinstance(k, str) and scalars_are_text(v) for k, v in data.items())
    if isinstance(data, list):
        return all(scalars_are_text(v) for v in data)
    return data is None or isinstance(data, str)


@FUZZ
@given(raw=DOCUMENTS)
def test_loader_returns_data_or_one_problem(raw: bytes) -> None:
    with scratch_dir() as directory:
        file = directory / "datei.yaml"
        file.write_bytes(raw)
        document, problem = load_document(file, "inhalt/datei.yaml", "datei.yaml")
    assert (document is None) != (problem is None)
    if problem is not None:
        assert_well_formed(problem, "inhalt/datei.yaml", raw.decode("utf-8", "replace"))
    else:
        assert document is not None
        assert isinstance(document.data, dict)
        assert scalars_are_text(document.data)
        assert all(line >= 1 and column >= 1 for line, column in document.values.values())


def strings(data: Any) -> Iterator[str]:
    """Every key and text value in nested data."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)
    elif isinstance(data, str):
        yield data


@FUZZ
@given(data=st.dictionaries(st.text(min_size=1, max_size=12), TEXT_TREES, min_size=1))
def test_loader_reads_text_as_yaml_does(data: dict[str, Any]) -> None:
    """Text written by a YAML library comes back as YAML itself reads it (every scalar as
    text), and unchanged unless it holds a line break other than `\\n`, which YAML folds."""
    text = yaml.safe_dump(data, allow_unicode=True)
    with scratch_dir() as directory:
        file = directory / "datei.yaml"
        file.write_text(text, encoding="utf-8")
        document, problem = load_document(file, "datei.yaml", "datei.yaml")
    assert problem is None, problem
    assert document is not None
    assert document.data == yaml.load(text, Loader=BASE_LOADER)
    if not any(OTHER_LINE_BREAK.search(text) for text in strings(data)):
        assert document.data == data


# --- The whole build ------------------------------------------------------------------------


def locations(data: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every key path in `data`, containers included."""
    yield loc
    if isinstance(data, dict):
        for key, value in data.items():
            yield from locations(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from locations(value, (*loc, index))


FIXTURE_DATA = {rel: load_yaml(FIXTURE / rel) for rel in MUTATED_FILES}
PLACES = [(rel, loc) for rel in MUTATED_FILES for loc in locations(FIXTURE_DATA[rel]) if loc]
MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(PLACES),
        st.sampled_from(["replace", "delete", "add"]),
        st.text(min_size=1, max_size=12) | st.sampled_from(["note", "sources", "id", "x"]),
        VALUES,
    ),
    min_size=1,
    max_size=4,
)
"""Edits to the fixture's meeting point and evaluation: a value replaced by random data, a
key or list entry deleted, a key added next to an existing one."""


def mutate(data: Any, loc: tuple[str | int, ...], how: str, key: str, value: Any) -> None:
    parent = data
    for part in loc[:-1]:
        if not isinstance(parent, (dict, list)):
            return
        try:
            parent = parent[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return  # an earlier edit removed this place
    last = loc[-1]
    if isinstance(parent, dict) and isinstance(last, str):
        if how == "replace":
            parent[last] = value
        elif how == "delete":
            parent.pop(last, None)
        else:
            parent.setdefault(key, value)
    elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        if how == "replace":
            parent[last] = value
        elif how == "delete":
            del parent[last]
        else:
            parent.insert(last, value)


def build_or_problems(content_dir: Path) -> Pages | list[Problem]:
    try:
        return build_pages(content_dir, TEMPLATES)
    except ContentError as error:
        return error.problems


Mutation = tuple[tuple[str, tuple[str | int, ...]], str, str, Any]
"""`((file, location), how, key, value)`: one change to a fixture file (see `mutate`)."""


def build_mutated(mutations: list[Mutation]) -> tuple[Pages | list[Problem], dict[str, str]]:
    """Build a copy of the fixture with `mutations` applied; return the pages or problems and
    the text of every content file, by the path the problems name."""
    with scratch_dir() as directory:
        content_dir = directory / "content"
        shutil.copytree(FIXTURE, content_dir)
        for rel in MUTATED_FILES:
            data = load_yaml(content_dir / rel)
            for (target, loc), how, key, value in mutations:
                if target == rel:
                    mutate(data, loc, how, key, value)
            (content_dir / rel).write_text(
                yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        outcome = build_or_problems(content_dir)
        texts = {str(content_dir / p): p.read_text("utf-8") for p in content_dir.rglob("*.yaml")}
    return outcome, texts


@FUZZ
@given(mutations=MUTATIONS)
def test_build_gives_pages_or_problems(mutations: list[Mutation]) -> None:
    outcome, texts = build_mutated(mutations)
    event("pages" if isinstance(outcome, Pages) else "problems")
    if isinstance(outcome, Pages):
        assert outcome.pages
        return
    assert outcome, "ContentError without problems"
    for problem in outcome:
        assert problem.path in texts, problem
        assert_well_formed(problem, problem.path, texts[problem.path])


def field_path(loc: tuple[str | int, ...]) -> str:
    """The path of `loc` as in `content_fields`: `("offers", 0, "name")` → `offers[].name`."""
    path = ""
    for part in loc:
        path += "[]" if isinstance(part, int) else (f".{part}" if path else part)
    return path


def text_paths(fields: list[Field]) -> Iterator[str]:
    for item in fields:
        if item.label == "Text":
            yield item.path
        elif item.label == "Liste: Text":
            yield item.path + "[]"
        yield from text_paths(item.children)


TEXT_FIELDS = {
    rel: set(text_paths(content_fields()[rel.split("/")[0] + "/"])) for rel in MUTATED_FILES
}
TEXT_PLACES = [(rel, loc) for rel, loc in PLACES if field_path(loc) in TEXT_FIELDS[rel]]
"""The free-text values of the fixture's meeting point and evaluation."""


@FUZZ
@example(edits=[(place, "x") for place in TEXT_PLACES])
@example(edits=[(place, " \t ") for place in TEXT_PLACES])
@example(edits=[(place, "\u202e<b>&amp;</b>\n# {{ x }} [^1] \\") for place in TEXT_PLACES])
@given(
    edits=st.lists(st.tuples(st.sampled_from(TEXT_PLACES), TEXT | st.text(min_size=1)), min_size=1)
)
def test_build_renders_any_text(edits: list[tuple[tuple[str, tuple[str | int, ...]], str]]) -> None:
    """Free-text fields take any text: the build renders it, or names what is wrong."""
    outcome, texts = build_mutated([(place, "replace", "", text) for place, text in edits])
    event("pages" if isinstance(outcome, Pages) else "problems")
    if isinstance(outcome, Pages):
        return
    assert outcome, "ContentError without problems"
    for problem in outcome:
        assert problem.path in texts, problem
        assert_well_formed(problem, problem.path, texts[problem.path])


@FUZZ
@given(rel=st.sampled_from(MUTATED_FILES), raw=DOCUMENTS)
def test_build_gives_problems_for_any_file_content(rel: str, raw: bytes) -> None:
    """A meeting point or evaluation file replaced by anything at all."""
    with scratch_dir() as directory:
        content_dir = directory / "content"
        shutil.copytree(FIXTURE, content_dir)
        (content_dir / rel).write_bytes(raw)
        outcome = build_or_problems(content_dir)
    event("pages" if isinstance(outcome, Pages) else "problems")
    if isinstance(outcome, Pages):
        return
    assert outcome, "ContentError without problems"
    for problem in outcome:
        assert_well_formed(problem, problem.path)
        assert problem.path.startswith(str(content_dir)), problem


CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
"""Characters that break a report line or act on the terminal (tab is fine)."""
CONTROL_TEXT = st.tuples(
    st.text(max_size=8),
    st.sampled_from(["\n", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\x1b[2J", "\x00"]),
    st.text(max_size=8),
).map("".join)
"""Text with a line break or control character somewhere in it."""


@FUZZ
@given(
    key=CONTROL_TEXT,
    place=st.sampled_from(
        [("name", ""), ("municipality", ""), ("last_checked", ""), ("operator", "sources")]
    ),
    value=CONTROL_TEXT,
)
def test_problem_reports_are_one_line_each(key: str, place: tuple[str, str], value: str) -> None:
    """`validate` prints one line per problem: a key or value that holds a line break or an
    escape sequence is shown escaped, not raw (it would split or overwrite the line)."""
    with scratch_dir() as directory:
        content_dir = directory / "content"
        shutil.copytree(FIXTURE, content_dir)
        file = content_dir / "meeting_points" / "alpha.yaml"
        data = load_yaml(file)
        data[key] = "x"  # an unknown field
        field, inner = place
        if inner:
            data[field][inner] = [value]
        else:
            data[field] = value
        file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        with pytest.raises(ContentError) as error:
            read_content(content_dir)  # what `python -m generator validate` prints
    assert [str(p) for p in error.value.problems if CONTROL.search(str(p))] == []


# --- Every published file, for any text in any text field -----------------------------------

PIECES = [
    *FORMULA_STARTS,
    "'",
    '=HYPERLINK("https://example.org")',
    "\r\n",
    "\n",
    "\x00",
    "\x07",
    "\x1b[2J",
    "\x7f",
    "\x85",
    "\x9f",
    "\u2028",
    "\u202e",
    "\u2066",
    "\u2069",
    "\ufffe",
    "\uffff",
    "e\u0301",
    "Ü",
    "<",
    ">",
    "&",
    "&amp;",
    "]]>",
    '"',
    ",",
    ";",
    "a" * 5000,
    " ",
]
HOSTILE_TEXT = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), min_size=1, max_size=6).map(
    "".join
)
"""Text made of what breaks published files: formula starters, CR and LF, control characters,
bidirectional overrides, decomposed letters, XML specials, long runs."""
ALLOWED_TEXT = (
    st.lists(
        st.sampled_from([p for p in PIECES if not refused_character(p)]), min_size=1, max_size=6
    )
    .map("".join)
    .filter(str.strip)
)
"""The same, made only of what every text field allows: these must publish."""


def _every_text_field() -> dict[str, Any]:
    with scratch_dir() as directory:
        content = write_hostile_content(directory / "content")
        return {p.relative_to(content).as_posix(): load_yaml(p) for p in content.rglob("*.yaml")}


FULL_DATA = _every_text_field()
"""Content with every free-text field filled in (from the hostile test corpus)."""
FULL_PLACES = sorted(
    (rel, loc)
    for rel, data in FULL_DATA.items()
    for loc in text_locations(data, content_fields()[location_of(rel)])
)


def formula_cells(files: dict[str, bytes]) -> list[str]:
    """Every CSV cell that a spreadsheet would run as a formula."""
    return [
        f"{path}: {cell[:40]!r}"
        for path, data in files.items()
        if path.endswith(".csv")
        for row in csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
        for cell in row
        if cell.startswith(FORMULA_STARTS)
    ]


@settings(FUZZ, max_examples=40)
@example(edits=[(place, "=1+1") for place in FULL_PLACES])
@example(edits=[(place, "@SUM(1)\r\n-2") for place in FULL_PLACES])
@example(edits=[(place, "\x07 \x9f \u202e \ufffe \r") for place in FULL_PLACES])
@example(edits=[(place, "e\u0301 <&]]> ;,\"'") for place in FULL_PLACES])
@given(
    edits=st.lists(st.tuples(st.sampled_from(FULL_PLACES), HOSTILE_TEXT), min_size=1, max_size=8)
    | st.lists(st.tuples(st.sampled_from(FULL_PLACES), ALLOWED_TEXT), min_size=1, max_size=8)
)
def test_published_files_parse_for_any_text(
    edits: list[tuple[tuple[str, tuple[str | int, ...]], str]],
) -> None:
    """Any text in any text field gives problems at the edited fields, or files that all
    parse with their readers (CSV, data package, JSON, Atom, SVG, iCalendar) and hold no cell
    that a spreadsheet would run."""
    data = copy.deepcopy(FULL_DATA)
    for (rel, loc), text in edits:
        set_at(data[rel], loc, text)
    with scratch_dir() as directory:
        content_dir = directory / "content"
        for rel, values in data.items():
            (content_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (content_dir / rel).write_text(dump_yaml(values), encoding="utf-8")
        with pytest.MonkeyPatch.context() as patch:  # a date within the calendar's year
            patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
            outcome = build_or_problems(content_dir)
    event("pages" if isinstance(outcome, Pages) else "problems")
    if isinstance(outcome, Pages):
        assert "treffpunkte/alpha/kalender.ics" in outcome.assets
        assert problems_in_files(outcome.assets) == []
        assert formula_cells(outcome.assets) == []
        return
    edited = {(str(content_dir / rel), format_key(loc)) for (rel, loc), _ in edits}
    assert outcome, "ContentError without problems"
    assert {(p.path, p.key) for p in outcome} <= edited
