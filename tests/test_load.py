"""Loader: YAML is untrusted data; every value keeps its text and its position."""

from __future__ import annotations

import os
import shutil
import signal
import socket
from pathlib import Path

import pytest
from support import FIXTURE as MINIMAL
from support import REPO, validate_command

import generator.build as page_stage
import generator.content.load as loader
from generator.build import CONTENT_COPY_DIR, build_pages
from generator.cli import main
from generator.content.files import MAX_BYTES, SYMLINK
from generator.content.load import MAX_DEPTH, TOO_DEEP, load_document, parse_yaml
from generator.content.problems import ContentError


def load(tmp_path: Path, data: bytes) -> tuple[object, str]:
    file = tmp_path / "item.yaml"
    file.write_bytes(data)
    document, problem = load_document(file, "item.yaml", "item.yaml")
    if problem:
        return None, str(problem)
    assert document is not None
    return document.data, ""


def test_scalars_stay_text() -> None:
    data, _, _ = parse_yaml("land: NO\nzip: 04700\nt: 12:30\nv: 1.10\nok: yes\nempty:\n")
    assert data == {
        "land": "NO",
        "zip": "04700",
        "t": "12:30",
        "v": "1.10",
        "ok": "yes",
        "empty": None,
    }


def test_quoted_empty_string_is_not_missing() -> None:
    data, _, _ = parse_yaml('name: ""\n')
    assert data == {"name": ""}


def test_positions_of_keys_and_values_are_one_based() -> None:
    _, values, keys = parse_yaml("a:\n  - x\n  - b: 1\n")
    assert keys[("a",)] == (1, 1)
    assert values[("a", 0)] == (2, 5)
    assert keys[("a", 1, "b")] == (3, 5)
    assert values[("a", 1, "b")] == (3, 8)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x 1\nb: *x\n", "item.yaml:1:4: Anker (&x) sind nicht erlaubt"),
        ("a: !!python/object/apply:os.system [ls]\n", "item.yaml:1:4: Typangaben"),
        ("a: !!binary aGVsbG8=\n", "item.yaml:1:4: Typangaben"),
        ("a: 1\nb: 2\na: 3\n", "item.yaml:3:1: Feld 'a' doppelt (zuerst in Zeile 1)"),
        ("a: 1\n---\nb: 2\n", "item.yaml:2:1: nur ein YAML-Dokument"),
        ("? [a, b]\n: 1\n", "item.yaml:1:3: Feldnamen müssen einfacher Text sein"),
        ("a: [1, 2\n", "item.yaml:2:1: YAML-Syntaxfehler"),
        ("a: 1\nb: x\x07y\n", "item.yaml:2:5: Steuerzeichen U+0007 ist in der Datei nicht erlaubt"),
        ("a: 1\nb: \x9f\n", "item.yaml:2:4: Steuerzeichen U+009F ist in der Datei nicht erlaubt"),
        ("a:\n\t- b\n", "item.yaml:2:1: YAML-Syntaxfehler"),
        ("", "item.yaml:1:1: Datei muss Felder (Schlüssel: Wert) enthalten, ist aber leer"),
        (
            "- a\n- b\n",
            "item.yaml:1:1: Datei muss Felder (Schlüssel: Wert) enthalten, ist aber eine Liste",
        ),
        (
            "nur Text\n",
            "item.yaml:1:1: Datei muss Felder (Schlüssel: Wert) enthalten, ist aber ein einzelner",
        ),
    ],
)
def test_refused_yaml_gives_one_clear_problem(tmp_path: Path, text: str, message: str) -> None:
    data, problem = load(tmp_path, text.encode())
    assert data is None
    assert problem.startswith(message)


def test_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x"]'] + [
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)
    ]
    _, problem = load(tmp_path, "\n".join(lines).encode())
    assert problem.startswith("item.yaml:1:5: Anker (&a0)")


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    _, problem = load(tmp_path, b"a: " + b"[" * 40 + b"]" * 40)
    assert problem == f"item.yaml:1:{MAX_DEPTH + 3}: mehr als {MAX_DEPTH} Ebenen verschachtelt"


def test_very_deep_nesting_gives_one_problem_not_a_crash(tmp_path: Path) -> None:
    _, problem = load(tmp_path, b"a: " + b"[" * 10_000 + b"]" * 10_000)
    assert problem.startswith("item.yaml:1:") and problem.endswith(TOO_DEEP)


