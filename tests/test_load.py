"""Loader: YAML is untrusted data; every value keeps its text and its position."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import MAX_BYTES, MAX_DEPTH, TOO_DEEP, load_document, parse_yaml


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
