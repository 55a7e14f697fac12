"""The benchmark's report: the tables of bench/RESULTS.md and the machine they were measured on."""

from __future__ import annotations

import os
import platform
from importlib.metadata import version
from pathlib import Path

from browser import QUERY
from measured import Result, mib, rows, seconds, size
from targets import targets_table


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