def test_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    _, problem = load(tmp_path, b"a: " + b"x" * MAX_BYTES)
    assert problem == "item.yaml:1:1: Datei ist größer als 1.000.000 Bytes"


def test_byte_order_mark_is_refused(tmp_path: Path) -> None:
    _, problem = load(tmp_path, b"\xef\xbb\xbfa: 1\n")
    assert "Byte-Order-Mark" in problem


def test_non_utf8_points_at_the_bad_byte(tmp_path: Path) -> None:
    _, problem = load(tmp_path, "a: 1\nort: Büllingen\n".encode("latin-1"))
    assert problem == "item.yaml:2:7: Datei ist nicht in UTF-8 gespeichert"


def test_binary_file_is_refused(tmp_path: Path) -> None:
    _, problem = load(tmp_path, bytes(range(256)))
    assert problem.startswith("item.yaml:")


# --- What is read: regular files inside the content folder, nothing else --------------------

SECRET = "GEHEIM-4711"
TEMPLATES = REPO / "site_templates"


def symlinked_folder(path: Path) -> None:
    path.symlink_to(Path("draussen").resolve(), target_is_directory=True)


def unix_socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))  # relative: a socket's path may not be longer than 107 bytes


def alpha_copy(path: Path) -> None:
    shutil.copy(MINIMAL / "meeting_points" / "alpha.yaml", path)


REFUSED = {
    "symlink-to-a-file-outside": (
        "meeting_points/gamma.yaml",
        lambda path: path.symlink_to(Path("draussen/gamma.yaml").resolve()),
        SYMLINK,
    ),
    "symlink-to-a-file-inside": (
        "meeting_points/gamma.yaml",
        lambda path: path.symlink_to("alpha.yaml"),
        SYMLINK,
    ),
    "dangling-symlink": (
        "meeting_points/gamma.yaml",
        lambda path: path.symlink_to("fehlt.yaml"),
        SYMLINK,
    ),
    "symlinked-folder": (
        "archiv",
        symlinked_folder,
        "symbolischer Verweis auf einen Ordner; bitte den Ordner selbst hier ablegen",
    ),
    "folder-named-yaml": (
        "meeting_points/gamma.yaml",
        Path.mkdir,
        "ein Ordner, keine Datei; bitte umbenennen",
    ),
    "fifo": (
        "meeting_points/gamma.yaml",
        os.mkfifo,
        "keine gewöhnliche Datei (etwa eine Pipe oder ein Socket); bitte entfernen",
    ),
    "socket": (
        "meeting_points/gamma.yaml",
        unix_socket,
        "keine gewöhnliche Datei (etwa eine Pipe oder ein Socket); bitte entfernen",
    ),
    "trailing-newline": (
        "meeting_points/gamma.yaml\n",
        alpha_copy,
        "Name mit Steuerzeichen (etwa einem Zeilenumbruch); bitte umbenennen",
    ),
    "bell-in-the-name": (
        "meeting_points/gam\x07ma.yaml",
        alpha_copy,
        "Name mit Steuerzeichen (etwa einem Zeilenumbruch); bitte umbenennen",
    ),
}

SKIPPED = {
    "drafts-folder": (".drafts/gamma.yaml", "a: [\n"),
    "editor-lock-file": ("meeting_points/.#alpha.yaml", "a: [\n"),
    "editor-lock-symlink": ("meeting_points/.#beta.yaml", None),  # how Emacs writes its locks
}


