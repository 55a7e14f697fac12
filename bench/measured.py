"""What the benchmark measures and where: paths, the environment the engines run in, the
figures of one N, and `run`, which times one whole process and its peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
TEMPLATES = REPO / "site_templates"
WORK = BENCH / "work"
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "SOURCE_DATE_EPOCH": "1700000000",
    "NO_COLOR": "1",
}
"""As the Makefile runs the engines: no MkDocs 2 notice, a fixed build date."""
MIB = 2**20
KB = 1000


@dataclass
class Measure:
    """One whole process: wall seconds and peak resident memory in bytes."""

    wall_s: float
    peak_bytes: int


@dataclass
class Transfer:
    """What the browser fetched: responses, their bytes counted compressed, and how long."""

    responses: int
    bytes: int
    seconds: float = 0.0


@dataclass
class Result:
    """Everything measured for one N (`real`: the repository's content/)."""

    n: int
    real: bool
    pages: int
    site_bytes: int
    ours: Measure
    index: Measure
    zensical: tuple[Measure, Measure] | None = None
    """`python -m generator generate`, then `zensical build`."""
    plain: Measure | None = None
    first_load: Transfer | None = None
    search: Transfer | None = None
    search_skipped: str = ""
    queries: list[tuple[str, list[str], bool]] = field(default_factory=list)
    """What people type (tests/support.py), the first three results, and whether one is about it."""
    loop: dict[str, float] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"real ({self.n})" if self.real else f"{self.n:,}"

    @property
    def zensical_s(self) -> float:
        assert self.zensical is not None
        return self.zensical[0].wall_s + self.zensical[1].wall_s


def step(what: str) -> None:
    print(f"  {what} …", file=sys.stderr, flush=True)


def run(command: Sequence[object], cwd: Path = REPO) -> Measure:
    """Run `command`, fail loudly, and measure that one process (with the children it waited
    for). Its peak includes the few MB of Python that `python -m` starts out as."""
    WORK.mkdir(parents=True, exist_ok=True)
    out, err = WORK / "stdout", WORK / "stderr"
    argv = [str(part) for part in command]
    start = time.perf_counter()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(argv, cwd=cwd, env=ENV, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        output = out.read_text(encoding="utf-8") + err.read_text(encoding="utf-8")
        sys.exit(f"failed: {' '.join(argv)}\n{output}")
    return Measure(wall, usage.ru_maxrss * 1024)


# --- How figures are written -------------------------------------------------------------------


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:,.1f} s"


def size(value: int) -> str:
    return f"{value / KB:,.0f} KB" if value < 10_000_000 else f"{value / 1e6:,.0f} MB"


def mib(value: int) -> str:
    return f"{value / MIB:,.0f} MiB"


def rows(head: list[str], lines: list[list[str]]) -> str:
    table = [head, ["---"] * len(head), *lines]
    return "\n".join("| " + " | ".join(line) + " |" for line in table) + "\n"
