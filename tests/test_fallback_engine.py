"""ProperDocs, the maintained fork of MkDocs 1.x, builds the same site: the fallback engine for
when MkDocs or Material stop working (`make site ENGINE=properdocs`, see README)."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

from support import REPO, file_hashes, index_for_search, mkdocs

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
"""The one line that names the engine, and so differs."""


def test_properdocs_builds_the_same_site_byte_for_byte(site: Path, tmp_path: Path) -> None:
    assert importlib.metadata.version("properdocs") == "1.6.7"
    out = tmp_path / "site"
    args = ("build", "--strict", "--config-file", "mkdocs.yml", "--site-dir", str(out))
    result = mkdocs(*args, cwd=REPO, engine="properdocs")
    assert result.returncode == 0, result.stderr
    index_for_search(out)  # as make site does after either engine
    assert file_hashes(out).keys() == file_hashes(site).keys()
    differing = [
        name for name, digest in file_hashes(out).items() if file_hashes(site)[name] != digest
    ]
    assert differing, "the pages name the engine that built them"
    for name in differing:
        pair = [GENERATOR.sub(b"", (root / name).read_bytes()) for root in (out, site)]
        assert pair[0] == pair[1], name
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2"' in page
