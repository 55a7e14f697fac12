"""The meeting points as Open Referral HSDS 3.1 records, one list per object.

Only facts from the content go in: an optional HSDS field is left out when the content has no
value for it. Records are flat (linked by id), as in HSDS's tabular form.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from functools import cache

from generator.content.model import Content, MeetingPoint, TimeSlot
from generator.content.model.meeting_point import Address
from generator.data.exports import Encoded, encoded, to_json
from generator.data.meeting_point_files import DAY_NUMBERS, ICAL_DAYS

Record = dict[str, object]

OBJECTS = (
    "organizations",
    "services",
    "locations",
    "service_at_locations",
    "schedules",
    "contacts",
    "phones",
    "addresses",
)
"""The HSDS objects exported, in the order the files are listed."""

ID_PREFIX = "soziale-treffpunkte"
TIME_ZONE_NOTE = "Ortszeit (Europe/Brussels)"

# HSDS requires `country` and `state_province` on every address; the content states neither.
# The model defines `postal_code` as a Belgian postal code, so the country is BE, and bpost
# gives the Province of Liège (home of all nine German-speaking municipalities) 4000–4999.
# A postal code outside these ranges yields no address record rather than a guessed province.
COUNTRY = "BE"
PROVINCES = ((range(4000, 5000), "Provinz Lüttich"),)


def hsds_export(content: Content, site_url: str | None) -> dict[str, list[Record]]:
    """Return the HSDS records of all meeting points, one list per object (see OBJECTS).

    `site_url` (the published site, ending in `/`) links each schedule to the meeting point's
    page, which also shows the exceptions HSDS cannot express; without it there is no link.
    """
    export: dict[str, list[Record]] = {name: [] for name in OBJECTS}
    export["organizations"] = _organizations(content)
    for item_id, point in content.meeting_points.items():
        for name, records in _point_records(item_id, point, content, site_url).items():
            export[name] += records
    return export


EncodedRecords = dict[str, list[Encoded]]
"""One meeting point's records as `Encoded` JSON, by object (all but organizations)."""
EncodePoint = Callable[[str, MeetingPoint], EncodedRecords]
"""How one meeting point (id, model) becomes its records: `encoded_point_records` with the
content and site address, or a step that reuses its results."""


def hsds_files(
    content: Content, site_url: str | None, *, encode_point: EncodePoint | None = None
) -> dict[str, bytes]:
    """Return `{"hsds/<object>.json": JSON bytes}` with one file per HSDS object; each meeting
    point's records encoded by `encode_point` (by default `encoded_point_records`)."""
    export: dict[str, list[Encoded]] = {name: [] for name in OBJECTS}
    export["organizations"] = [encoded(record) for record in _organizations(content)]
    for item_id, point in content.meeting_points.items():
        if encode_point:
            parts = encode_point(item_id, point)
        else:
            parts = encoded_point_records(item_id, point, content, site_url)
        for name, found in parts.items():
            export[name] += found
    return {f"hsds/{name}.json": to_json(records) for name, records in export.items()}


def encoded_point_records(
    item_id: str, point: MeetingPoint, content: Content, site_url: str | None
) -> EncodedRecords:
    """Return the records of one meeting point as `Encoded` JSON, by object; what they read of
    `content` besides the point is its `site` and `vocabularies`."""
    records = _point_records(item_id, point, content, site_url)
    return {name: [encoded(record) for record in found] for name, found in records.items()}


def _point_records(
    item_id: str, point: MeetingPoint, content: Content, site_url: str | None
) -> dict[str, list[Record]]:
    """Return the records of one meeting point, by object (all but organizations)."""
    page = f"{site_url.rstrip('/')}/treffpunkte/{item_id}/" if site_url else None
    address = _address(item_id, point.address)
    return {
        "services": [_service(item_id, point, content)],
        "locations": [_location(item_id, point)],
        "service_at_locations": [_service_at_location(item_id)],
        "schedules": _opening_schedules(item_id, point, page)
        + _offer_schedules(item_id, point, page),
        "contacts": _contacts(item_id, point),
        "phones": _phones(item_id, point),
        "addresses": [address] if address else [],
    }


