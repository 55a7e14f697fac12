"""Hostile content for the security tests: XSS payloads in every free-text field, and the checks
that look for them in the built site (parsed HTML and a real browser).

`write_hostile_content` turns a copy of the minimal fixture into content where every free-text
field of every file carries a payload; `scan_site` lists everything in built HTML that could run
script; `BrowserSweep` loads pages in Chromium, clicks every link and records what ran.
"""

from __future__ import annotations

import contextlib
import copy
import html
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import yaml
from playwright.sync_api import BrowserContext, Dialog, Page, Request, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from support import FIXTURE, Element, HtmlPage, _TreeBuilder, load_yaml, normal_text, page_url

from generator.check.markup import safe_url, urls_in
from generator.editors.fields import Field, content_fields

# --- Payloads -------------------------------------------------------------------------------

XSS = "window.__xss.push"
PAYLOADS: tuple[str, ...] = (
    f"<script>{XSS}(1)</script>",
    f'<img src=x onerror="{XSS}(2)">',
    f'<svg onload="{XSS}(3)">',
    f"[x](javascript:{XSS}(4))",
    f"[x](jav&#x09;ascript:{XSS}(5))",
    f'[x](https://example.org){{ onclick="{XSS}(6)" }}',
    "![a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    f'<a href="javascript:{XSS}(8)">x</a>',
    f'<iframe src="javascript:{XSS}(9)"></iframe>',
    f"![a](javascript:{XSS}(10))",
    f'<details open ontoggle="{XSS}(11)">d</details>',
    f'# <img src=x onerror="{XSS}(12)">',
    f'| <img src=x onerror="{XSS}(13)"> | x |',
    f'{{: onclick="{XSS}(14)" }}',
    f"<javascript:{XSS}(15)>",
    "![t](https://tracker.example.org/pixel.png)",
    f'" onmouseover="{XSS}(16)" x="',
    f"' onfocus='{XSS}(17)' autofocus x='",
    f"&lt;script&gt;{XSS}(18)&lt;/script&gt;",
    f"</title><script>{XSS}(19)</script>",
    f'<base href="javascript:{XSS}(20)//">',
    f'<meta http-equiv="refresh" content="0;url=javascript:{XSS}(21)">',
    "<style>body{display:none}</style>",
    f'</title><img src=x onerror="{XSS}(22)">',
    f'</title><svg onload="{XSS}(23)">',
    f'</title><img src=x onerror="{XSS}(24)">',
)
"""XSS payloads from the reliability baseline (B.2), plus attribute break-outs, `</title>`,
`<base>`, meta refresh and a tracking pixel. Each must end up as visible text."""

TITLE_PAYLOADS: dict[tuple[str, str], str] = {
    ("site.yaml", "title"): f'</title><svg onload="{XSS}(23)">',
    ("meeting_points/alpha.yaml", "name"): f'</title><img src=x onerror="{XSS}(22)">',
    ("meeting_points/beta.yaml", "name"): f'<img src=x onerror="{XSS}(2)">',
    ("evaluations/reflexion.yaml", "title"): f'" onmouseover="{XSS}(16)" x="',
    ("evaluations/reflexion.yaml", "recommendations[0].title"): f'<svg onload="{XSS}(3)">',
    ("parliament/frage.yaml", "title"): f"</title><script>{XSS}(19)</script>",
    ("parliament/frage.yaml", "commitments[0].title"): f'</title><img src=x onerror="{XSS}(24)">',
}
"""Titles that reach `<title>`, the navigation and `aria-label`s get the HTML payloads."""

VALID_ODD_VALUES: dict[tuple[str, str], str] = {
    ("site.yaml", "publisher.email"): "javascript.window+30@example.org",
    ("site.yaml", "publisher.website"): f"https://example.org/x)y](javascript:{XSS}(31))",
    ("meeting_points/alpha.yaml", "contact.email"): "javascript.window+32@example.org",
    ("meeting_points/alpha.yaml", "contact.website"): f"https://example.org/{{onclick={XSS}(33)}}",
    ("sources/beispiel.yaml", "sources[0].url"): f"https://example.org/a#x)(javascript:{XSS}(34))",
}
"""Values of typed fields (e-mail, web address) that pass validation but look like attacks."""

KINDS = ("meeting point", "finding", "recommendation", "parliamentary item", "commitment")
"""The kinds of item in which every payload must appear."""

