"""The opt-in parallel page build (`treffpunkte-parallel`) reaches into MkDocs' and Material's
internals, so it runs only with the versions it was checked with; `tests/test_scale.py` shows
that its site is byte-identical to a build in one process."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from support import FIXTURE, SOURCE_DATE_EPOCH, TEMPLATES, file_hashes, write_config

from generator.engine import parallel_pages
from generator.engine.parallel_pages import CHECKED_WITH, RECHECK, checked, engine_versions


def test_the_installed_engine_is_the_one_the_parallel_build_was_checked_with() -> None:
    """Fails on an upgrade of MkDocs, ProperDocs' stand-in or Material: re-check, then pin."""
    assert checked(), f"installed {engine_versions()}, checked with {CHECKED_WITH}\n{RECHECK}"


def build_fixture(directory: Path, caplog: pytest.LogCaptureFixture) -> tuple[Path, str]:
    directory.mkdir()
    config_file = write_config(directory, FIXTURE, templates_dir=TEMPLATES)
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(
        text.replace("  - treffpunkte-parallel", "      workers: 2\n  - treffpunkte-parallel"),
        encoding="utf-8",
    )
    site = directory / "site"
    caplog.clear()
    with caplog.at_level(logging.INFO):
        mkdocs_build(load_config(str(config_file), site_dir=str(site)))
    return site, caplog.text


def test_with_another_version_pages_are_built_the_ordinary_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    parallel, log = build_fixture(tmp_path / "checked", caplog)
    assert "Seiten werden in 2 Prozessen gebaut" in log
    monkeypatch.setitem(parallel_pages.CHECKED_WITH, "mkdocs-material", "0.0.0")
    ordinary, log = build_fixture(tmp_path / "unchecked", caplog)
    assert "Prozessen gebaut" not in log
    assert "Seiten in einem Prozess gebaut" in log
    assert file_hashes(ordinary) == file_hashes(parallel)
