"""The scale-test content generator (bench/content.py) makes valid, deterministic content."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import REPO, TEMPLATES, file_hashes

from generator.build import build_pages


def generate(n: int, out: Path, seed: int = 1) -> Path:
    command = [sys.executable, "bench/content.py", str(n), str(out), "--seed", str(seed)]
    subprocess.run(command, cwd=REPO, check=True, timeout=120)
    return out


def test_generated_content_builds_and_uses_every_kind_of_item(tmp_path: Path) -> None:
    content = generate(250, tmp_path / "a")
    pages = build_pages(content, TEMPLATES)
    points = [p for p in pages.pages if p.startswith("treffpunkte/treffpunkt-")]
    assert len([p for p in points if p.count("/") == 1]) == 250
    assert len(list((content / "evaluations").glob("*.yaml"))) == 2
    assert len(list((content / "parliament").glob("*.yaml"))) == 25
    page = pages.pages["treffpunkte/treffpunkt-00007.md"].markdown
    for part in (
        "Öffnungszeiten",
        "Angebote",
        "Förderung",
        "€",
        "Qualitätsreflexion",
        "Geschichte",
    ):
        assert part in page, part


def test_same_n_and_seed_give_the_same_files_another_seed_does_not(tmp_path: Path) -> None:
    first = file_hashes(generate(40, tmp_path / "a"))
    assert file_hashes(generate(40, tmp_path / "b")) == first
    assert file_hashes(generate(40, tmp_path / "c", seed=2)) != first


def test_no_content_file_grows_with_n(tmp_path: Path) -> None:
    """Each meeting point's own source sits in a file of `sources/` with at most 100 others,
    so the largest file is as large at 350 points as at 120 (the loader caps files at 1 MB).
    `vocabularies.yaml` is left out: the generator invents a municipality per 20 points."""
    largest = {}
    for n in (120, 350):
        content = generate(n, tmp_path / str(n))
        files = [f for f in content.rglob("*.yaml") if f.name != "vocabularies.yaml"]
        largest[n] = max(f.stat().st_size for f in files)
        assert not (content / "sources.yaml").exists()
        assert len(list((content / "sources").glob("*.yaml"))) == 1 + -(-n // 100)
    assert largest[350] < largest[120] * 1.1, largest
