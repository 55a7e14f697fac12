"""Dependencies: what is installed is exactly what requirements.lock pins."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

from support import REPO

ENGINE = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2"}
"""The site engine this project is tested with; changing it is a deliberate, reviewed step."""


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


LOCK = (REPO / "requirements.lock").read_text(encoding="utf-8")
PIN = re.compile(
    r"^([A-Za-z0-9_.-]+)==(\S+) \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\\n|\n))+)", re.M
)


def locked() -> dict[str, str]:
    return {normalise(name): version for name, version, _ in PIN.findall(LOCK)}


def test_every_locked_package_has_hashes() -> None:
    requirements = [line for line in LOCK.splitlines() if re.match(r"^[A-Za-z0-9]", line)]
    assert len(PIN.findall(LOCK)) == len(requirements) > 50
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in makefile


def pip_dry_run(requirements: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    file = tmp_path / "requirements.txt"
    file.write_text(requirements, encoding="utf-8")
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--require-hashes"]
    command += ["--ignore-installed"]  # else an installed package is not fetched nor checked
    return subprocess.run(
        [*command, "--no-cache-dir", "-r", str(file)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_pip_refuses_a_package_whose_file_differs_from_the_lock(tmp_path: Path) -> None:
    """The locked hashes are the ones pip sees here, and a tampered hash stops the install."""
    ((name, version, hashes),) = [pin for pin in PIN.findall(LOCK) if pin[0] == "segno"]
    genuine = pip_dry_run(f"{name}=={version} \\\n{hashes}", tmp_path)
    assert genuine.returncode == 0, genuine.stderr
    tampered = re.sub(r"sha256:[0-9a-f]{64}", "sha256:" + "0" * 64, hashes)
    refused = pip_dry_run(f"{name}=={version} \\\n{tampered}", tmp_path)
    assert refused.returncode != 0
    assert "DO NOT MATCH THE HASHES" in refused.stderr


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
