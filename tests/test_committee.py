"""What a committee member does with the site: follow a recommendation from the evaluation to
Parliament, ask what the Government promised and what became of it, read roll-ups, follow
changes by feed, print the briefing pack. Runs on the fixture content, whose recommendation
`empfehlung-vernetzung` and commitment `zusage-vernetzung` have a full history.
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


def commitments() -> list[dict[str, object]]:
    return load_yaml(FIXTURE / "parliament" / "frage.yaml")["commitments"]  # type: ignore[no-any-return]


def rows_of(page: HtmlPage) -> dict[str, str]:
    """The two-column table of a page (`Angabe | Wert`) as a dict."""
    cells = [row.find_all("td") for row in page.find_all("tr")]
    return {tds[0].text(): tds[1].text() for tds in cells if len(tds) == 2}


# --- Tracked items ---------------------------------------------------------------------------


def test_each_recommendation_has_a_permanent_page(fixture_site: Path) -> None:
    for recommendation in recommendations():
        page = read(fixture_site, f"/empfehlungen/{recommendation['id']}/")
        assert page.h1() == recommendation["title"]
        assert f"Kennung {recommendation['id']}" in " ".join(page.article.text().split())


def test_reported_and_assessed_status_are_kept_apart(fixture_site: Path) -> None:
    rows = rows_of(read(fixture_site, "/empfehlungen/empfehlung-vernetzung/"))
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


def test_each_commitment_has_a_permanent_page(fixture_site: Path) -> None:
    for commitment in commitments():
        page = read(fixture_site, f"/zusagen/{commitment['id']}/")
        assert page.h1() == commitment["title"]
        assert f"Kennung {commitment['id']}" in " ".join(page.article.text().split())
        assert page.links_to("/parlament/frage/", within=page.article)


def test_a_commitment_keeps_who_promised_what_and_its_two_views_apart(fixture_site: Path) -> None:
    rows = rows_of(read(fixture_site, "/zusagen/zusage-vernetzung/"))
    assert rows["Meldung der zuständigen Stelle"] == "umgesetzt"
    assert rows["Unabhängige Bewertung"] == "teilweise umgesetzt"
    assert rows["Art"] == "Zusage (sagte zu)"
    assert rows["Von"] == "Max Muster, Minister, für: Beispielregierung"
    assert rows["An"] == "Ausschuss IV"
    assert rows["Wann"] == "8. November 2017, Mündliche Frage im Ausschuss IV"
    assert rows["Frist"] == "bis zum Sommer 2018 (Juni 2018)"
    page = read(fixture_site, "/zusagen/zusage-bericht/")
    rows = rows_of(page)
    assert rows["Meldung der zuständigen Stelle"] == "keine öffentliche Information"
    assert rows["Unabhängige Bewertung"] == "keine öffentliche Information"
    assert rows["Frist"] == "nicht veröffentlicht"
    text = " ".join(page.article.text().split())
    assert "Keine öffentliche Quelle sagt bisher, ob oder wie diese Zusage eingelöst wurde." in text


def test_a_merged_commitment_entry_keeps_its_address(fixture_site: Path) -> None:
    page = read(fixture_site, "/zusagen/zusage-treffen/")
    text = " ".join(page.article.text().split())
    assert "am 1. Februar 2018 mit einem anderen zusammengelegt" in text
    assert "Ob eine Zusage eingelöst oder zurückgenommen wurde" in text
    assert page.links_to("/zusagen/zusage-vernetzung/", within=page.article)


def test_commitments_overview_counts_by_status_and_by_person(fixture_site: Path) -> None:
    page = read(fixture_site, "/zusagen/")

    def table(anchor: str) -> dict[str, list[str]]:
        section = page.by_id(anchor)
        assert section is not None, anchor
        return {
            row.find_all("td")[0].text(): [cell.text() for cell in row.find_all("td")[1:]]
            for element in section.section()
            for row in element.find_all("tr")
            if row.find_all("td")
        }

    assert table("nach-status") == {
        "keine öffentliche Information": ["1"],
        "teilweise umgesetzt": ["1"],
    }
    assert table("nach-person") == {"Max Muster": ["2", "1", "1"]}
    every = table("alle")
    assert list(every) == ["Vernetzungstreffen organisieren", "Bericht an den Ausschuss"]
    assert every["Vernetzungstreffen organisieren"][-2:] == ["umgesetzt", "teilweise umgesetzt"]
    start = " ".join(read(fixture_site, "/").article.text().split())
    assert (
        "Zusagen im Parlament: 2 erfasst: 1 × keine öffentliche Information, "
        "1 × teilweise umgesetzt (Übersicht)" in start
    )


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
    assert dates[:3] == ["30. September 2019", "10. Februar 2019", "20. Januar 2019"]
    assert dates[-1] == "8. November 2017"
    kinds = {r.find_all("td")[1].text() for r in rows}
    assert kinds == {
        "Statusänderung",
        "Neue Empfehlung",
        "Im Parlament",
        "Zurückgezogen",
        "Neue Zusage",
        "Stand einer Zusage",
        "Eintrag zusammengelegt oder entfernt",
    }


def test_atom_feed_is_valid_atom_1_0(fixture_site: Path) -> None:
    feed = ET.parse(fixture_site / "aenderungen.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.findtext(f"{ATOM}updated") == "2019-09-30T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    # 7 of recommendations and the item; commitments: 2 new, 3 status entries, 1 merged entry
    assert len(entries) == 13
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
        "Zusagen im Parlament",
        "Vernetzungstreffen organisieren",
        "Bericht an den Ausschuss",
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


def test_links_lead_to_a_commitment_and_back_from_everything_it_concerns(
    browser: Browser, fixture_url: str
) -> None:
    """Meeting point, recommendation, finding and parliamentary item each link to the
    commitment about them, and the commitment's page links back to each."""
    context = browser.new_context()
    page = context.new_page()
    commitment, title = "/zusagen/zusage-vernetzung/", "Vernetzungstreffen organisieren"
    page.goto(fixture_url + "/treffpunkte/alpha/")
    click_and_wait(page, title, commitment)
    click_and_wait(page, "Treffpunkt Alpha", "/treffpunkte/alpha/")
    page.goto(fixture_url + commitment)
    click_and_wait(page, "Vernetzung stärken", "/empfehlungen/empfehlung-vernetzung/")
    click_and_wait(page, title, commitment)
    click_and_wait(page, "Mehr Vernetzung.", "/evaluationen/reflexion/")
    assert urlsplit(page.url).fragment == "bedarf-vernetzung"
    page.locator("#bedarf-vernetzung").get_by_role("link", name=title).click()
    page.wait_for_url(lambda url: urlsplit(url).path == commitment, timeout=TIMEOUT_MS)
    click_and_wait(page, "Frage zur Beispielreflexion", "/parlament/frage/")
    click_and_wait(page, title, commitment)
    click_and_wait(page, "Alle Zusagen", "/zusagen/")
    click_and_wait(page, "Bericht an den Ausschuss", "/zusagen/zusage-bericht/")
    page.goto(fixture_url + "/zusagen/zusage-treffen/")
    click_and_wait(page, title, commitment)
    context.close()
