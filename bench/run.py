"""Benchmark: our build beside Zensical and plain MkDocs, in one run, with the targets of issue 18.

    python bench/run.py [--sizes 100 500 1000 5000] [--with-10000] [--zensical-up-to 5000]
                        [--plain-up-to 1000] [--serve-at 1000] [--out bench/RESULTS.md]

Per N generated meeting points (bench/content.py), and for the real content/ ("real"):

- ours: a cold `mkdocs build --strict` as `make site` runs it (a new process, the plugins of the
  repository's mkdocs.yml with `treffpunkte` pointed at the content; Jinja's bytecode cache
  stays, as .pyc files do), its time per meeting point and peak memory (the largest of the build
  process and its worker processes, from wait4); then the search index as `make site` makes it,
  `python -m pagefind --site SITE` from the repository (pagefind.yml), its time and peak beside;
- Zensical building the same pages, for N up to --zensical-up-to: `python -m generator generate`,
  the static files copied beside, `zensical build --strict --clean` with its cache deleted first;
- plain MkDocs, for N up to --plain-up-to: every page in the automatic navigation and MkDocs'
  own loop over the pages (no `treffpunkte-parallel`);
- in Chromium (360 × 800, the site served on 127.0.0.1): a meeting point page's first load (every
  response until the network is idle) and a citizen's first search for "Sprachcafé" (from the
  click on the search button to the first result; the bytes fetched after the click), each
  response counted compressed: the smaller of its body and the body gzipped at level 6;
- at N = --serve-at, the editor's loop under `make serve`: six edits (a summary, a name, a new
  meeting point, its deletion, a mistake, its repair), each timed from writing the file to the
  served page showing it.

Machines differ by 2 ×, so each target is a ratio or a figure of this run; the report ends with
them, met or not. Every time is one run of a whole process, timed from outside. The report is
written to --out after each N. Not part of the test suite: `make bench`.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Request, Response

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
QUERY = "Sprachcafé"
"""An offer that the generated content gives to many meeting points, and the real one to one."""
NEW_POINT = "treffpunkt-neu"
NEW_NAME = "Neuer Treffpunkt am Bahnhof"
ERROR_REPORT = "Fehler in den Inhalten"
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


def write_config(directory: Path, content: Path, plain: bool) -> Path:
    """A MkDocs config for `content`: the repository's, with the `treffpunkte` plugin pointed at
    it; `plain`: every page in the automatic navigation, without `treffpunkte-parallel`."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(TEMPLATES / "static")
    config["theme"]["custom_dir"] = str(TEMPLATES / "overrides")
    plugins: list[Any] = []
    for entry in config["plugins"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name == "treffpunkte":
            options = {**(entry[name] or {}), "content_dir": str(content)}
            entry = {name: options | {"templates_dir": str(TEMPLATES)}}
        if not (plain and name == "treffpunkte-parallel"):
            plugins.append(entry)
    config["plugins"] = plugins
    if plain:
        del config["nav"], config["not_in_nav"]
    path = directory / ("mkdocs-plain.yml" if plain else "mkdocs.yml")
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def mkdocs_build(config: Path, site: Path) -> Measure:
    shutil.rmtree(site, ignore_errors=True)
    return run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", config, "-d", site]
    )