@cache  # thousands of ids per build, each a SHA-1
def hsds_id(kind: str, key: str) -> str:
    """Return the UUID of an HSDS record: derived from its kind and key, so builds repeat it."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{ID_PREFIX}:{kind}:{key}"))


def _record(**fields: object) -> Record:
    """Return the fields that have a value; HSDS leaves unknown optional fields out."""
    return {name: value for name, value in fields.items() if value is not None}


def _organizations(content: Content) -> list[Record]:
    """Return one organization per operator name, sorted by name (one may run several points)."""
    served: dict[str, list[MeetingPoint]] = {}
    for point in content.meeting_points.values():
        served.setdefault(point.operator.name, []).append(point)
    return [_organization(name, points) for name, points in sorted(served.items())]


def _organization(name: str, points: list[MeetingPoint]) -> Record:
    # HSDS requires a description; the content always knows which meeting points the
    # operator runs, and adds the operator's note where there is one.
    names = ", ".join(f"„{point.name}“" for point in points)
    role = "des Sozialen Treffpunkts" if len(points) == 1 else "der Sozialen Treffpunkte"
    notes = dict.fromkeys(point.operator.note for point in points if point.operator.note)
    return _record(
        id=hsds_id("organization", name),
        name=name,
        description=" ".join([f"Träger {role} {names}.", *notes]),
    )


def _service(item_id: str, point: MeetingPoint, content: Content) -> Record:
    contact = point.contact
    return _record(
        id=hsds_id("service", item_id),
        organization_id=hsds_id("organization", point.operator.name),
        name=point.name,
        description=point.summary,
        url=contact.website if contact else None,
        email=contact.email if contact else None,
        # Every meeting point in the content is a recognised one, and the model has no field
        # for a closure, so "active" is all the content can say.
        status="active",
        eligibility_description=_eligibility(point, content),
        # last_checked is when the editors last compared the facts with the sources.
        assured_date=point.last_checked.isoformat(),
        assurer_email=content.site.publisher.email,
    )


def _eligibility(point: MeetingPoint, content: Content) -> str | None:
    """Return the target groups in words, with the editors' note, if the content names any."""
    if point.target_groups is None:
        return None
    labels = {group.id: group.label for group in content.vocabularies.target_groups}
    groups = ", ".join(labels[group] for group in point.target_groups.groups)
    return " ".join(filter(None, [f"Zielgruppen: {groups}.", point.target_groups.note]))


def _location(item_id: str, point: MeetingPoint) -> Record:
    return _record(
        id=hsds_id("location", item_id),
        location_type="physical",
        organization_id=hsds_id("organization", point.operator.name),
        name=point.name,
        description=_location_description(point.address),
    )


def _location_description(address: Address | None) -> str | None:
    """Return the address note and its moves (a temporary or earlier location), and the address
    in words when HSDS cannot take it as a record."""
    if address is None:
        return None
    parts = [] if _province(address) else [f"Anschrift laut Quellen: {_one_line(address)}."]
    moves = [move.text for move in address.moves]
    return " ".join([*parts, *filter(None, [address.note]), *moves]) or None


def _one_line(address: Address) -> str:
    place = " ".join(filter(None, [address.postal_code, address.locality]))
    return ", ".join(filter(None, [address.street, place]))


def _province(address: Address) -> str | None:
    """Return the province if the address has everything an HSDS address record requires."""
    if address.street is None or address.postal_code is None:
        return None
    code = int(address.postal_code)
    return next((name for codes, name in PROVINCES if code in codes), None)


def _address(item_id: str, address: Address | None) -> Record | None:
    province = _province(address) if address else None
    if address is None or province is None:
        return None
    return _record(
        id=hsds_id("address", item_id),
        location_id=hsds_id("location", item_id),
        address_1=address.street,
        city=address.locality,
        state_province=province,
        postal_code=address.postal_code,
        country=COUNTRY,
        address_type="physical",
    )


