"""Hostile content through the real build and a real browser: no payload may run.

A copy of the minimal fixture gets an XSS payload in every free-text field (tests/hostile.py),
passes validation, is built with `mkdocs build --strict`, and then:
- every HTML file is parsed: no event-handler attributes, no `javascript:`/`data:` URLs, no
  scripts but the site's own files and Material's inline scripts (the same set as for the
  unmodified fixture), and every payload shows up as plain visible text;
- every page is loaded in Chromium and every link on it is clicked: `window.__xss` stays empty
  and no dialog opens.
Typed fields (web addresses, e-mail) are not free text: unsafe values there must be rejected.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from hostile import (
    KINDS,
    PAYLOADS,
    TITLE_PAYLOADS,
    BrowserSweep,
    Scan,
    dump_yaml,
    location_of,
    payload_text,
    read_page,
    scan_site,
    scan_svg,
    set_path,
    site_urls,
    text_field_paths,
    text_values,
    write_hostile_content,
)
from playwright.sync_api import Browser
from support import (
    FIXTURE,
    TIMEOUT_MS,
    build,
    index_for_search,
    load_yaml,
    normal_text,
    serve_directory,
    validate_command,
    write_config,
)

from generator.content.problems import ContentError
from generator.content.validate import read_content
from generator.editors.fields import content_fields

SITE_TITLE = normal_text(TITLE_PAYLOADS[("site.yaml", "title")])
KIND_PAGES = {
    "meeting point": ("treffpunkte/alpha/",),
    "finding": ("evaluationen/reflexion/",),
    "recommendation": (
        "empfehlungen/empfehlung-vernetzung/",
        "empfehlungen/empfehlung-supervision/",
    ),
    "parliamentary item": ("parlament/frage/",),
    "commitment": (
        "zusagen/zusage-vernetzung/",
        "zusagen/zusage-bericht/",
        "zusagen/zusage-treffen/",
    ),
}
"""Where the payloads of each kind of item must show up as text."""
ITEM_TITLES = {
    "parlament/frage/index.html": ("parliament/frage.yaml", "title"),
    "treffpunkte/alpha/index.html": ("meeting_points/alpha.yaml", "name"),
    "treffpunkte/beta/index.html": ("meeting_points/beta.yaml", "name"),
    "evaluationen/reflexion/index.html": ("evaluations/reflexion.yaml", "title"),
    "empfehlungen/empfehlung-vernetzung/index.html": (
        "evaluations/reflexion.yaml",
        "recommendations[0].title",
    ),
    "zusagen/zusage-vernetzung/index.html": ("parliament/frage.yaml", "commitments[0].title"),
}
"""Pages whose `<title>` starts with a payload: the title of the item."""


def build_site(directory: Path, content: Path) -> Path:
    """Build `content` with the repository's settings into `directory/site`; fail loudly."""
    config = write_config(directory, content)
    result = build(config, directory / "site", cwd=directory)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return index_for_search(directory / "site")


@pytest.fixture(scope="module")
def hostile_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile_content(tmp_path_factory.mktemp("hostile") / "content")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, hostile_content: Path) -> Path:
    return build_site(tmp_path_factory.mktemp("hostile-site"), hostile_content)


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("clean-site"), FIXTURE)


@pytest.fixture(scope="module")
def hostile_scan(hostile_site: Path) -> Scan:
    return scan_site(hostile_site)


@pytest.fixture(scope="module")
def clean_scan(clean_site: Path) -> Scan:
    return scan_site(clean_site)


# --- The corpus -----------------------------------------------------------------------------


