"""Benchmark: build generated content of N meeting points and print what it costs.

    python bench/run.py [--sizes 100 500 1000 5000] [--with-10000] [--plain-up-to 1000]

Per N: the generator's own time (load, validate, render), the MkDocs build, total wall time,
peak memory, site size, the HTML of one meeting point page and the search index; how long a
citizen's first search takes in Chromium; the preview's rebuilds (no change, one meeting point
edited); for N up to
`--plain-up-to`, the same content built the plain way (every page in the navigation) beside it.
Results are printed and written to bench/RESULTS.md. Every figure is one run of a whole
process, timed from outside; the build is the same `mkdocs build --strict` that `make site` runs.
Not part of the test suite: `make bench`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work"
MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
"""As the Makefile runs MkDocs: no MkDocs 2 notice, a fixed build date."""
SAMPLE_PAGE = "treffpunkte/treffpunkt-00001/index.html"
SEARCH_QUERY = "Sprachcafé"
"""An offer that the generated content gives to many meeting points."""

_PHASES = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from generator.content import load
from generator.speed.reuse import LastBuild
from generator.content import validate
from generator.speed.processes import cores
from generator.build import build_pages
content, templates = Path(sys.argv[1]), Path(sys.argv[2])
imported = time.perf_counter()
documents, _ = load.load_documents(content)
loaded = time.perf_counter()
validate.validate_documents(documents, content)
validated = time.perf_counter()
last = LastBuild()  # empty: build_pages parses everything itself
build_pages(content, templates, cores(), last)
built = time.perf_counter()
build_pages(content, templates, cores(), last)  # as `mkdocs serve` after a save: nothing changed
rebuilt = time.perf_counter()
print(json.dumps({"import": imported - start, "load": loaded - imported,
                  "validate": validated - loaded,
                  "render": (built - validated) - (validated - imported),
                  "warm": rebuilt - built}))
"""
"""Times the generator's stages in a fresh process (as the plugin runs them in `on_config`)."""

_PREVIEW = """
import json, os, shutil, sys, tempfile, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, point = sys.argv[1], Path(sys.argv[2])
site = tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else None)  # as make serve
def rebuild(change=None):
    time.sleep(2)  # the editor looks at the page; the preview collects its garbage meanwhile
    if change:
        point.write_text(text.replace(change + ": ", change + ": Geändert ", 1), encoding="utf-8")
    config = load_config(config_file, site_dir=site)
    config.plugins.on_startup(command="serve", dirty=False)
    start = time.perf_counter()
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
        point.write_text(text, encoding="utf-8")
    return time.perf_counter() - start
text = point.read_text(encoding="utf-8")
try:
    times = {"first": rebuild(), "unchanged": rebuild()}
    times |= {"summary": rebuild("summary"), "edited": rebuild("name")}
finally:
    shutil.rmtree(site)
print(json.dumps(times))
"""
"""Times the builds of `mkdocs serve`: the same plugin objects build again in the same process,
after no change, after one meeting point's summary changed (its pages only) and after its name
changed (also every list that names it). Build time only: no file watcher, no browser. The
site goes to tmpfs where there is one, as with `make serve`."""


@dataclass
class Measure:
    """One whole process: wall seconds and peak resident memory in bytes."""

    wall_s: float
    peak_bytes: int
    stdout: str = ""


def run(command: list[str], env: dict[str, str] | None = None) -> Measure:
    """Run `command` from the repository, fail loudly, and measure that one process.

    Its peak memory comes from wait4; it includes the few MB of this small script that the
    process starts out as before it replaces itself (exec)."""
    WORK.mkdir(parents=True, exist_ok=True)
    out, err = WORK / "stdout", WORK / "stderr"
    start = time.perf_counter()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    output = out.read_text(encoding="utf-8")
    if process.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{output}\n{err.read_text(encoding='utf-8')}")
    return Measure(wall, usage.ru_maxrss * 1024, output)


