"""No broken link: every `href`/`src` in the built HTML leads to a file of the site and, with a
`#fragment`, to an element of that page (tests/linkcheck.py).

MkDocs' own `validation` settings only look at Markdown links; links written by the theme, the
templates and raw HTML are checked here, in the HTML a reader gets. External links are not
followed (that needs the network and belongs in a scheduled job).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from linkcheck import broken_links, check_link
from support import CONTENT, FIXTURE, load_yaml


def site_url(content: Path) -> str | None:
    """The address the site is published at (`url` in site.yaml), if the content names one."""
    url = load_yaml(content / "site.yaml").get("url")
    return str(url) if url else None


@pytest.fixture(scope="module")
def real_site(site: Path) -> Path:
    """The real content's build, shared with the other tests of the session."""
    return site


@pytest.fixture
def site_copy(fixture_site: Path, tmp_path: Path) -> Path:
    """A writable copy of the built fixture site, to break on purpose."""
    return Path(shutil.copytree(fixture_site, tmp_path / "site"))


# --- The built sites ------------------------------------------------------------------------


def test_real_site_has_no_broken_link(real_site: Path) -> None:
    assert broken_links(real_site, site_url(CONTENT)) == []


def test_fixture_site_has_no_broken_link(fixture_site: Path) -> None:
    assert broken_links(fixture_site, site_url(FIXTURE)) == []


def test_fixture_site_links_reach_its_own_address(fixture_site: Path) -> None:
    """The fixture names a public address; absolute links to it are checked, not skipped."""
    url = site_url(FIXTURE)
    assert url is not None
    html = "\n".join(p.read_text(encoding="utf-8") for p in fixture_site.rglob("*.html"))
    assert f'href="{url}' in html, "expected the fixture site to link to its own address"


# --- The check can fail ---------------------------------------------------------------------


def new_problems(site: Path, before: list[str]) -> set[str]:
    return set(broken_links(site, site_url(FIXTURE))) - set(before)


def test_a_deleted_page_is_reported(site_copy: Path) -> None:
    before = broken_links(site_copy, site_url(FIXTURE))
    (site_copy / "treffpunkte" / "alpha" / "index.html").unlink()
    found = new_problems(site_copy, before)
    assert "treffpunkte/index.html -> alpha/: no such file" in found
    assert "index.html -> treffpunkte/alpha/: no such file" in found
    assert all("alpha" in p and p.endswith(": no such file") for p in found), found


def test_a_missing_anchor_is_reported(site_copy: Path) -> None:
    before = broken_links(site_copy, site_url(FIXTURE))
    page = site_copy / "treffpunkte" / "alpha" / "index.html"
    html = page.read_text(encoding="utf-8")
    article = html.index("<article")
    match = re.compile(r'<a href="([^"#]*)#([^"]+)"').search(html, article)
    assert match is not None, "expected a link with a fragment in the article"
    prefix, fragment = match.groups()
    edited = html[: match.start()] + f'<a href="{prefix}#gibtesnicht"' + html[match.end() :]
    page.write_text(edited, encoding="utf-8")
    found = new_problems(site_copy, before)
    assert found == {
        f"treffpunkte/alpha/index.html -> {prefix}#gibtesnicht: no element with id 'gibtesnicht'"
    }, f"changed the link to #{fragment}"


def test_a_raw_html_link_to_nowhere_is_reported(site_copy: Path) -> None:
    before = broken_links(site_copy, site_url(FIXTURE))
    page = site_copy / "index.html"
    html = page.read_text(encoding="utf-8")
    assert html.count("</article>") == 1
    raw = '<p><a href="gibtesnicht.html">Hier</a></p></article>'
    page.write_text(html.replace("</article>", raw), encoding="utf-8")
    assert new_problems(site_copy, before) == {"index.html -> gibtesnicht.html: no such file"}


# --- What the checker accepts and rejects (a hand-written site) -----------------------------

PAGE = """<!doctype html><html lang="de"><head><title>t</title>{head}</head>
<body>{body}</body></html>"""


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    files = {
        "index.html": PAGE.format(head="", body='<h1 id="start">Start</h1>'),
        "teil/index.html": PAGE.format(
            head="",
            body='<h2 id="abschnitt">A</h2><a name="alt">B</a><h2 id="über">C</h2>'
            '<p id="__drawer">Material</p><p id="fn:1">Fußnote</p>',
        ),
        "ümlaut/index.html": PAGE.format(head="", body="<p>ü</p>"),
        "bild.png": "png",
        "daten/inhalte/site.yaml": "title: x\n",
        "404.html": PAGE.format(head="", body='<a href="/teil/">Teil</a>'),
    }
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return site


