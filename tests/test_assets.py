"""Files beside a meeting point's page: a calendar only from times confirmed within a year."""

from __future__ import annotations

import datetime
from pathlib import Path

import icalendar
import pytest
from support import FIXTURE, TEMPLATES

from generator.build import build_pages
from generator.content.validate import read_content
from generator.data.meeting_point_files import calendar_ics

CONFIRMED = datetime.date(2026, 11, 20)  # the fixture's Erzählcafé


def alpha_calendar(today: datetime.date) -> bytes | None:
    point = read_content(FIXTURE).meeting_points["alpha"]
    assert point.offers[0].schedule_confirmed == CONFIRMED
    return calendar_ics("alpha", point, "Titel", today)


@pytest.mark.parametrize(
    "today", [CONFIRMED, CONFIRMED + datetime.timedelta(days=200), datetime.date(2027, 11, 20)]
)
def test_a_calendar_runs_from_the_confirmation_for_twelve_months(today: datetime.date) -> None:
    raw = alpha_calendar(today)
    assert raw is not None
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    start = event.decoded("dtstart")
    assert start.date() == datetime.date(2026, 11, 20)  # a Friday, the first slot on or after
    (until,) = event["rrule"]["UNTIL"]
    assert until.tzinfo is not None
    local_end = until.astimezone(start.tzinfo)
    assert (local_end.date(), local_end.hour, local_end.minute) == (
        datetime.date(2027, 11, 20),
        23,
        59,
    )
    assert "bestätigt am 2026-11-20" in str(event["description"])


def test_no_calendar_from_times_confirmed_more_than_a_year_ago() -> None:
    assert alpha_calendar(datetime.date(2027, 11, 21)) is None


def test_old_or_undated_times_are_shown_with_their_date_and_no_calendar(content_dir: Path) -> None:
    point = content_dir / "meeting_points" / "alpha.yaml"
    point.write_text(point.read_text().replace("    schedule_confirmed: 2026-11-20\n", ""))
    built = build_pages(content_dir, TEMPLATES)
    page = built.pages["treffpunkte/alpha.md"].markdown
    assert "Zeiten laut Quelle (Stand nicht veröffentlicht): " in page
    assert "treffpunkte/alpha/kalender.ics" not in built.assets
    assert "kalender.ics" not in page


def test_confirmed_times_are_shown_with_their_date() -> None:
    page = build_pages(FIXTURE, TEMPLATES).pages["treffpunkte/alpha.md"].markdown
    assert "Zeiten laut Quelle vom 20\\. November 2026: Mo, Fr 15:00–19:00 Uhr." in page


def test_a_confirmation_on_29_february_runs_out_on_28_february() -> None:
    point = read_content(FIXTURE).meeting_points["alpha"]
    offer = point.offers[0].model_copy(update={"schedule_confirmed": datetime.date(2028, 2, 29)})
    leap = point.model_copy(update={"offers": [offer]})
    raw = calendar_ics("alpha", leap, "Titel", datetime.date(2029, 2, 28))
    assert raw is not None
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert event["rrule"]["UNTIL"][0].astimezone(event.decoded("dtstart").tzinfo).date() == (
        datetime.date(2029, 2, 28)
    )
    assert calendar_ics("alpha", leap, "Titel", datetime.date(2029, 3, 1)) is None
