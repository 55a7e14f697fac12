"""Accessibility of the built site (WCAG 2.1 AA), checked in Chromium with axe-core and by hand.

axe finds only part of the WCAG failures, so the checks it does not make are written out here:
language, one h1, unique titles, the skip link as first Tab stop, reflow at 320 px.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import axe_playwright_python
import pytest
import yaml
from playwright.sync_api import Browser, Page, expect
from support import (
    CONTENT,
    REPO,
    TIMEOUT_MS,
    HtmlPage,
    build,
    page_html_files,
    page_url,
    serve_directory,
    write_config,
)

from generator.editors.quality import build_date

pytestmark = pytest.mark.browser
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_PRINT_EPOCH = "print-source-date-epoch: ; @echo $(SOURCE_DATE_EPOCH)"
"""A make rule that prints the build date the Makefile sets."""


def axe_violations(page: Page) -> list[str]:
    """Run axe-core with the WCAG 2.0/2.1 A and AA rules; return `rule: selectors` lines."""
    page.add_script_tag(content=AXE_SOURCE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{page.url} {v['id']}: {[node['target'] for node in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize(("scheme", "palette"), [("light", "default"), ("dark", "slate")])
def test_axe_finds_no_violation_on_any_page(
    browser: Browser, base_url: str, site: Path, scheme: str, palette: str
) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    violations: list[str] = []
    try:
        for html_file in page_html_files(site):
            page.goto(base_url + page_url(site, html_file), wait_until="networkidle")
            assert page.locator("body").get_attribute("data-md-color-scheme") == palette
            violations += axe_violations(page)
    finally:
        context.close()
    assert violations == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_with_the_search_open(
    page: Page, base_url: str, scheme: Literal["light", "dark"]
) -> None:
    """The search dialog with results, in both colour schemes, and when nothing is found."""
    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + "/", wait_until="networkidle")
    page.locator("button.ts-search__open").click()
    box = page.get_by_role("searchbox", name="Suchbegriff")
    box.press_sequentially("Treffpunkt", delay=30)
    expect(page.locator("#ts-search-status")).to_contain_text("für „Treffpunkt“")
    assert page.locator(".ts-search__results > li").count() > 0
    assert axe_violations(page) == []
    box.fill("Xylophonwerkstatt")
    expect(page.locator("#ts-search-status")).to_contain_text("Keine Ergebnisse")
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/", "/treffpunkte/", "/treffpunkte/ephata/", "/quellen/"])
def test_first_tab_stop_skips_to_the_content(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path, wait_until="networkidle")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(), document.activeElement.hash]"
    )
    assert focused[0] == "Zum Inhalt"
    page.keyboard.press("Enter")
    heading = page.locator(f"article {focused[1]}")
    assert heading.evaluate("h => h.tagName") == "H1"
    assert heading.is_visible()


def test_no_page_scrolls_sideways_at_320_pixels(
    browser: Browser, base_url: str, site: Path
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    too_wide: list[str] = []
    try:
        for html_file in page_html_files(site):
            url = page_url(site, html_file)
            page.goto(base_url + url, wait_until="networkidle")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > 320:
                too_wide.append(f"{url}: {width}px")
    finally:
        context.close()
    assert too_wide == []


@pytest.fixture(scope="module")
def scale_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """100 generated meeting points (bench/content.py), more than the directory shows on one
    page: an overview and a page per municipality, built and served."""
    directory = tmp_path_factory.mktemp("scale-site")
    command = [sys.executable, "bench/content.py", "100", str(directory / "content")]
    subprocess.run(command, cwd=REPO, check=True, timeout=120)
    config = write_config(directory, directory / "content")
    result = build(config, directory / "site", cwd=directory)
    assert result.returncode == 0, result.stderr
    with serve_directory(directory / "site") as url:
        yield url


@pytest.mark.parametrize("path", ["/treffpunkte/", "/gemeinden/gemeinde-0001/"])
def test_the_directory_split_by_municipality_is_accessible(
    browser: Browser, scale_url: str, path: str
) -> None:
    """axe, reflow at 320 px and the filter by keyboard, on the overview and on a
    municipality's page, once the directory is too long for one page."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="de-BE")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(scale_url + path, wait_until="networkidle")
        assert axe_violations(page) == []
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
        if path == "/treffpunkte/":
            assert page.locator("form.filter").count() == 0  # links to pages, nothing to hide
            page.locator("article a[href$='/gemeinden/gemeinde-0001/']").first.focus()
            page.keyboard.press("Enter")
            page.wait_for_url("**/gemeinden/gemeinde-0001/")
            return
        assert page.get_by_label("Gemeinde:").count() == 0  # one municipality: no choice
        cards = page.locator("h3.treffpunkt")
        assert cards.count() == 20
        choice = page.get_by_label("Für:")
        choice.focus()
        page.keyboard.press("End")  # the last target group, chosen by keyboard
        assert choice.input_value() != ""
        visible = sum(cards.nth(i).is_visible() for i in range(20))
        assert visible < 20
        status = page.locator("form.filter + [role=status]")  # the filter's, not the search's
        assert status.inner_text().startswith(f"{visible} Treffpunkt")
    finally:
        context.close()


def test_every_page_has_its_own_title(site: Path) -> None:
    titles = [HtmlPage.read(site, f).title() for f in page_html_files(site)]
    assert all(titles)
    assert len(set(titles)) == len(titles), sorted(titles)


def test_every_page_links_to_the_accessibility_statement_in_its_footer(site: Path) -> None:
    for html_file in page_html_files(site):
        page = HtmlPage.read(site, html_file)
        (footer,) = page.find_all("footer")
        assert page.links_to("/barrierefreiheit/", within=footer), page.url
        assert page.links_to("/impressum/", within=footer), page.url
    assert (site / "barrierefreiheit" / "index.html").is_file()


def test_accessibility_statement_follows_the_eu_model(site: Path) -> None:
    page = HtmlPage.read(site, site / "barrierefreiheit" / "index.html")
    headings = [h.text() for h in page.find_all("h2")]
    for section in [
        "Stand der Vereinbarkeit",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung",
        "Feedback und Kontakt",
        "Durchsetzungsverfahren",
    ]:
        assert any(h.startswith(section) for h in headings), section
    assert "teilweise vereinbar" in page.article.text()


def publication_date(monkeypatch: pytest.MonkeyPatch) -> datetime.date:
    """The date `make site` builds this checkout for, as the generator reads it: the Makefile's
    SOURCE_DATE_EPOCH (the last commit's time, unless the environment sets one). The same on
    every day the tests run."""
    printed = subprocess.run(
        ["make", "-s", "--no-print-directory", "--eval", _PRINT_EPOCH, "print-source-date-epoch"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    epoch = printed[-1] if printed else ""
    assert epoch.isdigit() and int(epoch) > 0, f"the Makefile gives no build date: {printed}"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    return build_date()


def test_accessibility_statement_is_reviewed_every_year(monkeypatch: pytest.MonkeyPatch) -> None:
    """The EU model asks for a review at least once a year; this fails when a commit would
    publish a statement that is overdue on the date the site is built for."""
    data = yaml.load((CONTENT / "accessibility.yaml").read_text(), Loader=yaml.BaseLoader)
    reviewed = datetime.date.fromisoformat(data["statement_date"])
    published = publication_date(monkeypatch)
    assert published - reviewed <= datetime.timedelta(days=365), (reviewed, published)
