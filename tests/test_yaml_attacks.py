"""YAML attacks against the validator, each run as its own process under hard resource limits.

Every attack is one file put into a copy of the minimal fixture. The validator must answer with
exactly one clear problem line for it and exit 1, inside an address space of 256 MB and 1 s of
CPU time for the whole process, interpreter start included; beyond either limit the kernel
stops it and the test fails. The measured CPU time and peak memory of every run are written to
`test-artifacts/yaml-attacks.txt`.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import FIXTURE, REPO

from generator.files import MAX_BYTES
from generator.load import TOO_DEEP
from generator.types import RESERVED_MESSAGE

MEMORY_LIMIT = 256 << 20
CPU_LIMIT_S = 1
REPORT = REPO / "test-artifacts" / "yaml-attacks.txt"

_BOMB = "\n".join(
    ['a0: &a0 ["lol"]'] + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
)
"""Billion laughs: 9^9 strings once expanded."""
_NOT_AN_ID = "keine gültige Kennung (nur a–z, 0–9 und einzelne Bindestriche; ä→ae, ß→ss)"
_BAD_NAME = "ist keine gültige Kennung (nur a–z, 0–9, Bindestriche)"
_NEW = "meeting_points/neu.yaml"


def _target_group(value: str) -> tuple[str, bytes]:
    """vocabularies.yaml with one more target group whose id is `value`."""
    text = (FIXTURE / "vocabularies.yaml").read_text(encoding="utf-8")
    entry = f"target_groups:\n  - id: '{value}'\n    label: Neu\n"
    return "vocabularies.yaml", text.replace("target_groups:\n", entry).encode()


def _file_named(name: str) -> tuple[str, bytes]:
    """A valid meeting point saved under another file name (the name is its id)."""
    return f"meeting_points/{name}.yaml", (FIXTURE / "meeting_points" / "beta.yaml").read_bytes()


ATTACKS: dict[str, tuple[tuple[str, bytes], str]] = {
    "alias bomb": (
        (_NEW, _BOMB.encode()),
        "1:5: Anker (&a0) sind nicht erlaubt; Wert bitte ausschreiben",
    ),
    "10,000 levels, flow": (
        (_NEW, b"a: " + b"[" * 10_000 + b"]" * 10_000),
        f"1:1003: {TOO_DEEP}",
    ),
    "10,000 levels, block": ((_NEW, b"- " * 10_000 + b"x\n"), f"1:65: {TOO_DEEP}"),
    "50 MB file": (
        (_NEW, b"name: " + b"x" * (50 << 20)),
        f"1:1: Datei ist größer als {MAX_BYTES:,} Bytes".replace(",", "."),
    ),
    "binary": ((_NEW, bytes(range(256)) * 64), "2:118: Datei ist nicht in UTF-8 gespeichert"),
    "Latin-1": (
        (_NEW, "name: Büllingen\n".encode("latin-1")),
        "1:8: Datei ist nicht in UTF-8 gespeichert",
    ),
    "byte-order mark": (
        (_NEW, b"\xef\xbb\xbfname: x\n"),
        "1:1: Datei beginnt mit einer Byte-Order-Mark; bitte als UTF-8 ohne BOM speichern",
    ),
    "tab in indentation": (
        (_NEW, b"name: x\n\tcontact: y\n"),
        "2:1: YAML-Syntaxfehler: Tabulator in der Einrückung; bitte mit Leerzeichen einrücken",
    ),
    "duplicate key": (
        (_NEW, b"name: x\nname: y\n"),
        "2:1: Feld 'name' doppelt (zuerst in Zeile 1)",
    ),
    "python object tag": (
        (_NEW, b"name: !!python/object/apply:os.system [ls]\n"),
        "1:7: Typangaben (tag:yaml.org,2002:python/object/apply:os.system) sind nicht erlaubt",
    ),
    "empty file": (
        (_NEW, b""),
        "1:1: Datei muss Felder (Schlüssel: Wert) enthalten, ist aber leer",
    ),
    "only a list": (
        (_NEW, b"- a\n- b\n"),
        "1:1: Datei muss Felder (Schlüssel: Wert) enthalten, ist aber eine Liste",
    ),
    "id ../../etc/x": (
        _target_group("../../etc/x"),
        f"9:9: target_groups[0].id: '../../etc/x': {_NOT_AN_ID}; Vorschlag: 'etc-x'",
    ),
    "id CON": (_target_group("CON"), f"9:9: target_groups[0].id: 'CON': {_NOT_AN_ID}"),
    "id con": (_target_group("con"), f"9:9: target_groups[0].id: 'con': {RESERVED_MESSAGE}"),
    "id ä": (
        _target_group("ä"),
        f"9:9: target_groups[0].id: 'ä': {_NOT_AN_ID}; Vorschlag: 'ae'",
    ),
    "file CON.yaml": (_file_named("CON"), f"1:1: Dateiname 'CON' {_BAD_NAME}"),
    "file con.yaml": (_file_named("con"), f"1:1: Dateiname 'con': {RESERVED_MESSAGE}"),
    "file ä.yaml": (_file_named("ä"), f"1:1: Dateiname 'ä' {_BAD_NAME}; Vorschlag: 'ae.yaml'"),
}


_MEASURED = """
import atexit, re, sys
def peak():  # VmHWM starts afresh at exec; ru_maxrss would count the forked test process
    status = open("/proc/self/status").read()
    kb = re.search(r"VmHWM:\\s+(\\d+) kB", status)[1]
    open(sys.argv[1], "w").write(str(int(kb) * 1024))
