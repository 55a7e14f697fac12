"""Opt-in plugin `treffpunkte-parallel`: build pages in worker processes, so that a site of
thousands of pages uses every core.

MkDocs builds pages one after the other in one process. Once the navigation is known, the
generated pages do not depend on each other, so `PageWorkers` builds them in forked processes
while MkDocs goes on in the main process (`defer` marks which). A worker runs MkDocs' own
steps on its page, in MkDocs' order and with the same plugins: read, Markdown,
`on_page_content`, the theme template, `on_page_context`, `on_post_page`. The main process
receives the pages in build order, each with what it adds to the whole site (anchors, links
to anchors, log records), and writes the HTML through a template that
prints it unchanged. The site is byte-identical to a build in one process
(`tests/test_scale.py`).

This is the one module that reaches into MkDocs' internals (`_populate_page`, `get_context`, a
page's class), so it runs only with the exact versions in CHECKED_WITH (Material's too, whose
templates the workers render); with any other, pages are built the ordinary way, in one process.
`tests/test_parallel_pages.py` fails on an upgrade and says what to re-check.

Under `mkdocs serve`, a page whose Markdown, surroundings (`surroundings`: configuration,
navigation, theme templates) and link targets (`Inputs`: where each file it links to is written,
or that it is missing) are as in the last build is not built again: its result is taken
from the last build's results, kept on the plugin. So a new or deleted meeting point builds again
the pages that list it, not every page.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import unquote

import mkdocs
from mkdocs.commands.build import _populate_page, get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from generator.engine.mkdocs_plugin import TreffpunktePlugin
from generator.speed.processes import forked_map

CHECKED_WITH = {
    "mkdocs": {"mkdocs": "1.6.1", "properdocs": "1.6.7"},
    "mkdocs-material": "9.8.2",
}
"""The engine versions this module was checked with (MkDocs, or ProperDocs in its place)."""
RECHECK = """\
Before raising a version in CHECKED_WITH, re-check in the new release:
- mkdocs/commands/build.py: `_build_page` still runs `_populate_page`, sets `page.active`,
  calls `get_context`, the page template, `on_page_context` and `on_post_page` in this order,
  and `_populate_page` keeps its signature;
- mkdocs/structure/pages.py: `Page.read_source`, `Page.render`, `present_anchor_ids`,
  `links_to_anchors`, `_title_from_render` (what `DeferredPage.receive` sets);
then run `make test` (tests/test_scale.py compares a parallel build with one process)."""


def engine_versions() -> dict[str, str]:
    """The running engine (`mkdocs` is ProperDocs when that runs) and Material, by name."""
    return {
        mkdocs.__name__: mkdocs.__version__,
        "mkdocs-material": importlib.metadata.version("mkdocs-material"),
    }


def checked() -> bool:
    """Whether the running engine and theme are the versions this module was checked with."""
    running = engine_versions()
    engines: dict[str, str] = CHECKED_WITH["mkdocs"]  # type: ignore[assignment]
    return (
        engines.get(mkdocs.__name__) == running[mkdocs.__name__]
        and running["mkdocs-material"] == CHECKED_WITH["mkdocs-material"]
    )


log = logging.getLogger("mkdocs.plugins.treffpunkte")
RENDERED_TEMPLATE = "rendered.html"
"""Theme template (site_templates/overrides) that prints a worker's finished page unchanged."""


@dataclass
class Built:
    """What a worker returns for one page."""

    src_uri: str
    html: str
    title: str | None
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]]
    """Anchor links to other pages, by the linked page's `src_uri`."""
    records: list[logging.LogRecord]
    """MkDocs log records, handled again in the main process (strict mode counts them there)."""


class PrintedPage(Page):
    """A page whose HTML is made elsewhere: MkDocs reads no Markdown for it and prints its
    `content` through RENDERED_TEMPLATE."""

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = {"template": RENDERED_TEMPLATE}


