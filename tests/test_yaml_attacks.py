"""YAML attacks against the validator: each refused with its own clear problem, at a cost that
does not grow with what the attack would expand to.

Every attack is one file put into a copy of the minimal fixture. Two views of each:
- the validator as a process: it must answer with exactly one problem line and exit 1 inside an
  address space of 256 MB (beyond it the kernel refuses memory and the test fails; a process
  that runs on and on is stopped after a minute of CPU time, as hung);
- the validation in this process, with its work counted: Python function calls (calls into C
  included) and the peak of memory allocated, stopped as soon as either exceeds its budget.
  Counts, not seconds: the same code and input give the same figures on any machine.
The figures of every run are written to `test-artifacts/yaml-attacks.txt` (not asserted on).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from support import FIXTURE, REPO

from generator.content.field_types import RESERVED_MESSAGE
from generator.content.files import MAX_BYTES
from generator.content.load import TOO_DEEP
from generator.content.problems import ContentError
from generator.content.validate import read_content

MEMORY_LIMIT = 256 << 20
HANG_GUARD_S = 60
"""CPU seconds after which the kernel stops a validator process: a stop for one that never
ends, not a measure (an ordinary run needs well under a second; the work is counted below)."""
WORK_FACTOR = 2
"""The validation of the fixture plus one attack may cost at most this many times what that of
the fixture alone costs, in calls and in memory at the peak."""
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
        f"11:9: target_groups[0].id: '../../etc/x': {_NOT_AN_ID}; Vorschlag: 'etc-x'",
    ),
    "id CON": (_target_group("CON"), f"11:9: target_groups[0].id: 'CON': {_NOT_AN_ID}"),
    "id con": (_target_group("con"), f"11:9: target_groups[0].id: 'con': {RESERVED_MESSAGE}"),
    "id ä": (
        _target_group("ä"),
        f"11:9: target_groups[0].id: 'ä': {_NOT_AN_ID}; Vorschlag: 'ae'",
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


def run_limited(code: str, argument: str, scratch: Path, cpu_s: int = HANG_GUARD_S) -> Run:
    """Run Python `code` (with `argument` as sys.argv[3]) as a process under the memory limit,
    stopped after `cpu_s` seconds of CPU time."""
    out, err, peak = scratch / "stdout", scratch / "stderr", scratch / "peak"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        # prlimit sets the limits, then becomes the validator (exec, same process id).
        limits = [f"--as={MEMORY_LIMIT}", f"--cpu={cpu_s}"]
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


class _OverBudget(BaseException):
    """Raised inside the measured code as soon as it exceeds its budget; a BaseException, so
    that no `except Exception` in the code under test can swallow it."""


@dataclass
class Work:
    """What one validation cost: Python function calls (calls into C included) and the peak of
    the memory it allocated (bytes), as counted by the interpreter, not timed."""

    calls: int = 0
    peak_bytes: int = 0
    over: str = ""
    """Which budget the work exceeded, if any (it was stopped there)."""


def measure_work(action: Callable[[], object], budget: Work) -> Work:
    """Run `action`, counting its work; stop it as soon as it makes more calls than `budget`
    allows or its memory peak is above the budget's."""
    work = Work()

    def count(frame: FrameType, event: str, arg: Any) -> None:
        if event not in ("call", "c_call"):
            return
        work.calls += 1
        if work.calls > budget.calls:
            raise _OverBudget(f"more than {budget.calls:,} calls")
        if work.calls % 256 == 0 and tracemalloc.get_traced_memory()[1] > budget.peak_bytes:
            raise _OverBudget(f"more than {budget.peak_bytes:,} bytes at the peak")

    previous = sys.getprofile()
    tracemalloc.start()
    sys.setprofile(count)
    try:
        action()
    except _OverBudget as over:
        work.over = str(over)
    finally:
        sys.setprofile(previous)
        work.peak_bytes = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    if not work.over and work.peak_bytes > budget.peak_bytes:
        work.over = f"more than {budget.peak_bytes:,} bytes at the peak"
    return work


def validate_in_process(content: Path, budget: Work) -> tuple[list[str], Work]:
    """Return the problem lines of validating `content` from nothing (nothing is taken from an
    earlier run) and what it cost."""
    problems: list[str] = []

    def validate() -> None:
        try:
            read_content(content)
        except ContentError as error:
            problems.extend(str(problem) for problem in error.problems)

    return problems, measure_work(validate, budget)


