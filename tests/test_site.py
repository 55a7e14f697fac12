"""End-to-end: build the site with `mkdocs build --strict` and check the HTML a reader gets.

The expected facts come from the YAML files themselves, so the tests follow the content. Each
page check runs on the real content and on the small fixture in tests/fixtures/minimal (which
has an evaluation and a parliamentary item even while the real content has none yet).
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from support import (
    CONTENT,
    FIXTURE,
    SOURCE_DATE_EPOCH,
    TEMPLATES,
    HtmlPage,
    build,
    cited_source_ids,
    file_hashes,
    generator_command,
    load_yaml,
    normal_text,
    page_html_files,
    page_url,
    same_url,
    write_config,
)

from generator.build import build_pages

UNKNOWN = "nicht veröffentlicht"
NO_INFORMATION = "keine öffentliche Information"


@dataclass
class Built:
    """A built site and the content folder it was built from."""

    name: str
    content: Path
    site: Path

    def page(self, url: str) -> HtmlPage:
        """Parse the page at site path `url` (e.g. `/treffpunkte/`); fail if it was not built."""
        html_file = self.site / url.strip("/") / "index.html"
        assert html_file.is_file(), f"{self.name}: page {url} was not built"
        return HtmlPage.read(self.site, html_file)

    def yaml(self, relative: str) -> Any:
        return load_yaml(self.content / relative)

    def items(self, folder: str) -> dict[str, Any]:
        """`id → data` of the one-file-per-item folder `folder`, e.g. `meeting_points`."""
        return {p.stem: load_yaml(p) for p in sorted((self.content / folder).glob("*.yaml"))}

    @cached_property
    def source_urls(self) -> dict[str, str]:
        return {s["id"]: s["url"] for s in self.sources}

    @cached_property
    def sources(self) -> list[Any]:
        """Every source, from the files of `sources/` in the order of their names."""
        files = sorted((self.content / "sources").glob("*.yaml"))
        return [source for file in files for source in load_yaml(file)["sources"]]

    @cached_property
    def municipality_names(self) -> dict[str, str]:
        return {m["id"]: m["name"] for m in self.yaml("vocabularies.yaml")["municipalities"]}


@pytest.fixture(scope="module")
def real_site(site: Path) -> Built:
    """The real content, built with the repository's mkdocs.yml exactly as `make site` does."""
    return Built("content/", CONTENT, site)


@pytest.fixture(scope="module")
def fixture_site_built(fixture_site: Path) -> Built:
    """The fixture content, built with the repository's settings (INHERIT)."""
    return Built("fixture", FIXTURE, fixture_site)


@pytest.fixture(scope="module", params=["content", "fixture"])
def built(request: pytest.FixtureRequest) -> Built:
    site: Built = request.getfixturevalue(
        "real_site" if request.param == "content" else "fixture_site_built"
    )
    return site


def check_edit_link(built: Built, page: HtmlPage, source: str) -> None:
    """The page's edit link opens content file `source` (relative to the content folder)."""
    links = page.find_all("a", rel="edit")
    assert len(links) == 1, f"{page.url}: expected one edit link, found {len(links)}"
    href = links[0].attrs["href"]
    copy = built.site / "daten" / "inhalte" / source
    assert copy.is_file(), f"{page.url}: published copy daten/inhalte/{source} is missing"
    assert copy.read_bytes() == (built.content / source).read_bytes(), f"{copy} differs"
    base = built.yaml("site.yaml").get("edit_base_url")
    if base:
        assert href == base + source, f"{page.url}: edit link {href}"
    else:
        assert page.resolve(href) == f"/daten/inhalte/{source}", f"{page.url}: edit link {href}"


def row_of(page: HtmlPage, label: str) -> str:
    """Text of the table row that starts with `label` in the page's article."""
    rows = [e.text() for e in page.article.iter() if e.tag == "tr" and e.text().startswith(label)]
    assert len(rows) == 1, f"{page.url}: expected one row {label!r}, found {rows}"
    return rows[0]


# --- The build ------------------------------------------------------------------------------


