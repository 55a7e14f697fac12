"""The check of a whole built site, whatever engine built it, before it is published: markup
within the Content Security Policy (`markup.py`), links that resolve (`links.py`), the server
files that send the policy (`policy.py`), data files that parse (`data_files.py`), and a search
index of every page that asks to be searched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from generator.check.data_files import problems_in_files, read_data_files
from generator.check.links import PageLinks, broken_links, page_links
from generator.check.markup import element_problems, elements, unsafe_svg
from generator.check.policy import POLICY, server_files

PAGE_SUFFIXES = (".html", ".htm")
SEARCH_ENTRY = "pagefind/pagefind-entry.json"
"""What Pagefind's script reads first (pagefind.yml): the index's languages and page counts."""
SEARCHED = "data-pagefind-body"
"""The attribute that marks a page's part for the search index (overrides/main.html)."""


@dataclass
class SiteCheck:
    """What the check found in a built site, and how much it read."""

    problems: list[str]
    """One line `path: what`, sorted by path."""
    pages: int
    svg_files: int
    data_files: int
    links: int

    def summary(self) -> str:
        """One line for people: what was read."""
        return (
            f"{self.pages} Seiten, {self.svg_files} SVG-Dateien, {self.data_files} Datendateien "
            f"und {self.links} Verweise geprüft"
        )


def check_built_site(site_dir: Path) -> SiteCheck:
    """Check every page, SVG and data file of the built site in `site_dir`, and its server
    files; `OSError` when a file cannot be read."""
    problems: list[str] = []
    pages: dict[str, PageLinks] = {}
    searched = 0
    for name in page_names(site_dir):
        lines, pages[name], to_search = read_page(site_dir / name)
        problems += [f"{name}: {line}" for line in lines]
        searched += to_search
    data = read_data_files(site_dir)
    unreadable = problems_in_files(data)
    refused = {line.partition(": ")[0] for line in unreadable}
    svg_files = [name for name in data if name.endswith(".svg")]
    for name in svg_files:
        if name not in refused:  # what does not parse is reported once, as unreadable
            problems += [f"{name}: {line}" for line in unsafe_svg(data[name])]
    problems += unreadable + server_file_problems(site_dir) + search_problems(site_dir, searched)
    problems += broken_links(site_dir, pages)
    return SiteCheck(
        problems=sorted(problems, key=lambda line: line.partition(": ")[0]),
        pages=len(pages),
        svg_files=len(svg_files),
        data_files=len(data),
        links=sum(len(page.urls) for page in pages.values()),
    )


def page_names(site_dir: Path) -> list[str]:
    """The HTML files of a built site, as paths in it, sorted."""
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.suffix.lower() in PAGE_SUFFIXES and path.is_file()
    )


def read_page(path: Path) -> tuple[list[str], PageLinks, bool]:
    """Parse one page as a browser does; return what its markup must not contain (see
    `element_problems`), what it links to and whether it asks to be searched."""
    problems = []
    seen = []
    searched = False
    for node, name, attributes in elements(LexborHTMLParser(path.read_bytes()).root):
        problems += element_problems(node, name, attributes)
        seen.append((name, attributes))
        searched = searched or SEARCHED in attributes
    return problems, page_links(seen), searched


def read_pages(site_dir: Path) -> dict[str, PageLinks]:
    """Return what each page of a built site links to (path in `site_dir` → its links)."""
    return {name: read_page(site_dir / name)[1] for name in page_names(site_dir)}


def server_file_problems(site_dir: Path) -> list[str]:
    """Return a line for each server file (`_headers`, the nginx snippet) that is missing or
    does not send the policy the build writes."""
    problems = []
    for name, expected in server_files().items():
        path = site_dir / name
        if not path.is_file():
            problems.append(f"{name}: fehlt, ohne sie sendet der Server keine Sicherheitsregeln")
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if text != expected:
            missing = "" if POLICY in text else ", ohne die Content Security Policy der Website"
            problems.append(f"{name}: weicht von der Fassung ab, die der Build schreibt{missing}")
    return problems


def search_problems(site_dir: Path, searched: int) -> list[str]:
    """Return a line when pages ask to be searched (`searched` of them) but the search index
    is missing, unreadable or made from another number of pages (an older build)."""
    if not searched:
        return []
    try:
        entry = json.loads((site_dir / SEARCH_ENTRY).read_bytes())
        indexed = sum(language["page_count"] for language in entry["languages"].values())
    except FileNotFoundError:
        return [f"{SEARCH_ENTRY}: fehlt, die Suche fände nichts (python -m pagefind --site …)"]
    except (ValueError, KeyError, TypeError, AttributeError):
        return [f"{SEARCH_ENTRY}: kein Suchindex, den Pagefind lesen kann"]
    if indexed != searched:
        return [f"{SEARCH_ENTRY}: {indexed} Seiten im Suchindex, {searched} Seiten zu durchsuchen"]
    return []