@pytest.fixture
def content(content_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal content as `content/` in the working folder, a valid meeting point with
    SECRET outside it in `draussen/gamma.yaml`."""
    monkeypatch.chdir(content_dir.parent)
    Path("draussen").mkdir()
    text = (MINIMAL / "meeting_points" / "alpha.yaml").read_text("utf-8")
    Path("draussen/gamma.yaml").write_text(text.replace("Treffpunkt Alpha", SECRET), "utf-8")
    return Path("content")


def plant_skipped(content: Path, name: str) -> None:
    rel, text = SKIPPED[name]
    (content / rel).parent.mkdir(exist_ok=True)
    if text is None:
        (content / rel).symlink_to("redaktion@rechner.4711:1700000000")
    else:
        (content / rel).write_text(text, "utf-8")


@pytest.mark.parametrize("name", REFUSED)
def test_what_is_not_a_regular_yaml_file_gives_one_problem(
    name: str, content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rel, plant, message = REFUSED[name]
    plant(content / rel)
    status = main(["validate", "content"])
    shown = rel.replace("\n", "\\n").replace("\x07", "\\x07")  # one line per problem
    expected = f"content/{shown}:1:1: {message}\n1 Problem(e) gefunden\n"
    assert (status, capsys.readouterr().err) == (1, expected)


@pytest.mark.parametrize("name", SKIPPED)
def test_dot_names_are_skipped(
    name: str, content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plant_skipped(content, name)
    status = main(["validate", "content"])
    assert (status, capsys.readouterr().err) == (0, "")


def test_validate_command_names_a_fifo_and_exits_1(content: Path) -> None:
    os.mkfifo(content / "meeting_points" / "gamma.yaml")
    result = validate_command(content.resolve())
    assert result.returncode == 1
    assert result.stderr.endswith(
        "gamma.yaml:1:1: keine gewöhnliche Datei (etwa eine Pipe oder "
        "ein Socket); bitte entfernen\n1 Problem(e) gefunden\n"
    )


def test_a_symlink_out_of_the_content_folder_stops_the_build(content: Path) -> None:
    REFUSED["symlink-to-a-file-outside"][1](content / "meeting_points" / "gamma.yaml")
    with pytest.raises(ContentError) as error:
        build_pages(content, TEMPLATES)
    assert [str(p) for p in error.value.problems] == [
        f"content/meeting_points/gamma.yaml:1:1: {SYMLINK}"
    ]
    assert SECRET not in str(error.value)


def test_dot_names_are_neither_read_nor_published(content: Path) -> None:
    for name in SKIPPED:
        plant_skipped(content, name)
    assets = build_pages(content, TEMPLATES).assets
    copies = {path: data for path, data in assets.items() if path.startswith(CONTENT_COPY_DIR)}
    expected = {
        f"{CONTENT_COPY_DIR}/{file.relative_to(MINIMAL).as_posix()}": file.read_bytes()
        for file in MINIMAL.rglob("*.yaml")
    }
    assert copies == expected


def test_published_copy_is_what_was_validated(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parse = loader.parse_document

    def parse_then_edit(raw: bytes, shown: str, rel: str) -> object:
        (content / rel).write_text("name: geändert, nachdem sie gelesen wurde\n", "utf-8")
        return parse(raw, shown, rel)

    monkeypatch.setattr(page_stage, "parse_document", parse_then_edit)
    assets = build_pages(content, TEMPLATES).assets
    assert assets[f"{CONTENT_COPY_DIR}/site.yaml"] == (MINIMAL / "site.yaml").read_bytes()


def swap_folder(content: Path) -> None:
    shutil.rmtree(content / "meeting_points")
    (content / "meeting_points").symlink_to(Path("draussen").resolve())


SWAPPED = {
    "file-by-a-symlink-to-outside": (
        lambda content: REFUSED["symlink-to-a-file-outside"][1](
            content / "meeting_points" / "gamma.yaml"
        ),
        SYMLINK,
    ),
    "folder-by-a-symlink-to-outside": (swap_folder, "Datei nicht lesbar: NotADirectoryError"),
    "file-by-a-fifo": (
        lambda content: os.mkfifo(content / "meeting_points" / "gamma.yaml"),
        "keine gewöhnliche Datei (etwa eine Pipe oder ein Socket); bitte entfernen",
    ),
}


@pytest.mark.parametrize("name", SWAPPED)
def test_a_file_changed_after_listing_is_not_read_outside(name: str, content: Path) -> None:
    """Between `content_files` and reading, a file or folder may be replaced: the reader
    itself follows no symbolic link and does not wait for a pipe."""
    swap, message = SWAPPED[name]
    swap(content)
    file = content / "meeting_points" / "gamma.yaml"
    handler = signal.signal(signal.SIGALRM, stop_waiting)
    signal.alarm(10)  # opening a pipe without O_NONBLOCK would wait for a writer forever
    try:
        document, problem = load_document(file, str(file), "meeting_points/gamma.yaml")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, handler)
    assert (document, str(problem)) == (None, f"{file}:1:1: {message}")


def stop_waiting(signum: int, frame: object) -> None:
    raise AssertionError("the loader waits for a writer to the pipe")  # not an OSError
