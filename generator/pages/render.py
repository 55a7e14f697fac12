"""Render: Jinja2 templates from site_templates/ → Markdown text of one page.

Templates are trusted; content is not. Every content string reaches Markdown through the `md`
filter, which escapes it so that it renders exactly as typed.
"""

from __future__ import annotations

import datetime
import functools
import html
import posixpath
import re
import traceback
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from generator.content.problems import ContentError, Problem

MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
"""The characters Python-Markdown (with tables) and CommonMark both let a backslash escape."""
_URL_SAFE = "/:?#[]@!$&'*+,;=%~-._"


def escape_markdown(text: str) -> str:
    """Return `text` as one line of Markdown that renders exactly as typed."""
    one_line = " ".join(text.split())
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(one_line, quote=False))


def format_date(value: str | datetime.date | None) -> str:
    """Return a date or partial date (`2015`, `2015-06`, `2015-06/2015-09`) in German words."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        value = value.isoformat()
    start, _, end = value.partition("/")
    if not end:
        return _format_day(start)
    same_year = start[:4] == end[:4] and len(start) == len(end) == 7
    first = MONTHS[int(start[5:7]) - 1] if same_year else _format_day(start)
    return f"{first} bis {_format_day(end)}"


def _format_day(value: str) -> str:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = MONTHS[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]}. {month} {parts[0]}"


def format_euro(amount: Decimal) -> str:
    """Return an amount the German way: `49.908,00 €`."""
    text = f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{text}\u00a0€"


def quote_url(url: str) -> str:
    """Return `url` safe to stand inside a Markdown link target."""
    return quote(url, safe=_URL_SAFE).replace("(", "%28").replace(")", "%29")


class Citations:
    """Numbers the sources a page cites, in order of first citation."""

    def __init__(self, sources: dict[str, Any]) -> None:
        self._sources = sources
        self._numbers: dict[str, int] = {}

    def numbers(self, source_ids: list[str]) -> list[int]:
        """Return the page's numbers for `source_ids`, numbering new ones."""
        for source_id in source_ids:
            self._numbers.setdefault(source_id, len(self._numbers) + 1)
        return sorted({self._numbers[source_id] for source_id in source_ids})

    def newest_date(self, source_ids: list[str]) -> str | None:
        """Return the newest date of the sources `source_ids`, as precise as that source gives
        it (a period counts by its end; within one year, the more precise); None if none has
        a date."""
        dates = [date for sid in source_ids if (date := self._sources[sid].date)]
        return max(dates, key=lambda date: date.split("/")[-1], default=None)

    def listed(self) -> list[tuple[int, str, Any]]:
        """Return `(number, id, source)` for every source cited so far."""
        return [(n, sid, self._sources[sid]) for sid, n in self._numbers.items()]


@functools.cache
def compiled_templates() -> jinja2.BytecodeCache:
    """Compiled templates, kept between builds and processes in the user's temporary folder: a
    template (ours or the theme's) is compiled again only when its text changes."""
    return jinja2.FileSystemBytecodeCache()


def create_environment(templates_dir: Path) -> jinja2.Environment:
    """Return the Jinja2 environment: strict about undefined names, Markdown filters loaded.

    Every filter that writes text (`md`, `date`, `euro`) escapes it for Markdown."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        undefined=jinja2.StrictUndefined,
        autoescape=lambda name: (name or "").endswith((".xml.j2", ".svg.j2")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=compiled_templates(),
    )
    environment.filters.update(
        md=escape_markdown,
        date=lambda value: escape_markdown(format_date(value)),
        euro=lambda value: escape_markdown(format_euro(value)),
        url=quote_url,
        uuid=lambda text: str(uuid.uuid5(uuid.NAMESPACE_URL, f"soziale-treffpunkte:{text}")),
    )
    environment.globals.update(link=_link, web_path=web_path)
    return environment


def web_path(page: str) -> str:
    """Return the address of page `page` relative to the site root (`a/b.md#x` → `a/b/#x`)."""
    path, _, anchor = page.partition("#")
    folder = path.removesuffix(".md").removesuffix("index")
    folder = folder if folder.endswith("/") or not folder else folder + "/"
    return quote_url(folder + (f"#{anchor}" if anchor else ""))


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, target: str) -> str:
    """Return the path of page `target` (`dir/page.md#anchor`) relative to the current page."""
    path, _, anchor = target.partition("#")
    here = posixpath.dirname(context["page_path"])
    relative = posixpath.relpath(path, here or ".") if path else ""
    return quote_url(relative + (f"#{anchor}" if anchor else ""))


def render_page(environment: jinja2.Environment, template: str, page_path: str, **data: Any) -> str:
    """Return the Markdown of page `page_path` from `template`, normalised to end in one newline.

    Raises ContentError naming the template file and line when a template is broken."""
    try:
        text = environment.get_template(template).render(page_path=page_path, **data)
    except jinja2.TemplateError as error:
        raise ContentError([_template_problem(template, error)]) from None
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _template_problem(template: str, error: jinja2.TemplateError) -> Problem:
    path, line = template, 1
    if isinstance(error, jinja2.TemplateSyntaxError):
        path, line = error.filename or template, error.lineno
    else:
        frames = [
            f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")
        ]
        if frames:
            path, line = frames[-1].filename, frames[-1].lineno or 1
    return Problem(path, line, 1, "", f"Vorlage: {error.message}")