def test_every_free_text_field_carries_a_payload(hostile_content: Path) -> None:
    fields = content_fields()
    seen: dict[str, set[str]] = {}
    filled: set[tuple[str, str]] = set()
    for file in sorted(hostile_content.rglob("*.yaml")):
        rel = file.relative_to(hostile_content).as_posix()
        location = location_of(rel)
        for kind, path, value in text_values(load_yaml(file), fields[location], rel):
            assert value in PAYLOADS, f"{rel}: {path} = {value!r} is not a payload"
            seen.setdefault(kind, set()).add(value)
            filled.add((location, path))
    every_field = {(loc, path) for loc, tree in fields.items() for path in text_field_paths(tree)}
    assert sorted(every_field - filled) == []  # a new text field: add it to hostile._ADDITIONS
    for kind in KINDS:
        assert sorted(set(PAYLOADS) - seen[kind]) == [], kind


def test_hostile_content_passes_validation(hostile_content: Path) -> None:
    result = validate_command(hostile_content)
    assert result.returncode == 0, result.stderr


# --- The built HTML -------------------------------------------------------------------------


def test_pages_have_no_event_handler_attributes(hostile_scan: Scan, clean_scan: Scan) -> None:
    assert clean_scan.handlers == []
    assert hostile_scan.pages == clean_scan.pages
    assert hostile_scan.handlers == []


def test_links_and_sources_use_only_safe_schemes(hostile_scan: Scan, clean_scan: Scan) -> None:
    assert clean_scan.unsafe_urls == []
    assert hostile_scan.unsafe_urls == []


def test_pages_have_no_frames_objects_base_or_refresh(hostile_scan: Scan) -> None:
    assert hostile_scan.forbidden == []


def test_scripts_and_styles_are_the_sites_own(hostile_scan: Scan, clean_scan: Scan) -> None:
    """External scripts are files of the site; inline ones are exactly Material's, as built
    from the unmodified fixture."""
    assert hostile_scan.script_sources == []
    assert clean_scan.inline_scripts  # Material's bootstrap scripts are there to compare with
    assert hostile_scan.inline_scripts == clean_scan.inline_scripts
    assert hostile_scan.inline_styles == clean_scan.inline_styles


def test_page_titles_show_the_titles_as_typed(hostile_scan: Scan, hostile_site: Path) -> None:
    """`<title>` is text in a browser up to the first `</title`: a payload must neither end
    it early nor lose or gain characters. The header shows the same title."""
    wrong = {}
    for page, title in hostile_scan.titles.items():
        if page in ITEM_TITLES:
            expected = f"{normal_text(TITLE_PAYLOADS[ITEM_TITLES[page]])} - {SITE_TITLE}"
            if title != expected:
                wrong[page] = title
        elif title != SITE_TITLE and not title.endswith(f" - {SITE_TITLE}"):
            wrong[page] = title
    for page, key in ITEM_TITLES.items():
        html_page = read_page(hostile_site, hostile_site / page)
        (topic,) = html_page.find_all(
            "div", class_="md-header__topic", **{"data-md-component": "header-topic"}
        )
        if topic.text() != normal_text(TITLE_PAYLOADS[key]):
            wrong[f"{page} header"] = topic.text()
    assert wrong == {}


def test_site_title_is_shown_as_typed(hostile_site: Path) -> None:
    """The header, the navigation and the logo's tooltip and label show the site title as
    typed: escaped once, not twice (`&lt;` on screen) and not at all."""
    wrong = []
    for url in ["index.html", "parlament/frage/index.html"]:
        page = read_page(hostile_site, hostile_site / url)
        for logo in page.find_all("a", class_="md-logo"):
            for attribute in ("title", "aria-label"):
                if normal_text(logo.attrs.get(attribute, "")) != SITE_TITLE:
                    wrong.append(f"{url}: logo {attribute}={logo.attrs.get(attribute)!r}")
        (topic, *_) = page.find_all("div", class_="md-header__topic")
        if topic.text() != SITE_TITLE:
            wrong.append(f"{url}: header {topic.text()!r}")
    assert wrong == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_payload_is_visible_text(hostile_scan: Scan, kind: str) -> None:
    text = " ".join(
        value for page, value in hostile_scan.texts.items() if page.startswith(KIND_PAGES[kind])
    )
    missing = [payload for payload in PAYLOADS if payload_text(payload) not in text]
    assert missing == []


