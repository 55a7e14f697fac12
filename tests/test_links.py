"""No broken link: every `href`/`src` in the built HTML leads to a file of the site and, with a
`#fragment`, to an element of that page (generator/check/links.py, part of the site check).

MkDocs' own `validation` settings only look at Markdown links; links written by the theme, the
templates and raw HTML are checked here, in the HTML a reader gets. External links are not
followed (that needs the network and belongs in a scheduled job).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from support import CONTENT, FIXTURE, load_yaml

from generator.check.links import Links, broken_links, site_address
from generator.check.site import read_page, read_pages


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


def links_of(site: Path) -> list[str]:
    """The broken links of a built site, as the site check reports them."""
    return broken_links(site, read_pages(site))


def check_link(site: Path, page: Path, url: str, site_url: str | None = None) -> str | None:
    """Why `url` on `page` (a file in `site`) does not lead where it should, or None."""
    name = page.relative_to(site).as_posix()
    return Links(site, read_pages(site), site_url).problem(name, url)


# --- The built sites ------------------------------------------------------------------------


def test_real_site_has_no_broken_link(real_site: Path) -> None:
    assert site_address(read_pages(real_site)) == site_url(CONTENT)
    assert links_of(real_site) == []


def test_fixture_site_has_no_broken_link(fixture_site: Path) -> None:
    assert links_of(fixture_site) == []


def test_fixture_site_links_reach_its_own_address(fixture_site: Path) -> None:
    """The fixture names a public address; the check finds it in the site (the home page's
    canonical link), and absolute links to it are checked, not skipped."""
    url = site_url(FIXTURE)
    assert url is not None
    assert site_address(read_pages(fixture_site)) == url
    html = "\n".join(p.read_text(encoding="utf-8") for p in fixture_site.rglob("*.html"))
    assert f'href="{url}' in html, "expected the fixture site to link to its own address"


# --- The check can fail ---------------------------------------------------------------------


def new_problems(site: Path, before: list[str]) -> set[str]:
    return set(links_of(site)) - set(before)


def test_a_deleted_page_is_reported(site_copy: Path) -> None:
    before = links_of(site_copy)
    (site_copy / "treffpunkte" / "alpha" / "index.html").unlink()
    found = new_problems(site_copy, before)
    assert "treffpunkte/index.html: Verweis auf alpha/: Ziel fehlt" in found
    assert "index.html: Verweis auf treffpunkte/alpha/: Ziel fehlt" in found
    assert all("alpha" in p and p.endswith(": Ziel fehlt") for p in found), found


def test_a_missing_anchor_is_reported(site_copy: Path) -> None:
    before = links_of(site_copy)
    page = site_copy / "treffpunkte" / "alpha" / "index.html"
    html = page.read_text(encoding="utf-8")
    article = html.index("<article")
    match = re.compile(r'<a href="([^"#]*)#([^"]+)"').search(html, article)
    assert match is not None, "expected a link with a fragment in the article"
    prefix, fragment = match.groups()
    edited = html[: match.start()] + f'<a href="{prefix}#gibtesnicht"' + html[match.end() :]
    page.write_text(edited, encoding="utf-8")
    found = new_problems(site_copy, before)
    target = urlsplit(urljoin("http://site/treffpunkte/alpha/index.html", prefix)).path[1:]
    target += "index.html" if target.endswith("/") else ""
    assert found == {
        f"treffpunkte/alpha/index.html: Verweis auf {prefix}#gibtesnicht: "
        f"kein Element mit id „gibtesnicht“ in {target}"
    }, f"changed the link to #{fragment}"


def test_a_raw_html_link_to_nowhere_is_reported(site_copy: Path) -> None:
    before = links_of(site_copy)
    page = site_copy / "index.html"
    html = page.read_text(encoding="utf-8")
    assert html.count("</article>") == 1
    raw = '<p><a href="gibtesnicht.html">Hier</a></p></article>'
    page.write_text(html.replace("</article>", raw), encoding="utf-8")
    assert new_problems(site_copy, before) == {
        "index.html: Verweis auf gibtesnicht.html: Ziel fehlt"
    }


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
        ("fehlt/", "Ziel fehlt"),
        ("fehlt.html", "Ziel fehlt"),
        ("/fehlt/", "Ziel fehlt"),
        ("bild.png/", "Ziel fehlt"),
        ("teil/#nirgends", "kein Element mit id „nirgends“ in teil/index.html"),
        ("#nirgends", "kein Element mit id „nirgends“ in index.html"),
        ("teil/#%C3%A4", "kein Element mit id „ä“ in teil/index.html"),
        ("http://[treffpunkte", "keine gültige Adresse (Invalid IPv6 URL)"),
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
    assert check_link(tiny_site, page, "teil/") == "Ziel fehlt"
    assert check_link(tiny_site, page, "../../../../bild.png") is None  # browsers stop at /


def test_the_not_found_page_needs_root_relative_links(tiny_site: Path) -> None:
    """404.html is served at the address that was not found, so `teil/` could be anywhere."""
    page = tiny_site / "404.html"
    assert check_link(tiny_site, page, "/teil/") is None
    assert check_link(tiny_site, page, "/.") is None
    assert check_link(tiny_site, page, "#start") is not None  # 404.html has no such id
    assert check_link(tiny_site, page, "teil/") == (
        "relativer Verweis auf der 404-Seite, die unter jeder Adresse ausgeliefert wird"
    )


def test_links_to_the_site_address_are_checked(tiny_site: Path) -> None:
    page = tiny_site / "index.html"
    url = "https://treffpunkte.example.org/"
    assert check_link(tiny_site, page, f"{url}teil/#abschnitt", url) is None
    assert check_link(tiny_site, page, f"{url}fehlt/", url) == "Ziel fehlt"
    assert check_link(tiny_site, page, f"{url}fehlt/") is None  # no address given: external
    assert check_link(tiny_site, page, "/teil/", "https://example.org/unter/") == (
        "außerhalb der Website (sie beginnt bei /unter/)"
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
    assert links_of(tiny_site) == [
        "seite.html: Verweis auf fehlt-2x.png: Ziel fehlt",
        "seite.html: Verweis auf fehlt-a/: Ziel fehlt",
        "seite.html: Verweis auf fehlt-iframe.html: Ziel fehlt",
        "seite.html: Verweis auf fehlt.css: Ziel fehlt",
        "seite.html: Verweis auf fehlt.js: Ziel fehlt",
        "seite.html: Verweis auf fehlt.png: Ziel fehlt",
        "seite.html: Verweis auf fehlt.webm: Ziel fehlt",
    ]
    # Other schemes are the markup check's (test_site_check.py): reported once, there.
    assert read_page(tiny_site / "seite.html")[0] == [
        'Adresse in src: <img src="data:image/png;base64,AA" alt="">',
        "Inline-Skript: <script>let s = '<a href=\"script.html\">';</script>",
    ]


RELATIVE_LINKS = [
    *["", "#", "#start", ".", "./", "..", "../", "../../../../bild.png", "./teil/#abschnitt"],
    *["teil", "teil/", "teil/.", "teil/..", "teil/./../teil/#alt", "teil/#x#y", "fehlt/../teil"],
    *["%C3%BCmlaut/", "ümlaut/", "bild.png/", "a/b/../../bild.png", "teil//", "teil/index.html#"],
]


@pytest.mark.parametrize("page", ["index.html", "teil/index.html", "ümlaut/index.html"])
def test_plain_relative_links_resolve_as_the_url_parser_resolves_them(
    tiny_site: Path, page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain relative paths are resolved without `urljoin`, for speed: with the same result."""
    pages = read_pages(tiny_site)
    links = Links(tiny_site, pages, site_address(pages))
    fast = [links.problem(page, url) for url in RELATIVE_LINKS]
    monkeypatch.setattr("generator.check.links._PLAIN", re.compile("(?!)"))
    assert fast == [links.problem(page, url) for url in RELATIVE_LINKS]
    assert fast.count(None) >= 5 and any(fast)  # links that work and links that do not
