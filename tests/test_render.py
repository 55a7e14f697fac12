"""Render: plain text renders exactly as typed; dates and amounts read the German way."""

from __future__ import annotations

import datetime
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import markdown
import pytest
import yaml
from markdown.extensions.footnotes import FootnoteExtension
from mkdocs.utils.meta import get_data
from support import CONTENT, FIXTURE, REPO, TEMPLATES

from generator.build import build_pages
from generator.content.problems import ContentError
from generator.engine import inline_syntax
from generator.engine.footnotes import makeExtension
from generator.pages.render import (
    create_environment,
    escape_markdown,
    format_date,
    format_euro,
    render_page,
)

PROBES = [
    "2024. Haushaltsjahr",
    "+ 3 %",
    "- kein Listenpunkt",
    "<Platzhalter>",
    "AT&T",
    "&amp; bleibt so",
    "# keine Überschrift",
    "> kein Zitat",
    "[Entwurf](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "*nicht kursiv* und __nicht fett__",
    "a | b | c",
    "`kein Code`",
    "Text { onclick=alert(1) }",
    "!!! note",
    "    eingerückt",
    "Zeile eins\nZeile zwei",
    "\\ Rückstrich",
]


class TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def site_markdown(text: str) -> str:
    """Render with the Markdown extensions the site uses (read from mkdocs.yml)."""
    return site_converter().convert(text)


def site_converter(leave_out: str = "") -> markdown.Markdown:
    """Python-Markdown with the extensions in mkdocs.yml, except `leave_out`."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name != leave_out:
            names.append(name)
            configs[name] = options
    return markdown.Markdown(extensions=names, extension_configs=configs)


def test_pages_use_no_inline_syntax_that_the_site_leaves_out(tmp_path: Path) -> None:
    """Every page of the real content, the fixture and generated scale-test content gives the
    same HTML with all of Python-Markdown's inline syntax as without what
    `generator.engine.inline_syntax` leaves out."""
    bench = tmp_path / "bench"
    command = [sys.executable, "bench/content.py", "30", str(bench)]
    subprocess.run(command, cwd=REPO, check=True, timeout=120)
    site, full = site_converter(), site_converter(leave_out="generator.engine.inline_syntax")
    assert len(full.inlinePatterns) == len(site.inlinePatterns) + len(inline_syntax.UNUSED)
    compared = 0
    for content in (CONTENT, FIXTURE, bench):
        for path, page in build_pages(content, TEMPLATES).pages.items():
            text = get_data(page.markdown)[0]
            assert site.reset().convert(text) == full.reset().convert(text), path
            compared += 1
    assert compared > 100


@pytest.mark.parametrize("text", PROBES)
def test_plain_text_renders_exactly_as_typed(text: str) -> None:
    parsed = TextOf()
    parsed.feed(site_markdown(f"Vorher {escape_markdown(text)} nachher"))
    assert parsed.tags == ["p"]
    assert parsed.text == f"Vorher {' '.join(text.split())} nachher"


@pytest.mark.parametrize("text", PROBES)
def test_plain_text_in_a_table_cell_stays_in_its_cell(text: str) -> None:
    parsed = TextOf()
    parsed.feed(site_markdown(f"| a | b |\n|---|---|\n| {escape_markdown(text)} | x |\n"))
    assert parsed.tags.count("td") == 2
    assert " ".join(text.split()) in parsed.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015", "2015"),
        ("2015-06", "Juni 2015"),
        ("2015-09-02", "2. September 2015"),
        ("2015-06/2015-09", "Juni bis September 2015"),
        ("2012/2013", "2012 bis 2013"),
        ("2016-12-06/2017-01", "6. Dezember 2016 bis Januar 2017"),
        (datetime.date(2026, 11, 24), "24. November 2026"),
    ],
)
def test_dates_read_in_german(value: str | datetime.date, expected: str) -> None:
    assert format_date(value) == expected


def test_amounts_read_in_german() -> None:
    assert format_euro(Decimal("49908.00")) == "49.908,00\u00a0€"
    assert format_euro(Decimal("1234567.5")) == "1.234.567,50\u00a0€"


def test_undefined_template_name_fails_loudly(tmp_path: Path) -> None:
    (tmp_path / "page.md.j2").write_text("# {{ titel }}\n")
    with pytest.raises(ContentError, match=r"page\.md\.j2:1:1: Vorlage: 'titel' is undefined"):
        render_page(create_environment(tmp_path), "page.md.j2", "page.md")


def test_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "page.md.j2").write_text("# Titel\n\n{% if %}\n")
    with pytest.raises(ContentError, match=r"page\.md\.j2:3:1: "):
        render_page(create_environment(tmp_path), "page.md.j2", "page.md")


def test_links_are_relative_to_the_page(tmp_path: Path) -> None:
    (tmp_path / "page.md.j2").write_text("[a]({{ link('treffpunkte/alpha.md#x') }})\n")
    environment = create_environment(tmp_path)
    assert (
        render_page(environment, "page.md.j2", "parlament/frage.md")
        == "[a](../treffpunkte/alpha.md#x)\n"
    )
    assert render_page(environment, "page.md.j2", "index.md") == "[a](treffpunkte/alpha.md#x)\n"


def test_environment_is_strict() -> None:
    assert create_environment(REPO / "site_templates").undefined is jinja2.StrictUndefined


def test_dates_at_the_start_of_a_list_item_stay_dates(tmp_path: Path) -> None:
    (tmp_path / "page.md.j2").write_text("- {{ day|date }}: geschlossen\n")
    markdown_text = render_page(
        create_environment(tmp_path), "page.md.j2", "p.md", day="2026-12-03"
    )
    parsed = TextOf()
    parsed.feed(site_markdown(markdown_text))
    assert parsed.tags == ["ul", "li"]
    assert parsed.text.strip() == "3. Dezember 2026: geschlossen"


def test_footnotes_give_python_markdowns_output_in_linear_time() -> None:
    """`generator.engine.footnotes` changes how back-link ids are found, not what they are."""
    config = {"BACKLINK_TITLE": "Zurück zum Verweis %d im Text", "SUPERSCRIPT_TEXT": "[{}]"}
    rows = "\n".join(f"- Zeile {n}[^a]{'[^b]' * (n % 3)}[^{n % 7}]" for n in range(300))
    notes = "\n".join(f"[^{key}]: Quelle {key}" for key in ["a", "b", *map(str, range(7))])
    text = f"{rows}\n\nNoch einmal[^a] und[^b].\n\n{notes}\n"
    stock = markdown.Markdown(extensions=[FootnoteExtension(**config), "toc"])
    ours = markdown.Markdown(extensions=[makeExtension(**config), "toc"])
    expected = stock.convert(text)
    assert 'href="#fnref300:a"' in expected and 'id="fnref301:a"' in expected
    assert ours.convert(text) == expected
    stock.reset(), ours.reset()
    assert ours.convert(text) == stock.convert(text)  # and again after a reset