@pytest.mark.parametrize(
    "href",
    [
        "teil/",
        "teil",  # a folder: a static server redirects to teil/
        "teil/index.html",
        "/teil/",
        "./teil/#abschnitt",
        "teil/#alt",  # <a name>
        "teil/#%C3%BCber",
        "teil/#über",
        "teil/#__drawer",
        "teil/#fn:1",
        "%C3%BCmlaut/",
        "",
        ".",
        "?q=1",
        "#",
        "#top",
        "#start",
        "teil/#",
        "bild.png",
        "daten/inhalte/site.yaml#L1",  # fragments of other files are theirs to interpret
        "https://example.org/fehlt/",
        "http://example.org",
        "mailto:redaktion@example.org",
        "tel:+3287000000",
    ],
)
def test_links_that_work(tiny_site: Path, href: str) -> None:
    assert check_link(tiny_site, tiny_site / "index.html", href) is None


@pytest.mark.parametrize(
    ("href", "reason"),
    [
        ("fehlt/", "no such file"),
        ("fehlt.html", "no such file"),
        ("/fehlt/", "no such file"),
        ("bild.png/", "no such file"),
        ("teil/#nirgends", "no element with id 'nirgends'"),
        ("#nirgends", "no element with id 'nirgends'"),
        ("teil/#%C3%A4", "no element with id 'ä'"),
        ("data:text/html,<p>x</p>", "scheme 'data' is not allowed"),
        ("javascript:alert(1)", "scheme 'javascript' is not allowed"),
        ("JavaScript:alert(1)", "scheme 'javascript' is not allowed"),
        ("file:///etc/passwd", "scheme 'file' is not allowed"),
        ("//example.org/x.js", "protocol-relative link to host 'example.org'"),
        ("//", "protocol-relative link to host ''"),
    ],
)
def test_links_that_are_broken(tiny_site: Path, href: str, reason: str) -> None:
    assert check_link(tiny_site, tiny_site / "index.html", href) == reason


def test_links_resolve_against_the_page(tiny_site: Path) -> None:
    page = tiny_site / "teil" / "index.html"
    assert check_link(tiny_site, page, "..") is None
    assert check_link(tiny_site, page, "../") is None
    assert check_link(tiny_site, page, "../#start") is None
    assert check_link(tiny_site, page, "#abschnitt") is None
    assert check_link(tiny_site, page, "teil/") == "no such file"
    assert check_link(tiny_site, page, "../../../../bild.png") is None  # browsers stop at /


def test_the_not_found_page_needs_root_relative_links(tiny_site: Path) -> None:
    """404.html is served at the address that was not found, so `teil/` could be anywhere."""
    page = tiny_site / "404.html"
    assert check_link(tiny_site, page, "/teil/") is None
    assert check_link(tiny_site, page, "/.") is None
    assert check_link(tiny_site, page, "#start") is not None  # 404.html has no such id
    assert check_link(tiny_site, page, "teil/") == (
        "relative link on the 404 page, which is served at any address"
    )


def test_links_to_the_site_address_are_checked(tiny_site: Path) -> None:
    page = tiny_site / "index.html"
    url = "https://treffpunkte.example.org/"
    assert check_link(tiny_site, page, f"{url}teil/#abschnitt", url) is None
    assert check_link(tiny_site, page, f"{url}fehlt/", url) == "no such file"
    assert check_link(tiny_site, page, f"{url}fehlt/") is None  # no address given: external
    assert check_link(tiny_site, page, "/teil/", "https://example.org/unter/") == (
        "outside the site's root /unter/"
    )
    assert check_link(tiny_site, page, "/unter/teil/", "https://example.org/unter/") is None


def test_every_kind_of_reference_is_checked(tiny_site: Path) -> None:
    head = (
        '<link rel="stylesheet" href="fehlt.css"><script src="fehlt.js"></script>'
        '<link rel="icon" href="bild.png">'
    )
    body = (
        '<a href="fehlt-a/">a</a><img src="fehlt.png" alt=""><img srcset="bild.png 1x, '
        'fehlt-2x.png 2x" alt=""><iframe src="fehlt-iframe.html"></iframe>'
        '<video><source src="fehlt.webm"></video><img src="data:image/png;base64,AA" alt="">'
        # not markup: a comment, script text and escaped code
        '<!-- <a href="kommentar.html"> --><script>let s = \'<a href="script.html">\';</script>'
        "<pre><code>&lt;a href=&quot;code.html&quot;&gt;</code></pre>"
    )
    (tiny_site / "seite.html").write_text(PAGE.format(head=head, body=body), encoding="utf-8")
    assert broken_links(tiny_site) == [
        "seite.html -> data:image/png;base64,AA: scheme 'data' is not allowed",
        "seite.html -> fehlt-2x.png: no such file",
        "seite.html -> fehlt-a/: no such file",
        "seite.html -> fehlt-iframe.html: no such file",
        "seite.html -> fehlt.css: no such file",
        "seite.html -> fehlt.js: no such file",
        "seite.html -> fehlt.png: no such file",
        "seite.html -> fehlt.webm: no such file",
    ]
