"""What a committee member does with the site: follow a recommendation from the evaluation to
Parliament, read roll-ups, follow changes by feed, print the briefing pack. Runs on the fixture
content, whose recommendation `empfehlung-vernetzung` has a full history.
"""

from __future__ import annotations

import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pypdf
import pytest
from playwright.sync_api import Browser, Page
from support import FIXTURE, TIMEOUT_MS, HtmlPage, load_yaml

pytestmark = pytest.mark.browser
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


def read(site: Path, url: str) -> HtmlPage:
    return HtmlPage.read(site, site / url.strip("/") / "index.html")


def recommendations() -> list[dict[str, object]]:
    return load_yaml(FIXTURE / "evaluations" / "reflexion.yaml")["recommendations"]  # type: ignore[no-any-return]


# --- Tracked items ---------------------------------------------------------------------------


def test_each_recommendation_has_a_permanent_page(fixture_site: Path) -> None:
    for recommendation in recommendations():
        page = read(fixture_site, f"/empfehlungen/{recommendation['id']}/")
        assert page.h1() == recommendation["title"]
        assert f"Kennung {recommendation['id']}" in " ".join(page.article.text().split())


def test_reported_and_assessed_status_are_kept_apart(fixture_site: Path) -> None:
    page = read(fixture_site, "/empfehlungen/empfehlung-vernetzung/")
    cells = [row.find_all("td") for row in page.find_all("tr")]
    rows = {tds[0].text(): tds[1].text() for tds in cells if len(tds) == 2}
    assert rows["Meldung der zuständigen Stelle"] == "umgesetzt"
    assert rows["Unabhängige Bewertung"] == "teilweise umgesetzt"
    assert rows["Priorität"] == "hoch"
    assert rows["Zuständig"] == "Beispielministerium"


def test_moved_target_date_keeps_the_original_and_every_revision(fixture_site: Path) -> None:
    page = read(fixture_site, "/empfehlungen/empfehlung-vernetzung/")
    text = " ".join(page.article.text().split())
    assert "Juni 2020 (ursprünglich Dezember 2018, 2-mal verschoben)" in text
    for reason in ["Personalwechsel in zwei Treffpunkten", "Neue Gemeindegremien nach der Wahl"]:
        assert reason in text


def test_withdrawn_recommendation_keeps_its_address(fixture_site: Path) -> None:
    page = read(fixture_site, "/empfehlungen/empfehlung-gremien/")
    text = " ".join(page.article.text().split())
    assert "am 15. Januar 2018 mit einer anderen zusammengelegt" in text
    assert page.links_to("/empfehlungen/empfehlung-vernetzung/", within=page.article)


# --- Roll-ups -------------------------------------------------------------------------------


def test_rollup_counts_match_the_content(fixture_site: Path) -> None:
    page = read(fixture_site, "/empfehlungen/")
    section = page.by_id("nach-adressat")
    assert section is not None
    table = {
        row.find_all("td")[0].text(): [cell.text() for cell in row.find_all("td")[1:]]
        for element in section.section()
        for row in element.find_all("tr")
        if row.find_all("td")
    }
    # vernetzung: meeting points + municipalities, assessed "partially"; supervision: government
    assert table == {
        "Regierung": ["1", "1", "0"],
        "Treffpunkte": ["1", "0", "1"],
        "Gemeinden": ["1", "0", "1"],
    }
    for anchor in ("nach-treffpunkt", "nach-thema"):
        assert page.by_id(anchor) is not None


def test_status_chart_is_drawn_at_build_time(fixture_site: Path) -> None:
    chart = ET.parse(fixture_site / "empfehlungen" / "status.svg").getroot()
    assert chart.tag == "{http://www.w3.org/2000/svg}svg"
    title = chart.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == (
        "Stand der 2 Empfehlungen: 1 keine öffentliche Information, 1 teilweise umgesetzt"
    )
    page = read(fixture_site, "/empfehlungen/")
    (image,) = page.find_all("img")
    assert page.resolve(image.attrs["src"]) == "/empfehlungen/status.svg"
    assert image.attrs["alt"].startswith("Stand der 2 Empfehlungen")


# --- Parliament -----------------------------------------------------------------------------


