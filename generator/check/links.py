"""Where a built site's links lead: every link, source and srcset of every page must reach a file
of the site and, with a `#fragment`, an element of the target page. Offline, on the pages as
the HTML5 parser read them for the markup check (`markup.py`).

- Links that leave the site (`http:`/`https:` to other hosts, `mailto:`, `tel:`) are not
  followed here; links to the site's own address (its home page's `<link rel="canonical">`)
  are checked like root-relative ones. Other schemes and `//host` links are the markup
  check's to refuse.
- Relative and root-relative links resolve against the page's address (and its `<base>`), as a
  browser resolves them: `../` stops at the root. `x/`, and `x` when `x` is a folder, mean
  `x/index.html`, as static servers and the engines' directory URLs have it.
- A fragment names an element `id` or the `name` of an `<a>`; an empty fragment and `#top`
  are the top of any page. Fragments of other files (`#page=2`, `#L1`) are theirs to read.
- `404.html` is served at whatever address was not found, so its links must be root-relative
  or absolute.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from generator.check.markup import other_host, urls_in
from generator.content.problems import one_line

CHECKED_ATTRIBUTES = frozenset(["href", "src", "srcset", "imagesrcset", "poster", "data"])
"""The attributes whose URL a browser follows or loads from the page."""
TOP_OF_PAGE = frozenset(["", "top"])
"""Fragments HTML scrolls to the top of the page for, whether or not an element has that id."""
NOT_FOUND_PAGE = "404.html"
_PLAIN = re.compile(
    r"(?!.*//)(?:[\w.~%!$&'()*+,;=@-][\w.~%!$&'()*+,;=@/-]*)?(?:#.*)?\Z", re.ASCII | re.DOTALL
)
"""A relative path (no scheme, query, backslash, white space, leading `/` or `//` in it), or
none, with or without a fragment: resolved without a URL parser."""
STAND_IN = "http://site.invalid/"
"""The origin a site without a published address is resolved against."""


@dataclass(frozen=True)
class PageLinks:
    """What the link check needs of one page: its URLs, its anchors, `<base>` and canonical."""

    urls: tuple[str, ...]
    anchors: frozenset[str]
    base: str | None
    canonical: str | None


def page_links(elements: Iterable[tuple[str, Mapping[str, str]]]) -> PageLinks:
    """Collect, from a page's elements (name, attributes), the URLs it points at, the ids it
    defines, its `<base href>` and its `<link rel="canonical">`."""
    urls: list[str] = []
    anchors: set[str] = set()
    base = canonical = None
    for tag, attributes in elements:
        if "id" in attributes:
            anchors.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            anchors.add(attributes["name"])
        if tag == "base":
            base = base if base is not None else attributes.get("href")
            continue
        if tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            canonical = canonical or attributes.get("href")
        for name, value in attributes.items():
            if name in CHECKED_ATTRIBUTES:
                found = [url.strip() for url in urls_in(name, value)]
                urls += [url for url in found if url] if name.endswith("srcset") else found
    return PageLinks(tuple(urls), frozenset(anchors), base, canonical)


def site_address(pages: Mapping[str, PageLinks]) -> str | None:
    """The address the site says it is published at: its home page's canonical URL."""
    home = pages.get("index.html")
    canonical = home.canonical if home is not None else None
    if canonical and urlsplit(canonical).scheme in ("http", "https"):
        return canonical if canonical.endswith("/") else canonical + "/"
    return None


def broken_links(site_dir: Path, pages: Mapping[str, PageLinks]) -> list[str]:
    """Return one line `page: Verweis auf URL: reason` per broken link of `pages` (path in
    `site_dir` → what the page links to), sorted and without repeats."""
    links = Links(site_dir, pages, site_address(pages))
    return [
        f"{page}: Verweis auf {one_line(url)}: {reason}"
        for page in sorted(pages)
        for url in sorted(set(pages[page].urls))
        if (reason := links.problem(page, url)) is not None
    ]


class Links:
    """The links of one built site, resolved as a browser and a static server would."""

    def __init__(
        self, site_dir: Path, pages: Mapping[str, PageLinks], site_url: str | None = None
    ) -> None:
        self.site_dir = site_dir
        self.pages = pages
        self.site_url = site_url
        own = urlsplit(site_url or STAND_IN)
        self.host = own.netloc.lower()
        self.origin = f"{own.scheme}://{self.host}"
        self.root = own.path if own.path.endswith("/") else own.path + "/"
        self.targets: dict[str, str | None] = {}
        """Site path → the file a server answers it with, as found so far."""

    def problem(self, page: str, url: str) -> str | None:
        """Return why `url` on `page` (its path in the site) does not lead where it should, or
        None when it does or when it leaves the site."""
        try:
            return self._problem(page, url)
        except ValueError as error:  # `http://[x`: no browser follows it either
            return f"keine gültige Adresse ({error})"

    def _problem(self, page: str, url: str) -> str | None:
        if _PLAIN.match(url) and page != NOT_FOUND_PAGE and self.pages[page].base is None:
            # Most links: a plain relative path, resolved here without parsing it as a URL
            # (`urljoin` gives the same; it took half the check's time at 1,000 meeting points).
            address, _, fragment = url.partition("#")
            path = posixpath.normpath(posixpath.join(posixpath.dirname("/" + page), address))
            if not address:
                path = "/" + page
            elif address.endswith("/") or address.rsplit("/", 1)[-1] in (".", ".."):
                path = path.rstrip("/") + "/"
            return self._arrived(self.root + path[1:], fragment)
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        own = scheme in ("http", "https") and parts.netloc.lower() == self.host
        if other_host(url) and not (own and self.site_url):
            return None  # leaves the site, or is refused by the markup check
        if page == NOT_FOUND_PAGE and not scheme and url and not url.startswith(("/", "#")):
            return "relativer Verweis auf der 404-Seite, die unter jeder Adresse ausgeliefert wird"
        base = self.pages[page].base if page in self.pages else None
        page_url = self.origin + self.root + page
        absolute = urlsplit(urljoin(urljoin(page_url, base) if base else page_url, url))
        if absolute.netloc.lower() != self.host:
            return None  # `<base href>` on another host
        return self._arrived(absolute.path, parts.fragment)

    def _arrived(self, path: str, fragment: str) -> str | None:
        """Why a link to the site path `path` (from the host's root) and `#fragment` leads
        nowhere, or None."""
        if not path.startswith(self.root):
            return f"außerhalb der Website (sie beginnt bei {self.root})"
        target = self._target(unquote(path[len(self.root) :]))
        if target is None:
            return "Ziel fehlt"
        fragment = unquote(fragment)
        anchors = self.pages[target].anchors if target in self.pages else None
        if anchors is not None and fragment.lower() not in TOP_OF_PAGE and fragment not in anchors:
            return f"kein Element mit id „{one_line(fragment)}“ in {target}"
        return None

    def _target(self, path: str) -> str | None:
        if path not in self.targets:
            self.targets[path] = _target_file(self.site_dir, path)
        return self.targets[path]


def _target_file(site_dir: Path, path: str) -> str | None:
    """The file (path in `site_dir`) a static server answers site path `path` with."""
    parts = [part for part in PurePosixPath("/" + path).parts[1:] if part != "."]
    if ".." in parts:
        return None
    candidate = site_dir.joinpath(*parts)
    if path.endswith("/") or path == "" or candidate.is_dir():
        candidate = candidate / "index.html"
        parts.append("index.html")
    return "/".join(parts) if candidate.is_file() else None
