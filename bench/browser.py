"""The benchmark in Chromium: a meeting point page's first load, a citizen's first search, and
the queries of the tests, on a phone-sized screen."""

from __future__ import annotations

import gzip
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Request, Response

from measured import REPO, Transfer

QUERY = "Sprachcafé"
"""An offer that the generated content gives to many meeting points, and the real one to one."""


class Recorder:
    """Every response a browser context receives, and how many requests are still open."""

    def __init__(self, context: BrowserContext) -> None:
        self.responses: list[Response] = []
        self.open = 0
        context.on("request", self._started)
        context.on("requestfinished", self._ended)
        context.on("requestfailed", self._ended)
        context.on("response", self._received)

    def _started(self, request: Request) -> None:
        self.open += 1

    def _ended(self, request: Request) -> None:
        self.open -= 1

    def _received(self, response: Response) -> None:
        self.responses.append(response)

    def wait_until_quiet(self, page: Page) -> None:
        """Wait until no request is open and none came for half a second (as networkidle)."""
        while True:
            seen = len(self.responses)
            page.wait_for_timeout(500)
            if not self.open and len(self.responses) == seen:
                return

    def take(self, seconds: float = 0.0) -> Transfer:
        """What was received since the last `take`, counted compressed."""
        from playwright.sync_api import Error

        total = 0
        for response in self.responses:
            try:
                body = response.body()
            except Error:  # a redirect or a failed request has no body
                continue
            total += min(len(body), len(gzip.compress(body, compresslevel=6)))
        taken = Transfer(len(self.responses), total, seconds)
        self.responses = []
        return taken


def in_browser(
    site: Path, point: str, content: Path, real: bool
) -> tuple[Transfer, Transfer | None, str, list[tuple[str, list[str], bool]]]:
    """A meeting point page's first load, then a citizen's first search on it, in Chromium on a
    phone-sized screen; the search is None, with the reason, where it cannot be tried. Then the
    queries of the tests (tests/support.py), each on a fresh page: the first three results, and
    whether one of them is about the query."""
    sys.path.insert(0, str(REPO / "tests"))
    from playwright.sync_api import sync_playwright
    from support import (  # type: ignore[import-not-found]
        CHROMIUM,
        CHROMIUM_ARGS,
        REAL_QUERIES,
        generated_queries,
        search,
        serve_directory,
    )

    with serve_directory(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(viewport={"width": 360, "height": 800}, locale="de-BE")
            recorder = Recorder(context)
            page = context.new_page()
            page.goto(f"{url}/treffpunkte/{point}/", wait_until="networkidle")
            recorder.wait_until_quiet(page)
            first_load = recorder.take()
            first, skipped = first_search(page, recorder)
            queries = []
            if first is not None:
                asked = [(q, {path}) for q, path in REAL_QUERIES] if real else None
                for query, about in asked or generated_queries(content):
                    page.goto(f"{url}/", wait_until="networkidle")
                    top = search(page, query)[:3]
                    queries.append((query, top, bool(set(top) & about)))
            return first_load, first, skipped, queries
        finally:
            browser.close()


def first_search(page: Page, recorder: Recorder) -> tuple[Transfer | None, str]:
    """Click the search button, type `QUERY`: seconds from the click to the first result shown,
    and what was fetched after the click until the network is quiet again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    button = page.locator("button.ts-search__open")
    if button.count() == 0:
        return None, "the page has no search button (button.ts-search__open)"
    try:
        button.wait_for(state="visible", timeout=10_000)
    except PlaywrightTimeout:
        return None, "the search button (button.ts-search__open) stayed hidden"
    start = time.perf_counter()
    button.click()
    page.locator("#ts-search-input").press_sequentially(QUERY)
    try:
        page.locator(".ts-search__results a").first.wait_for(timeout=120_000)
    except PlaywrightTimeout:
        return None, f"no result for {QUERY!r} within 120 s"
    seconds = time.perf_counter() - start
    recorder.wait_until_quiet(page)
    return recorder.take(seconds), ""
