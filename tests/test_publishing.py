"""Publishing: the build is reproducible, and `make site` replaces the live `site/` only with a
whole, successful build.

The reproducibility builds run from copies of the repository's build inputs in two different
places; the publishing tests run the real `make site` in a copy of the repository whose
`.venv` is a symlink to the repository's own (the copy's `requirements.lock` and
`pyproject.toml` are the same files, so the Makefile's install stamp already exists and
nothing is installed; the fixture checks that with `make -n` before running anything). To kill
the publishing before each of its commands in turn, one test runs it with a stand-in engine
that writes a known site at once.
"""

from __future__ import annotations

import calendar
import datetime
import gzip
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import BUILD_TIMEOUT, REPO, file_hashes, mkdocs_env

EPOCH = calendar.timegm((2026, 6, 30, 12, 0, 0))
"""30 June 2026, 12:00 UTC: already 1 July on Kiritimati (UTC+14), so a build date taken from
the local clock instead of UTC would show."""
EPOCH_DATE = datetime.date(2026, 6, 30)
BUILD_INPUTS = ("content", "site_templates", "mkdocs.yml")
SITE_URL = "https://treffpunkte.example.org/"
"""MkDocs lists pages in sitemap.xml only when `site_url` is set, which mkdocs.yml does not do."""

# Two environments that differ in everything that should not matter. The time zones are POSIX
# strings, so they take effect without tzdata: `<+14>-14` is Kiritimati's UTC+14.
ENVIRONMENTS = [
    {"TZ": "UTC0", "PYTHONHASHSEED": "1", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
    {"TZ": "<+14>-14", "PYTHONHASHSEED": "999", "LANG": "C", "LC_ALL": "C"},
]


def build_env(**extra: str) -> dict[str, str]:
    """The Makefile's environment with a fixed SOURCE_DATE_EPOCH; no make state from outside."""
    env = {**mkdocs_env(), "SOURCE_DATE_EPOCH": str(EPOCH), **extra}
    for name in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"):
        env.pop(name, None)
    return env


def differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


# --- Reproducible ---------------------------------------------------------------------------


def checkout(target: Path) -> Path:
    """Copy the build inputs (content, templates, mkdocs.yml) to `target`, plus a config that
    also sets a public address (for sitemap.xml)."""
    target.mkdir(parents=True)
    for name in BUILD_INPUTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    (target / "published.yml").write_text(
        f"INHERIT: mkdocs.yml\nsite_url: {SITE_URL}\n", encoding="utf-8"
    )
    return target


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The real content built in two places and environments, each with mkdocs.yml into
    `site/` and with published.yml into `published/` (four builds, run side by side)."""
    root = tmp_path_factory.mktemp("reproducible")
    checkouts = [
        checkout(root / "erste" / "treffpunkte"),
        checkout(root / "zweite" / "ganz anderer Pfad" / "tp"),
    ]
    processes = [
        (
            directory / out,
            subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", out],
                cwd=directory,
                env=build_env(**env),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
        for directory, env in zip(checkouts, ENVIRONMENTS, strict=True)
        for config, out in (("mkdocs.yml", "site"), ("published.yml", "published"))
    ]
    for out, process in processes:
        stdout, stderr = process.communicate(timeout=BUILD_TIMEOUT)
        assert process.returncode == 0, f"build of {out} failed:\n{stdout}\n{stderr}"
    return checkouts


@pytest.mark.parametrize("out", ["site", "published"])
def test_builds_in_other_places_zones_and_hash_seeds_are_identical(
    builds: list[Path], out: str
) -> None:
    first, second = (file_hashes(directory / out) for directory in builds)
    assert len(first) > 50 and "index.html" in first and "sitemap.xml.gz" in first
    assert differences(first, second) == []


def test_sitemap_dates_come_from_source_date_epoch(builds: list[Path]) -> None:
    published = builds[0] / "published"
    sitemap = published / "sitemap.xml"
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = ET.parse(sitemap).getroot().findall("s:url", namespace)
    assert len(urls) > 20
    lastmods = {url.findtext("s:lastmod", namespaces=namespace) for url in urls}
    assert lastmods == {EPOCH_DATE.isoformat()}
    for directory in builds:
        for out in ("site", "published"):
            gz = (directory / out / "sitemap.xml.gz").read_bytes()
            assert gzip.decompress(gz) == (directory / out / "sitemap.xml").read_bytes()
            # gzip header: bytes 4-7 are the mtime, which MkDocs sets to the build date (00:00)
            midnight = calendar.timegm(EPOCH_DATE.timetuple())
            assert int.from_bytes(gz[4:8], "little") == midnight, f"{out}/sitemap.xml.gz"


# --- Atomic publishing with `make site` -----------------------------------------------------


def make(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", *args],
        cwd=cwd,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )


def repository_files() -> list[str]:
    """The repository's files as a checkout has them: tracked, plus new files not ignored."""
    listing = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
        check=True,
    )
    return [name for name in listing.stdout.split("\0") if name and (REPO / name).is_file()]