def zensical_build(directory: Path, content: Path) -> tuple[Measure, Measure]:
    """The pages written by the generator, then built by Zensical from nothing: its cache (the
    `.cache` folder beside its config) is deleted first."""
    pages, site = directory / "pages", directory / "site-zensical"
    shutil.rmtree(pages, ignore_errors=True)
    generate = [sys.executable, "-m", "generator", "generate"]
    written = run([*generate, "--content", content, "--templates", TEMPLATES, "--out", pages])
    shutil.copytree(TEMPLATES / "static", pages, dirs_exist_ok=True)
    config = directory / "zensical.yml"
    config.write_text(
        f"INHERIT: {REPO / 'zensical.yml'}\ndocs_dir: {pages.name}\nsite_dir: {site.name}\n"
        f"theme:\n  custom_dir: {TEMPLATES / 'overrides'}\n",
        encoding="utf-8",
    )
    shutil.rmtree(directory / ".cache", ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", config]
    built = run(command, cwd=directory)
    if not (site / "index.html").is_file():
        sys.exit(f"zensical build wrote no {site / 'index.html'}")
    for folder in (pages, site, directory / ".cache"):
        shutil.rmtree(folder, ignore_errors=True)
    return written, built


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(n: int | None, options: argparse.Namespace) -> Result:
    """Everything for `n` generated meeting points, or (None) for the real content."""
    directory = WORK / (f"{n}" if n else "real")
    directory.mkdir(parents=True, exist_ok=True)
    content = directory / "content" if n else REPO / "content"
    if n:
        step("content")
        run([sys.executable, BENCH / "content.py", n, content])
    points = sorted((content / "meeting_points").glob("*.yaml"))
    config, site = write_config(directory, content, plain=False), directory / "site"
    step("ours: mkdocs build, then pagefind")
    ours = mkdocs_build(config, site)
    pages = len(list(site.rglob("index.html")))
    index = run([sys.executable, "-m", "pagefind", "--site", site])
    result = Result(len(points), n is None, pages, size_of(site), ours, index)
    step("Chromium: first load, first search")
    result.first_load, result.search, result.search_skipped, result.queries = in_browser(
        site, points[0].stem, content, n is None
    )
    shutil.rmtree(site)
    if n and n == options.serve_at:
        step("the editor's loop under make serve")
        result.loop = editor_loop(config, points[0])
    if n and n <= options.zensical_up_to:
        step("Zensical")
        result.zensical = zensical_build(directory, content)
    if n and n <= options.plain_up_to:
        step("plain MkDocs")
        plain_site = directory / "site-plain"
        result.plain = mkdocs_build(write_config(directory, content, plain=True), plain_site)
        shutil.rmtree(plain_site)
    return result


# --- In the browser ---------------------------------------------------------------------------


class Recorder:
    """Every response a browser context receives, and how many requests are still open."""

    def __init__(self, context: BrowserContext) -> None:
        self.responses: list[Response] = []
        self.open = 0
        context.on("request", self._started)
        context.on("requestfinished", self._ended)
        context.on("requestfailed", self._ended)
        context.on("response", self._received)

    def _started(self, request: Request) -> None:
        self.open += 1

    def _ended(self, request: Request) -> None:
        self.open -= 1

    def _received(self, response: Response) -> None:
        self.responses.append(response)

    def wait_until_quiet(self, page: Page) -> None:
        """Wait until no request is open and none came for half a second (as networkidle)."""
        while True:
            seen = len(self.responses)
            page.wait_for_timeout(500)
            if not self.open and len(self.responses) == seen:
                return

    def take(self, seconds: float = 0.0) -> Transfer:
        """What was received since the last `take`, counted compressed."""
        from playwright.sync_api import Error

        total = 0
        for response in self.responses:
            try:
                body = response.body()
            except Error:  # a redirect or a failed request has no body
                continue
            total += min(len(body), len(gzip.compress(body, compresslevel=6)))
        taken = Transfer(len(self.responses), total, seconds)
        self.responses = []
        return taken


def in_browser(
    site: Path, point: str, content: Path, real: bool
) -> tuple[Transfer, Transfer | None, str, list[tuple[str, list[str], bool]]]:
    """A meeting point page's first load, then a citizen's first search on it, in Chromium on a
    phone-sized screen; the search is None, with the reason, where it cannot be tried. Then the
    queries of the tests (tests/support.py), each on a fresh page: the first three results, and
    whether one of them is about the query."""
    sys.path.insert(0, str(REPO / "tests"))
    from playwright.sync_api import sync_playwright
    from support import (  # type: ignore[import-not-found]
        CHROMIUM,
        CHROMIUM_ARGS,
        REAL_QUERIES,
        generated_queries,
        search,
        serve_directory,
    )

    with serve_directory(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(viewport={"width": 360, "height": 800}, locale="de-BE")
            recorder = Recorder(context)
            page = context.new_page()
            page.goto(f"{url}/treffpunkte/{point}/", wait_until="networkidle")
            recorder.wait_until_quiet(page)
            first_load = recorder.take()
            first, skipped = first_search(page, recorder)
            queries = []
            if first is not None:
                asked = [(q, {path}) for q, path in REAL_QUERIES] if real else None
                for query, about in asked or generated_queries(content):
                    page.goto(f"{url}/", wait_until="networkidle")
                    top = search(page, query)[:3]
                    queries.append((query, top, bool(set(top) & about)))
            return first_load, first, skipped, queries
        finally:
            browser.close()


def first_search(page: Page, recorder: Recorder) -> tuple[Transfer | None, str]:
    """Click the search button, type `QUERY`: seconds from the click to the first result shown,
    and what was fetched after the click until the network is quiet again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    button = page.locator("button.ts-search__open")
    if button.count() == 0:
        return None, "the page has no search button (button.ts-search__open)"
    try:
        button.wait_for(state="visible", timeout=10_000)
    except PlaywrightTimeout:
        return None, "the search button (button.ts-search__open) stayed hidden"
    start = time.perf_counter()
    button.click()
    page.locator("#ts-search-input").press_sequentially(QUERY)
    try:
        page.locator(".ts-search__results a").first.wait_for(timeout=120_000)
    except PlaywrightTimeout:
        return None, f"no result for {QUERY!r} within 120 s"
    seconds = time.perf_counter() - start
    recorder.wait_until_quiet(page)
    return recorder.take(seconds), ""


# --- The editor's loop --------------------------------------------------------------------------


Shown = Callable[[int, str], bool]
"""Whether a served page (status, text) shows what an edit should have changed."""


class Preview:
    """`make serve` with a config on a free port, and its pages read over HTTP."""

    def __init__(self, config: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = WORK / "serve.log"
        self.log = self.log_path.open("wb")
        self.server = subprocess.Popen(
            ["make", "-s", "serve", f"SERVE_CONFIG={config}", f"SERVE_ADDR=127.0.0.1:{port}"],
            cwd=REPO,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # make and its MkDocs stop together
        )

    def fetch(self, path: str) -> tuple[int, str]:
        """Status and text of a served page; status 0 where the server did not answer."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def wait(self, path: str, shown: Callable[[int, str], bool], timeout: float = 900) -> float:
        """Seconds until the page at `path` is `shown`."""
        start = time.perf_counter()
        while True:
            status, text = self.fetch(path)
            if status and shown(status, text):
                return time.perf_counter() - start
            if self.server.poll() is not None or time.perf_counter() - start > timeout:
                raise RuntimeError(f"make serve: {path} not as expected; see {self.log_path}")
            time.sleep(0.02)

    def stop(self) -> None:
        os.killpg(self.server.pid, 15)  # SIGTERM to make and its MkDocs, which it started
        self.server.wait(timeout=60)
        self.log.close()


@contextmanager
def preview(config: Path) -> Iterator[Preview]:
    server = Preview(config)
    try:
        yield server
    finally:
        server.stop()


def editor_loop(config: Path, point: Path) -> dict[str, float]:
    """Under `make serve`: seconds from writing a file to the served page showing it, for six
    edits made one after the other (each on what the last left)."""
    original = point.read_text(encoding="utf-8")
    added = point.with_name(f"{NEW_POINT}.yaml")
    own, new = f"/treffpunkte/{point.stem}/", f"/treffpunkte/{NEW_POINT}/"
    copied = re.sub(r"^name: .*$", f"name: {NEW_NAME}", original, count=1, flags=re.M)
    try:
        with preview(config) as server:

            def edit(file: Path, text: str | None, path: str, shown: Shown) -> float:
                time.sleep(2)  # the editor looks at the page; the preview collects its garbage
                if text is None:
                    file.unlink()
                else:
                    file.write_text(text, encoding="utf-8")
                return server.wait(path, shown)

            server.wait(own, lambda _, page: "</html>" in page)
            return {
                "summary": edit(point, original.replace("summary: ", "summary: Neu ", 1), own,
                                lambda _, page: "Neu " in page),
                "name": edit(point, original.replace("name: ", "name: Geändert ", 1), own,
                             lambda _, page: "Geändert " in page and "Neu " not in page),
                "new meeting point": edit(added, copied, new,
                                          lambda status, page: status == 200 and NEW_NAME in page),
                "deleted": edit(added, None, new,
                                lambda status, page: status == 404 or NEW_NAME not in page),
                "mistake": edit(point, original.replace("name: ", "name: [", 1), own,
                                lambda _, page: ERROR_REPORT in page),
                "repair": edit(point, original, own, lambda _, page: "</html>" in page
                               and ERROR_REPORT not in page and "Geändert " not in page),
            }  # fmt: skip
    finally:
        point.write_text(original, encoding="utf-8")
        added.unlink(missing_ok=True)


# --- The report -------------------------------------------------------------------------------


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:,.1f} s"


def size(value: int) -> str:
    return f"{value / KB:,.0f} KB" if value < 10_000_000 else f"{value / 1e6:,.0f} MB"


def mib(value: int) -> str:
    return f"{value / MIB:,.0f} MiB"


def rows(head: list[str], lines: list[list[str]]) -> str:
    table = [head, ["---"] * len(head), *lines]
    return "\n".join("| " + " | ".join(line) + " |" for line in table) + "\n"


def builds_table(results: list[Result]) -> str:
    return rows(
        ["N", "pages", "ours: cold build", "per meeting point", "peak memory",
         "search index (Pagefind)", "its peak memory", "site with index"],
        [
            [r.label, f"{r.pages:,}", seconds(r.ours.wall_s),
             f"{r.ours.wall_s / r.n * 1000:.1f} ms", mib(r.ours.peak_bytes),
             seconds(r.index.wall_s), mib(r.index.peak_bytes), size(r.site_bytes)]
            for r in results
        ],
    )  # fmt: skip


def engines_table(results: list[Result]) -> str:
    lines = []
    for r in results:
        if r.zensical is None and r.plain is None:
            continue
        z, p = r.zensical, r.plain
        lines.append([
            r.label, seconds(r.ours.wall_s),
            f"{seconds(r.zensical_s)} ({seconds(z[0].wall_s)} + {seconds(z[1].wall_s)})"
            if z else "—",
            mib(z[1].peak_bytes) if z else "—",
            f"{r.zensical_s / r.ours.wall_s:.2f}" if z else "—",
            seconds(p.wall_s) if p else "—",
            f"{p.wall_s / r.ours.wall_s:.2f}" if p else "—",
        ])  # fmt: skip
    head = ["N", "ours", "Zensical (generate + build)", "Zensical's peak memory",
            "Zensical / ours", "plain MkDocs", "plain / ours"]  # fmt: skip
    return rows(head, lines) if lines else ""


def browser_table(results: list[Result]) -> str:
    lines = []
    for r in results:
        load, search = r.first_load, r.search
        assert load is not None
        lines.append([
            r.label, f"{size(load.bytes)} ({load.responses})",
            seconds(search.seconds) if search else "skipped",
            f"{size(search.bytes)} ({search.responses})" if search else "skipped",
            f"{sum(ok for *_, ok in r.queries)} of {len(r.queries)}" if r.queries else "—",
        ])  # fmt: skip
    head = ["N", "meeting point page, first load (responses)", "first search: first result after",
            "fetched after the click (responses)", "queries with a page about them in the "
            "first three results"]  # fmt: skip
    text = rows(head, lines)
    for r in results:
        missed = [f"„{q}“: {', '.join(top) or 'nothing'}" for q, top, ok in r.queries if not ok]
        if missed:
            text += f"\nNot among the first three at {r.label}: " + "; ".join(missed) + ".\n"
    skipped = {r.search_skipped for r in results if r.search_skipped}
    if skipped:
        text += "\nSearch skipped: " + "; ".join(sorted(skipped)) + ".\n"
    return text


def loop_table(results: list[Result]) -> str:
    text = ""
    for r in results:
        if r.loop:
            text += (
                f"\nThe editor's loop under `make serve` at N = {r.label}: from writing the "
                "file to the served page showing it (file watcher, build, HTTP):\n\n"
                + rows(list(r.loop), [[seconds(s) for s in r.loop.values()]])
            )
    return text


# --- The targets (issue 18, item 4) -------------------------------------------------------------

Row = list[str]
"""A target, what was measured, and "met", "not met" or why it was not measured."""


def verdict(ok: bool) -> str:
    return "met" if ok else "not met"


def missing(n: int) -> str:
    if n == 10_000:
        return "not measured (run with --with-10000)"
    return f"not measured (N = {n:,} not in --sizes)"


def zensical_target(at: dict[int, Result]) -> Row:
    goal = "cold build at N = 1,000 ≥ 1.5 × faster than Zensical (aim: 2 ×)"
    r = at.get(1000)
    if r is None or r.zensical is None:
        return [goal, "—", missing(1000) if r is None else "not measured (--zensical-up-to)"]
    ratio = r.zensical_s / r.ours.wall_s
    with_index = r.zensical_s / (r.ours.wall_s + r.index.wall_s)
    measured = (
        f"{ratio:.2f} × (Zensical {seconds(r.zensical_s)}, ours {seconds(r.ours.wall_s)}; "
        f"{with_index:.2f} × with our search index)"
    )
    return [goal, measured, "met, aim too" if ratio >= 2 else verdict(ratio >= 1.5)]


def plain_target(at: dict[int, Result]) -> Row:
    goal = "cold build at N = 1,000 ≥ 20 × faster than plain MkDocs"
    r = at.get(1000)
    if r is None or r.plain is None:
        return [goal, "—", missing(1000) if r is None else "not measured (--plain-up-to)"]
    ratio = r.plain.wall_s / r.ours.wall_s
    measured = f"{ratio:.2f} × (plain {seconds(r.plain.wall_s)}, ours {seconds(r.ours.wall_s)})"
    return [goal, measured, verdict(ratio >= 20)]


def memory_target(r: Result | None) -> Row:
    goal = "N = 10,000: peak memory ≤ 1 GiB for every process of ours (the indexer's beside)"
    if r is None:
        return [goal, "—", missing(10_000)]
    measured = f"mkdocs build {mib(r.ours.peak_bytes)}; Pagefind {mib(r.index.peak_bytes)}"
    return [goal, measured, verdict(r.ours.peak_bytes <= 2**30)]


def per_point_target(at: dict[int, Result]) -> Row:
    goal = "time per meeting point at N = 10,000 ≤ 1.3 × that at 500"
    if 500 not in at or 10_000 not in at:
        return [goal, "—", missing(10_000 if 500 in at else 500)]
    small, large = at[500], at[10_000]
    ratio = (large.ours.wall_s / large.n) / (small.ours.wall_s / small.n)
    indexed = ((large.ours.wall_s + large.index.wall_s) / large.n) / (
        (small.ours.wall_s + small.index.wall_s) / small.n
    )
    measured = (
        f"{ratio:.2f} × ({large.ours.wall_s / large.n * 1000:.1f} ms against "
        f"{small.ours.wall_s / small.n * 1000:.1f} ms; {indexed:.2f} × with the search index)"
    )
    return [goal, measured, verdict(ratio <= 1.3)]


def loop_target(results: list[Result]) -> Row:
    goal = "each of the six edits in the served page within 1/15 of the cold build at N = 1,000"
    r = next((r for r in results if r.loop), None)
    if r is None:
        return [goal, "—", "not measured (--serve-at not in --sizes)"]
    limit = r.ours.wall_s / 15
    slowest = max(r.loop, key=lambda edit: r.loop[edit])
    measured = (
        f"slowest: {slowest} {seconds(r.loop[slowest])}; limit {seconds(limit)} "
        f"(cold build {seconds(r.ours.wall_s)} / 15)"
    )
    if r.n != 1000:
        measured += f", at N = {r.n:,}, not 1,000"
    return [goal, measured, verdict(r.loop[slowest] <= limit)]


def search_targets(r: Result | None, real: Result | None) -> list[Row]:
    goals = (
        "first search at N = 10,000: ≤ 300 KB compressed",
        "first search at N = 10,000: first result ≤ 1 s",
        "first search on the real site: ≤ 100 KB compressed",
    )
    found = []
    for goal, result, n in zip(goals, (r, r, real), (10_000, 10_000, 0), strict=True):
        if result is None:
            found.append([goal, "—", missing(n) if n else "not measured"])
        elif result.search is None:
            found.append([goal, "—", f"not measured ({result.search_skipped})"])
        elif "1 s" in goal:
            found.append(
                [goal, seconds(result.search.seconds), verdict(result.search.seconds <= 1)]
            )
        else:
            limit = 100 * KB if result.real else 300 * KB
            found.append([goal, size(result.search.bytes), verdict(result.search.bytes <= limit)])
    return found


def query_target(r: Result | None, real: Result | None) -> Row:
    goal = "each query of the tests: a page about it in the first three, real site and N = 10,000"
    if r is None or real is None or not r.queries or not real.queries:
        return [goal, "—", missing(10_000) if r is None else "not measured"]
    found = [sum(ok for *_, ok in x.queries) for x in (real, r)]
    asked = [len(x.queries) for x in (real, r)]
    measured = f"real site {found[0]} of {asked[0]}, N = 10,000 {found[1]} of {asked[1]}"
    return [goal, measured, verdict(found == asked)]


def first_load_target(results: list[Result]) -> Row:
    goal = "a meeting point page's first load ≤ 100 KB compressed, at every N"
    loads = {
        "the real site" if r.real else f"N = {r.n:,}": r.first_load.bytes
        for r in results
        if r.first_load
    }
    largest = max(loads, key=lambda where: loads[where])
    measured = f"largest: {size(loads[largest])}, {largest}"
    if not any(r.n == 10_000 for r in results):
        measured += " (10,000 not run)"
    return [goal, measured, verdict(loads[largest] <= 100 * KB)]


def targets_table(results: list[Result]) -> str:
    at = {r.n: r for r in results if not r.real}
    real = next((r for r in results if r.real), None)
    lines = [
        zensical_target(at),
        plain_target(at),
        memory_target(at.get(10_000)),
        per_point_target(at),
        loop_target(results),
        *search_targets(at.get(10_000), real),
        query_target(at.get(10_000), real),
        first_load_target(results),
    ]
    return rows(["target", "measured", "met?"], lines)


# --- The whole report -------------------------------------------------------------------------


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
    names = ("mkdocs", "mkdocs-material", "zensical", "pagefind", "markdown", "pyyaml")
    packages = ", ".join(f"{name} {version(name)}" for name in names)
    return (
        f"{os.cpu_count()} × {cpu}, {int(memory) / 2**20:.0f} GiB, "
        f"Python {platform.python_version()}, {packages}"
    )


def report(results: list[Result], command: str) -> str:
    text = (
        f"# Benchmark results\n\nMachine: {machine()}.\n"
        f"Command: `{command}`; one run per figure, whole processes. "
        "Meeting points: bench/content.py; real: the repository's content/.\n\n"
        "## Builds\n\nOurs (`mkdocs build --strict`, as `make site`), then the search index "
        "(`python -m pagefind`); peak memory of the largest process of each:\n\n"
        + builds_table(results)
    )
    engines = engines_table(results)
    if engines:
        text += "\nThe same pages built by Zensical (cache deleted) and by plain MkDocs:\n\n"
        text += engines
    text += (
        f'\n## In the browser\n\nChromium, 360 × 800, served on 127.0.0.1; a search for "{QUERY}" '
        "timed from the click on the search button; bytes compressed as a server would send "
        "them (gzip -6 where smaller):\n\n" + browser_table(results) + loop_table(results)
    )
    return text + "\n## Targets\n\n" + targets_table(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000, 5000])
    parser.add_argument("--with-10000", action="store_true", help="also build N = 10,000")
    parser.add_argument("--zensical-up-to", type=int, default=5000)
    parser.add_argument("--plain-up-to", type=int, default=1000)
    parser.add_argument("--serve-at", type=int, default=1000, help="N for the editor's loop")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    options = parser.parse_args()
    sizes = sorted(set(options.sizes + ([10_000] if options.with_10000 else [])))
    command = (
        f"python bench/run.py --sizes {' '.join(map(str, sizes))} "
        f"--zensical-up-to {options.zensical_up_to} --plain-up-to {options.plain_up_to} "
        f"--serve-at {options.serve_at}"
    )
    results: list[Result] = []
    text = ""
    for n in [None, *sizes]:
        print(f"N = {n:,} …" if n else "the real content …", file=sys.stderr, flush=True)
        results.append(measure(n, options))
        text = report(results, command)
        options.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