# Sections the fixture leaves out, so that every free-text field of a meeting point and an
# evaluation exists in the hostile copy (a test checks that none is missing).
_SOURCES = ["quelle-a"]
_ADDITIONS: dict[str, dict[str, Any]] = {
    "meeting_points/alpha.yaml": {
        "description": [{"text": "-", "sources": _SOURCES}, {"text": "-", "sources": _SOURCES}],
        "area_of_activity": {"text": "-", "sources": _SOURCES},
        "contact": {"phone": "+32 87 12 34 56", "sources": _SOURCES},
        "people": [{"name": "-", "role": "-", "sources": _SOURCES}],
        "history": [{"date": "2015", "text": "-", "sources": _SOURCES}],
    },
    "programme.yaml": {
        name: [{"text": "-", "sources": _SOURCES}]
        for name in (
            "easy_language",
            "target_groups",
            "formats",
            "recognition",
            "financing",
            "history",
        )
    },
    "evaluations/reflexion.yaml": {
        "background": [{"text": "-", "sources": _SOURCES}],
        "conclusions": [{"date": "2018", "text": "-", "sources": _SOURCES}],
    },
}


def kind_of(rel: str, path: str) -> str:
    """Return the kind of item a field belongs to (`rel` file, `path` as in content_fields)."""
    if rel.startswith("meeting_points/"):
        return "meeting point"
    if rel.startswith("parliament/"):
        return (
            "commitment"
            if path.startswith(("commitments[]", "withdrawn[]"))
            else ("parliamentary item")
        )
    if rel.startswith("evaluations/"):
        for prefix, kind in (("findings[]", "finding"), ("recommendations[]", "recommendation")):
            if path.startswith(prefix):
                return kind
        return "evaluation"
    return rel.removesuffix(".yaml")


def location_of(rel: str) -> str:
    """Return the key of `content_fields()` for content file `rel`."""
    folder, _, _ = rel.rpartition("/")
    return f"{folder}/" if folder else rel


def text_field_paths(fields: list[Field]) -> Iterator[str]:
    """Every free-text field (`Text` or `Liste: Text`) in a field tree, by path."""
    for item in fields:
        if item.label in ("Text", "Liste: Text"):
            yield item.path
        yield from text_field_paths(item.children)


class _Rotation:
    """Hands out the payloads in turn, separately for each kind of item."""

    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def __call__(self, kind: str) -> str:
        index = self.next.get(kind, 0)
        self.next[kind] = index + 1
        return PAYLOADS[index % len(PAYLOADS)]


def _fill(data: dict[str, Any], fields: list[Field], rel: str, take: Callable[[str], str]) -> None:
    """Put a payload into every free-text field of `data`, adding optional ones."""
    for item in fields:
        kind = kind_of(rel, item.path)
        if item.label == "Text":
            data[item.name] = take(kind)
        elif item.label == "Liste: Text":
            data[item.name] = [take(kind) for _ in range(3)]
        elif item.children and isinstance(data.get(item.name), (dict, list)):
            value = data[item.name]
            for entry in value if isinstance(value, list) else [value]:
                _fill(entry, item.children, rel, take)


def text_values(data: Any, fields: list[Field], rel: str) -> Iterator[tuple[str, str, Any]]:
    """Yield `(kind, path, value)` for every free-text value in `data` (list indexes as `[]`)."""
    for item in fields:
        if item.name not in data:
            continue
        value = data[item.name]
        kind = kind_of(rel, item.path)
        if item.label == "Text":
            yield kind, item.path, value
        elif item.label == "Liste: Text":
            for entry in value:
                yield kind, item.path, entry
        elif item.children and isinstance(value, (dict, list)):
            for entry in value if isinstance(value, list) else [value]:
                yield from text_values(entry, item.children, rel)


def field_locations(
    data: dict[str, Any], fields: list[Field], label: str, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[str | int, ...]]:
    """Every value in `data` of a field labelled `label` (or of a list of them), by location,
    e.g. `("offers", 0, "name")`."""
    for item in fields:
        if item.name not in data:
            continue
        here, value = (*loc, item.name), data[item.name]
        if item.label == label:
            yield here
        elif item.label == f"Liste: {label}":
            yield from ((*here, i) for i in range(len(value)))
        elif item.children and isinstance(value, dict):
            yield from field_locations(value, item.children, label, here)
        elif item.children and isinstance(value, list):
            for i, entry in enumerate(value):
                yield from field_locations(entry, item.children, label, (*here, i))


def text_locations(data: dict[str, Any], fields: list[Field]) -> Iterator[tuple[str | int, ...]]:
    """Every free-text value in `data`, by location."""
    return field_locations(data, fields, "Text")


