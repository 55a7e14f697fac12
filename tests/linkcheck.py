"""A small offline link checker for a built site (what lychee `--offline --include-fragments
--index-files index.html --root-dir site` does, without a binary to install).

It reads every `*.html` file under the site folder as a browser receives it (stdlib
`html.parser`, so raw HTML that went through Markdown untouched is checked like everything
else; text inside `<script>`, `<style>`, comments and escaped code is not markup and is not
read), collects every `href`, `src` and `srcset` and checks each one:

- `http:`/`https:` links to other hosts, `mailto:` and `tel:` are not checked here (external
  links belong in a scheduled, non-blocking job). Links to the site's own address (`site_url`,
  when one is configured) are checked like root-relative ones.
- `data:`, `javascript:` and every other scheme are problems: the site needs none of them.
- Protocol-relative links (`//host/path`) are problems: they hide a host inside what looks like
  a path, which is what a template writes when it glues `base_url` (`/` on the 404 page) to
  `/something`.
- Relative and root-relative links are resolved against the page's address. MkDocs writes
  directory URLs, so `x/` (and `x` when `x` is a folder) means `x/index.html`. The target file
  must exist in the site folder.
- `#fragment` must name an element `id` (or the `name` of an `<a>`) in the target page.

Material for MkDocs 9.8 and its patterns (checked against the built site):

- Material writes no `href="#"` and no `#__…` link in this build. Its `__`-prefixed ids
  (`__drawer`, `__search`, `__toc`, `__nav_9`, `__palette_0`, `__config`) belong to real
  elements and are reached through `<label for>`, which is not a link. The features that do
  link to such ids (content tabs `#__tabbed_1_2`, code line anchors `#__codelineno-0-1`; not
  enabled here) write the target element into the static HTML too. So `#__…` fragments get no
  exemption: they are checked like any other.
- The skip link (`<a class="md-skip" href="#first-heading">`), the table of contents and the
  `¶` permalinks (`#slug`) and the footnotes (`#fn:1`, `#fnref2:1`) point at ids in the page.
- The logo and the home link are `.` or `..` on ordinary pages and `/.` on `404.html`.
- An empty fragment (`#`, `x/#`) and `#top` are legitimate: HTML defines both as "the top of
  the document" even without an element of that id.
- `404.html` is served at whatever address was not found, so every link on it must be
  root-relative (MkDocs makes its own links so) or absolute; a relative one is a problem there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

NOT_CHECKED_SCHEMES = frozenset(["http", "https", "mailto", "tel"])
"""Links that leave the site; only http(s) links back to the site's own address are checked."""

URL_ATTRIBUTES = frozenset(["href", "src", "srcset", "poster"])
TOP_OF_PAGE = frozenset(["", "top"])
"""Fragments HTML scrolls to the top of the page for, whether or not an element has that id."""
NOT_FOUND_PAGE = "404.html"


@dataclass(frozen=True)
class Link:
    """One URL found in a page: the element and attribute it came from, and the value."""

    tag: str
    attribute: str
    url: str


class _PageParser(HTMLParser):
    """Collect the URLs a page points at, the ids it defines and its `<base href>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.anchors: set[str] = set()
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.anchors.add(values["name"])
        if tag == "base":
            if self.base is None and "href" in values:
                self.base = values["href"]
            return
        for name, value in attrs:
            if name not in URL_ATTRIBUTES or value is None:
                continue
            urls = _srcset_urls(value) if name == "srcset" else [value.strip()]
            self.links.extend(Link(tag, name, url) for url in urls)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _srcset_urls(srcset: str) -> list[str]:
    """The URLs of a `srcset` (`a.png 1x, b.png 2x`)."""
    return [part.split()[0] for part in srcset.split(",") if part.strip()]


@cache
def _parse(html_file: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(html_file.read_text(encoding="utf-8"))
    parser.close()
    return parser


def _html_files(site_dir: Path) -> Iterator[Path]:
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.suffix.lower() in (".html", ".htm"):
            yield path


def _target_file(site_dir: Path, path: str) -> Path | None:
    """The file that a static server answers site path `path` (percent-decoded) with."""
    parts = PurePosixPath(path).parts[1:]  # drop the leading "/"
    if ".." in parts:
        return None
    candidate = site_dir.joinpath(*parts)
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _has_anchor(html_file: Path, fragment: str) -> bool:
    if fragment.lower() in TOP_OF_PAGE:
        return True
    anchors = _parse(html_file).anchors
    return fragment in anchors or unquote(fragment) in anchors


def check_link(site_dir: Path, page: Path, url: str, site_url: str | None = None) -> str | None:
    """Return why `url` on `page` (a file in `site_dir`) is broken, or None when it is fine."""
    site_dir = site_dir.resolve()
    # Without a published address, resolve against a stand-in origin: like a browser, that
    # stops `../` at the root instead of leaving the site.
    own = urlsplit(site_url or "http://site.invalid/")
    host = own.netloc.lower()
    root = own.path if own.path.endswith("/") else own.path + "/"
    page_path = root + page.resolve().relative_to(site_dir).as_posix()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()

    if url.startswith(("//", "\\")):
        return f"protocol-relative link to host {parts.netloc!r}"
    own_address = site_url and scheme in ("http", "https") and parts.netloc.lower() == host
    if scheme and not own_address:
        if scheme in NOT_CHECKED_SCHEMES:
            return None
        return f"scheme {scheme!r} is not allowed"
    if page_path == root + NOT_FOUND_PAGE and not scheme and url and not url.startswith(("/", "#")):
        return "relative link on the 404 page, which is served at any address"

    base = _parse(page).base
    page_url = f"{own.scheme}://{own.netloc}{page_path}"
    absolute = urlsplit(urljoin(urljoin(page_url, base or ""), url))
    if absolute.netloc.lower() != host:  # `<base href>` on another host
        return None
    if not absolute.path.startswith(root):
        return f"outside the site's root {root}"
    target = _target_file(site_dir, "/" + unquote(absolute.path[len(root) :]))
    if target is None:
        return "no such file"
    is_html = target.suffix.lower() in (".html", ".htm")
    if is_html and not _has_anchor(target, parts.fragment):  # other files: `#page=2` etc.
        return f"no element with id {unquote(parts.fragment)!r}"
    return None


def broken_links(site_dir: Path, site_url: str | None = None) -> list[str]:
    """Check every link in every HTML file of a built site; return one line per problem,
    `page -> target: reason` (page relative to `site_dir`), sorted and without repeats.

    `site_url` is the address the site is published at, if any: absolute links to it are
    checked as local ones, and root-relative links must start with its path.
    """
    _parse.cache_clear()  # the site may have changed since the last call
    site_dir = site_dir.resolve()
    problems: set[str] = set()
    for page in _html_files(site_dir):
        for link in _parse(page).links:
            reason = check_link(site_dir, page, link.url, site_url)
            if reason is not None:
                name = page.relative_to(site_dir).as_posix()
                problems.add(f"{name} -> {link.url}: {reason}")
    return sorted(problems)
