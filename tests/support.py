"""Helpers for the end-to-end tests: build the site with MkDocs, parse its HTML, serve it.

Everything here looks at the site from the outside (the `mkdocs` command, the files it writes,
HTML as a browser receives it), so the tests keep working if the engine behind it changes.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import yaml
from playwright.sync_api import Page, expect

from generator.pages.plan import DIRECTORY_ON_ONE_PAGE

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
TEMPLATES = REPO / "site_templates"
FIXTURE = REPO / "tests" / "fixtures" / "minimal"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
"""Flags that work headless as root, with no request to any other host."""
SOURCE_DATE_EPOCH = "1700000000"
BUILD_TIMEOUT = 120
TIMEOUT_MS = 15_000
"""How long a browser test waits for one thing to happen."""


def mkdocs_env() -> dict[str, str]:
    """Return the environment the Makefile gives MkDocs (no MkDocs 2 notice, fixed date), and
    plain output without colours (Zensical)."""
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        "NO_COLOR": "1",
    }


def mkdocs(*args: str, cwd: Path, engine: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    """Run `python -m mkdocs ARGS` (or another `engine`: zensical, pagefind, generator) as
    make runs it; return its status and output."""
    return subprocess.run(
        [sys.executable, "-m", engine, *args],
        cwd=cwd,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )


def build(config: Path, out: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` with `config` into `out`."""
    return mkdocs("build", "--strict", "-f", str(config), "-d", str(out), cwd=cwd)


def index_for_search(site: Path) -> Path:
    """Make the search index of a built `site`, as `make site` does after any engine's build
    (`python -m pagefind` with the repository's pagefind.yml); fail loudly."""
    result = mkdocs("--site", str(site), "--quiet", cwd=REPO, engine="pagefind")
    assert result.returncode == 0, f"pagefind failed:\n{result.stdout}\n{result.stderr}"
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    return site


def build_real_site(out: Path) -> Path:
    """Build the real content with the repository's mkdocs.yml into `out` and index it for the
    search, as `make site` does; fail loudly."""
    result = build(REPO / "mkdocs.yml", out, cwd=REPO)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    assert (out / "index.html").is_file()
    return index_for_search(out)


def build_zensical_site(folder: Path) -> Path:
    """Build the real content as `make site ENGINE=zensical` does (pages written first, static
    files beside them, zensical.yml's settings, the search index) into `folder / "site"`; fail
    loudly."""
    pages = folder / "pages"
    result = generator_command("generate", "--out", str(pages))
    assert result.returncode == 0, result.stderr
    shutil.copytree(TEMPLATES / "static", pages, dirs_exist_ok=True)
    config = folder / "zensical.yml"
    config.write_text(
        f"INHERIT: {REPO / 'zensical.yml'}\n"
        "docs_dir: pages\n"
        "site_dir: site\n"
        "theme:\n"
        f"  custom_dir: {TEMPLATES / 'overrides'}\n",
        encoding="utf-8",
    )
    result = mkdocs(
        "build", "--strict", "--clean", "-f", str(config), cwd=folder, engine="zensical"
    )
    assert result.returncode == 0, f"zensical build failed:\n{result.stdout}\n{result.stderr}"
    assert (folder / "site" / "index.html").is_file()
    return index_for_search(folder / "site")


def write_config(
    directory: Path,
    content_dir: Path,
    templates_dir: Path = TEMPLATES,
    name: str = "mkdocs.yml",
    docs_dir: Path = TEMPLATES / "static",
) -> Path:
    """Write a MkDocs config that inherits the repository's and points at other content (and,
    with `docs_dir`, other static files)."""
    config = directory / name
    config.write_text(
        f"INHERIT: {REPO / 'mkdocs.yml'}\n"
        f"docs_dir: {docs_dir}\n"
        "theme:\n"
        f"  custom_dir: {TEMPLATES / 'overrides'}\n"
        "plugins:\n"
        "  - treffpunkte:\n"
        f"      content_dir: {content_dir.resolve()}\n"
        f"      templates_dir: {templates_dir.resolve()}\n"
        "  - treffpunkte-parallel\n",
        encoding="utf-8",
    )
    return config


