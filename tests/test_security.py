"""Content Security Policy: the built site works under a strict policy the build emits itself."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import material
import pytest
from playwright.sync_api import Browser, Page
from support import (
    TEMPLATES,
    TIMEOUT_MS,
    page_html_files,
    page_url,
)

from generator.check.policy import POLICY

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


def test_policy_is_strict_and_allows_no_inline_script(site: Path) -> None:
    policy = policy_of(site)
    assert policy == POLICY
    # The search's WebAssembly is the one thing allowed beyond the site's own files.
    assert "script-src 'self' 'wasm-unsafe-eval';" in policy and "style-src 'self';" in policy
    assert "'unsafe-" not in policy.replace("'wasm-unsafe-eval'", "") and "sha256-" not in policy
    nginx = (site / "nginx-security-headers.conf").read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{policy}" always;' in nginx


def test_no_page_has_an_inline_script(site: Path) -> None:
    scripts = [
        tag
        for html_file in sorted(site.rglob("*.html"))
        for tag in re.findall(r"<script[^>]*>", html_file.read_text(encoding="utf-8"))
    ]
    assert scripts, "the pages load Material's scripts"
    assert {tag for tag in scripts if "src=" not in tag} == {
        '<script id="__config" type="application/json">'  # data, not run
    }


THEME_SCRIPTS = TEMPLATES / "static" / "js" / "theme"
MATERIAL_SCRIPTS = Path(material.__file__).parent / "templates" / "partials" / "javascripts"


@pytest.mark.parametrize("name", ["base", "palette", "content"])
def test_theme_scripts_served_as_files_match_the_installed_material(name: str) -> None:
    """Material's inline scripts are copied into files; an upgrade that changes them fails here
    (copy the new script body, keeping the scope line of base.js)."""
    ours = (THEME_SCRIPTS / f"{name}.js").read_text(encoding="utf-8")
    code = [line for line in ours.splitlines() if not line.startswith("//")]
    template = (MATERIAL_SCRIPTS / f"{name}.html").read_text(encoding="utf-8")
    theirs = [
        body.replace('"{{ config.extra.scope | d(base_url) }}",location', "SCOPE")
        for body in re.findall(r"^<script>(.*)</script>$", template, re.MULTILINE)
    ]
    served = [line.replace('"../../",document.currentScript.src', "SCOPE") for line in code]
    assert served == theirs[-1:]  # content.html: the script for linked tabs is not used
    override = TEMPLATES / "overrides" / "partials" / "javascripts" / f"{name}.html"
    assert f"'js/theme/{name}.js' | url" in override.read_text(encoding="utf-8")


@contextmanager
def policy_watched_page(browser: Browser) -> Iterator[Page]:
    """A tab that notes each policy violation (`directive blocked-URI`) in `window.__csp`."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI))"
    )
    try:
        yield context.new_page()
    finally:
        context.close()


def test_every_page_works_under_the_policy(browser: Browser, strict_url: str, site: Path) -> None:
    violations: list[str] = []
    with policy_watched_page(browser) as page:
        for html_file in page_html_files(site):
            url = page_url(site, html_file)
            page.goto(strict_url + url, wait_until="networkidle")
            violations += [f"{url}: {v}" for v in page.evaluate("window.__csp")]
    assert violations == []


def test_the_search_works_under_the_policy(browser: Browser, strict_url: str) -> None:
    """Pagefind runs as WebAssembly: allowed by 'wasm-unsafe-eval' and by nothing else."""
    with policy_watched_page(browser) as page:
        page.goto(strict_url + "/", wait_until="networkidle")
        page.locator("button.ts-search__open").click()
        page.get_by_role("searchbox", name="Suchbegriff").press_sequentially("Kelmis", delay=30)
        page.locator(".ts-search__results a").first.wait_for()
        assert page.evaluate("window.__csp") == []


def test_the_theme_scripts_work_as_files_under_the_policy(
    browser: Browser, strict_url: str
) -> None:
    """The colour scheme chosen on one page applies on the next, before it is painted: the
    moved scripts still share Material's storage scope (the site root) and run in order."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(strict_url + "/empfehlungen/", wait_until="load")
        assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
        page.locator("label[for='__palette_1']").click()
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        assert page.evaluate("Object.keys(localStorage)") == ["/.__palette"]
        page.goto(strict_url + "/treffpunkte/", wait_until="domcontentloaded")
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    finally:
        context.close()