def set_at(data: Any, loc: tuple[str | int, ...], value: str) -> None:
    """Set the value at location `loc` (as `text_locations` gives it) in `data`."""
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def set_path(data: Any, path: str, value: str) -> None:
    """Set `path` (e.g. `recommendations[0].title`) in `data`."""
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    for part in parts[:-1]:
        data = data[int(part[1:-1])] if part.startswith("[") else data.setdefault(part, {})
    data[parts[-1]] = value


def _assessed(text: str) -> dict[str, Any]:
    """A status entry (of a recommendation or commitment) whose author and note are `text`."""
    return {
        "date": "2019-09-30",
        "status": "partially_implemented",
        "verdict": "assessed",
        "by": text,
        "note": text,
        "sources": _SOURCES,
    }


def _top_up(files: dict[str, Any]) -> None:
    """Add items until every payload appears in every kind of item."""
    fields = content_fields()
    evaluation = files["evaluations/reflexion.yaml"]
    adders: dict[str, Callable[[int, str], None]] = {
        "meeting point": lambda n, text: files["meeting_points/alpha.yaml"]["description"].append(
            {"text": text, "sources": _SOURCES}
        ),
        "finding": lambda n, text: evaluation["findings"].append(
            {
                "id": f"befund-{n}",
                "kind": "need",
                "text": text,
                "meeting_points": ["alpha"],
                "sources": _SOURCES,
            }
        ),
        "recommendation": lambda n, text: evaluation["recommendations"][0]["history"].append(
            _assessed(text)
        ),
        "parliamentary item": lambda n, text: files["parliament/frage.yaml"]["notes"].append(text),
        "commitment": lambda n, text: files["parliament/frage.yaml"]["commitments"][0][
            "history"
        ].append(_assessed(text)),
    }
    found: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for rel, data in files.items():
        for kind, _, value in text_values(data, fields[location_of(rel)], rel):
            found.setdefault(kind, set()).add(value)
    for kind in KINDS:
        for n, payload in enumerate(p for p in PAYLOADS if p not in found[kind]):
            adders[kind](n, payload)


class _Dumper(yaml.SafeDumper):
    """Writes plain YAML the strict loader accepts: no anchors, even for repeated values."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any) -> str:
    """Return `data` as YAML in block style, every string quoted as needed, one per line."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)


def write_hostile_content(target: Path) -> Path:
    """Copy the minimal fixture to `target` with a payload in every free-text field."""
    shutil.copytree(FIXTURE, target)
    fields = content_fields()
    files = {p.relative_to(target).as_posix(): load_yaml(p) for p in sorted(target.rglob("*.yaml"))}
    take = _Rotation()
    for rel, data in files.items():
        data.update(copy.deepcopy(_ADDITIONS.get(rel, {})))
        _fill(data, fields[location_of(rel)], rel, take)
    for (rel, path), value in (TITLE_PAYLOADS | VALID_ODD_VALUES).items():
        set_path(files[rel], path, value)
    _top_up(files)
    for rel, data in files.items():
        (target / rel).write_text(dump_yaml(data), encoding="utf-8")
    return target


# --- Static checks of the built HTML ----------------------------------------------------------

FORBIDDEN_TAGS = frozenset(["iframe", "frame", "frameset", "object", "embed", "applet", "base"])


def urls_of(element: Element) -> Iterator[tuple[str, str]]:
    """Yield `(attribute, url)` for every URL-carrying attribute of `element`."""
    for name, value in element.attrs.items():
        for url in urls_in(name, value):
            yield name, url
    if element.tag == "meta" and element.attrs.get("http-equiv", "").lower() == "refresh":
        yield "content", element.attrs.get("content", "").partition("=")[2]


@dataclass
class Scan:
    """What could run script in a built site, as found by parsing its HTML."""

    handlers: list[str] = field(default_factory=list)
    """`page: <tag on…=…>` for every event-handler attribute."""
    unsafe_urls: list[str] = field(default_factory=list)
    """`page: <tag attr=url>` for every URL with a scheme outside SAFE_SCHEMES."""
    forbidden: list[str] = field(default_factory=list)
    """`page: <tag>` for elements that load or redirect: iframe, object, base, meta refresh…"""
    script_sources: list[str] = field(default_factory=list)
    """`page: src` for every external script that is not a file of the site itself."""
    inline_scripts: set[str] = field(default_factory=set)
    inline_styles: set[str] = field(default_factory=set)
    titles: dict[str, str] = field(default_factory=dict)
    """Text of each page's `<title>` as a browser shows it (several joined by ` | `)."""
    texts: dict[str, str] = field(default_factory=dict)
    """Visible text of each page."""
    pages: int = 0


