"""Time-bound facts carry their date (issue 16, item 2): an address, a contact and a person show,
beside them, the date of the newest source that states them, with that source's precision, on
the meeting point's page, in the directory and on the printable profile; a temporary or changed
location reads the same in the directory as on the page.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from support import CONTENT, FIXTURE, TEMPLATES

from generator.build import Pages, build_pages

FOOTNOTE = re.compile(r"\[\^\d+\]")
DATED_SOURCES = """
  - id: quelle-monat
    title: Quelle mit Monat
    publisher: Beispielverlag
    url: https://example.org/monat
    date: 2020-03
  - id: quelle-jahr
    title: Quelle mit Jahr
    publisher: Beispielverlag
    url: https://example.org/jahr
    date: 2019
"""
CONTACT_AND_PERSON = """
contact:
  phone: +32 87 12 34 56
  website: https://alpha.example.org/
  sources: [{contact}]
people:
  - name: Erika Muster
    role: Koordinatorin
    sources: [{person}]
"""


def plain(markdown: str) -> str:
    """Return Markdown without the md filter's backslash escapes and without footnote marks."""
    return FOOTNOTE.sub("", re.sub(r"\\(.)", r"\1", markdown))


def where_shown(pages: Pages, item_id: str) -> dict[str, str]:
    """Return the three places a meeting point's facts are shown, as plain text."""
    directory = plain(pages.pages["treffpunkte/index.md"].markdown)
    entry = directory.split(f"{{ #treffpunkt-{item_id} ")[1].split("\n#")[0]
    return {
        "page": plain(pages.pages[f"treffpunkte/{item_id}.md"].markdown),
        "directory": entry,
        "profile": plain(pages.pages[f"treffpunkte/{item_id}/steckbrief.md"].markdown),
    }


def dated_beside(text: str, fact: str, as_of: str) -> bool:
    """Whether `fact` is followed on its line by `(as_of)` before any other source date."""
    between = r"(?:(?!laut Quelle)[^\n])*"
    return re.search(re.escape(fact) + between + re.escape(f"({as_of})"), text) is not None


def moved(text: str, move: str, as_of: str) -> bool:
    """Whether a move starting with `move` is shown with `(as_of)` in front of it."""
    return f"Umzug ({as_of}): {move}" in text


def glance(page: str) -> str:
    """Return the page's "Auf einen Blick" section."""
    return page.split("## Auf einen Blick")[1].split("\n## ")[0]


def build_alpha(content_dir: Path, contact: str, person: str, move: str = "quelle-b") -> Pages:
    """Build the fixture with a contact and a person for Alpha, and its move (a temporary
    location), each cited from the given sources."""
    sources = content_dir / "sources" / "beispiel.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + DATED_SOURCES, encoding="utf-8")
    alpha = content_dir / "meeting_points" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    move_sources = "Kirchstraße 3.\n      sources: [quelle-b]"
    assert move_sources in text  # the fixture's temporary location
    text = text.replace(move_sources, move_sources.replace("quelle-b", move))
    text += CONTACT_AND_PERSON.format(contact=contact, person=person)
    alpha.write_text(text, encoding="utf-8")
    return build_pages(content_dir, TEMPLATES)


@functools.cache
def real_site() -> Pages:
    return build_pages(CONTENT, TEMPLATES)


# --- On the minimal fixture ---------------------------------------------------------------------


@pytest.mark.parametrize("place", ["page", "directory", "profile"])
def test_address_contact_and_person_show_their_source_date(content_dir: Path, place: str) -> None:
    pages = build_alpha(content_dir, contact="quelle-monat", person="quelle-a, quelle-jahr")
    text = where_shown(pages, "alpha")[place]
    # quelle-a: 2017-11-08, a day; quelle-monat: 2020-03, a month; quelle-jahr: 2019, a year.
    assert dated_beside(text, "Hauptstraße 1, 4700 Eupen", "laut Quelle vom 8. November 2017")
    assert dated_beside(text, "+32 87 12 34 56", "laut Quelle vom März 2020")
    # The newest of the person's two sources, and only as precise as that source.
    assert dated_beside(text, "Erika Muster, Koordinatorin", "laut Quelle aus dem Jahr 2019")
    assert "1. März 2020" not in text
    assert "1. Januar 2019" not in text


