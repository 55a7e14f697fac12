"""HSDS export: every record valid against schema/hsds, linked by existing ids, nothing invented."""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator
from support import CONTENT, FIXTURE, REPO

from generator.content.model import Content
from generator.content.validate import read_content
from generator.data.hsds import OBJECTS, hsds_export, hsds_files, hsds_id

SCHEMAS = REPO / "schema" / "hsds"
SCHEMA_OF = {
    "organizations": "organization",
    "services": "service",
    "locations": "location",
    "service_at_locations": "service_at_location",
    "schedules": "schedule",
    "contacts": "contact",
    "phones": "phone",
    "addresses": "address",
}
FOREIGN_KEYS = {
    "organization_id": "organizations",
    "parent_organization_id": "organizations",
    "service_id": "services",
    "location_id": "locations",
    "service_at_location_id": "service_at_locations",
    "contact_id": "contacts",
}
CONTENT_SETS = {"real": CONTENT, "minimal": FIXTURE}
Export = dict[str, list[dict[str, Any]]]


def validator(obj: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{SCHEMA_OF[obj]}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def export_of(content: Content) -> Export:
    return cast(Export, hsds_export(content, content.site.url))


@pytest.fixture(scope="module", params=sorted(CONTENT_SETS))
def source(request: pytest.FixtureRequest) -> Path:
    """The folder of a content set: the real content and the minimal one."""
    return CONTENT_SETS[request.param]


@pytest.fixture(scope="module")
def content(source: Path) -> Content:
    return read_content(source)


@pytest.fixture(scope="module")
def minimal() -> Content:
    return read_content(FIXTURE)


def by_id(export: Export, obj: str) -> dict[str, dict[str, Any]]:
    return {record["id"]: record for record in export[obj]}


def service_of(export: Export, name: str) -> dict[str, Any]:
    (service,) = [s for s in export["services"] if s["name"] == name]
    return service


def location_of(export: Export, service: dict[str, Any]) -> dict[str, Any]:
    (link,) = [s for s in export["service_at_locations"] if s["service_id"] == service["id"]]
    return by_id(export, "locations")[link["location_id"]]


# --- Schemas --------------------------------------------------------------------------------


def test_one_schema_per_object_each_a_valid_draft_2020_12_schema() -> None:
    assert sorted(path.name for path in SCHEMAS.glob("*.schema.json")) == sorted(
        f"{name}.schema.json" for name in SCHEMA_OF.values()
    )
    for name in SCHEMA_OF.values():
        schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert "HSDS 3.1" in schema["$comment"], name
        assert schema["additionalProperties"] is False, name
        for field, spec in schema["properties"].items():
            assert spec.get("description"), f"{name}: {field}"


def test_every_record_matches_its_schema(content: Content) -> None:
    export = export_of(content)
    assert list(export) == list(OBJECTS)
    problems = [
        f"{obj}[{i}] {'/'.join(map(str, error.path))}: {error.message}"
        for obj in OBJECTS
        for i, record in enumerate(export[obj])
        for error in validator(obj).iter_errors(record)
    ]
    assert problems == []


def test_every_url_is_absolute_http(content: Content) -> None:
    """jsonschema checks `format: uri` only with extra packages, so the URLs are checked here."""
    export = export_of(content)
    for obj in OBJECTS:
        fields = [
            name
            for name, spec in validator(obj).schema["properties"].items()
            if spec.get("format") == "uri"
        ]
        for record in export[obj]:
            for url in (record[field] for field in fields if field in record):
                parts = urlsplit(url)
                assert parts.scheme in {"http", "https"} and parts.netloc, url


@pytest.mark.parametrize(
    ("obj", "change"),
    [
        ("services", {"status": "offen"}),
        ("services", {"id": "ephata"}),
        ("services", {"assured_date": "24.11.2026"}),
        ("schedules", {"freq": "DAILY"}),
        ("schedules", {"byday": "Montag"}),
        ("schedules", {"opens_at": "9 Uhr"}),
        ("schedules", {"service_at_location_id": None}),
        ("addresses", {"postal_code": None}),
        ("addresses", {"address_type": "home"}),
        ("locations", {"latitude": "50.6"}),
        ("organizations", {"description": None}),
        ("organizations", {"founded": "2010"}),
    ],
)
def test_schema_rejects_invalid_records(minimal: Content, obj: str, change: dict[str, Any]) -> None:
    record = copy.deepcopy(export_of(minimal)[obj][0])
    assert list(validator(obj).iter_errors(record)) == []
    for field, value in change.items():
        if value is None:
            del record[field]
        else:
            record[field] = value
    assert list(validator(obj).iter_errors(record)) != []


# --- Links and ids --------------------------------------------------------------------------


def test_every_reference_points_to_an_existing_record(content: Content) -> None:
    export = export_of(content)
    ids = {obj: set(by_id(export, obj)) for obj in OBJECTS}
    for obj in OBJECTS:
        for record in export[obj]:
            for field, target in FOREIGN_KEYS.items():
                if field in record:
                    assert record[field] in ids[target], f"{obj} {record['id']} {field}"
    assert {s["organization_id"] for s in export["services"]} == ids["organizations"]
    assert {s["service_id"] for s in export["service_at_locations"]} == ids["services"]
    assert {s["location_id"] for s in export["service_at_locations"]} == ids["locations"]


def test_ids_are_unique_uuids_and_the_same_in_every_build(content: Content, source: Path) -> None:
    first, second = export_of(content), export_of(read_content(source))
    assert first == second
    all_ids = [record["id"] for obj in OBJECTS for record in first[obj]]
    assert len(all_ids) == len(set(all_ids))
    assert all(uuid.UUID(value).version == 5 for value in all_ids)
    files = hsds_files(content, content.site.url)
    assert hsds_files(content, content.site.url) == files  # encoded again, the same bytes
    derived = uuid.uuid5(uuid.NAMESPACE_URL, "soziale-treffpunkte:organization:VoG Patchwork")
    assert hsds_id("organization", "VoG Patchwork") == str(derived)


# --- Mapping --------------------------------------------------------------------------------


def test_every_meeting_point_is_one_service_with_its_name(content: Content) -> None:
    export = export_of(content)
    names = [service["name"] for service in export["services"]]
    assert names == [point.name for point in content.meeting_points.values()]
    for item_id, point in content.meeting_points.items():
        service = by_id(export, "services")[hsds_id("service", item_id)]
        assert service["description"] == point.summary
        assert service["assured_date"] == point.last_checked.isoformat()
        assert service["status"] == "active"
        organization = by_id(export, "organizations")[service["organization_id"]]
        assert organization["name"] == point.operator.name
        assert location_of(export, service)["name"] == point.name


def test_nothing_is_invented(content: Content) -> None:
    """Phones, e-mails, websites, postal codes and coordinates come only from the content."""
    export = export_of(content)
    points = content.meeting_points.values()
    contacts = [point.contact for point in points if point.contact]
    assert sorted(p["number"] for p in export["phones"]) == sorted(
        c.phone for c in contacts if c.phone
    )
    assert {s["url"] for s in export["services"] if "url" in s} == {
        c.website for c in contacts if c.website
    }
    assert {s["email"] for s in export["services"] if "email" in s} == {
        c.email for c in contacts if c.email
    }
    known_codes = {p.address.postal_code for p in points if p.address and p.address.postal_code}
    assert {a["postal_code"] for a in export["addresses"]} <= known_codes
    for location in export["locations"]:
        assert "latitude" not in location and "longitude" not in location
    for service in export["services"]:
        assert ("assurer_email" in service) == (content.site.publisher.email is not None)


def test_real_content_has_no_phone_and_only_complete_addresses() -> None:
    content = read_content(CONTENT)
    export = export_of(content)
    assert export["phones"] == []
    with_postal_code = [
        item_id
        for item_id, point in content.meeting_points.items()
        if point.address and point.address.street and point.address.postal_code
    ]
    assert [a["location_id"] for a in export["addresses"]] == [
        hsds_id("location", item_id) for item_id in with_postal_code
    ]


def test_point_without_address_has_a_location_without_address(minimal: Content) -> None:
    export = export_of(minimal)
    location = location_of(export, service_of(export, "Treffpunkt Beta"))
    assert set(location) == {"id", "location_type", "organization_id", "name"}
    assert all(a["location_id"] != location["id"] for a in export["addresses"])
    (address,) = export["addresses"]
    assert address["address_1"] == "Hauptstraße 1"
    assert (address["postal_code"], address["city"], address["country"]) == ("4700", "Eupen", "BE")


def test_address_without_postal_code_stays_text_on_the_location() -> None:
    export = export_of(read_content(CONTENT))
    location = location_of(export, service_of(export, "Animationszentrum Ephata"))
    assert location["description"].startswith("Anschrift laut Quellen: Bergkapellstraße 46, Eupen.")
    assert all(a["location_id"] != location["id"] for a in export["addresses"])


def test_opening_hours_are_weekly_schedules_of_the_service_at_location(minimal: Content) -> None:
    export = export_of(minimal)
    service = service_of(export, "Treffpunkt Alpha")
    (link,) = [s for s in export["service_at_locations"] if s["service_id"] == service["id"]]
    hours = [s for s in export["schedules"] if s.get("service_at_location_id") == link["id"]]
    assert [(s["freq"], s["byday"], s["opens_at"], s["closes_at"]) for s in hours] == [
        ("WEEKLY", "MO,TU,WE,TH", "09:00", "12:00"),
        ("WEEKLY", "TH", "14:00", "18:00"),
    ]
    assert all("Stand 2026-11-20" in s["description"] for s in hours)
    assert all("valid_from" not in s and "timezone" not in s for s in hours)
    assert {s["schedule_link"] for s in hours} == {
        "https://treffpunkte.example.org/treffpunkte/alpha/"
    }


def test_offer_times_are_schedules_of_the_service_not_opening_hours(minimal: Content) -> None:
    export = export_of(minimal)
    service = service_of(export, "Treffpunkt Alpha")
    (offer,) = [s for s in export["schedules"] if s.get("service_id") == service["id"]]
    assert (offer["byday"], offer["opens_at"], offer["closes_at"]) == ("MO,FR", "15:00", "19:00")
    assert "Erzählcafé" in offer["description"]
    assert "keine Öffnungszeit" in offer["description"]
    assert "service_at_location_id" not in offer


def test_without_site_url_schedules_have_no_link(minimal: Content) -> None:
    export = hsds_export(minimal, None)
    assert export["schedules"]
    assert all("schedule_link" not in s for s in export["schedules"])


def test_people_become_contacts_and_phones_only_when_published(content_dir: Path) -> None:
    with (content_dir / "meeting_points" / "alpha.yaml").open("a", encoding="utf-8") as file:
        file.write(
            "contact:\n  phone: +32 87 00 00 00\n  sources: [quelle-a]\n"
            "people:\n"
            "  - {name: Anna Beispiel, role: Koordinatorin, sources: [quelle-a]}\n"
            "  - {name: Anna Beispiel, role: Kassiererin, sources: [quelle-a]}\n"
        )
    export = export_of(read_content(content_dir))
    service = service_of(export, "Treffpunkt Alpha")
    assert [(c["name"], c["title"]) for c in export["contacts"]] == [
        ("Anna Beispiel", "Koordinatorin"),
        ("Anna Beispiel", "Kassiererin"),
    ]
    assert len({c["id"] for c in export["contacts"]}) == 2
    assert {c["service_id"] for c in export["contacts"]} == {service["id"]}
    (phone,) = export["phones"]
    assert (phone["number"], phone["service_id"]) == ("+32 87 00 00 00", service["id"])
    assert "email" not in service and "url" not in service


def test_operator_of_several_points_is_one_organization(content_dir: Path) -> None:
    beta = content_dir / "meeting_points" / "beta.yaml"
    beta.write_text(
        beta.read_text(encoding="utf-8").replace("name: VoG Beta", "name: VoG Alpha"),
        encoding="utf-8",
    )
    export = export_of(read_content(content_dir))
    (organization,) = export["organizations"]
    assert organization["name"] == "VoG Alpha"
    assert "„Treffpunkt Alpha“, „Treffpunkt Beta“" in organization["description"]


# --- Files ----------------------------------------------------------------------------------


def test_files_are_one_utf8_json_list_per_object(minimal: Content) -> None:
    files = hsds_files(minimal, minimal.site.url)
    assert list(files) == [f"hsds/{obj}.json" for obj in OBJECTS]
    export = export_of(minimal)
    for obj in OBJECTS:
        data = files[f"hsds/{obj}.json"]
        assert data.endswith(b"]\n")
        assert json.loads(data) == export[obj]
        assert (
            data.decode("utf-8")
            == json.dumps(export[obj], ensure_ascii=False, sort_keys=True, indent=1) + "\n"
        )
    assert "Hauptstraße".encode() in files["hsds/addresses.json"]


def test_a_temporary_location_is_on_the_location(minimal: Content) -> None:
    """A move (a temporary or earlier location) is not an address record, but said in words."""
    export = export_of(minimal)
    location = location_of(export, service_of(export, "Treffpunkt Alpha"))
    assert "Bis Ende 2027 vorübergehend im Pfarrsaal, Kirchstraße 3." in location["description"]