def html_files(site: Path) -> list[Path]:
    """Every HTML file of a built site (pages and 404.html), sorted."""
    return sorted(site.rglob("*.html"))


_TITLE = re.compile(r"(<title>)(.*?)(</title)", re.DOTALL | re.IGNORECASE)


def read_page(site: Path, file: Path) -> HtmlPage:
    """Parse a built HTML file the way a browser does: the content of `<title>` up to the first
    `</title` is text (RCDATA), not markup."""

    def as_text(match: re.Match[str]) -> str:
        return match[1] + html.escape(html.unescape(match[2]), quote=False) + match[3]

    builder = _TreeBuilder()
    builder.feed(_TITLE.sub(as_text, file.read_text(encoding="utf-8")))
    builder.close()
    return HtmlPage(builder.root, page_url(site, file))


def scan_site(site: Path) -> Scan:
    """Parse every HTML file under `site` and collect what could run script."""
    scan = Scan()
    for file in html_files(site):
        page = read_page(site, file)
        where = file.relative_to(site).as_posix()
        scan.pages += 1
        for element in page.root.iter():
            shown = f"{where}: <{element.tag} {element.attrs}>"
            if any(name.startswith("on") for name in element.attrs):
                scan.handlers.append(shown)
            for _, url in urls_of(element):
                if not safe_url(url):
                    scan.unsafe_urls.append(shown)
            refresh = element.tag == "meta" and "http-equiv" in element.attrs
            if element.tag in FORBIDDEN_TAGS or refresh:
                scan.forbidden.append(shown)
            if element.tag == "script":
                _check_script(site, page, element, where, scan)
            if element.tag == "style":
                scan.inline_styles.add("".join(c for c in element.children if isinstance(c, str)))
        titles = page.find_all("title")
        scan.titles[where] = " | ".join(title.text() for title in titles)
        scan.texts[where] = page.root.text()
    return scan


def _check_script(site: Path, page: HtmlPage, element: Element, where: str, scan: Scan) -> None:
    source = element.attrs.get("src")
    if source is None:
        scan.inline_scripts.add("".join(c for c in element.children if isinstance(c, str)))
        return
    target = urlsplit(urljoin(f"http://site{page.url}", source))
    local = site / target.path.lstrip("/")
    if target.netloc != "site" or target.query or not local.is_file() or source != source.strip():
        scan.script_sources.append(f"{where}: {source}")


def scan_svg(file: Path) -> list[str]:
    """Return what could run script in one SVG file: script elements, handlers, unsafe links."""
    problems = []
    for element in ElementTree.parse(file).iter():
        tag = element.tag.rpartition("}")[2]
        if tag in ("script", "foreignObject", "iframe"):
            problems.append(f"<{tag}>")
        for name, value in element.attrib.items():
            local = name.rpartition("}")[2]
            if local.lower().startswith("on"):
                problems.append(f"<{tag} {local}=…>")
            if local == "href" and not safe_url(value):
                problems.append(f"<{tag} {local}={value}>")
    return problems


# --- In the browser ---------------------------------------------------------------------------

INIT_SCRIPT = """
window.__xss = [];
window.__xss.push = function (...values) {
  if (window.__xss_ran) { window.__xss_ran(location.href, values); }
  return Array.prototype.push.apply(this, values);
};
"""
"""Every document starts with `window.__xss = []`; a push is also reported to Python at
once, so that it is recorded even if the document navigates away right after."""

CLICK_ALL = """
async (web) => {
  const links = Array.from(document.querySelectorAll('a[*|href], area[href]'));
  const pause = () => new Promise(resolve => setTimeout(resolve, 20));
  const target = a => {  // SVG links have no string `href`
    const href = typeof a.href === 'string' ? a.href : a.href.baseVal;
    try { return new URL(href, document.baseURI); } catch { return null; }
  };
  const isLocal = a => {
    const url = target(a);
    return url !== null && web.includes(url.protocol) && url.host === location.host;
  };
  const click = a => typeof a.click === 'function' ? a.click()
    : a.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window}));
  for (const link of links.filter(a => !isLocal(a))) {
    click(link);
    await pause();  // a javascript: URL runs, a navigation starts, before the next click
  }
  for (const link of links.filter(isLocal)) { click(link); }
  return links.length;
}
"""
"""Clicks every link of the page: first, one by one, those that do not stay on the site (a
later click would cancel a `javascript:` URL that has yet to run, or a navigation that has yet
to start), then all the others. The navigations that clicks start are cancelled by the route
handler, so the page stays and its other links are clicked in turn."""