def generator_command(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator ARGS` in the repository, as `make` runs it."""
    return mkdocs(*args, cwd=REPO, engine="generator")


def validate_command(content_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator validate` on `content_dir`, as an editor does."""
    return generator_command("validate", str(content_dir))


def load_yaml(path: Path) -> Any:
    """Read a content file with every scalar kept as text (as the generator's loader does)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def cited_source_ids(data: Any) -> set[str]:
    """Return every id listed under a `sources:` key anywhere in `data`."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list):
                found.update(v for v in value if isinstance(v, str))
            else:
                found |= cited_source_ids(value)
    elif isinstance(data, list):
        for value in data:
            found |= cited_source_ids(value)
    return found


def normal_text(text: str) -> str:
    """Collapse runs of whitespace, as the generator does with plain-text fields."""
    return " ".join(text.split())


def same_url(a: str, b: str) -> bool:
    """Whether two URLs are the same once percent-encoding is undone."""
    return unquote(a) == unquote(b)


def page_html_files(site: Path) -> list[Path]:
    """Return every page of a built site (each `index.html`), sorted."""
    return sorted(site.rglob("index.html"))


def page_url(site: Path, html_file: Path) -> str:
    """Return the site-absolute URL of a built page, e.g. `/treffpunkte/ephata/`."""
    parent = html_file.parent.relative_to(site).as_posix()
    return "/" if parent == "." else f"/{parent}/"


def file_hashes(directory: Path) -> dict[str, str]:
    """Return `relative path → sha256` for every file under `directory`."""
    return {
        path.relative_to(directory).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


# --- HTML ---------------------------------------------------------------------------------

# Elements without an end tag.
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


@dataclass(eq=False)
class Element:
    """One element of a parsed page; `children` holds elements and text strings."""

    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def iter(self) -> Iterator[Element]:
        """This element and all elements inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        """Elements inside (and including) this one with `tag` and exactly these attributes;
        `class_` matches one of the classes."""
        wanted_class = attrs.pop("class_", None)
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag)
            and all(e.attrs.get(k) == v for k, v in attrs.items())
            and (wanted_class is None or wanted_class in e.classes)
        ]

    def text(self) -> str:
        """Visible text with whitespace collapsed, leaving out the `¶` permalinks."""
        parts: list[str] = []

        def walk(element: Element) -> None:
            for child in element.children:
                if isinstance(child, str):
                    parts.append(child)
                elif "headerlink" not in child.classes and child.tag not in ("script", "style"):
                    walk(child)

        walk(self)
        return normal_text("".join(parts))

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def element_siblings_after(self) -> list[Element]:
        """The elements that follow this one inside the same parent."""
        assert self.parent is not None
        siblings = [c for c in self.parent.children if isinstance(c, Element)]
        return siblings[siblings.index(self) + 1 :]

    def section(self) -> list[Element]:
        """For a heading: the heading and the elements up to the next heading of its level or
        higher."""
        level = int(self.tag[1])
        section = [self]
        for sibling in self.element_siblings_after():
            if sibling.tag in {f"h{n}" for n in range(1, level + 1)}:
                break
            section.append(sibling)
        return section


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # ignore stray end tags
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


@dataclass
class HtmlPage:
    """A built page: its parsed tree and where it lives."""

    root: Element
    url: str
    """Site-absolute URL of the page, e.g. `/treffpunkte/ephata/`."""

    @classmethod
    def read(cls, site: Path, html_file: Path) -> HtmlPage:
        builder = _TreeBuilder()
        builder.feed(html_file.read_text(encoding="utf-8"))
        builder.close()
        return cls(builder.root, page_url(site, html_file))

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        return self.root.find_all(tag, **attrs)

    def by_id(self, element_id: str) -> Element | None:
        found = self.root.find_all(id=element_id)
        assert len(found) <= 1, f"{self.url}: id {element_id!r} occurs {len(found)} times"
        return found[0] if found else None

    @property
    def article(self) -> Element:
        (article,) = self.find_all("article")
        return article

    def h1(self) -> str:
        (h1,) = self.find_all("h1")
        return h1.text()

    def title(self) -> str:
        (title,) = self.find_all("title")
        return title.text()

    def resolve(self, href: str) -> str:
        """Return the site-absolute path a link on this page leads to (query and hash dropped)."""
        return urlsplit(urljoin(f"http://site{self.url}", href)).path

    def links_to(self, target: str, within: Element | None = None) -> list[Element]:
        """The `<a>` elements whose target resolves to site path `target` (e.g. `/quellen/`)."""
        scope = within or self.root
        return [a for a in scope.find_all("a") if self.resolve(a.attrs.get("href", "")) == target]


