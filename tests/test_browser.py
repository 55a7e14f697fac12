"""The built site in a real browser (Debian's Chromium driven by Playwright).

Builds the real content once, serves it on 127.0.0.1 from this process and uses the site as a
reader would: search, every page loaded with all its requests recorded, screenshots.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Response
from support import (
    CONTENT,
    REPO,
    TIMEOUT_MS,
    load_yaml,
    normal_text,
    page_html_files,
    page_url,
)

pytestmark = pytest.mark.browser
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
BATCH = 6


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (data:, about: and same-origin blob: too)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "about"):
        return True
    if parts.scheme == "blob":
        return is_local(url.removeprefix("blob:"))
    return parts.scheme in ("http", "https", "ws") and parts.hostname == "127.0.0.1"


def h1_text(page: Page) -> str:
    """The page's h1 without the `¶` permalink."""
    text: str = page.locator("article h1").evaluate(
        "h => Array.from(h.childNodes)"
        ".filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('')"
    )
    return normal_text(text)


def meeting_point_name(item_id: str) -> str:
    return normal_text(load_yaml(CONTENT / "meeting_points" / f"{item_id}.yaml")["name"])


def search_and_open(page: Page, query: str, target_path: str) -> None:
    """Type `query` into the search, wait for a result leading to `target_path`, open it."""
    button = page.locator("label.md-header__button[for='__search']")
    if button.is_visible():  # narrow screens: the search field opens from the header button
        button.click()
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__list a")
    page.wait_for_function(
        """target => Array.from(document.querySelectorAll('.md-search-result__list a'))
            .some(a => new URL(a.href).pathname === target)""",
        arg=target_path,
        timeout=TIMEOUT_MS,
    )
    paths = results.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    results.nth(paths.index(target_path)).click()
    page.wait_for_url(lambda url: urlsplit(url).path == target_path)


@pytest.mark.parametrize(
    ("query", "item_id", "width"),
    [
        ("Ephata", "ephata", 1280),
        ("Kelmis", "haus-der-familie", 1280),
        ("Ephata", "ephata", 360),
    ],
)
def test_search_finds_the_meeting_point(
    page: Page, base_url: str, query: str, item_id: str, width: int
) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + "/", wait_until="networkidle")
    search_and_open(page, query, f"/treffpunkte/{item_id}/")
    assert h1_text(page) == meeting_point_name(item_id)
    assert [url for url in requests if not is_local(url)] == []


def test_search_index_is_fetched_only_when_a_search_starts(page: Page, base_url: str) -> None:
    """A page view downloads no search index and no search worker; a search does, once.
    Also the first load of a meeting point page, compressed, is at most 100 KB."""
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base_url + "/treffpunkte/ephata/", wait_until="networkidle")
    page.wait_for_timeout(500)  # a late request would show here
    first_load = {response.url: response.body() for response in responses}
    search_files = ("/search/search_index.json", "/workers/search.", "/lunr/", "sitemap.xml")
    assert not [url for url in first_load if any(part in url for part in search_files)]
    compressed = sum(len(gzip.compress(body, compresslevel=6)) for body in first_load.values())
    SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS.parent / "first-load.txt").write_text(
        "".join(f"{len(body):>8} {url}\n" for url, body in first_load.items())
        + f"{compressed:>8} bytes compressed (gzip -6), {len(first_load)} requests\n",
        encoding="utf-8",
    )
    assert compressed <= 100_000
    search_and_open(page, "Kelmis", "/treffpunkte/haus-der-familie/")
    fetched = [r.url for r in responses if urlsplit(r.url).path.endswith("/search_index.json")]
    assert len(fetched) == 1


def record_errors(page: Page, url: str, errors: list[str]) -> None:
    """Append the page's console errors and uncaught exceptions to `errors`."""

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{url}: console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"{url}: {error}"))


def test_every_page_loads_only_from_this_host_without_errors(
    browser: Browser, base_url: str, site: Path
) -> None:
    requests: list[str] = []
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    context.on("request", lambda request: requests.append(request.url))
    context.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    urls = [page_url(site, f) for f in page_html_files(site)]
    assert len(urls) >= 8
    try:
        for batch in range(0, len(urls), BATCH):  # pages load side by side, in tabs
            tabs: list[tuple[str, Page, Response | None]] = []
            for url in urls[batch : batch + BATCH]:
                tab = context.new_page()
                record_errors(tab, url, errors)
                tabs.append((url, tab, tab.goto(base_url + url, wait_until="commit")))
            for url, tab, response in tabs:
                tab.wait_for_load_state("networkidle")
                assert response is not None and response.status == 200, url
                assert tab.locator("html").get_attribute("lang") == "de", url
                assert tab.locator("h1").count() == 1, url
                tab.close()
    finally:
        context.close()
    assert [url for url in requests if not is_local(url)] == []
    assert errors == []
    assert len(requests) > 3 * len(urls)  # each page pulls in its stylesheets and scripts


def test_screenshots(page: Page, base_url: str) -> None:
    """Pictures for people (test-artifacts/screenshots/); only checks that they were taken."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, url in [("start", "/"), ("treffpunkt-ephata", "/treffpunkte/ephata/")]:
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(base_url + url, wait_until="networkidle")
            target = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 1000, target


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("Hausaufgabenschule", "/treffpunkte/ephata/"),
        ("Senioren", "/treffpunkte/ephata/"),
        ("Kelmis", "/treffpunkte/haus-der-familie/"),
        ("Straße", "/treffpunkte/viertelhaus-cardijn/"),
        ("Strasse", "/treffpunkte/viertelhaus-cardijn/"),
        ("Bütgenbach", "/treffpunkte/"),
        ("Butgenbach", "/treffpunkte/"),
    ],
)
def test_search_understands_german_words_and_spellings(
    page: Page, base_url: str, query: str, target: str
) -> None:
    """Typed into the real search box; `ss` finds `ß` and `u` finds `ü`."""
    page.goto(base_url + "/", wait_until="networkidle")
    search_and_open(page, query, target)
    assert urlsplit(page.url).path == target
