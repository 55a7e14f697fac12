"""MkDocs plugin: adapts MkDocs events to `build_pages`; with `page_workers`, the only module
that imports MkDocs.

`mkdocs build` stops with the list of content problems; `mkdocs serve` shows them in place of
the pages, so an editor sees what to fix after saving, and the preview recovers by itself.
"""

from __future__ import annotations

import gc
import html
import logging
import threading
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.build import CONTENT_COPY_DIR, Pages, build_pages
from generator.check.data_files import check_site
from generator.check.policy import unsafe_markup
from generator.content.problems import ContentError, Problem
from generator.engine.parallel_pages import DeferredPage, PageWorkers, PrintedPage, defer
from generator.engine.search_spellings import add_other_spellings
from generator.pages.render import compiled_templates
from generator.speed import reuse
from generator.speed.processes import cores
from generator.speed.reuse import Memory

log = logging.getLogger("mkdocs.plugins.treffpunkte")


class TreffpunkteConfig(Config):  # type: ignore[no-untyped-call]
    content_dir = config_options.Dir(default="content", exists=True)
    """Folder of the YAML content files, relative to mkdocs.yml."""
    templates_dir = config_options.Dir(default="site_templates", exists=True)
    """Folder of the page templates (`*.md.j2`), relative to mkdocs.yml."""
    workers = config_options.Type(int, default=0)
    """Processes that build item pages; 0: one per core, 1: none besides MkDocs' own."""


