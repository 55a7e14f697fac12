"""Files published beside a meeting point's page: opening hours as data, a calendar, a QR code.

Each function returns the file's bytes, or None where the content does not allow the file.
"""

from __future__ import annotations

import datetime
import io
import zoneinfo

import icalendar
import segno

from generator.content.model import MeetingPoint, TimeSlot
from generator.data.exports import to_json

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
ICAL_DAYS = {
    "mon": "MO",
    "tue": "TU",
    "wed": "WE",
    "thu": "TH",
    "fri": "FR",
    "sat": "SA",
    "sun": "SU",
}
DAY_NUMBERS = {day: number for number, day in enumerate(ICAL_DAYS)}


def hours_json(point: MeetingPoint) -> bytes | None:
    """Return the opening hours as JSON for the page's "open today" script, if published."""
    if point.opening_hours is None:
        return None
    data = point.opening_hours.model_dump(mode="json", exclude={"sources", "note"})
    return to_json(data)


def calendar_ics(
    item_id: str, point: MeetingPoint, site_title: str, today: datetime.date
) -> bytes | None:
    """Return an iCalendar file (RFC 5545) with one weekly event per slot of each offer whose
    times were confirmed within the twelve months before `today`; each series ends when that
    confirmation runs out, so a phone never shows times nobody has confirmed for a year."""
    events = [
        _weekly_event(f"{item_id}-angebot-{i}-{j}", offer.name, slot, confirmed, point)
        for i, offer in enumerate(point.offers, start=1)
        if (confirmed := offer.schedule_confirmed) and today <= _one_year_after(confirmed)
        for j, slot in enumerate(offer.schedule, start=1)
    ]
    if not events:
        return None
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{site_title}//{point.name}//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", icalendar.vText(point.name))
    calendar.add_component(_brussels_timezone())
    for event in events:
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def qr_svg(url: str, label: str) -> bytes:
    """Return a QR code for `url` as SVG, drawn here at build time."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, title=label)
    return buffer.getvalue()


def _one_year_after(day: datetime.date) -> datetime.date:
    """The same day a year later (28 February for 29 February)."""
    return day.replace(year=day.year + 1, day=min(day.day, 28 if day.month == 2 else day.day))


def _weekly_event(
    uid: str, summary: str, slot: TimeSlot, confirmed: datetime.date, point: MeetingPoint
) -> icalendar.Event:
    first = min(
        confirmed + datetime.timedelta(days=(DAY_NUMBERS[day] - confirmed.weekday()) % 7)
        for day in slot.days
    )
    until = datetime.datetime.combine(_one_year_after(confirmed), datetime.time(23, 59), BRUSSELS)
    event = icalendar.Event()
    event.add("uid", uid)
    event.add(
        "dtstamp", datetime.datetime.combine(point.last_checked, datetime.time(), datetime.UTC)
    )
    event.add("dtstart", _at(first, slot.opens))
    event.add("dtend", _at(first, slot.closes))
    byday = [ICAL_DAYS[day] for day in slot.days]
    event.add("rrule", {"freq": "weekly", "byday": byday, "until": until.astimezone(datetime.UTC)})
    event.add("summary", summary)
    event.add("location", _location(point))
    event.add(
        "description",
        f"Zeiten laut Quelle, bestätigt am {confirmed.isoformat()}; die Termine enden zwölf "
        "Monate danach. Ob sie noch gelten, erfahren Sie beim Treffpunkt.",
    )
    return event


def _at(day: datetime.date, time: str) -> datetime.datetime:
    hour, minute = (int(part) for part in time.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), BRUSSELS)


def _location(point: MeetingPoint) -> str:
    if point.address is None:
        return point.name
    place = " ".join(filter(None, [point.address.postal_code, point.address.locality]))
    return ", ".join(filter(None, [point.name, point.address.street, place]))


def _brussels_timezone() -> icalendar.Timezone:
    """Return Europe/Brussels with the EU summer-time rules (in force since 1996)."""
    timezone = icalendar.Timezone()
    timezone.add("tzid", "Europe/Brussels")
    for kind, name, offset_from, offset_to, month, start in [
        (icalendar.TimezoneDaylight, "CEST", 1, 2, 3, datetime.datetime(1996, 3, 31, 2)),
        (icalendar.TimezoneStandard, "CET", 2, 1, 10, datetime.datetime(1996, 10, 27, 3)),
    ]:
        part = kind()
        part.add("tzname", name)
        part.add("tzoffsetfrom", datetime.timedelta(hours=offset_from))
        part.add("tzoffsetto", datetime.timedelta(hours=offset_to))
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
        timezone.add_component(part)
    return timezone