@pytest.fixture(scope="module")
def report() -> Iterator[list[str]]:
    """Lines of the figures file, written when the module's tests are done."""
    lines = [
        f"process limits: {MEMORY_LIMIT >> 20} MB address space ({HANG_GUARD_S} s CPU: hang guard)",
        f"in-process budget: {WORK_FACTOR} x the clean fixture's calls and peak memory",
    ]
    yield lines
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _measured(report: list[str], name: str, run: Run) -> None:
    report.append(
        f"{name:24} exit {run.status}  {run.cpu_s:5.2f} s CPU  {run.peak_bytes >> 20:4} MB"
    )


def _counted(report: list[str], name: str, work: Work) -> None:
    report.append(f"{name:24} {work.calls:8,} calls  {work.peak_bytes:11,} bytes at the peak")


@pytest.fixture(scope="module")
def clean_work(tmp_path_factory: pytest.TempPathFactory, report: list[str]) -> Work:
    """What validating the clean fixture costs in this process, after a first run that
    imports and sets up what any validation needs."""
    unlimited = Work(calls=sys.maxsize, peak_bytes=sys.maxsize)
    for run in ("first", "measured"):
        content = shutil.copytree(FIXTURE, tmp_path_factory.mktemp(run) / "content")
        problems, work = validate_in_process(content, unlimited)
        assert problems == []
    _counted(report, "clean fixture", work)
    return work


def test_the_clean_fixture_validates_within_the_limits(tmp_path: Path, report: list[str]) -> None:
    """The baseline: the limits leave room for an ordinary run."""
    content = shutil.copytree(FIXTURE, tmp_path / "content")
    run = run_limited(VALIDATE, str(content), tmp_path)
    _measured(report, "clean fixture", run)
    assert (run.status, run.stderr) == (0, ""), run.stdout + run.stderr
    assert run.stdout.endswith("9 Dateien, keine Probleme\n")


def test_the_clean_fixture_is_read_one_file_at_a_time(clean_work: Work) -> None:
    """The baseline of the budget: the counters see the validation, which holds at most one
    file (of at most MAX_BYTES) in memory at a time."""
    assert clean_work.calls > 1000
    assert 0 < clean_work.peak_bytes < 2 * MAX_BYTES


def _attack_content(name: str, tmp_path: Path) -> tuple[Path, str]:
    """A copy of the fixture with the attack's file in it, and the file's path."""
    (rel, data), _ = ATTACKS[name]
    content = shutil.copytree(FIXTURE, tmp_path / "content")
    (content / rel).write_bytes(data)
    return content, str(content / rel)


@pytest.mark.parametrize("name", ATTACKS)
def test_each_attack_gets_its_own_clear_problem_within_the_limits(
    name: str, tmp_path: Path, report: list[str]
) -> None:
    content, shown = _attack_content(name, tmp_path)
    run = run_limited(VALIDATE, str(content), tmp_path)
    _measured(report, name, run)
    assert run.status == 1, f"killed or crashed: {run.status}\n{run.stdout}{run.stderr}"
    assert run.stdout == ""
    assert run.stderr.splitlines() == [f"{shown}:{ATTACKS[name][1]}", "1 Problem(e) gefunden"]
    assert run.peak_bytes < MEMORY_LIMIT


@pytest.mark.parametrize("name", ATTACKS)
def test_each_attack_is_refused_within_the_budget(
    name: str, tmp_path: Path, report: list[str], clean_work: Work
) -> None:
    """The attack costs about what the fixture alone costs: nothing it would expand to is
    built, and a file too large is not read."""
    content, shown = _attack_content(name, tmp_path)
    budget = Work(WORK_FACTOR * clean_work.calls, WORK_FACTOR * clean_work.peak_bytes)
    problems, work = validate_in_process(content, budget)
    _counted(report, name, work)
    assert work.over == ""
    assert problems == [f"{shown}:{ATTACKS[name][1]}"]


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
    run = run_limited(code, "", tmp_path, cpu_s=1)
    if killed_by == "CPU":
        assert run.status in (-signal.SIGXCPU, -signal.SIGKILL)  # soft = hard limit: KILL
        assert (run.stdout, run.stderr) == ("", "")
    else:
        assert run.status == 1 and killed_by in run.stderr


@pytest.mark.parametrize(
    ("action", "stopped_by"),
    [
        (lambda: [len(str(n)) for n in range(10_000)], "calls"),
        (lambda: bytearray(2 * MAX_BYTES), "bytes"),
    ],
    ids=["calls", "memory"],
)
def test_the_budget_stops_work_that_exceeds_it(
    action: Callable[[], object], stopped_by: str
) -> None:
    work = measure_work(action, Work(calls=1000, peak_bytes=MAX_BYTES))
    assert stopped_by in work.over