def test_parliament_index_by_person(fixture_site: Path) -> None:
    page = read(fixture_site, "/parlament/")
    text = " ".join(page.article.text().split())
    assert "Erika Beispiel (XY): fragte: Frage zur Beispielreflexion (8. November 2017)" in text
    assert "Max Muster: antwortete: Frage zur Beispielreflexion" in text


# --- What changed ---------------------------------------------------------------------------


def test_change_log_is_dated_from_content_newest_first(fixture_site: Path) -> None:
    page = read(fixture_site, "/aenderungen/")
    rows = [r for r in page.find_all("tr") if r.find_all("td")]
    dates = [r.find_all("td")[0].text() for r in rows]
    assert dates[:3] == ["30. September 2019", "10. Februar 2019", "1. März 2018"]
    assert dates[-1] == "8. November 2017"
    kinds = {r.find_all("td")[1].text() for r in rows}
    assert kinds == {"Statusänderung", "Neue Empfehlung", "Im Parlament", "Zurückgezogen"}


def test_atom_feed_is_valid_atom_1_0(fixture_site: Path) -> None:
    feed = ET.parse(fixture_site / "aenderungen.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.findtext(f"{ATOM}updated") == "2019-09-30T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 7
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids) and all(i and i.startswith("urn:uuid:") for i in ids)
    site_url = load_yaml(FIXTURE / "site.yaml")["url"]
    for entry in entries:
        assert entry.findtext(f"{ATOM}title")
        assert RFC3339.match(entry.findtext(f"{ATOM}updated") or "")
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.attrib["href"].startswith(site_url)
        path = urlsplit(link.attrib["href"]).path
        assert (fixture_site / path.strip("/") / "index.html").is_file(), path
    page = read(fixture_site, "/")
    feeds = [e for e in page.find_all("link") if e.attrs.get("type") == "application/atom+xml"]
    assert [page.resolve(e.attrs["href"]) for e in feeds] == ["/aenderungen.xml"]


# --- Briefing pack --------------------------------------------------------------------------


def test_briefing_pack_prints_to_pdf(browser: Browser, fixture_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(fixture_url + "/briefing/", wait_until="networkidle")
    page.emulate_media(media="print")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    context.close()
    assert 1 <= len(pdf.pages) <= 3
    width, height = pdf.pages[0].mediabox.width, pdf.pages[0].mediabox.height
    assert abs(float(width) - 595.3) < 1 and abs(float(height) - 841.9) < 1.5  # A4 in points
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    text = unicodedata.normalize("NFKC", text)  # the PDF font sets "ff" as one ligature
    for expected in [
        "Unterlagen für den Ausschuss",
        "An: Treffpunkte",
        "Vernetzung stärken",
        "An: Regierung",
        "Supervision anbieten",
        "ursprünglich Dezember 2018",
    ]:
        assert expected in text, expected
    assert "Soziale Treffpunkte" not in text.split("Unterlagen")[0]  # no site header printed


# --- Following links, as a member would -----------------------------------------------------


def click_and_wait(page: Page, name: str, path: str) -> None:
    page.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_url(lambda url: urlsplit(url).path == path, timeout=TIMEOUT_MS)


def test_links_lead_from_meeting_point_to_parliament_and_back(
    browser: Browser, fixture_url: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(fixture_url + "/treffpunkte/alpha/")
    click_and_wait(page, "Mehr Vernetzung.", "/evaluationen/reflexion/")
    assert urlsplit(page.url).fragment == "bedarf-vernetzung"
    finding = page.locator("#bedarf-vernetzung")
    finding.get_by_role("link", name="Vernetzung stärken").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/empfehlungen/empfehlung-vernetzung/")
    click_and_wait(page, "Frage zur Beispielreflexion", "/parlament/frage/")
    click_and_wait(page, "Vernetzung stärken", "/empfehlungen/empfehlung-vernetzung/")
    click_and_wait(page, "Mehr Vernetzung.", "/evaluationen/reflexion/")
    page.goto(fixture_url + "/parlament/frage/")
    click_and_wait(page, "Treffpunkt Alpha", "/treffpunkte/alpha/")
    context.close()