def write_config(directory: Path, content: Path, plain: bool) -> Path:
    """A MkDocs config for `content`: the repository's, or (plain) with every page in the
    automatic navigation."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(REPO / "site_templates" / "static")
    config["theme"]["custom_dir"] = str(REPO / "site_templates" / "overrides")
    config["plugins"] = [
        {"search": {"lang": "de"}},
        {
            "treffpunkte": {
                "content_dir": str(content),
                "templates_dir": str(REPO / "site_templates"),
            }
        },
    ]
    if plain:
        del config["nav"], config["not_in_nav"]
    path = directory / ("mkdocs-plain.yml" if plain else "mkdocs.yml")
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


@dataclass
class Result:
    n: int
    pages: int = 0
    phases: dict[str, float] = field(default_factory=dict)
    build: Measure | None = None
    site_bytes: int = 0
    page_bytes: tuple[int, int] = (0, 0)
    index_bytes: tuple[int, int] = (0, 0)
    plain: Measure | None = None
    plain_page_bytes: tuple[int, int] = (0, 0)
    plain_site_bytes: int = 0
    preview: dict[str, float] = field(default_factory=dict)
    loop: dict[str, float] = field(default_factory=dict)
    first_search_s: float = 0.0

    @property
    def generator_s(self) -> float:
        return self.phases["load"] + self.phases["validate"] + self.phases["render"]


def build(config: Path, site: Path) -> Measure:
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(config)]
    return run([*command, "-d", str(site)], MKDOCS_ENV)


def measure(n: int, plain_up_to: int, serve_at: int) -> Result:
    directory = WORK / str(n)
    content = directory / "content"
    run([sys.executable, str(BENCH / "content.py"), str(n), str(content)])
    result = Result(n)
    phases = run([sys.executable, "-c", _PHASES, str(content), str(REPO / "site_templates")])
    result.phases = json.loads(phases.stdout)
    site = directory / "site"
    config = write_config(directory, content, plain=False)
    result.build = build(config, site)
    point = next(iter(sorted((content / "meeting_points").glob("*.yaml"))))
    result.preview = json.loads(
        run([sys.executable, "-c", _PREVIEW, str(config), str(point)], MKDOCS_ENV).stdout
    )
    if n == serve_at:
        result.loop = editor_loop(config, point)
    result.pages = len(list(site.rglob("index.html")))
    result.site_bytes = size_of(site)
    result.page_bytes = ((site / SAMPLE_PAGE).stat().st_size, gz(site / SAMPLE_PAGE))
    index = site / "search" / "search_index.json"
    result.index_bytes = (index.stat().st_size, gz(index))
    result.first_search_s = first_search(site)
    if n <= plain_up_to:
        plain_site = directory / "site-plain"
        result.plain = build(write_config(directory, content, plain=True), plain_site)
        page = plain_site / SAMPLE_PAGE
        result.plain_page_bytes = (page.stat().st_size, gz(page))
        result.plain_site_bytes = size_of(plain_site)
        shutil.rmtree(plain_site)
    shutil.rmtree(site)
    return result


def editor_loop(config: Path, point: Path) -> dict[str, float]:
    """Under `make serve`: seconds from writing `point` to the served page showing the change,
    for a changed summary (shown on its pages only), a changed name (also in every list), a
    mistake (the error shows) and the repair."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/treffpunkte/{point.stem}/"
    log = (WORK / "serve.log").open("wb")
    server = subprocess.Popen(
        ["make", "-s", "serve", f"SERVE_CONFIG={config}", f"SERVE_ADDR=127.0.0.1:{port}"],
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # make and its MkDocs stop together
    )
    original = point.read_text(encoding="utf-8")

    def served() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return ""

    def until(shown: Callable[[str], bool], timeout: float = 600) -> float:
        start = time.perf_counter()
        while not shown(served()):
            if server.poll() is not None or time.perf_counter() - start > timeout:
                sys.exit(f"mkdocs serve: not shown in time; see {WORK / 'serve.log'}")
            time.sleep(0.02)
        return time.perf_counter() - start

    def save(text: str, shown: Callable[[str], bool]) -> float:
        time.sleep(2)  # the editor looks at the page; the preview collects its garbage meanwhile
        point.write_text(text, encoding="utf-8")
        return until(shown)

    error = "Fehler in den Inhalten"
    try:
        until(lambda page: "</html>" in page)
        summary = original.replace("summary: ", "summary: Neu ", 1)
        edited = original.replace("name: ", "name: Geändert ", 1)
        times = {
            "summary": save(summary, lambda page: "Neu " in page),
            "edit": save(edited, lambda page: "Geändert " in page and "Neu " not in page),
            "mistake": save(original.replace("name: ", "name: [", 1), lambda page: error in page),
            "repair": save(original, lambda page: "</html>" in page and error not in page),
        }
        return times
    finally:
        point.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def first_search(site: Path) -> float:
    """Seconds from typing `SEARCH_QUERY` into the search of a meeting point page in Chromium,
    on a phone-sized screen, to the first result shown: the index's download, the search
    worker's indexing and the search itself. The site is served on 127.0.0.1 (no network)."""
    sys.path.insert(0, str(REPO / "tests"))
    from playwright.sync_api import sync_playwright
    from support import CHROMIUM, CHROMIUM_ARGS, serve_directory

    with serve_directory(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 360, "height": 800}, locale="de-BE")
            page.goto(f"{url}/{SAMPLE_PAGE.removesuffix('index.html')}")
            page.locator("label.md-header__button[for='__search']").click()
            search = page.locator("input.md-search__input")
            search.click()
            start = time.perf_counter()
            search.press_sequentially(SEARCH_QUERY)
            page.wait_for_selector(".md-search-result__list a", timeout=600_000)
            return time.perf_counter() - start
        finally:
            browser.close()