def test_svg_files_have_no_script(hostile_site: Path) -> None:
    files = sorted(hostile_site.rglob("*.svg"))
    assert any(f.name == "qr-code.svg" for f in files)  # the QR codes carry the item's name
    assert {f.relative_to(hostile_site).as_posix(): scan_svg(f) for f in files} == {
        f.relative_to(hostile_site).as_posix(): [] for f in files
    }


def test_change_feed_is_plain_text(hostile_site: Path) -> None:
    """Feed readers render `type="html"` content as HTML; the feed has none, and parses."""
    feed = ElementTree.parse(hostile_site / "aenderungen.xml").getroot()
    marked_up = [
        element.tag
        for element in feed.iter()
        if element.get("type") in ("html", "xhtml") and not element.tag.endswith("}link")
    ]
    assert marked_up == []
    assert "window.__xss" in ElementTree.tostring(feed, encoding="unicode")


# --- In the browser -------------------------------------------------------------------------


@pytest.mark.browser
def test_no_payload_runs_in_the_browser(browser: Browser, hostile_site: Path) -> None:
    """Every page loaded and every link on it clicked; the search opened on hostile results."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-BE")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        with serve_directory(hostile_site) as base_url:
            sweep = BrowserSweep(context, base_url)
            page = context.new_page()
            urls = site_urls(hostile_site)
            for url in urls:
                sweep.visit(page, base_url + url)
            sweep.search(page, base_url + "/", "onerror")
    finally:
        context.close()
    result = sweep.result
    assert result.ran == []
    assert result.left_over == []
    assert result.dialogs == []
    assert result.handlers == []
    assert result.popups == []
    assert [url for url in result.blocked if not url.startswith("nav: ")] == []  # no pixels
    assert len(urls) == 28  # with the 404 page, the commitments overview and its 3 pages
    assert result.clicked > 40 * len(urls)
    assert result.cancelled  # the clicks did start navigations (cancelled, so the page stays)
    assert any(url.startswith("nav: ") for url in result.blocked)  # links to other hosts
    assert result.search_results > 0


# --- Typed fields ---------------------------------------------------------------------------

URL_FIELDS = [
    ("site.yaml", "url"),
    ("site.yaml", "edit_base_url"),
    ("site.yaml", "publisher.website"),
    ("site.yaml", "licence.url"),
    ("sources/beispiel.yaml", "sources[0].url"),
    ("meeting_points/alpha.yaml", "contact.website"),
]
UNSAFE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "jav\tascript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "//evil.example.org/",
    "/relativ/",
    'https://example.org/" onclick="alert(1)',
    "https://example.org/<script>alert(1)</script>",
    "https://example.org/ javascript:alert(1)",
    "https://nutzer:geheim@example.org/",
    "https://example.org@evil.example.org/",
    "https://example.org/\u202e/gpj.exe",
    "https://example.org/\x07",
    "https://example.org/x\n",
]
EMAIL_FIELDS = [("site.yaml", "publisher.email"), ("meeting_points/alpha.yaml", "contact.email")]
UNSAFE_EMAILS = [
    "javascript:alert(1)",
    'a@example.org" onclick="alert(1)',
    "a@example.org<script>",
    "a@example.org\n",
    "a@example.org?subject=x",
    "a@example.org?cc=b@example.org",
    "a&cc=b@example.org",
    "a%0D%0Abcc:b@example.org",
    "a?body=x@example.org",
    "a\u202e@example.org",
]


def set_value(file: Path, path: str, value: str) -> None:
    """Set `path` (`a.b`, `a[0].b`) in a content file, writing it back as YAML."""
    data = load_yaml(file)
    if file.name == "alpha.yaml":
        data.setdefault("contact", {"sources": ["quelle-a"]})
    set_path(data, path, value)
    file.write_text(dump_yaml(data), encoding="utf-8")


@pytest.mark.parametrize("value", UNSAFE_URLS)
@pytest.mark.parametrize(("file", "path"), URL_FIELDS)
def test_unsafe_web_addresses_are_rejected(
    content_dir: Path, file: str, path: str, value: str
) -> None:
    set_value(content_dir / file, path, value)
    with pytest.raises(ContentError) as error:
        read_content(content_dir)
    problems = [p for p in error.value.problems if p.path.endswith(file)]
    assert [p.key for p in problems] == [path], error.value


@pytest.mark.parametrize("value", UNSAFE_EMAILS)
@pytest.mark.parametrize(("file", "path"), EMAIL_FIELDS)
def test_unsafe_email_addresses_are_rejected(
    content_dir: Path, file: str, path: str, value: str
) -> None:
    set_value(content_dir / file, path, value)
    with pytest.raises(ContentError) as error:
        read_content(content_dir)
    assert [p.key for p in error.value.problems if p.path.endswith(file)] == [path]


def test_validate_command_rejects_a_javascript_link(content_dir: Path) -> None:
    set_value(content_dir / "sources" / "beispiel.yaml", "sources[0].url", "javascript:alert(1)")
    result = validate_command(content_dir)
    assert result.returncode == 1
    assert f"{content_dir / 'sources' / 'beispiel.yaml'}:" in result.stderr
    assert "sources[0].url" in result.stderr


# --- The checks themselves ------------------------------------------------------------------

VULNERABLE_PAGE = """<!doctype html>
<html lang="de"><head><meta charset="utf-8">
<title></title><script>window.__xss.push(101)</script></title></head>
<body>
<img src=x onerror="window.__xss.push(102)">
<a href="javascript:window.__xss.push(103)">a</a>
<a href="jav&#x09;ascript:window.__xss.push(104)">b</a>
<a href="https://example.org/" onclick="window.__xss.push(105)">c</a>
<a href="javascript:alert('dialog')">d</a>
<a href="other/">local</a>
<a href="other/" target="_blank">local, new tab</a>
<iframe src="data:text/html,hi"></iframe>
<img src="https://tracker.example.org/pixel.png" alt="">
</body></html>
"""


def test_static_checks_catch_a_vulnerable_page(tmp_path: Path) -> None:
    """The scanner is not blind: raw payloads in a page are all reported."""
    (tmp_path / "other").mkdir()
    (tmp_path / "index.html").write_text(VULNERABLE_PAGE, encoding="utf-8")
    (tmp_path / "other" / "index.html").write_text("<title>x</title>", encoding="utf-8")
    scan = scan_site(tmp_path)
    assert len(scan.handlers) == 2
    assert len(scan.unsafe_urls) == 4
    assert [f.split(":")[1].split()[0] for f in scan.forbidden] == ["<iframe"]
    assert scan.inline_scripts == {"window.__xss.push(101)"}
    assert scan.titles["index.html"] == ""


@pytest.mark.browser
def test_browser_sweep_catches_a_vulnerable_page(browser: Browser, tmp_path: Path) -> None:
    """The browser check is not blind: scripts on load, `javascript:` links (also obfuscated),
    `onclick`, dialogs, navigations and requests to other hosts are all recorded."""
    (tmp_path / "other").mkdir()
    (tmp_path / "index.html").write_text(VULNERABLE_PAGE, encoding="utf-8")
    (tmp_path / "other" / "index.html").write_text("<title>x</title>", encoding="utf-8")
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    try:
        with serve_directory(tmp_path) as base_url:
            sweep = BrowserSweep(context, base_url)
            sweep.visit(context.new_page(), base_url + "/")
    finally:
        context.close()
    result = sweep.result
    ran = sorted(entry.rpartition(": ")[2] for entry in result.ran)
    assert ran == ["[101]", "[102]", "[103]", "[104]", "[105]"]
    assert len(result.left_over) == 2  # after load, after the clicks
    assert result.dialogs == ["alert: dialog"]
    assert len(result.handlers) == 2
    assert result.blocked == ["https://tracker.example.org/pixel.png", "nav: https://example.org/"]
    assert result.cancelled == [base_url + "/other/"] * 2  # in this tab, in the new one
