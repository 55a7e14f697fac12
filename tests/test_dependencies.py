"""Dependencies: what is installed is exactly what requirements.lock pins."""

from __future__ import annotations

import importlib.metadata
import re

from support import REPO

ENGINE = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2"}
"""The site engine this project is tested with; changing it is a deliberate, reviewed step."""


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    lines = (REPO / "requirements.lock").read_text().splitlines()
    pins = [line.split("==") for line in lines if line and not line.startswith("#")]
    return {normalise(name): version.strip() for name, version in pins}


def installed() -> dict[str, str]:
    return {
        normalise(dist.metadata["Name"]): dist.version
        for dist in importlib.metadata.distributions()
        if normalise(dist.metadata["Name"]) not in {"pip", "treffpunkte-site"}
    }


def test_engine_versions_are_the_tested_ones() -> None:
    for name, version in ENGINE.items():
        assert importlib.metadata.version(name) == version, name
        assert locked()[name] == version, name


def test_installed_packages_are_exactly_the_locked_ones() -> None:
    """Fails when a package was installed by hand but not locked, or the lock was not applied."""
    assert installed() == locked()
