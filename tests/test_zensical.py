"""Zensical, the successor of Material for MkDocs, builds the same site from the pages that
`python -m generator generate` writes (`make site ENGINE=zensical`, see README, "Engines").
The browser checks of its build are in test_zensical_browser.py."""

from __future__ import annotations

import difflib
import importlib.metadata
from pathlib import Path

from support import HtmlPage, generator_command

ZENSICAL = "0.0.73"
"""The newest Zensical this package index installs: 0.1.x needs zensical-ui, which it lacks."""


def html_files(site: Path) -> list[str]:
    """Every HTML file of a built site (the pages and 404.html), relative and sorted."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def main_text(site: Path, name: str) -> str:
    """The page's title and the text of its article, whitespace collapsed.

    No other normalisation is needed: `Element.text` already leaves out the `¶` heading
    permalinks, and the footnotes are ours (generator.engine.footnotes) in both builds. What
    differs lies outside the text: the edit button (an icon, no text), Zensical's empty skip
    target `<a id="__skip">`, and relative links written another way (`../ephata/index.json`
    for `index.json`)."""
    page = HtmlPage.read(site, site / name)
    return f"{page.title()}\n{page.article.text()}"


def first_difference(expected: str, found: str) -> str:
    """The first differing passage of two texts, with some context."""
    matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
    tag, a1, a2, b1, b2 = next(op for op in matcher.get_opcodes() if op[0] != "equal")
    return (
        f"{tag}: …{expected[max(0, a1 - 30) : a2 + 30]!r} → …{found[max(0, b1 - 30) : b2 + 30]!r}"
    )


def test_zensical_is_the_version_these_tests_were_written_for(zensical_site: Path) -> None:
    """On an upgrade re-check what Zensical does differently (README, "Engines"): its search
    switched off in zensical.yml (the search is ours), `page.is_homepage` (main.html), its own
    copy of Material's inline scripts (partials/javascripts/), and what this module compares."""
    assert importlib.metadata.version("zensical") == ZENSICAL
    index = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert f'<meta name="generator" content="zensical-{ZENSICAL}">' in index


def test_every_page_has_the_main_text_of_the_mkdocs_build(site: Path, zensical_site: Path) -> None:
    assert html_files(zensical_site) == html_files(site)
    differing = [
        f"{name}: {first_difference(main_text(site, name), main_text(zensical_site, name))}"
        for name in html_files(site)
        if main_text(site, name) != main_text(zensical_site, name)
    ]
    assert differing == []


def test_every_footer_names_the_copyright_from_the_content(site: Path, zensical_site: Path) -> None:
    """Zensical runs no plugin to take the copyright from content/site.yaml: zensical.yml
    repeats it, and this fails when the two drift apart."""
    for name in html_files(site):
        footers = [
            HtmlPage.read(root, root / name).find_all(class_="md-copyright")
            for root in (site, zensical_site)
        ]
        assert [[f.text() for f in found] for found in footers] == [[footers[0][0].text()]] * 2, (
            name
        )


def test_the_site_check_passes_on_the_zensical_build(zensical_site: Path) -> None:
    """What `make site` checks before publishing: markup safe for the CSP, links and anchors,
    the CSP files, the data files (generator/check/)."""
    result = generator_command("check", str(zensical_site))
    assert result.returncode == 0, result.stdout + result.stderr
