"""Shared test helpers: the repository layout, a small valid content set, the built site in
Chromium (one build and one browser for the whole test session)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FIXTURE,
    TIMEOUT_MS,
    build,
    build_real_site,
    build_zensical_site,
    index_for_search,
    serve_directory,
    write_config,
)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """Return a writable copy of the minimal content set."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built once with the repository's mkdocs.yml."""
    return build_real_site(tmp_path_factory.mktemp("browser") / "site")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built once with Zensical as `make site ENGINE=zensical` does."""
    return build_zensical_site(tmp_path_factory.mktemp("zensical"))


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site, served on 127.0.0.1 from this process."""
    with serve_directory(site) as url:
        yield url


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture content (opening hours, a site address, a full recommendation history),
    built once with the repository's settings."""
    directory = tmp_path_factory.mktemp("fixture-site")
    result = build(write_config(directory, FIXTURE), directory / "site", cwd=directory)
    assert result.returncode == 0, result.stderr
    return index_for_search(directory / "site")


@pytest.fixture(scope="session")
def fixture_url(fixture_site: Path) -> Iterator[str]:
    """The built fixture site, served on 127.0.0.1 from this process."""
    with serve_directory(fixture_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; a missing binary fails the run (`make test` installs it)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
            "(`make test` installs it; or: apt-get install chromium fonts-dejavu-core)",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh German-language tab at 1280 × 800."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-BE")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()