def kb(size: int) -> str:
    return f"{size / 1000:,.0f} KB" if size < 10_000_000 else f"{size / 1e6:,.0f} MB"


def table(results: list[Result]) -> str:
    head = (
        "| N | pages | load | validate | render | generator | generator again, no change | "
        "MkDocs build (total) | generator share | time per meeting point | peak memory | site | "
        "meeting point HTML (raw / gz) | search index (raw / gz) |\n" + "|---" * 14 + "|\n"
    )
    rows = []
    for r in results:
        assert r.build is not None
        p = r.phases
        rows.append(
            f"| {r.n:,} | {r.pages:,} | {p['load']:.2f} s | {p['validate']:.2f} s | "
            f"{p['render']:.2f} s | {r.generator_s:.2f} s | {p['warm']:.2f} s | "
            f"{r.build.wall_s:.1f} s | "
            f"{r.generator_s / r.build.wall_s:.0%} | {r.build.wall_s / r.n * 1000:.1f} ms | "
            f"{r.build.peak_bytes / 2**20:,.0f} MiB | {kb(r.site_bytes)} | "
            f"{kb(r.page_bytes[0])} / {kb(r.page_bytes[1])} | "
            f"{kb(r.index_bytes[0])} / {kb(r.index_bytes[1])} |"
        )
    plain = [r for r in results if r.plain is not None]
    loops = [r for r in results if r.loop]
    text = head + "\n".join(rows) + "\n"
    text += (
        "\nThe preview (`mkdocs serve`): the same plugin builds again in the same process, as "
        "after a save (build time only):\n\n"
        "| N | first build | again, no change | one meeting point's summary changed | "
        "its name changed | cold / no change |\n|---|---|---|---|---|---|\n"
    )
    for r in results:
        v = r.preview
        text += (
            f"| {r.n:,} | {v['first']:.1f} s | {v['unchanged']:.1f} s | {v['summary']:.1f} s | "
            f"{v['edited']:.1f} s | "
            f"{v['first'] / v['unchanged']:.1f} |\n"
        )
    text += (
        f'\nA citizen\'s first search ("{SEARCH_QUERY}" typed on a meeting point page in '
        "Chromium on this machine; index fetched when the search starts):\n\n"
        "| N | search index (raw / gz) | first results after |\n|---|---|---|\n"
    )
    for r in results:
        text += (
            f"| {r.n:,} | {kb(r.index_bytes[0])} / {kb(r.index_bytes[1])} | "
            f"{r.first_search_s:.1f} s |\n"
        )
    for r in loops:
        v = r.loop
        text += (
            f"\nThe editor's loop under `make serve` at N = {r.n:,}: from writing the "
            "file to the served page showing it (file watcher, build, HTTP):\n\n"
            "| summary changed | name changed | mistake (error shown) | repaired |\n"
            "|---|---|---|---|\n"
            f"| {v['summary']:.1f} s | {v['edit']:.1f} s | {v['mistake']:.1f} s | "
            f"{v['repair']:.1f} s |\n"
        )
    if plain:
        text += (
            "\nThe same content built the plain way (automatic navigation with every page):\n\n"
            "| N | plain build | ours | plain / ours | plain page HTML (raw / gz) | plain site |\n"
            "|---|---|---|---|---|---|\n"
        )
        for r in plain:
            assert r.plain is not None and r.build is not None
            text += (
                f"| {r.n:,} | {r.plain.wall_s:.1f} s | {r.build.wall_s:.1f} s | "
                f"{r.plain.wall_s / r.build.wall_s:.2f} | {kb(r.plain_page_bytes[0])} / "
                f"{kb(r.plain_page_bytes[1])} | {kb(r.plain_site_bytes)} |\n"
            )
    return text


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    packages = ", ".join(
        f"{name} {version(name)}" for name in ("mkdocs", "mkdocs-material", "markdown", "pyyaml")
    )
    return (
        f"{os.cpu_count()} × {cpu}, {int(memory) / 2**20:.0f} GiB, "
        f"Python {platform.python_version()}, {packages}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000, 5000])
    parser.add_argument("--with-10000", action="store_true", help="also build N = 10,000")
    parser.add_argument("--plain-up-to", type=int, default=1000)
    parser.add_argument("--serve-at", type=int, default=1000, help="N for the editor's loop")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args()
    sizes = sorted(set(args.sizes + ([10_000] if args.with_10000 else [])))
    results = []
    for n in sizes:
        print(f"N = {n:,} …", file=sys.stderr, flush=True)
        results.append(measure(n, args.plain_up_to, args.serve_at))
        print(table(results[-1:]), flush=True)
    report = (
        f"# Benchmark results\n\nMachine: {machine()}.\n"
        f"Command: `python bench/run.py --sizes {' '.join(map(str, sizes))} "
        f"--plain-up-to {args.plain_up_to}`; one run per figure, whole processes.\n\n"
        + table(results)
    )
    args.out.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
