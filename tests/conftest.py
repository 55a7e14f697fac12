"""Shared test helpers: the repository layout and a small valid content set to copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MINIMAL = REPO / "tests" / "fixtures" / "minimal"
"""A small, valid, made-up content set: meeting points alpha and beta, one evaluation, one item."""


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """Return a writable copy of the minimal content set."""
    target = tmp_path / "content"
    shutil.copytree(MINIMAL, target)
    return target
