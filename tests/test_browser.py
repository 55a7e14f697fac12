"""The built site in a real browser (Debian's Chromium driven by Playwright).

Builds the real content once, serves it on 127.0.0.1 from this process and uses the site as a
reader would: search, every page loaded with all its requests recorded, screenshots.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, expect
from support import (
    CONTENT,
    REAL_QUERIES,
    REPO,
    TIMEOUT_MS,
    load_yaml,
    normal_text,
    page_html_files,
    page_url,
    search,
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
    """Search for `query`, check that `target_path` is among the first three results, open it."""
    paths = search(page, query)
    assert target_path in paths[:3], (query, paths)
    page.locator(".ts-search__results > li > a").nth(paths.index(target_path)).click()
    page.wait_for_url(lambda url: urlsplit(url).path == target_path)


@pytest.mark.parametrize(("query", "target"), REAL_QUERIES)
def test_search_finds_the_page_about_it(page: Page, base_url: str, query: str, target: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base_url + "/", wait_until="networkidle")
    search_and_open(page, query, target)
    assert [url for url in requests if not is_local(url)] == []


@pytest.mark.parametrize("width", [360, 1280])
def test_search_opens_a_meeting_point_on_a_phone_and_a_desktop(
    page: Page, base_url: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + "/grundlagen/", wait_until="networkidle")
    search_and_open(page, "Ephata", "/treffpunkte/ephata/")
    assert h1_text(page) == meeting_point_name("ephata")


def compressed_size(body: bytes) -> int:
    """Bytes on the wire with gzip (-6), as a server compresses; Pagefind's files already are."""
    return min(len(body), len(gzip.compress(body, compresslevel=6)))


def test_search_index_is_fetched_only_when_a_search_starts(page: Page, base_url: str) -> None:
    """A page view downloads nothing of the search index; a search downloads what it needs. Also
    the first load of a meeting point page, compressed, is at most 100 KB.

    The first search's budget is 150 KB, not the 100 KB aimed at (bench/RESULTS.md): Pagefind's
    script and WebAssembly alone are 83 KB compressed, and the real site's index is one 34 KB
    file, before the eight results' fragments (2-4 KB each)."""
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base_url + "/treffpunkte/ephata/", wait_until="networkidle")
    page.wait_for_timeout(500)  # a late request would show here
    first_load = {response.url: response.body() for response in responses}
    assert not [url for url in first_load if "/pagefind/" in url or "sitemap.xml" in url]
    compressed = sum(compressed_size(body) for body in first_load.values())
    SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS.parent / "first-load.txt").write_text(
        "".join(f"{len(body):>8} {url}\n" for url, body in first_load.items())
        + f"{compressed:>8} bytes compressed (gzip -6), {len(first_load)} requests\n",
        encoding="utf-8",
    )
    assert compressed <= 100_000
    responses.clear()
    assert "/treffpunkte/haus-der-familie/" in search(page, "Kelmis")[:3]
    fetched = {r.url: r.body() for r in responses if "/pagefind/" in r.url}
    assert any(url.endswith("/pagefind/pagefind.js") for url in fetched)
    assert any(url.endswith(".pf_fragment") for url in fetched)
    assert sum(compressed_size(body) for body in fetched.values()) <= 150_000


def test_search_announces_the_count_and_says_when_nothing_is_found(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "/", wait_until="networkidle")
    paths = search(page, "Treffpunkt")
    status = page.locator("#ts-search-status")
    expect(status).to_have_attribute("role", "status")  # read out when it changes
    count = int(re.search(r"(\d+) Ergebnisse für „Treffpunkt“", status.inner_text())[1])  # type: ignore[index]
    assert len(paths) == min(count, 8)
    if count > 8:  # the rest on request, the focus on the first one added
        page.get_by_role("button", name="Weitere Ergebnisse zeigen").click()
        expect(page.locator(".ts-search__results > li")).to_have_count(min(count, 16))
        expect(page.locator(".ts-search__results > li").nth(8).locator("a").first).to_be_focused()
    box = page.get_by_role("searchbox", name="Suchbegriff")
    box.fill("")
    box.press_sequentially("Xylophonwerkstatt", delay=30)
    expect(status).to_have_text("Keine Ergebnisse für „Xylophonwerkstatt“.")
    expect(page.locator(".ts-search__results > li")).to_have_count(0)


def test_search_works_with_the_keyboard_alone(page: Page, base_url: str) -> None:
    """`/` opens it, typing searches, the arrow keys reach the results, Enter opens one; Escape
    closes the search and gives the focus back to the search button."""
    page.goto(base_url + "/", wait_until="networkidle")
    page.keyboard.press("/")
    box = page.get_by_role("searchbox", name="Suchbegriff")
    expect(box).to_be_focused()
    page.keyboard.type("Ephata", delay=30)
    expect(page.locator("#ts-search-status")).to_contain_text("für „Ephata“")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.locator("button.ts-search__open")).to_be_focused()
    page.keyboard.press("Enter")  # the button again: the query is still there
    expect(box).to_be_focused()
    page.keyboard.press("ArrowDown")
    first = page.locator(".ts-search__results > li > a").first
    expect(first).to_be_focused()
    target = urlsplit(str(first.get_attribute("href"))).path
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path.endswith(target.lstrip("./")))
    assert "Ephata" in h1_text(page)


def test_without_javascript_the_header_links_to_the_directory(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "/grundlagen/")
        link = page.locator("header").get_by_role("link", name="Verzeichnis", exact=True)
        expect(link).to_be_visible()
        expect(page.locator("button.ts-search__open")).to_be_hidden()
        expect(page.get_by_role("dialog")).to_be_hidden()
        link.click()
        page.wait_for_url(lambda url: urlsplit(url).path == "/treffpunkte/")
    finally:
        context.close()


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