# --- The search, as people use it ---------------------------------------------------------


def search(page: Page, query: str) -> list[str]:
    """Open the search from the header button, type `query` as a person would, wait until the
    result count for it is announced; return the paths of the results shown, best first."""
    page.locator("button.ts-search__open").click()
    page.get_by_role("searchbox", name="Suchbegriff").press_sequentially(query, delay=30)
    expect(page.locator("#ts-search-status")).to_contain_text(f"für „{query}“", timeout=TIMEOUT_MS)
    paths: list[str] = page.locator(".ts-search__results > li > a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )
    return paths


REAL_QUERIES = [
    ("Ephata", "/treffpunkte/ephata/"),  # a meeting point's name
    ("Kelmis", "/treffpunkte/haus-der-familie/"),  # a municipality: its meeting point
    ("Hausaufgabenschule", "/treffpunkte/ephata/"),
    ("Hausaufgaben", "/treffpunkte/haus-der-familie/"),  # the stem of a longer word
    ("Senioren", "/treffpunkte/ephata/"),
    ("Straße", "/treffpunkte/viertelhaus-cardijn/"),
    ("Strasse", "/treffpunkte/viertelhaus-cardijn/"),  # ss for ß
    ("Bütgenbach", "/treffpunkte/"),
    ("Butgenbach", "/treffpunkte/"),  # u for ü
    ("Jadin", "/parlament/frage-jadin-2017-11-08/"),  # a person: her question in Parliament
    ("Zusagen", "/zusagen/"),  # what was promised in Parliament
    ("Träger unterstützen", "/zusagen/regierung-unterstuetzt-die-traeger/"),  # one promise
]
"""What people type on the real site (content/), and the page about it, which must be among the
first three results."""


def generated_queries(content: Path) -> list[tuple[str, set[str]]]:
    """What people would type on a site of generated content (bench/content.py), each with the
    pages about it, one of which the search must give among its first three results: a meeting
    point's name, its municipality (its page above DIRECTORY_ON_ONE_PAGE meeting points), a
    person it names, offers and words with ß and ü typed with and without them."""
    points = {
        path.stem: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        for path in sorted((content / "meeting_points").glob("*.yaml"))
    }
    vocabularies = load_yaml(content / "vocabularies.yaml")
    municipalities = {m["id"]: m["name"] for m in vocabularies["municipalities"]}
    chosen = sorted(points)[len(points) // 2]
    point = points[chosen]
    own = {f"/treffpunkte/{chosen}/"}
    person = point["people"][0]["name"]

    def naming(p: Any) -> bool:
        return any(named["name"] == person for named in p["people"])

    place = point["municipality"]
    directory = f"/gemeinden/{place}/" if len(points) > DIRECTORY_ON_ONE_PAGE else "/treffpunkte/"

    def offering(prefix: str) -> set[str]:
        return {
            f"/treffpunkte/{item_id}/"
            for item_id, p in points.items()
            if any(offer["name"].startswith(prefix) for offer in p["offers"])
        }

    def saying(word: str) -> set[str]:
        """The meeting points and parliamentary items whose file has `word`, and the
        recommendations whose title has it."""
        found = {
            f"/{folder}/{path.stem}/"
            for kind, folder in (("meeting_points", "treffpunkte"), ("parliament", "parlament"))
            for path in (content / kind).glob("*.yaml")
            if word in path.read_text(encoding="utf-8").lower()
        }
        for path in (content / "evaluations").glob("*.yaml"):
            for recommendation in load_yaml(path)["recommendations"]:
                if word in recommendation["title"].lower():
                    found.add(f"/empfehlungen/{recommendation['id']}/")
        return found

    return [
        (point["name"], own),
        (municipalities[place], {directory}),
        (person, {f"/treffpunkte/{item_id}/" for item_id, p in points.items() if naming(p)}),
        ("Sprachcafé", offering("Sprachcafé")),
        ("Sprachcafe", offering("Sprachcafé")),
        ("Hausaufgaben", offering("Hausaufgaben")),
        ("Senioren", saying("senioren")),
        ("Straße", saying("straße")),
        ("Strasse", saying("straße")),
    ]


# --- Serving --------------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (free port) in a thread; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
