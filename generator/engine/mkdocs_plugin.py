"""MkDocs plugin: hands the generated pages to MkDocs, through MkDocs' public plugin API only.

`build_pages` (generator/build.py) makes every page and file; this adapter adds them as
generated files, sets the site's name and copyright, points each page's edit link at its YAML
file and, under `mkdocs serve`, watches `content/` and `site_templates/`. `mkdocs build`
stops with the list of content problems; `mkdocs serve` shows them in place of every page, so
an editor sees what to fix after saving, and the preview recovers by itself. Building pages in
worker processes is a separate, opt-in plugin (`generator/engine/parallel_pages.py`).
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
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.build import CONTENT_COPY_DIR, Pages, build_pages
from generator.content.problems import ContentError, Problem
from generator.pages.render import compiled_templates
from generator.speed.processes import cores
from generator.speed.reuse import LastBuild

log = logging.getLogger("mkdocs.plugins.treffpunkte")


class TreffpunkteConfig(Config):  # type: ignore[no-untyped-call]
    content_dir = config_options.Dir(default="content", exists=True)
    """Folder of the YAML content files, relative to mkdocs.yml."""
    templates_dir = config_options.Dir(default="site_templates", exists=True)
    """Folder of the page templates (`*.md.j2`), relative to mkdocs.yml."""
    workers = config_options.Type(int, default=0)
    """Processes that render pages; 0: one per core, 1: none besides MkDocs' own."""


class TreffpunktePlugin(BasePlugin[TreffpunkteConfig]):  # type: ignore[no-untyped-call]
    """Adds the generated pages to the site and reloads the preview when content changes."""

    def __init__(self) -> None:
        self.serving = False
        self.pages: Pages | None = None
        self.problems: list[Problem] = []
        self.known_paths: set[str] = {"index.md"}
        self.processes = 1
        self.last = LastBuild()
        """What the last build made, for the next build of `mkdocs serve` to take over."""

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
                self.last if self.serving else None,  # a single build makes everything
            )
            self.problems = []
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
            # The report in place of every page the preview had, as a plain document: a
            # broken template may be the very problem to show, and there may be thousands.
            report = _error_page(self.problems)
            for path in sorted(self.known_paths):
                files.append(File.generated(config, _html_path(path, config), content=report))
            return files
        for path, page in self.pages.pages.items():
            file = File.generated(config, path, content=page.markdown)
            file.edit_uri = page.source
            files.append(file)
        for path, data in self.pages.assets.items():
            files.append(File.generated(config, path, content=data))
        return files

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = compiled_templates()
        return env

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        source = page.file.edit_uri
        if source is None or self.pages is None:
            page.edit_url = None
        elif self.pages.edit_base_url:
            page.edit_url = self.pages.edit_base_url + source
        else:
            page.edit_url = get_relative_url(f"{CONTENT_COPY_DIR}/{source}", page.file.url)
        return page

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            _collect_soon()

    def on_build_error(self, *, error: Exception) -> None:
        if self.serving:
            _collect_soon()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
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


def _html_path(markdown_path: str, config: MkDocsConfig) -> str:
    """Where MkDocs writes the page made from `markdown_path` (`grundlagen.md` →
    `grundlagen/index.html`), so that the report stands at the page's own address."""
    stem = markdown_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index") or not config.use_directory_urls:
        return f"{stem}.html"
    return f"{stem}/index.html"


def _error_page(problems: list[Problem]) -> str:
    lines = "\n".join(str(problem) for problem in problems) or "(unbekannter Fehler)"
    return (
        '<!doctype html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Fehler in den Inhalten</title>\n</head>\n<body>\n<main>\n"
        "<h1>Fehler in den Inhalten</h1>\n"
        "<p>Die Vorschau zeigt wieder die Seiten, sobald diese Probleme behoben sind:</p>\n"
        f"<pre>{html.escape(lines)}</pre>\n</main>\n</body>\n</html>\n"
    )