class DeferredPage(PrintedPage):
    """A page as the main process sees it: read and rendered by a worker, not here."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""

    def receive(self, built: Built, files: Files) -> None:
        """Take over a worker's result: the HTML to write, the page's anchors and links."""
        self.content = built.html
        self._title_from_render = built.title
        self.present_anchor_ids = built.anchors
        self.links_to_anchors = {
            files.src_uris[uri]: links for uri, links in built.links_to_anchors.items()
        }
        for record in built.records:
            logging.getLogger(record.name).handle(record)


def defer(page: Page) -> None:
    """Mark `page` to be built by a worker. It stays the same object, so the navigation that
    links to it, as the worker sees it too, keeps it."""
    page.__class__ = DeferredPage


class PageWorkers:
    """Forked processes that build `pages` and hand them back in order."""

    def __init__(
        self,
        pages: list[DeferredPage],
        processes: int,
        *,
        config: MkDocsConfig,
        files: Files,
        nav: Navigation,
        env: Any,
        doc_files: Sequence[File],
        edit_base: str | None,
        last: dict[str, tuple[Inputs, Built]] | None,
    ) -> None:
        self._files = files
        self.kept: dict[str, tuple[Inputs, Built]] | None = None if last is None else {}
        """This build's pages with their inputs, for the next build (None: not kept)."""
        self._reused: dict[str, Built] = {}
        if last is not None:
            around = surroundings(config, nav)
            self._inputs = {}
            for page in pages:
                uri = page.file.src_uri
                same = (around, page.file.content_bytes, page.file.edit_uri, edit_base)
                kept = last.get(uri)
                # The Markdown is read for its links only when it changed since the last build.
                linked = (
                    kept[0].linked if kept and kept[0].same == same else linked_files(page.file)
                )
                self._inputs[uri] = inputs = Inputs(same, linked, written_at(linked, files))
                if kept and kept[0] == inputs:
                    self._reused[uri] = kept[1]

        def build(src_uri: str) -> Built:
            """Build one page as MkDocs' `_build_page` would; return the HTML. Runs in a worker,
            or here when there are too few pages to be worth one (see `forked_map`)."""
            file = files.get_file_from_path(src_uri)
            assert file is not None and isinstance(file.page, DeferredPage)
            page: Page = file.page
            page.__class__ = Page  # built the ordinary way, then deferred again
            _records.records = []
            try:
                _populate_page(page, config, files)
                page.active = True  # marks its place in the navigation, as in `_build_page`
                context = get_context(nav, doc_files, config, page)
                template = env.get_template(page.meta.get("template", "main.html"))
                context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
                html = template.render(context)
                html = config.plugins.on_post_page(html, page=page, config=config)
            finally:
                page.active = False
                page.__class__ = DeferredPage
            built = Built(
                src_uri=src_uri,
                html=html,
                title=page.title,
                anchors=page.present_anchor_ids or set(),
                links_to_anchors={
                    linked.src_uri: links for linked, links in (page.links_to_anchors or {}).items()
                },
                records=_records.records,
            )
            return built

        uris = [page.file.src_uri for page in pages if page.file.src_uri not in self._reused]
        # a page costs milliseconds (an index of all items, far more): worth a process from two
        self._results = forked_map(build, uris, processes, initializer=_capture_logs, at_least=2)
        if self._results.processes > 1:
            log.info("%d Seiten werden in %d Prozessen gebaut", len(uris), self._results.processes)
        if self._reused:
            log.info("%d Seiten unverändert übernommen", len(self._reused))

    def next(self, page: DeferredPage) -> Built:
        """Return the next built page, which must be `page` (pages come back in order), once
        `page` has taken it over."""
        uri = page.file.src_uri
        built = self._reused.get(uri) or next(self._results)
        assert built.src_uri == uri, (built.src_uri, uri)
        if self.kept is not None:
            self.kept[uri] = (self._inputs[uri], built)
        page.receive(built, self._files)
        return built

    def close(self) -> None:
        """Stop the processes (after the last page, or because the build failed)."""
        self._results.close()


def surroundings(config: MkDocsConfig, nav: Navigation) -> bytes:
    """A digest of what every page's HTML depends on besides its Markdown and its links: the
    configuration, the navigation and the theme's templates (which an editor may change)."""
    digest = hashlib.blake2b()
    for key in sorted(config):
        if key != "plugins":
            digest.update(repr((key, config[key])).encode())
    for name, plugin in config.plugins.items():
        digest.update(repr((name, sorted(dict(plugin.config).items()))).encode())
    digest.update(repr(_outline(nav.items)).encode())
    for folder in config.theme.dirs:
        for root, _, names in sorted(os.walk(folder)):
            for name in sorted(names):
                if name.endswith(".html"):
                    stat = os.stat(os.path.join(root, name))
                    digest.update(repr((root, name, stat.st_mtime_ns, stat.st_size)).encode())
    return digest.digest()


