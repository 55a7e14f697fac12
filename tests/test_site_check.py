"""The site check (`python -m generator check SITE_DIR`, generator/check/): whatever engine built
the site, nothing is published with markup the Content Security Policy would block, a link or
anchor that leads nowhere, missing server files or a data file that does not parse.

Each defect is planted into a copy of the built fixture site and must be reported with the file
it is in; `make site` with a defect fails and leaves the published site as it was.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from support import FIXTURE, REPO, TEMPLATES, build, file_hashes, generator_command, write_config
from test_publishing import make, repository_files

from generator.check.markup import unsafe_markup
from generator.cli import main

# --- One page's markup ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p class="a">text &lt;script&gt;</p>', None),
        ('<a title="&quot; onclick=&quot;x">t</a>', None),
        ('<script src="../js/site.js"></script>', None),
        ('<script id="__config" type="application/json">{"a": 1}</script>', None),
        ('<a href="mailto:a@example.org">a</a><a href="#x">b</a>', None),
        ('<a href="https://example.org/">a</a><a href="tel:+3287000000">b</a>', None),
        ('<a href="jav&amp;#x09;ascript:x">a</a>', None),  # a browser reads a relative URL
        ("<!-- <script>alert(1)</script> --><textarea><script>x</script></textarea>", None),
        ("<script>alert(1)</script>", "Inline-Skript"),
        ("<SCRIPT type=module>alert(1)</SCRIPT>", "Inline-Skript"),
        ('<script type="text/json ">{}</script>', "Inline-Skript"),
        ('<script src="https://cdn.example.org/x.js"></script>', "Skript von anderem Host"),
        ('<script src="//cdn.example.org/x.js"></script>', "Skript von anderem Host"),
        ('<script src="\\\\cdn.example.org/x.js"></script>', "Skript von anderem Host"),
        ('<script src="/\\cdn.example.org/x.js"></script>', "Skript von anderem Host"),
        ('<p style="color:red">', "Attribut style"),
        ("<style>body{}</style>", "Inline-Stil"),
        ("<svg><style>rect{}</style></svg>", "Inline-Stil"),
        ("<img src=x onerror=alert(1)>", "Attribut onerror"),
        ("<svg/onload=alert(1)>", "Attribut onload"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', "Adresse in href"),
        ('<a href=" JavaScript:alert(1)">x</a>', "Adresse in href"),
        ('<a href="data:text/html,<p>x</p>">x</a>', "Adresse in href"),
        ('<a href="file:///etc/passwd">x</a>', "Adresse in href"),
        ('<a href="//example.org/x">x</a>', "Adresse in href"),
        ('<a href="//">x</a>', "Adresse in href"),
        ('<img src="data:image/svg+xml,x">', "Adresse in src"),
        ('<img srcset="a.png 1x, javascript:x 2x">', "Adresse in srcset"),
        ('<form action="javascript:x"></form>', "Adresse in action"),
        ('<svg><a xlink:href="javascript:x"><text>t</text></a></svg>', "Adresse in xlink:href"),
        ('<meta http-equiv="refresh" content="0; url=javascript:x">', "Adresse in content"),
    ],
)
def test_the_check_finds_what_the_policy_would_block(html: str, expected: str | None) -> None:
    found = unsafe_markup(html)
    assert found == [] if expected is None else (len(found) == 1 and expected in found[0]), found


# --- A built site ---------------------------------------------------------------------------


def check(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run `python -m generator check SITE` here; return its status, output and errors."""
    status = main(["check", str(site)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def site_copy(fixture_site: Path, tmp_path: Path) -> Path:
    """A writable copy of the built fixture site, to break on purpose."""
    return Path(shutil.copytree(fixture_site, tmp_path / "site"))


def test_the_built_sites_pass(
    site: Path, fixture_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for built in (site, fixture_site):
        status, out, err = check(built, capsys)
        assert (status, err) == (0, ""), err
        summary = r"\d+ Seiten, \d+ SVG-Dateien, \d+ Datendateien und \d+ Verweise geprüft"
        assert re.fullmatch(rf"{re.escape(str(built))}: {summary}, keine Probleme\n", out), out


def in_article(html: str) -> Callable[[Path], None]:
    """Plant `html` at the end of the home page's article."""

    def plant(site: Path) -> None:
        page = site / "index.html"
        text = page.read_text(encoding="utf-8")
        assert text.count("</article>") == 1
        page.write_text(text.replace("</article>", html + "</article>"), encoding="utf-8")

    return plant


def written(name: str, data: bytes | None) -> Callable[[Path], None]:
    """Replace the file `name` of the site with `data` (None: delete it)."""

    def plant(site: Path) -> None:
        assert (site / name).is_file()
        if data is None:
            (site / name).unlink()
        else:
            (site / name).write_bytes(data)

    return plant


def in_svg(attribute: str) -> Callable[[Path], None]:
    def plant(site: Path) -> None:
        svg = site / "empfehlungen" / "status.svg"
        svg.write_text(svg.read_text(encoding="utf-8").replace("<svg ", f"<svg {attribute} ", 1))

    return plant


FIXTURE_PAGES_SEARCHED = 25
"""The fixture site's pages with a part for the search: all but the 404 page and the profiles."""

PLANTED = [
    pytest.param(
        in_article("<script>window.x = 1</script>"),
        ["index.html: Inline-Skript: <script>window.x = 1</script>"],
        id="inline-script",
    ),
    pytest.param(
        in_article("<style>p { color: red }</style>"),
        ["index.html: Inline-Stil: <style>p { color: red }</style>"],
        id="style-element",
    ),
    pytest.param(
        in_article('<p style="color: red">rot</p>'),
        ['index.html: Attribut style: <p style="color: red">'],
        id="style-attribute",
    ),
    pytest.param(
        in_article('<a href="#" onclick="x()">x</a>'),
        ['index.html: Attribut onclick: <a href="#" onclick="x()">'],
        id="onclick",
    ),
    pytest.param(
        in_article('<a href="javascript:alert(1)">x</a>'),
        ['index.html: Adresse in href: <a href="javascript:alert(1)">'],
        id="javascript-url",
    ),
    pytest.param(
        in_article('<a href="jav&#x09;ascript:alert(1)">x</a>'),
        ['index.html: Adresse in href: <a href="jav\\tascript:alert(1)">'],
        id="javascript-url-with-tab-entity",
    ),
    pytest.param(
        in_article('<script src="https://cdn.example.org/x.js"></script>'),
        ['index.html: Skript von anderem Host: <script src="https://cdn.example.org/x.js">'],
        id="script-from-another-host",
    ),
    pytest.param(
        in_article('<a href="gibtesnicht/">x</a>'),
        ["index.html: Verweis auf gibtesnicht/: Ziel fehlt"],
        id="broken-link",
    ),
    pytest.param(
        in_article('<a href="treffpunkte/#gibtesnicht">x</a>'),
        [
            "index.html: Verweis auf treffpunkte/#gibtesnicht: "
            "kein Element mit id „gibtesnicht“ in treffpunkte/index.html"
        ],
        id="broken-anchor",
    ),
    pytest.param(
        in_article('<a href="https://example.org/gibtesnicht/#nirgends">x</a>'),
        [],
        id="external-link-not-followed",
    ),
    pytest.param(
        written("_headers", None),
        ["_headers: fehlt, ohne sie sendet der Server keine Sicherheitsregeln"],
        id="no-headers-file",
    ),
    pytest.param(
        written("nginx-security-headers.conf", b'add_header X-Frame-Options "DENY";\n'),
        [
            "nginx-security-headers.conf: weicht von der Fassung ab, die der Build schreibt, "
            "ohne die Content Security Policy der Website"
        ],
        id="nginx-file-without-policy",
    ),
    pytest.param(
        written("daten/datapackage.json", b'{"name": "x",}'),
        [
            "daten/datapackage.json: kein gültiges JSON (Zeile 1, Spalte 14: "
            "Expecting property name enclosed in double quotes)"
        ],
        id="unparseable-data-file",
    ),
    pytest.param(
        written("pagefind/pagefind-entry.json", None),
        [
            "pagefind/pagefind-entry.json: fehlt, die Suche fände nichts "
            "(python -m pagefind --site …)"
        ],
        id="no-search-index",
    ),
    pytest.param(
        written("pagefind/pagefind-entry.json", b'{"languages": {"de": {"page_count": 1}}}'),
        [
            "pagefind/pagefind-entry.json: 1 Seiten im Suchindex, "
            f"{FIXTURE_PAGES_SEARCHED} Seiten zu durchsuchen"
        ],
        id="search-index-of-another-build",
    ),
    pytest.param(
        written("pagefind/pagefind-entry.json", b'{"languages": []}'),
        ["pagefind/pagefind-entry.json: kein Suchindex, den Pagefind lesen kann"],
        id="unreadable-search-index",
    ),
    pytest.param(
        in_svg('onload="alert(1)"'),
        ['empfehlungen/status.svg: Attribut onload: <svg onload="alert(1)" viewBox="0 0 640 '],
        id="svg-event-handler",
    ),
]


@pytest.mark.parametrize(("plant", "expected"), PLANTED)
def test_a_planted_defect_is_reported(
    site_copy: Path,
    plant: Callable[[Path], None],
    expected: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    plant(site_copy)
    status, out, err = check(site_copy, capsys)
    if not expected:
        assert (status, err) == (0, ""), err
        return
    lines = err.splitlines()
    assert status == 1 and out == ""
    assert lines[-1] == f"{len(expected)} Problem(e) in {site_copy}"
    if expected[0].endswith(" "):  # the start tag is long: its beginning is enough
        assert len(lines) == 2 and lines[0].startswith(expected[0]), lines
    else:
        assert lines[:-1] == expected


def test_the_command_names_what_it_cannot_check(tmp_path: Path) -> None:
    """Run as `make site` runs it: a missing folder or a file is a plain message, never a
    traceback; problems give status 1."""
    (tmp_path / "datei.html").write_text("<p>x</p>", encoding="utf-8")
    for target, status, message in [
        (tmp_path / "fehlt", 2, "kein Ordner; erwartet wird der Ordner einer gebauten Website"),
        (tmp_path / "datei.html", 2, "kein Ordner; erwartet wird der Ordner einer gebauten"),
        (tmp_path, 1, "_headers: fehlt, ohne sie sendet der Server keine Sicherheitsregeln"),
    ]:
        result = generator_command("check", str(target))
        assert result.returncode == status, result.stderr
        assert message in result.stderr and "Traceback" not in result.stderr, result.stderr


# --- Built by MkDocs, published by `make site` ----------------------------------------------

INLINE = '\n<script>window.x = 1</script>\n\n[Link](https://example.org){ onclick="x()" }\n'
"""What a template must never write (attribute lists are on for the pages' Markdown)."""


def test_a_template_that_writes_an_inline_script_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = shutil.copytree(TEMPLATES, tmp_path / "templates")
    page = templates / "programme.md.j2"
    page.write_text(page.read_text(encoding="utf-8") + INLINE, encoding="utf-8")
    result = build(write_config(tmp_path, FIXTURE, templates), tmp_path / "out", cwd=REPO)
    assert result.returncode == 0, result.stderr  # the engine writes it; the check stops it

    status, _, err = check(tmp_path / "out", capsys)

    assert status == 1
    assert "grundlagen/index.html: Inline-Skript: <script>window.x = 1</script>" in err
    assert 'grundlagen/index.html: Attribut onclick: <a href="https://example.org" onclick=' in err


def test_a_broken_static_data_file_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file the engine copies from the static folder is published like the generated ones."""
    static = Path(shutil.copytree(TEMPLATES / "static", tmp_path / "static"))
    (static / "daten.json").write_text('{"ort": "Eupen", "ort": "Kelmis"}', encoding="utf-8")
    result = build(write_config(tmp_path, FIXTURE, docs_dir=static), tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr

    status, _, err = check(tmp_path / "out", capsys)

    assert status == 1
    assert "daten.json: Schlüssel „ort“ steht zweimal im selben Objekt" in err


@pytest.mark.parametrize(
    ("template", "added", "reported"),
    [
        (
            "programme.md.j2",
            INLINE,
            "grundlagen/index.html: Inline-Skript: <script>window.x = 1</script>",
        ),
        ("feed.xml.j2", "<kaputt>\n", "aenderungen.xml: kein wohlgeformtes XML (Zeile"),
    ],
)
def test_make_site_publishes_nothing_that_fails_the_check(
    tmp_path: Path, template: str, added: str, reported: str
) -> None:
    """`make site` in a copy of the repository (sharing its .venv, as in test_publishing): a
    template that writes an inline script, or a feed that is not well-formed XML, fails the
    check, and the site published before stays."""
    repository = tmp_path / "repo"
    for name in repository_files():
        (repository / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, repository / name)
    (repository / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)
    dry_run = make("-n", "site", cwd=repository)
    assert "pip " not in dry_run.stdout and "-m venv" not in dry_run.stdout, dry_run.stdout
    first = make("site", cwd=repository)
    assert first.returncode == 0, f"make site failed:\n{first.stdout}\n{first.stderr}"
    before = file_hashes(repository / "site")
    page = repository / "site_templates" / template
    page.write_text(page.read_text(encoding="utf-8") + added, encoding="utf-8")

    result = make("site", cwd=repository)

    assert result.returncode != 0
    assert reported in result.stderr, result.stderr
    assert file_hashes(repository / "site") == before
