"""What a citizen does with the site: find a meeting point near them, see when it is open, get
there, print its profile. Runs on the fixture content (it has opening hours, a site address and
a Leichte-Sprache summary), built with the real settings and used in Chromium.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from playwright.sync_api import Browser, Page
from support import (
    FIXTURE,
    REPO,
    TIMEOUT_MS,
    HtmlPage,
    load_yaml,
)

from generator.data.meeting_point_files import qr_svg

pytestmark = pytest.mark.browser
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"


def open_at(browser: Browser, url: str, when: datetime.datetime, **options: object) -> Page:
    """Open `url` in a new tab whose clock stands still at `when`."""
    context = browser.new_context(locale="de-BE", **options)  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.clock.set_fixed_time(when)
    page.goto(url, wait_until="networkidle")
    return page


def at(day: str, time: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=BRUSSELS)


# --- Directory -----------------------------------------------------------------------------


def test_directory_names_every_municipality_and_the_nearest_meeting_point(
    fixture_site: Path,
) -> None:
    page = HtmlPage.read(fixture_site, fixture_site / "treffpunkte" / "index.html")
    headings = [h.text().removesuffix("¶").strip() for h in page.find_all("h2")]
    vocabulary = load_yaml(FIXTURE / "vocabularies.yaml")["municipalities"]
    assert [m["name"] for m in vocabulary if m["name"] not in headings] == []
    kelmis = page.by_id("kelmis")
    assert kelmis is not None
    assert "Treffpunkt Beta" in page.article.text()


@pytest.mark.parametrize(
    ("municipality", "group", "visible"),
    [
        ("", "", ["Treffpunkt Alpha", "Treffpunkt Beta"]),
        ("kelmis", "", ["Treffpunkt Beta"]),
        ("", "Ältere Menschen", ["Treffpunkt Alpha"]),
        ("kelmis", "Ältere Menschen", []),
    ],
)
def test_directory_filters_by_municipality_and_target_group(
    browser: Browser, fixture_url: str, municipality: str, group: str, visible: list[str]
) -> None:
    page = open_at(browser, fixture_url + "/treffpunkte/", at("2026-11-26", "10:30"))
    page.get_by_label("Gemeinde:").select_option(municipality)
    page.get_by_label("Für:").select_option(group)
    cards = page.locator("h3.treffpunkt")
    shown = [cards.nth(i).inner_text().strip("¶ \n") for i in range(cards.count())]
    shown = [name for i, name in enumerate(shown) if cards.nth(i).is_visible()]
    assert shown == visible
    count = len(visible)
    expected = f"{count} Treffpunkt{'' if count == 1 else 'e'} passen zur Auswahl."
    assert page.get_by_role("status").inner_text() == expected
    page.context.close()


def test_directory_without_javascript_is_a_plain_list(browser: Browser, fixture_url: str) -> None:
    page = open_at(
        browser, fixture_url + "/treffpunkte/", at("2026-11-26", "10:30"), java_script_enabled=False
    )
    assert page.locator("form.filter").count() == 0
    assert page.locator("h3.treffpunkt").count() == 2
    assert page.locator("h3.treffpunkt").first.is_visible()
    page.context.close()


def test_directory_card_says_whether_it_is_open_today(browser: Browser, fixture_url: str) -> None:
    page = open_at(browser, fixture_url + "/treffpunkte/", at("2026-11-26", "08:00"))
    alpha = page.locator("li", has_text="Heute:").first
    assert alpha.inner_text() == "Heute: heute geöffnet: 09:00–12:00 Uhr, 14:00–18:00 Uhr"
    beta = page.locator("li", has_text="Heute:").nth(1)
    assert beta.inner_text() == "Heute: Öffnungszeiten nicht veröffentlicht"
    page.context.close()


# --- Opening hours -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "time", "expected"),
    [
        ("2026-11-26", "10:30", "Jetzt geöffnet, bis 12:00 Uhr."),
        ("2026-11-26", "12:30", "Nächste Öffnung: heute um 14:00 Uhr."),
        ("2026-11-26", "19:00", "Nächste Öffnung: Montag, 30.11. um 09:00 Uhr."),
        ("2026-11-29", "12:00", "Nächste Öffnung: morgen um 09:00 Uhr."),
        ("2026-12-03", "09:30", "Nächste Öffnung: heute um 10:00 Uhr."),
        ("2026-12-23", "13:00", "Nächste Öffnung: Montag, 4.1. um 09:00 Uhr."),
    ],
)
def test_page_tells_the_next_opening_in_belgian_time(
    browser: Browser, fixture_url: str, day: str, time: str, expected: str
) -> None:
    page = open_at(browser, fixture_url + "/treffpunkte/alpha/", at(day, time))
    assert page.locator("#naechste-oeffnung .hours-now").inner_text().strip() == expected
    page.context.close()


def test_week_and_exceptions_are_readable_without_javascript(fixture_site: Path) -> None:
    page = HtmlPage.read(fixture_site, fixture_site / "treffpunkte" / "alpha" / "index.html")
    text = " ".join(page.article.text().split())
    assert "Donnerstag 09:00–12:00 Uhr, 14:00–18:00 Uhr" in text
    assert "Stand: 20. November 2026" in text
    assert "24. Dezember 2026 bis 1. Januar 2027: geschlossen (Weihnachtsferien)" in text
    beta = HtmlPage.read(fixture_site, fixture_site / "treffpunkte" / "beta" / "index.html")
    assert "Öffnungszeiten: nicht veröffentlicht." in beta.article.text()


# --- Calendar, getting there, plain language -----------------------------------------------


def test_calendar_file_is_valid_icalendar(fixture_site: Path) -> None:
    raw = (fixture_site / "treffpunkte" / "alpha" / "kalender.ics").read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["version"] == "2.0" and calendar["prodid"]
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    (event,) = calendar.walk("VEVENT")
    for required in ("uid", "dtstamp", "dtstart", "dtend", "rrule", "summary"):
        assert required in event, required
    assert str(event["summary"]) == "Erzählcafé"
    assert event["rrule"]["FREQ"] == ["WEEKLY"] and event["rrule"]["BYDAY"] == ["MO", "FR"]
    start = event.decoded("dtstart")
    assert start.tzinfo is not None and start.weekday() in (0, 4)
    assert (start.hour, start.minute) == (15, 0)
    assert not (fixture_site / "treffpunkte" / "beta" / "kalender.ics").exists()


def test_address_opens_in_openstreetmap_only_on_click(fixture_site: Path) -> None:
    page = HtmlPage.read(fixture_site, fixture_site / "treffpunkte" / "alpha" / "index.html")
    (link,) = [a for a in page.find_all("a") if a.text().startswith("Auf der Karte zeigen")]
    url = urlsplit(link.attrs["href"])
    assert (url.scheme, url.netloc, url.path) == ("https", "www.openstreetmap.org", "/search")
    assert parse_qs(url.query)["query"] == ["Hauptstraße 1, 4700 Eupen, Belgien"]
    assert not page.find_all("iframe") and not page.find_all("img", src=link.attrs["href"])
    text = " ".join(page.article.text().split())
    assert "Stufenloser Zugang: ja" in text
    assert "Barrierefreie Toilette: nicht veröffentlicht" in text


def test_leichte_sprache_comes_first_and_is_labelled(fixture_site: Path) -> None:
    page = HtmlPage.read(fixture_site, fixture_site / "treffpunkte" / "alpha" / "index.html")
    first = page.find_all("h2")[0]
    assert first.text().removesuffix("¶").strip() == "In Leichter Sprache"
    assert "Hier treffen sich Menschen." in page.article.text()
    beta = HtmlPage.read(fixture_site, fixture_site / "treffpunkte" / "beta" / "index.html")
    assert "In Leichter Sprache" not in beta.article.text()


# --- Printable profile ----------------------------------------------------------------------


def test_profile_prints_on_one_a4_page(browser: Browser, fixture_url: str) -> None:
    page = open_at(
        browser, fixture_url + "/treffpunkte/alpha/steckbrief/", at("2026-11-26", "09:00")
    )
    page.emulate_media(media="print")
    assert page.locator("header.md-header").is_hidden()
    pdf = page.pdf(format="A4", print_background=False)
    page.context.close()
    assert len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf)) == 1


def test_profile_shows_the_page_address_as_text_and_qr_code(fixture_site: Path) -> None:
    folder = fixture_site / "treffpunkte" / "alpha"
    page = HtmlPage.read(fixture_site, folder / "steckbrief" / "index.html")
    url = load_yaml(FIXTURE / "site.yaml")["url"] + "treffpunkte/alpha/"
    assert url in page.article.text()
    (image,) = page.find_all("img")
    assert page.resolve(image.attrs["src"]) == "/treffpunkte/alpha/qr-code.svg"
    assert (folder / "qr-code.svg").read_bytes() == qr_svg(url, "Treffpunkt Alpha")
    for fact in ["Hauptstraße 1, 4700 Eupen", "Erzählcafé", "VoG Alpha", "09:00–12:00 Uhr"]:
        assert fact in page.article.text(), fact


def test_screenshots_at_phone_and_desktop_width(browser: Browser, fixture_url: str) -> None:
    """Pictures for people (test-artifacts/screenshots/); only checks that they were taken."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in [("verzeichnis", "/treffpunkte/"), ("alpha", "/treffpunkte/alpha/")]:
        for width in (360, 1280):
            page = open_at(
                browser,
                fixture_url + path,
                at("2026-11-26", "10:30"),
                viewport={"width": width, "height": 800},
            )
            target = SCREENSHOTS / f"fixture-{name}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            page.context.close()
            assert target.stat().st_size > 1000