def _service_at_location(item_id: str) -> Record:
    return _record(
        id=hsds_id("service_at_location", item_id),
        service_id=hsds_id("service", item_id),
        location_id=hsds_id("location", item_id),
    )


def _opening_schedules(item_id: str, point: MeetingPoint, page: str | None) -> list[Record]:
    """Return the regular opening hours, one schedule per slot, on the service_at_location."""
    hours = point.opening_hours
    if hours is None:
        return []
    # HSDS has no way to say "closed on these days" or to replace hours for a period, so the
    # exceptions stay on the page; the description says so instead of pretending completeness.
    description = f"Öffnungszeiten, {TIME_ZONE_NOTE}; Stand {hours.checked.isoformat()}."
    if hours.exceptions:
        where = " (siehe schedule_link)" if page else ""
        description += f" Abweichungen wie Feiertage oder Schließungen fehlen hier{where}."
    keys = _unique_keys(f"{item_id}:hours:{_slot_key(slot)}" for slot in hours.regular)
    return [
        _record(
            id=hsds_id("schedule", key),
            service_at_location_id=hsds_id("service_at_location", item_id),
            **_rule(slot),
            description=description,
            notes=hours.note,
            schedule_link=page,
        )
        for key, slot in zip(keys, hours.regular, strict=True)
    ]


def _offer_schedules(item_id: str, point: MeetingPoint, page: str | None) -> list[Record]:
    """Return the times of the offers, one schedule per slot, on the service."""
    # Offer times say when one activity takes place, not when the meeting point is open. HSDS
    # has no object for an activity inside a service, so they go on the service itself (the
    # opening hours go on its service_at_location), each naming its offer and saying that it
    # is no opening time. Leaving them out would drop published facts.
    slots = [(offer.name, slot) for offer in point.offers for slot in offer.schedule]
    keys = _unique_keys(f"{item_id}:offer:{name}:{_slot_key(slot)}" for name, slot in slots)
    return [
        _record(
            id=hsds_id("schedule", key),
            service_id=hsds_id("service", item_id),
            **_rule(slot),
            description=f"Angebot „{name}“, {TIME_ZONE_NOTE}; keine Öffnungszeit des Treffpunkts.",
            schedule_link=page,
        )
        for key, (name, slot) in zip(keys, slots, strict=True)
    ]


def _rule(slot: TimeSlot) -> Record:
    """Return a weekly slot as HSDS's RRULE fields; times stay local (see TIME_ZONE_NOTE)."""
    # HSDS wants a fixed UTC offset, but Brussels switches between +01:00 and +02:00, so no
    # single offset is right all year: the times stay local and the description says so.
    days = sorted(set(slot.days), key=DAY_NUMBERS.__getitem__)
    return {
        "freq": "WEEKLY",
        "byday": ",".join(ICAL_DAYS[day] for day in days),
        "opens_at": slot.opens,
        "closes_at": slot.closes,
    }


def _slot_key(slot: TimeSlot) -> str:
    return f"{'-'.join(slot.days)}:{slot.opens}-{slot.closes}"


def _contacts(item_id: str, point: MeetingPoint) -> list[Record]:
    """Return the people the content names as contacts (`people`), with their role as title."""
    keys = _unique_keys(f"{item_id}:{person.name}" for person in point.people)
    return [
        _record(
            id=hsds_id("contact", key),
            service_id=hsds_id("service", item_id),
            name=person.name,
            title=person.role,
        )
        for key, person in zip(keys, point.people, strict=True)
    ]


def _phones(item_id: str, point: MeetingPoint) -> list[Record]:
    if point.contact is None or point.contact.phone is None:
        return []
    return [
        _record(
            id=hsds_id("phone", item_id),
            service_id=hsds_id("service", item_id),
            number=point.contact.phone,
        )
    ]


def _unique_keys(keys: Iterable[str]) -> list[str]:
    """Return `keys` with `#2`, `#3`… added to repeats, so that every record gets its own id."""
    seen: dict[str, int] = {}
    unique = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        unique.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return unique
