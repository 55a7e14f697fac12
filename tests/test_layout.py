"""The package layout is the pipeline: each package imports only those before it.

`generator/` holds one package per stage, in the order the data flows, and the two entries
that run them. A module may import generator modules of its own package and of packages
earlier in PIPELINE, never of a later one; `speed` (what exists only for speed) only from the
build entry and the engine adapter; and only the engine adapter imports an engine.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
PIPELINE = ["content", "derive", "data", "editors", "pages", "check", "build", "cli", "__main__"]
"""The order of the pipeline: `content` imports nothing later, `cli` may import all before it."""
SPEED = "speed"
SPEED_USERS = {"build", "engine"}
ENGINE = "engine"
"""The adapter to MkDocs (and the Markdown extensions it names): may import anything but `cli`."""
ENGINE_PACKAGES = {"mkdocs", "material", "properdocs", "zensical"}
"""Imported only by `engine`."""


def imports_of(path: Path) -> list[tuple[int, str]]:
    """The absolute names `path` imports, with their lines (`from generator import x` gives
    `generator.x`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                found.append((node.lineno, "." * node.level + (node.module or "")))
            elif node.module == "generator":
                found += [(node.lineno, f"generator.{alias.name}") for alias in node.names]
            elif node.module:
                found.append((node.lineno, node.module))
    return found


def unit_of(module: str) -> str:
    """The package or top-level module of `generator` that `module` (dotted) belongs to."""
    return module.split(".")[1]


def violations(root: Path) -> list[str]:
    """Every import under `root` (a `generator/` folder) that breaks the layout, as
    `path:line: what`."""
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        unit = relative.parts[0].removesuffix(".py")
        if unit == "__init__":
            continue
        for line, name in imports_of(path):
            where = f"{path.relative_to(root.parent)}:{line}"
            top = name.split(".")[0]
            if name.startswith("."):
                found.append(f"{where}: relative import {name}: write generator.…")
            elif top in ENGINE_PACKAGES and unit != ENGINE:
                found.append(f"{where}: {name}: only generator/engine/ imports an engine")
            elif top == "generator" and name.count(".") >= 1:
                target = unit_of(name)
                if target == unit:
                    continue
                if target == SPEED:
                    if unit not in SPEED_USERS:
                        found.append(f"{where}: {name}: speed/ is for build.py and engine/ only")
                elif target == ENGINE or target not in PIPELINE:
                    found.append(f"{where}: {name}: only the engine's configuration uses engine/")
                elif unit == ENGINE:
                    if target == "cli":
                        found.append(f"{where}: {name}: the adapter calls build.py, not the CLI")
                elif unit == SPEED or PIPELINE.index(target) > PIPELINE.index(unit):
                    found.append(f"{where}: {name}: {unit} comes before {target}")
    return found


def test_every_package_imports_only_what_comes_before_it() -> None:
    units = {p.name.removesuffix(".py") for p in GENERATOR.iterdir() if p.name != "__pycache__"}
    assert units - {"__init__"} == {*PIPELINE, SPEED, ENGINE}, "a new package needs its place"
    assert violations(GENERATOR) == []


def test_a_planted_violation_is_named_with_its_place(tmp_path: Path) -> None:
    copy = tmp_path / "generator"
    shutil.copytree(GENERATOR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "content" / "planted.py").write_text(
        "from generator.content.load import load_documents\n"
        "from generator.pages.plan import page_plan\nimport mkdocs\n",
        encoding="utf-8",
    )
    (copy / "data" / "planted.py").write_text(
        "from generator import speed\nfrom generator.engine import footnotes\n", encoding="utf-8"
    )
    (copy / "planted.py").write_text("from .build import build_pages\n", encoding="utf-8")
    planted = [line for line in violations(copy) if "planted.py" in line]
    assert planted == [
        "generator/content/planted.py:2: generator.pages.plan: content comes before pages",
        "generator/content/planted.py:3: mkdocs: only generator/engine/ imports an engine",
        "generator/data/planted.py:1: generator.speed: speed/ is for build.py and engine/ only",
        "generator/data/planted.py:2: generator.engine: only the engine's configuration uses "
        "engine/",
        "generator/planted.py:1: relative import .build: write generator.…",
    ]


INTERNALS_ALLOWED_IN = Path("engine") / "parallel_pages.py"
"""The opt-in parallel page build: the one module that may use an engine's internals."""


def reaches_into_internals(path: Path) -> list[str]:
    """What in `path` uses MkDocs' or Material's internals: a private name imported from them,
    their build commands or plugins' modules, or a page's class swapped."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            top = node.module.split(".")[0]
            private = [a.name for a in node.names if a.name.startswith("_")]
            inside = node.module.startswith(("mkdocs.commands", "material.plugins"))
            if top in ENGINE_PACKAGES and (private or inside):
                found.append(f"{node.lineno}: from {node.module} import {private or '…'}")
        elif isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr == "__class__":
                    found.append(f"{node.lineno}: __class__ assigned")
    return found


def test_only_the_parallel_page_build_reaches_into_engine_internals() -> None:
    found = {
        str(path.relative_to(GENERATOR)): places
        for path in sorted(GENERATOR.rglob("*.py"))
        if (places := reaches_into_internals(path))
    }
    assert found.keys() == {str(INTERNALS_ALLOWED_IN)}, found
    assert len(found[str(INTERNALS_ALLOWED_IN)]) >= 2  # it does, and the check sees it