class TreffpunktePlugin(BasePlugin[TreffpunkteConfig]):  # type: ignore[no-untyped-call]
    """Adds the generated pages to the site and reloads the preview when content changes."""

    def __init__(self) -> None:
        self.serving = False
        self.pages: Pages | None = None
        self.problems: list[Problem] = []
        self.known_paths: set[str] = {"index.md"}
        self.unsafe: list[str] = []
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.workers: PageWorkers | None = None
        self.processes = 1
        self.built = Memory()
        """The last build's pages `(inputs, Built)`, reused under `mkdocs serve`."""
        self.readable: dict[str, bytes] = {}
        """The last build's data files found readable (path → SHA-256), under `mkdocs serve`."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup also keeps this object across rebuilds of `mkdocs serve`.
        self.serving = command == "serve"
        if self.serving:
            # A rebuild makes and drops a whole site of objects, so Python's full collection,
            # a scan of everything the preview holds (0.3 s at 1,000 meeting points), would run
            # in the middle of it. It runs after each build instead (`_collect_soon`).
            gc.disable()

    def on_shutdown(self) -> None:
        gc.enable()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.processes = self.config.workers or cores()
        try:
            self.pages = build_pages(
                _shown(self.config.content_dir),
                _shown(self.config.templates_dir),
                self.processes,
            )
            self.problems = []
            if not self.serving:
                reuse.forget()  # kept for the next build of `mkdocs serve`; a single build has none
        except ContentError as error:
            if not self.serving:
                raise PluginError(  # noqa: B904 -- the problems are the whole story
                    f"Fehler in den Inhalten:\n{error}\n{len(error.problems)} Problem(e)"
                )
            log.error("Fehler in den Inhalten:\n%s", error)
            self.problems = error.problems
            return config
        # Markup: Material escapes site_name in attributes but prints it raw elsewhere; the
        # generator's escaping must count once in both places.
        config.site_name = Markup(self.pages.site_name)
        config.site_url = config.site_url or self.pages.site_url
        config.copyright = self.pages.copyright
        self.known_paths |= set(self.pages.pages)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.problems or self.pages is None:
            for path in sorted(self.known_paths):
                files.append(File.generated(config, path, content=""))
            return files
        for path, page in self.pages.pages.items():
            file = File.generated(config, path, content=page.markdown)
            file.edit_uri = page.source
            files.append(file)
        for path, data in self.pages.assets.items():
            files.append(File.generated(config, path, content=data))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.files, self.nav = files, nav
        if self.problems or self.pages is None:
            report = _error_page(self.problems)
            for path in self.known_paths:
                file = files.get_file_from_path(path)
                assert file is not None
                page = file.page or Page(None, file, config)
                page.__class__ = ReportPage
                page.content = report
            return nav
        if self.processes > 1:
            for path in self.pages.pages:
                file = files.get_file_from_path(path)
                assert file is not None
                page = file.page or Page(None, file, config)
                # A navigation entry without a title takes it from its page: render that here.
                if page.title is not None or page not in nav.pages:
                    defer(page)
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = compiled_templates()
        inclusion = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        doc_files = files.documentation_pages(inclusion=inclusion)
        deferred = [f.page for f in doc_files if isinstance(f.page, DeferredPage)]
        if deferred and self.nav is not None:
            self.workers = PageWorkers(
                deferred,
                self.processes,
                config=config,
                files=files,
                nav=self.nav,
                env=env,
                doc_files=doc_files,
                site_plugin=self,
                reuse=self.built if self.serving else None,
            )
        return env

    def on_page_context(
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        if isinstance(page, DeferredPage):
            assert self.workers is not None and self.files is not None
            self.unsafe += self.workers.next(page, self.files).findings
        return context

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        source = page.file.edit_uri
        if source is None or self.pages is None:
            page.edit_url = None
        elif self.pages.edit_base_url:
            page.edit_url = self.pages.edit_base_url + source
        else:
            page.edit_url = get_relative_url(f"{CONTENT_COPY_DIR}/{source}", page.file.url)
        return page

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.unsafe = []

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if isinstance(page, PrintedPage):  # checked in the worker, or our own report
            page.content = None  # written next; no need to keep it
            return output
        self.unsafe += [f"{page.file.dest_uri}: {found}" for found in unsafe_markup(output)]
        return output

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        self.unsafe += [f"{template_name}: {found}" for found in unsafe_markup(output_content)]
        return output_content

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._after_build()
        if self.unsafe:
            # Templates are trusted, but not blindly: a page that would break the Content
            # Security Policy (or run script) stops the build, so it is never published.
            raise PluginError(
                "Unsichere Ausgabe, nichts veröffentlicht:\n" + "\n".join(self.unsafe)
            )
        # Every data file is read back with its users' parser (generator/check/data_files.py);
        # MkDocs' sitemap is written by now, the search index only after this hook. The preview
        # reads again only the files that changed.
        unreadable = check_site(Path(config.site_dir), self.readable if self.serving else None)
        if unreadable:
            raise PluginError(
                "Veröffentlichte Datei nicht lesbar, nichts veröffentlicht:\n"
                + "\n".join(unreadable)
            )
        search = config.plugins.get("material/search")
        if search is not None:
            add_other_spellings(search.search_index.entries)

    def on_build_error(self, *, error: Exception) -> None:
        self._after_build()

    def _after_build(self) -> None:
        """After a build, finished or failed: stop the workers; in the preview, collect soon."""
        if self.workers is not None:
            self.workers.close()
            self.workers = None
        if self.serving:
            _collect_soon()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(Path(self.config.content_dir).resolve()))
        server.watch(str(Path(self.config.templates_dir).resolve()))
        return server


def _collect_soon() -> None:
    """Collect the garbage of the build just finished, once the browser has reloaded the page."""
    timer = threading.Timer(1.0, gc.collect)
    timer.daemon = True
    timer.start()


def _shown(folder: str) -> Path:
    """Return `folder` relative to the working directory where possible, for shorter messages."""
    path = Path(folder)
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


def _error_page(problems: list[Problem]) -> str:
    # Built here, not from a template: a broken template may be the very problem to show. A
    # plain document, not a themed one: it stands in for every page, thousands at scale.
    lines = "\n".join(str(problem) for problem in problems) or "(unbekannter Fehler)"
    return (
        '<!doctype html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Fehler in den Inhalten</title>\n</head>\n<body>\n<main>\n"
        "<h1>Fehler in den Inhalten</h1>\n"
        "<p>Die Vorschau zeigt wieder die Seiten, sobald diese Probleme behoben sind:</p>\n"
        f"<pre>{html.escape(lines)}</pre>\n</main>\n</body>\n</html>\n"
    )


class ReportPage(PrintedPage):
    """A page of the preview while the content has errors: the report (`_error_page`) in place
    of the page, printed as it is (no Markdown, no theme)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        pass  # the content is the report, set in `on_nav`
