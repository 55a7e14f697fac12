"""The browser checks of the MkDocs build, run on the Zensical build: axe (WCAG 2.1 AA) on every
page in both colour schemes and with the search open, no horizontal scroll at 320 px, no
violation of the site's Content Security Policy, Material's inline scripts working as files,
and the search (ours, on Pagefind's index of the built pages, so the same on both engines).
They are the MkDocs tests' own functions, imported; here `site` and `base_url` are the Zensical
build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support import serve_directory
from test_accessibility import (
    test_axe_finds_no_violation_on_any_page,
    test_axe_finds_no_violation_with_the_search_open,
    test_no_page_scrolls_sideways_at_320_pixels,
)
from test_browser import (
    test_search_finds_the_page_about_it,
    test_search_works_with_the_keyboard_alone,
    test_without_javascript_the_header_links_to_the_directory,
)
from test_security import (
    strict_url,
    test_every_page_works_under_the_policy,
    test_the_search_works_under_the_policy,
    test_the_theme_scripts_work_as_files_under_the_policy,
)

pytestmark = pytest.mark.browser

__all__ = [  # collected by pytest in this module, on the Zensical build
    "strict_url",
    "test_axe_finds_no_violation_on_any_page",
    "test_axe_finds_no_violation_with_the_search_open",
    "test_every_page_works_under_the_policy",
    "test_no_page_scrolls_sideways_at_320_pixels",
    "test_search_finds_the_page_about_it",
    "test_search_works_with_the_keyboard_alone",
    "test_the_search_works_under_the_policy",
    "test_the_theme_scripts_work_as_files_under_the_policy",
    "test_without_javascript_the_header_links_to_the_directory",
]


@pytest.fixture(scope="module")
def site(zensical_site: Path) -> Path:
    """In this module, the site is the Zensical build."""
    return zensical_site


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve_directory(site) as url:
        yield url
