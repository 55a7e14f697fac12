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
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml
from browser import in_browser
from measured import BENCH, REPO, TEMPLATES, WORK, Measure, Result, run, step
from preview import editor_loop
from report import report


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