DOM_HANDLERS = """
() => Array.from(document.querySelectorAll('*')).flatMap(e =>
  Array.from(e.attributes).filter(a => a.name.toLowerCase().startsWith('on'))
    .map(a => `<${e.localName} ${a.name}="${a.value}">`))
"""


@dataclass
class Sweep:
    """What happened while loading pages and clicking their links in Chromium."""

    ran: list[str] = field(default_factory=list)
    """`url: values` for every `window.__xss.push`, reported as it happened."""
    left_over: list[str] = field(default_factory=list)
    """`url: window.__xss` where it was not empty after load or after the clicks."""
    dialogs: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)
    """Event-handler attributes in the live DOM (after Material's scripts ran)."""
    popups: list[str] = field(default_factory=list)
    clicked: int = 0
    search_results: int = 0
    cancelled: list[str] = field(default_factory=list)
    """Navigations started by clicks (cancelled, so the page stays)."""
    blocked: list[str] = field(default_factory=list)
    """Requests to other hosts (blocked); `nav:` marks the navigations among them."""


class BrowserSweep:
    """Loads pages of a served site in one browser context and clicks all their links."""

    def __init__(self, context: BrowserContext, base_url: str) -> None:
        self.context = context
        self.base = urlsplit(base_url)
        self.result = Sweep()
        self.loading: str | None = None
        context.add_init_script(INIT_SCRIPT)
        context.expose_function("__xss_ran", self._ran)
        context.route("**/*", self._route)
        context.on("page", self._new_page)

    def _ran(self, url: str, values: list[Any]) -> None:
        self.result.ran.append(f"{url}: {values}")

    def _route(self, route: Route, request: Request) -> None:
        parts = urlsplit(request.url)
        local = parts.hostname == self.base.hostname and parts.port == self.base.port
        navigation = request.is_navigation_request()
        if not local:
            self.result.blocked.append(("nav: " if navigation else "") + request.url)
            route.abort("aborted" if navigation else "blockedbyclient")
        elif navigation and request.url != self.loading:
            self.result.cancelled.append(request.url)
            route.abort("aborted")
        else:
            route.continue_()

    def _new_page(self, page: Page) -> None:
        page.on("dialog", self._dialog)
        if len(self.context.pages) > 1:  # a link or script opened another tab or window
            self.result.popups.append(page.url)
            page.close()

    def _dialog(self, dialog: Dialog) -> None:
        self.result.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def visit(self, page: Page, url: str) -> None:
        """Load `url`, check `window.__xss`, click every link, check again."""
        self.loading = url
        page.goto(url, wait_until="load")
        self.loading = None
        self._check(page, url, "after load")
        self.result.handlers += [f"{url}: {h}" for h in page.evaluate(DOM_HANDLERS)]
        self.result.clicked += page.evaluate(CLICK_ALL, ["http:", "https:"])
        page.wait_for_timeout(150)  # javascript: URLs run in a task after the click
        self._check(page, url, "after clicks")

    def search(self, page: Page, url: str, query: str) -> None:
        """Type `query` into the site's search on `url`; check again once results are shown."""
        self.loading = url
        page.goto(url, wait_until="networkidle")
        self.loading = None
        page.locator("button.ts-search__open").click()
        page.locator("#ts-search-input").press_sequentially(query, delay=20)
        results = page.locator(".ts-search__results > li")
        with contextlib.suppress(PlaywrightTimeoutError):  # no results: reported as such
            results.first.wait_for()
        page.wait_for_timeout(150)  # let the rest of the results render
        self.result.search_results = results.count()
        self.result.handlers += [f"{url} search: {h}" for h in page.evaluate(DOM_HANDLERS)]
        self._check(page, url, "after search")

    def _check(self, page: Page, url: str, when: str) -> None:
        value = page.evaluate("() => JSON.stringify(window.__xss)")
        if value != "[]":
            self.result.left_over.append(f"{url} {when}: {value}")


def site_urls(site: Path) -> list[str]:
    """Site-absolute URLs of every HTML file (pages by folder, others by file name)."""
    urls = []
    for file in html_files(site):
        urls.append(
            page_url(site, file)
            if file.name == "index.html"
            else "/" + file.relative_to(site).as_posix()
        )
    return urls


def payload_text(payload: str) -> str:
    """The visible text a payload must render as (whitespace collapsed like the generator)."""
    return normal_text(payload)