@pytest.fixture(scope="module")
def published_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository (sharing its .venv) in which `make site` has built site/."""
    repository = tmp_path_factory.mktemp("publishing") / "repo"
    for name in repository_files():
        (repository / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, repository / name)
    (repository / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)
    # The install rule would run `python -m venv .venv` and pip through the symlink, into the
    # repository's own environment: never let it run from here.
    dry_run = make("-n", "site", cwd=repository)
    assert dry_run.returncode == 0, dry_run.stderr
    assert not re.search(r"pip |-m venv|\.installed-", dry_run.stdout), (
        "`make site` would install into .venv: run `make site` in the repository first\n"
        + dry_run.stdout
    )
    result = make("site", cwd=repository)
    assert result.returncode == 0, f"make site failed:\n{result.stdout}\n{result.stderr}"
    assert (repository / "site" / "index.html").is_file()
    assert not (repository / ".site.new").exists()
    return repository


@pytest.fixture
def repository(published_repository: Path, tmp_path: Path) -> Path:
    """A fresh copy of the published repository for one test to change."""
    return Path(shutil.copytree(published_repository, tmp_path / "repo", symlinks=True))


@pytest.fixture
def running_make(repository: Path) -> Iterator[list[subprocess.Popen[str]]]:
    """Start `make site` in its own process group (append to the list); killed at the end."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=BUILD_TIMEOUT)


def start_make_site(
    repository: Path, started: list[subprocess.Popen[str]]
) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        ["make", "site"],
        cwd=repository,
        env=build_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group: make, sh, mkdocs
    )
    started.append(process)
    return process


def file_count(directory: Path) -> int:
    """Files under `directory` (0 if it is missing), tolerating a build writing into it."""
    return sum(len(files) for _, _, files in os.walk(directory))


def test_a_content_error_leaves_the_published_site_untouched(repository: Path) -> None:
    site = repository / "site"
    before = file_hashes(site)
    meeting_point = sorted((repository / "content" / "meeting_points").glob("*.yaml"))[0]
    text = meeting_point.read_text(encoding="utf-8")
    broken, count = re.subn(r"(?m)^municipality: .*$", "municipality: gibtesnicht", text)
    assert count == 1
    meeting_point.write_text(broken, encoding="utf-8")

    result = make("site", cwd=repository)

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"{meeting_point.name}:" in output and "gibtesnicht" in output, output
    assert file_hashes(site) == before


def test_killing_the_build_midway_leaves_the_published_site_untouched(
    repository: Path, running_make: list[subprocess.Popen[str]]
) -> None:
    site = repository / "site"
    new = repository / ".site.new"
    before = file_hashes(site)
    process = start_make_site(repository, running_make)
    deadline = time.monotonic() + BUILD_TIMEOUT
    while file_count(new) < 5:
        assert process.poll() is None, "make site ended before the build had written anything"
        assert time.monotonic() < deadline, "the build wrote nothing into .site.new"
        time.sleep(0.002)

    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=BUILD_TIMEOUT)

    assert process.returncode == -signal.SIGKILL
    assert 0 < file_count(new) < len(before), "expected a half-written .site.new"
    assert file_hashes(site) == before


