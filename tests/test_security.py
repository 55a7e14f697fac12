"""Content Security Policy: the built site works under a strict policy the build emits itself."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser
from support import TIMEOUT_MS, page_html_files, page_url

from generator.security import content_security_policy, inline_script_hashes

pytestmark = pytest.mark.browser


def policy_of(site: Path) -> str:
    """The Content-Security-Policy line of the `_headers` file the build wrote."""
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()
    (policy,) = [line.split(": ", 1)[1] for line in lines if "Content-Security-Policy" in line]
    return policy


class _PolicyHandler(SimpleHTTPRequestHandler):
    policy = ""

    def log_message(self, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()


@pytest.fixture(scope="module")
def strict_url(site: Path) -> Iterator[str]:
    """The real site served with the policy from its own `_headers` file."""
    handler = type("Handler", (_PolicyHandler,), {"policy": policy_of(site)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def test_policy_is_strict_and_covers_every_inline_script(site: Path) -> None:
    policy = policy_of(site)
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "style-src 'self';" in policy
    assert policy == content_security_policy(inline_script_hashes(site))
    nginx = (site / "nginx-security-headers.conf").read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{policy}" always;' in nginx


def test_no_inline_styles_or_event_handlers_in_the_html(site: Path) -> None:
    for html_file in page_html_files(site):
        text = html_file.read_text(encoding="utf-8")
        assert not re.search(r"<[^>]+\sstyle=", text), html_file
        assert not re.search(r"<[^>]+\son[a-z]+=", text), html_file


def test_every_page_works_under_the_policy(browser: Browser, strict_url: str, site: Path) -> None:
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI))"
    )
    page = context.new_page()
    violations: list[str] = []
    try:
        for html_file in page_html_files(site):
            url = page_url(site, html_file)
            page.goto(strict_url + url, wait_until="networkidle")
            violations += [f"{url}: {v}" for v in page.evaluate("window.__csp")]
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially("Kelmis", delay=30)
        page.locator(".md-search-result__list a").first.wait_for()
        violations += page.evaluate("window.__csp")
    finally:
        context.close()
    assert violations == []