atexit.register(peak)
exec(sys.argv[2])
"""
"""Runs the Python code in argv[2], then writes the peak resident memory to the file argv[1]."""
VALIDATE = "from generator.cli import main; sys.exit(main(['validate', sys.argv[3]]))"


@dataclass
class Run:
    """One validator process: exit code, output, CPU seconds, peak resident memory (bytes)."""

    status: int
    stdout: str
    stderr: str
    cpu_s: float
    peak_bytes: int


def run_limited(code: str, argument: str, scratch: Path) -> Run:
    """Run Python `code` (with `argument` as sys.argv[3]) as a process under the limits."""
    out, err, peak = scratch / "stdout", scratch / "stderr", scratch / "peak"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        # prlimit sets the limits, then becomes the validator (exec, same process id).
        limits = [f"--as={MEMORY_LIMIT}", f"--cpu={CPU_LIMIT_S}"]
        process = subprocess.Popen(
            ["prlimit", *limits, sys.executable, "-c", _MEASURED, str(peak), code, argument],
            stdout=stdout,
            stderr=stderr,
            cwd=REPO,
        )
        _, wait_status, usage = os.wait4(process.pid, 0)  # the usage of this process alone
    process.returncode = os.waitstatus_to_exitcode(wait_status)
    return Run(
        process.returncode,
        out.read_text(encoding="utf-8"),
        err.read_text(encoding="utf-8"),
        usage.ru_utime + usage.ru_stime,
        int(peak.read_text(encoding="ascii")) if peak.exists() else 0,
    )


@pytest.fixture(scope="module")
def report() -> Iterator[list[str]]:
    """Lines of the figures file, written when the module's tests are done."""
    lines = [f"limits: {MEMORY_LIMIT >> 20} MB address space, {CPU_LIMIT_S} s CPU per process"]
    yield lines
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _measured(report: list[str], name: str, run: Run) -> None:
    report.append(
        f"{name:24} exit {run.status}  {run.cpu_s:5.2f} s CPU  {run.peak_bytes >> 20:4} MB"
    )


def test_the_clean_fixture_validates_within_the_limits(tmp_path: Path, report: list[str]) -> None:
    """The baseline: the limits leave room for an ordinary run."""
    content = shutil.copytree(FIXTURE, tmp_path / "content")
    run = run_limited(VALIDATE, str(content), tmp_path)
    _measured(report, "clean fixture", run)
    assert (run.status, run.stderr) == (0, ""), run.stdout + run.stderr
    assert run.stdout.endswith("9 Dateien, keine Probleme\n")


@pytest.mark.parametrize("name", ATTACKS)
def test_each_attack_gets_its_own_clear_problem_within_the_limits(
    name: str, tmp_path: Path, report: list[str]
) -> None:
    (rel, data), expected = ATTACKS[name]
    content = shutil.copytree(FIXTURE, tmp_path / "content")
    (content / rel).write_bytes(data)
    run = run_limited(VALIDATE, str(content), tmp_path)
    _measured(report, name, run)
    assert run.status == 1, f"killed or crashed: {run.status}\n{run.stdout}{run.stderr}"
    assert run.stdout == ""
    assert run.stderr.splitlines() == [f"{content / rel}:{expected}", "1 Problem(e) gefunden"]
    assert run.peak_bytes < MEMORY_LIMIT


@pytest.mark.parametrize(
    ("code", "killed_by"),
    [
        ("bytearray(512 << 20)", "MemoryError"),
        ("while True: pass", "CPU"),
    ],
)
def test_the_limits_stop_a_process_that_exceeds_them(
    code: str, killed_by: str, tmp_path: Path
) -> None:
    run = run_limited(code, "", tmp_path)
    if killed_by == "CPU":
        assert run.status in (-signal.SIGXCPU, -signal.SIGKILL)  # soft = hard limit: KILL
        assert run.cpu_s >= CPU_LIMIT_S
    else:
        assert run.status == 1 and killed_by in run.stderr