@pytest.mark.parametrize("place", ["page", "directory", "profile"])
def test_a_source_without_date_gives_the_undated_wording(content_dir: Path, place: str) -> None:
    pages = build_alpha(content_dir, contact="quelle-b", person="quelle-b", move="quelle-b")
    text = where_shown(pages, "alpha")[place]
    assert dated_beside(text, "+32 87 12 34 56", "laut Quelle ohne Datum")
    assert dated_beside(text, "Erika Muster, Koordinatorin", "laut Quelle ohne Datum")
    assert moved(text, "Bis Ende 2027 vorübergehend im Pfarrsaal", "laut Quelle ohne Datum")


@pytest.mark.parametrize("place", ["page", "directory", "profile"])
def test_a_temporary_location_is_shown_with_its_source_date(content_dir: Path, place: str) -> None:
    pages = build_alpha(content_dir, contact="quelle-a", person="quelle-a", move="quelle-monat")
    text = where_shown(pages, "alpha")[place]
    assert moved(text, "Bis Ende 2027 vorübergehend im Pfarrsaal", "laut Quelle vom März 2020")


def test_the_directory_shows_the_location_as_the_page_does(content_dir: Path) -> None:
    pages = build_alpha(content_dir, contact="quelle-a", person="quelle-a", move="quelle-monat")
    shown = where_shown(pages, "alpha")
    location = re.search(r"Hauptstraße 1, [^|\n]*Kirchstraße 3\.", glance(shown["page"]))
    assert location is not None
    assert location.group() in shown["directory"]
    assert location.group() in shown["profile"]


def test_a_meeting_point_without_address_says_so() -> None:
    pages = build_pages(FIXTURE, TEMPLATES)
    assert "| Adresse | nicht veröffentlicht |" in pages.pages["treffpunkte/beta.md"].markdown
    assert "- **Ort:** nicht veröffentlicht" in pages.pages["treffpunkte/index.md"].markdown


# --- On the real content ------------------------------------------------------------------------


@pytest.mark.parametrize("place", ["page", "directory", "profile"])
def test_real_address_contact_and_person_show_their_source_date(place: str) -> None:
    patchwork = where_shown(real_site(), "patchwork")[place]
    # The current address, dated by the source that reports the move, not by the 2020 article
    # that gives the old one.
    assert dated_beside(
        patchwork, "Alter Wiesenbacher Weg, St. Vith", "laut Quelle vom 14. Oktober 2025"
    )
    assert dated_beside(patchwork, "Paul Bongartz", "laut Quelle aus dem Jahr 2015")
    assert dated_beside(patchwork, "patchwork-vog.be/", "laut Quelle ohne Datum")
    ephata = where_shown(real_site(), "ephata")[place]
    assert dated_beside(ephata, "Bergkapellstraße 46, Eupen", "laut Quelle vom 30. April 2025")
    assert dated_beside(ephata, "Luc Assent", "laut Quelle vom 7. Januar 2018")
    haus = where_shown(real_site(), "haus-der-familie")[place]
    assert dated_beside(haus, "Patronagestraße, Kelmis", "laut Quelle ohne Datum")
    assert dated_beside(haus, "Jessica Beckers", "laut Quelle ohne Datum")


def test_real_directory_shows_cardijns_temporary_location_as_its_page_does() -> None:
    shown = where_shown(real_site(), "viertelhaus-cardijn")
    move = re.search(r"[^.|\n]*Villa Peters[^|\n]*", glance(shown["page"]))
    assert move is not None, "the page no longer reports the move to the Villa Peters"
    assert move.group().strip() in shown["directory"]
    assert move.group().strip() in shown["profile"]
    for place in shown.values():
        assert dated_beside(place, "Hillstraße 7, 4700 Eupen", "laut Quelle vom 26. Januar 2017")
        assert moved(place, "Nach dem Hochwasser im Juli 2021", "laut Quelle vom 18. August 2022")