_LINK = re.compile(r"\]\(<?([^)\s>]+)|\b(?:href|src)=\"([^\"]+)\"")
"""A link's target in Markdown: `[text](target)`, `![alt](target)`, or an HTML attribute."""


class Inputs(NamedTuple):
    """What a page's HTML is made from; the same inputs give the same page."""

    same: tuple[Any, ...]
    """The surroundings, the Markdown, the edit link and its base."""
    linked: tuple[str, ...]
    """The site files the Markdown links to (`linked_files`)."""
    written_at: tuple[str | None, ...]
    """Where each of them is written in this build, None where it is missing: what MkDocs
    resolves the page's links with."""


def linked_files(file: File) -> tuple[str, ...]:
    """The site files that `file`'s Markdown links to, as paths in the site's sources, sorted.
    Links with a scheme, to an anchor or from the site's root are not files of the site."""
    base = posixpath.dirname(file.src_uri)
    found = set()
    for match in _LINK.finditer(file.content_string):
        href = unquote((match[1] or match[2]).partition("#")[0])
        if href and ":" not in href and not href.startswith("/"):
            found.add(posixpath.normpath(posixpath.join(base, href)))
    return tuple(sorted(found))


def written_at(paths: tuple[str, ...], files: Files) -> tuple[str | None, ...]:
    """Where each of `paths` is written in this build (None: no such file)."""
    by_path = files.src_uris
    return tuple(file.dest_uri if (file := by_path.get(path)) else None for path in paths)


def _outline(items: list[Any]) -> list[Any]:
    return [
        (
            item.title,
            item.url if isinstance(item, (Page, Link)) else None,
            _outline(item.children) if isinstance(item, Section) else None,
        )
        for item in items
    ]


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info = record.getMessage(), (), None
        self.records.append(record)


_records = _Records()


def _capture_logs() -> None:
    """In a worker: keep MkDocs' log records for the main process instead of printing them."""
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(_records)
    logger.propagate = False


class ParallelPagesPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Builds the generated pages in `treffpunkte`'s worker processes (its `workers` option)."""

    def __init__(self) -> None:
        self.serving = False
        self.workers: PageWorkers | None = None
        self.nav: Navigation | None = None
        self.built: dict[str, tuple[Inputs, Built]] = {}
        """The last build's pages with their inputs, reused under `mkdocs serve`."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        site = _site_plugin(config)
        if site.pages is None or site.problems or site.processes < 2:
            return nav
        if not checked():
            log.info("Seiten in einem Prozess gebaut: %s nicht geprüft", engine_versions())
            return nav
        for path in site.pages.pages:
            file = files.get_file_from_path(path)
            assert file is not None
            page = file.page or Page(None, file, config)
            # A navigation entry without a title takes it from its page: render that here.
            if page.title is not None or page not in nav.pages:
                defer(page)
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        inclusion = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        doc_files = files.documentation_pages(inclusion=inclusion)
        deferred = [f.page for f in doc_files if isinstance(f.page, DeferredPage)]
        if deferred and self.nav is not None:
            site = _site_plugin(config)
            self.workers = PageWorkers(
                deferred,
                site.processes,
                config=config,
                files=files,
                nav=self.nav,
                env=env,
                doc_files=doc_files,
                edit_base=site.pages.edit_base_url if site.pages else None,
                last=self.built if self.serving else None,
            )
        return env

    def on_page_context(
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        if isinstance(page, DeferredPage):
            assert self.workers is not None
            self.workers.next(page)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if isinstance(page, PrintedPage):
            page.content = None  # written next; no need to keep it
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.workers is not None and self.workers.kept is not None:
            self.built = self.workers.kept
        self._stop()

    def on_build_error(self, *, error: Exception) -> None:
        self._stop()

    def _stop(self) -> None:
        """Stop the workers (after the last page, or because the build failed)."""
        if self.workers is not None:
            self.workers.close()
            self.workers = None


def _site_plugin(config: MkDocsConfig) -> TreffpunktePlugin:
    """The `treffpunkte` plugin of this build, which made the pages."""
    site = config.plugins.get("treffpunkte")
    if not isinstance(site, TreffpunktePlugin):
        raise PluginError("treffpunkte-parallel braucht das Plugin treffpunkte davor")
    return site