def test_a_successful_build_replaces_the_site_whole(repository: Path) -> None:
    site = repository / "site"
    fresh = file_hashes(site)
    (site / "veraltet.html").write_text("<p>alt</p>", encoding="utf-8")
    (site / "treffpunkte" / "geschlossen").mkdir()
    (site / "treffpunkte" / "geschlossen" / "index.html").write_text("alt", encoding="utf-8")
    (site / "index.html").write_text("überschrieben", encoding="utf-8")
    old_directory = site.stat().st_ino

    result = make("site", cwd=repository)

    assert result.returncode == 0, f"make site failed:\n{result.stdout}\n{result.stderr}"
    assert file_hashes(site) == fresh  # same inputs and date: the same site, nothing stale
    assert site.stat().st_ino != old_directory, "site/ was updated in place, not replaced"
    assert not (repository / ".site.new").exists()


STEPPER = """\
# Read by every shell that make starts (BASH_ENV): before each command, count it; just before
# command number $STOP_AT, kill make and all it started, as `kill -9` or a power cut would.
trap 'n=$(( $(cat "$STEPS") + 1 )); echo "$n" > "$STEPS"; echo "$n: $BASH_COMMAND" >> "$STEPS.log"
[ "$n" != "$STOP_AT" ] || kill -KILL 0' DEBUG
"""
FAKE_ENGINE = """\
#!/bin/sh
# Stands in for the site engine: `build ... --site-dir DIR` copies $NEW_SITE to DIR.
for last; do :; done
cp -R "$NEW_SITE" "$last"
"""


def publish_killed_at(repository: Path, tools: Path, new_site: Path, step: int) -> int:
    """Run `make site` in `repository` with the engine in `tools` (which writes `new_site`),
    killed just before the `step`-th command of its shells (0: never); return how many
    commands it started."""
    steps = tools / f"steps-{step}"
    steps.write_text("0", encoding="ascii")
    env = build_env(
        BASH_ENV=str(tools / "stepper.sh"),
        STEPS=str(steps),
        STOP_AT=str(step),
        NEW_SITE=str(new_site),
    )
    result = subprocess.run(
        # Every recipe line and $(shell) through bash (so the trap sees each command).
        ["make", "site", f"BIN={tools}", "SHELL=/bin/bash"],
        cwd=repository,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
        start_new_session=True,  # its own process group, which the trap kills
    )
    expected = 0 if step == 0 else -signal.SIGKILL
    assert result.returncode == expected, f"step {step}:\n{result.stdout}\n{result.stderr}"
    return int(steps.read_text(encoding="ascii"))


# Publishing switches a symlink with one rename(2) (Makefile, target `site`), so a kill at any
# moment leaves either the whole previous site or the whole new one. The engine is replaced
# by one that writes a known new site (the real build killed midway: see above), the site check
# runs on it as always, and make is killed before each command in turn, each time in a fresh
# copy of the repository.
def test_a_kill_before_any_step_of_publishing_leaves_a_whole_site(
    repository: Path, tmp_path: Path
) -> None:
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "mkdocs").write_text(FAKE_ENGINE, encoding="utf-8")
    (tools / "mkdocs").chmod(0o755)
    (tools / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    (tools / "python").chmod(0o755)  # the site check runs as always
    (tools / "stepper.sh").write_text(STEPPER, encoding="utf-8")
    old = file_hashes(repository / "site")
    new_site = Path(shutil.copytree(repository / "site", tmp_path / "new-site"))
    (new_site / "neu.txt").write_text("neu", encoding="utf-8")
    new = file_hashes(new_site)

    whole = Path(shutil.copytree(repository, tmp_path / "whole", symlinks=True))
    commands = publish_killed_at(whole, tools, new_site, 0)
    assert file_hashes(whole / "site") == new
    assert commands > 5, "the trap saw no commands"
    outcomes = []
    for step in range(1, commands + 1):
        copy = Path(shutil.copytree(repository, tmp_path / f"kill-{step}", symlinks=True))
        publish_killed_at(copy, tools, new_site, step)
        after = file_hashes(copy / "site") if (copy / "site").is_dir() else {}
        outcomes.append("old" if after == old else "new" if after == new else "neither")

    log = (tools / "steps-0.log").read_text(encoding="utf-8")
    assert "neither" not in outcomes, f"killed before each of these commands:\n{log}{outcomes}"
    # The old site until one command, the new one from there on: one change, whole to whole.
    swap = outcomes.index("new") if "new" in outcomes else 0
    assert swap > 0 and outcomes == ["old"] * swap + ["new"] * (commands - swap), (log, outcomes)