def test_real_content_builds_every_page(real_site: Built) -> None:
    built_urls = {page_url(real_site.site, p) for p in page_html_files(real_site.site)}
    expected = {
        "/",
        "/treffpunkte/",
        "/grundlagen/",
        "/evaluationen/",
        "/empfehlungen/",
        "/parlament/",
        "/quellen/",
        "/impressum/",
    }
    assert expected <= built_urls
    for folder, url in [
        ("meeting_points", "treffpunkte"),
        ("evaluations", "evaluationen"),
        ("parliament", "parlament"),
    ]:
        items = {f"/{url}/{item_id}/" for item_id in real_site.items(folder)}
        assert {u for u in built_urls if re.fullmatch(f"/{url}/[^/]+/", u)} == items, folder
    not_found = (real_site.site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Seite nicht gefunden</h1>" in not_found
    assert (real_site.site / "pagefind" / "pagefind-entry.json").is_file()


def test_search_indexes_each_page_once_and_only_its_article(built: Built) -> None:
    """Every page but the 404 page and the printable profiles (which repeat a meeting point's
    page) gives its article to the search index, and the index holds exactly those pages."""
    searched = set()
    for html_file in page_html_files(built.site):
        page = HtmlPage.read(built.site, html_file)
        parts = [element for element in page.root.iter() if "data-pagefind-body" in element.attrs]
        assert len(parts) <= 1, html_file
        if parts:
            assert next(parts[0].ancestors()).tag == "article", html_file
            searched.add(page_url(built.site, html_file))
    profiles = {f"/treffpunkte/{item_id}/steckbrief/" for item_id in built.items("meeting_points")}
    pages = {page_url(built.site, html_file) for html_file in page_html_files(built.site)}
    assert searched == pages - profiles - {"/404.html"}
    entry = json.loads((built.site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["de"]["page_count"] == len(searched)


# --- Page types -----------------------------------------------------------------------------


def test_start_page(built: Built) -> None:
    site = built.yaml("site.yaml")
    page = built.page("/")
    assert page.h1() == normal_text(site["title"])
    assert normal_text(site["title"]) in page.title()
    # the count of the key figures and the easy-language text's (written by hand: this catches
    # it when a meeting point is added or removed)
    counts = re.findall(r"(\d+) anerkannte (?:Soziale )?Treffpunkte", page.article.text())
    assert counts and set(counts) == {str(len(built.items("meeting_points")))}, counts
    assert page.links_to("/treffpunkte/", within=page.article)


def test_directory_lists_each_meeting_point_with_link_and_municipality(built: Built) -> None:
    page = built.page("/treffpunkte/")
    points = built.items("meeting_points")
    assert points
    for item_id, point in points.items():
        links = page.links_to(f"/treffpunkte/{item_id}/", within=page.article)
        assert links, f"no link to {item_id}"
        assert {a.text() for a in links} == {normal_text(point["name"])}
        municipality = built.municipality_names[point["municipality"]]
        assert section_of_card(page, f"/treffpunkte/{item_id}/") == municipality, item_id
    for municipality in built.municipality_names.values():
        assert any(h.text().startswith(municipality) for h in page.find_all("h2")), municipality


def section_of_card(page: HtmlPage, target: str) -> str | None:
    """The h2 (municipality) under which the directory card heading (h3) links to `target`."""
    section = None
    for element in page.article.iter():
        if element.tag == "h2":
            section = element.text().removesuffix("¶").strip()
        if element.tag == "h3" and page.links_to(target, within=element):
            return section
    return None


def test_meeting_point_pages(built: Built) -> None:
    site_title = normal_text(built.yaml("site.yaml")["title"])
    for item_id, point in built.items("meeting_points").items():
        page = built.page(f"/treffpunkte/{item_id}/")
        name = normal_text(point["name"])
        assert page.h1() == name
        assert page.title().startswith(name) and site_title in page.title(), page.title()

        address = row_of(page, "Adresse")
        if "address" not in point:
            assert UNKNOWN in address, f"{item_id}: {address}"
        else:
            assert address != f"Adresse {UNKNOWN}", item_id
            if "street" in point["address"]:
                assert normal_text(point["address"]["street"]) in address, f"{item_id}: {address}"
            else:
                assert f"Straße {UNKNOWN}" in address, f"{item_id}: {address}"
        hours = row_of(page, "Öffnungszeiten")
        assert (UNKNOWN in hours) == ("opening_hours" not in point), f"{item_id}: {hours}"

        (heading,) = [h for h in page.find_all("h2") if h.text() == "Quellen"]
        (footnotes,) = page.find_all("div", class_="footnote")
        assert footnotes in heading.element_siblings_after(), f"{item_id}: footnotes elsewhere"
        cited = cited_source_ids(point)
        entries = footnotes.find_all("li")
        assert len(entries) == len(cited), f"{item_id}: {len(entries)} footnotes for {cited}"
        hrefs = {
            a.attrs["href"] for a in footnotes.find_all("a") if "footnote-backref" not in a.classes
        }
        urls = {built.source_urls[source_id] for source_id in cited}
        assert {h for h in hrefs if not any(same_url(h, u) for u in urls)} == set(), item_id
        assert {u for u in urls if not any(same_url(h, u) for h in hrefs)} == set(), item_id

        check_edit_link(built, page, f"meeting_points/{item_id}.yaml")


def test_evaluation_pages(built: Built) -> None:
    evaluations = built.items("evaluations")
    index = built.page("/evaluationen/")
    if not evaluations:
        assert "Keine Untersuchungen erfasst" in index.article.text()
    for item_id, evaluation in evaluations.items():
        links = index.links_to(f"/evaluationen/{item_id}/", within=index.article)
        assert normal_text(evaluation["title"]) in {a.text() for a in links}, item_id

        page = built.page(f"/evaluationen/{item_id}/")
        assert page.h1() == normal_text(evaluation["title"])
        findings = evaluation.get("findings", [])
        for finding in findings:
            element = page.by_id(finding["id"])
            assert element is not None, f"{item_id}: no element with id {finding['id']}"
            assert normal_text(finding["text"]) in element.text(), finding["id"]
        check_edit_link(built, page, f"evaluations/{item_id}.yaml")


def test_recommendations_page(built: Built) -> None:
    """The overview links every recommendation to its own page, which shows its status,
    both verdicts kept apart, and one history row per dated change."""
    overview = built.page("/empfehlungen/")
    evaluations = built.items("evaluations").values()
    recommendations = [r for e in evaluations for r in e.get("recommendations", [])]
    if not recommendations:
        assert "Keine Empfehlungen erfasst" in overview.article.text()
    for recommendation in recommendations:
        url = f"/empfehlungen/{recommendation['id']}/"
        links = overview.links_to(url, within=overview.article)
        assert {a.text() for a in links} == {normal_text(recommendation["title"])}
        page = built.page(url)
        assert page.h1() == normal_text(recommendation["title"])
        history = recommendation.get("history", [])
        verdicts = {change["verdict"] for change in history}
        for verdict, label in [
            ("reported", "Meldung der zuständigen Stelle"),
            ("assessed", "Unabhängige Bewertung"),
        ]:
            assert (NO_INFORMATION in row_of(page, label)) == (verdict not in verdicts)
        verlauf = page.by_id("verlauf")
        assert verlauf is not None
        rows = [r for e in verlauf.section() for r in e.find_all("tr") if r.find_all("td")]
        assert len(rows) == len(history), recommendation["id"]
        if not history:
            assert "Keine öffentliche Quelle sagt bisher" in page.article.text()


def test_parliament_pages(built: Built) -> None:
    items = built.items("parliament")
    index = built.page("/parlament/")
    linked = {
        path
        for a in index.article.find_all("a")
        if re.fullmatch(r"/parlament/[^/]+/", path := index.resolve(a.attrs.get("href", "")))
    }
    assert linked == {f"/parlament/{item_id}/" for item_id in items}
    for item_id, item in items.items():
        title = normal_text(item["title"])
        links = index.links_to(f"/parlament/{item_id}/", within=index.article)
        assert {a.text() for a in links} == {title}, item_id
        page = built.page(f"/parlament/{item_id}/")
        assert page.h1() == title
        check_edit_link(built, page, f"parliament/{item_id}.yaml")


def test_sources_page_has_an_anchor_for_every_source(built: Built) -> None:
    page = built.page("/quellen/")
    sources = built.sources
    assert sources
    for source in sources:
        element = page.by_id(source["id"])
        assert element is not None, f"no element with id {source['id']}"
        assert normal_text(source["title"]) in element.text(), source["id"]
        assert any(same_url(a.attrs.get("href", ""), source["url"]) for a in element.find_all("a"))
    first = min(file.name for file in (built.content / "sources").glob("*.yaml"))
    check_edit_link(built, page, f"sources/{first}")  # a folder of files: its first one


# --- Every page -----------------------------------------------------------------------------


def all_pages(built: Built) -> list[HtmlPage]:
    pages = [HtmlPage.read(built.site, f) for f in page_html_files(built.site)]
    return [*pages, HtmlPage.read(built.site, built.site / "404.html")]


def test_every_page_is_german_with_one_h1(built: Built) -> None:
    for page in all_pages(built):
        (html,) = page.find_all("html")
        assert html.attrs.get("lang") == "de", page.url
        assert len(page.find_all("h1")) == 1, page.url


def test_no_page_loads_anything_from_another_host(built: Built) -> None:
    for page in all_pages(built):
        for tag, attribute in [("script", "src"), ("link", "href"), ("img", "src")]:
            for element in page.find_all(tag):
                url = element.attrs.get(attribute)
                if url is None or element.attrs.get("rel") == "canonical":
                    continue  # a canonical link names the public address; nothing loads it
                parts = urlsplit(url)
                assert not parts.scheme and not parts.netloc, f"{page.url}: <{tag}> {url}"
        for element in page.find_all("img"):
            assert "//" not in element.attrs.get("srcset", ""), page.url


def test_theme_font_is_not_loaded_from_another_host(built: Built) -> None:
    for path in built.site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8")
            assert "fonts.googleapis.com" not in text, path
            assert "fonts.gstatic.com" not in text, path
            if path.suffix == ".css":
                assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), path
    for page in all_pages(built):
        for link in page.find_all("link"):
            assert link.attrs.get("rel") not in ("preconnect", "dns-prefetch"), page.url


# --- Failing builds -------------------------------------------------------------------------


def test_content_error_stops_build_with_position_and_keeps_output(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    config = write_config(tmp_path, content)
    out = tmp_path / "out"
    first = build(config, out, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = file_hashes(out)
    assert "index.html" in before

    alpha = content / "meeting_points" / "alpha.yaml"
    lines = alpha.read_text(encoding="utf-8").splitlines(keepends=True)
    (line_no,) = [n for n, line in enumerate(lines, 1) if line.startswith("municipality:")]
    lines[line_no - 1] = "municipality: nirgendwo\n"
    alpha.write_text("".join(lines), encoding="utf-8")

    failed = build(config, out, cwd=tmp_path)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0, output
    match = re.search(r"meeting_points/alpha\.yaml:(\d+):(\d+): municipality: .*nirgendwo", output)
    assert match, output
    assert int(match[1]) == line_no
    assert int(match[2]) in (1, len("municipality: ") + 1)
    assert "Traceback" not in output
    assert file_hashes(out) == before


def test_strict_build_fails_on_a_broken_anchor(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    config = write_config(tmp_path, FIXTURE, templates)
    control = build(config, tmp_path / "control", cwd=tmp_path)
    assert control.returncode == 0, control.stdout + control.stderr

    with (templates / "index.md.j2").open("a", encoding="utf-8") as template:
        template.write("\n[kaputt](#gibt-es-nicht)\n")
    broken = build(config, tmp_path / "broken", cwd=tmp_path)
    assert broken.returncode != 0
    assert "gibt-es-nicht" in broken.stdout + broken.stderr


# --- generate --out -------------------------------------------------------------------------


def test_generate_writes_the_pages_the_build_has(
    real_site: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)  # the build date make gives
    out = tmp_path / "markdown"
    result = generator_command("generate", "--out", str(out))
    assert result.returncode == 0, result.stderr
    written = {p.relative_to(out).as_posix() for p in out.rglob("*.md")}

    def html_of(markdown_path: str) -> str:
        stem = markdown_path.removesuffix(".md")
        return (
            f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"
        )

    built_pages = {
        p.relative_to(real_site.site).as_posix() for p in page_html_files(real_site.site)
    }
    assert {html_of(path) for path in written} == built_pages

    pages = build_pages(CONTENT, TEMPLATES).pages
    assert set(pages) == written
    for path, page in pages.items():
        assert (out / path).read_text(encoding="utf-8") == page.markdown, path
