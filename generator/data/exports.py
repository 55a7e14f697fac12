"""The content as open data. JSON of everything, one CSV per entity described by
a Frictionless Data Package, and a JSON twin beside every item page.

Values are written as the content holds them (amounts as `49908.00`, dates as ISO text), so a
reader of the files finds every fact unchanged.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from generator.content.model import Content, StatusChange
from generator.derive.relations import Relations
from generator.derive.status import Tracked, status_of

DATA_DIR = "daten"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection)."""
TEXT_MARK = "'"
"""Put before a cell that starts with one of FORMULA_STARTS or with TEXT_MARK itself: a
spreadsheet then shows the text as typed, and a program drops the first character of every cell
that starts with it to get the exact value back."""
SPREADSHEET_SAFETY = {
    "prefix": TEXT_MARK,
    "prefixedWhenStartingWith": [*FORMULA_STARTS, TEXT_MARK],
    "undo": "remove the first character of every cell that starts with the prefix",
}
"""How the CSV files are neutralised, written into the data package for programs."""
Row = dict[str, Any]
Table = tuple[str, str, list[tuple[str, str]], Callable[[Relations], Iterator[Row]]]
"""(name, title, [(column, Table Schema type)], rows)."""


class Encoded(str):
    """A JSON value as `to_json` writes it (without the last newline): part of a larger document,
    which `to_json` puts in unchanged."""


def to_json(data: Any) -> bytes:
    """Return `data` as UTF-8 JSON, sorted keys, one value per line (as `json.dumps` with
    `indent=1`). An `Encoded` value, at any depth of dicts and lists, goes in as it is."""
    return (_pretty(data, 0) + "\n").encode()


def encoded(data: Any) -> Encoded:
    """Return `data` as `Encoded` JSON, to be put into a larger document later."""
    return Encoded(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1))


def _pretty(value: Any, depth: int) -> str:
    if isinstance(value, Encoded):
        return value.replace("\n", "\n" + " " * depth)  # JSON text has no other line breaks
    if isinstance(value, (dict, list)) and _holds_encoded(value):
        pad = "\n" + " " * (depth + 1)
        if isinstance(value, dict):
            items = [
                f"{json.dumps(key, ensure_ascii=False)}: {_pretty(item, depth + 1)}"
                for key, item in sorted(value.items())
            ]
            return "{" + pad + ("," + pad).join(items) + pad[:-1] + "}"
        items = [_pretty(item, depth + 1) for item in value]
        return "[" + pad + ("," + pad).join(items) + pad[:-1] + "]"
    return encoded(value).replace("\n", "\n" + " " * depth)


def _holds_encoded(value: dict[Any, Any] | list[Any]) -> bool:
    return any(
        isinstance(item, Encoded) or (isinstance(item, (dict, list)) and _holds_encoded(item))
        for item in (value.values() if isinstance(value, dict) else value)
    )


Encode = Callable[[BaseModel], Encoded]
"""How one model becomes JSON: `encoded_model`, or a step that reuses its results."""


def encoded_model(model: BaseModel) -> Encoded:
    """Return `model` as `Encoded` JSON, as the content holds it."""
    return encoded(model.model_dump(mode="json"))


def content_data(content: Content, *, encode: Encode | None = None) -> dict[str, Any]:
    """Return the whole content as JSON data: each item and each settings file `Encoded` by
    `encode` (by default `encoded_model`)."""
    dumped = encode or encoded_model
    items: dict[str, Mapping[str, BaseModel]] = {
        "meeting_points": content.meeting_points,
        "evaluations": content.evaluations,
        "parliament": content.parliament,
    }
    data: dict[str, Any] = {k: {i: dumped(m) for i, m in v.items()} for k, v in items.items()}
    for name in ("site", "programme", "vocabularies", "accessibility"):
        data[name] = dumped(getattr(content, name))
    data["sources"] = [dumped(source) for source in content.sources.values()]
    return data


def twin_files(content: Content) -> dict[str, bytes]:
    """Return the JSON twin of each parliamentary item's, recommendation's and commitment's
    page, at `<page folder>/index.json` (a meeting point's comes with its other files:
    `pages`)."""
    relations = Relations(content)
    files = {f"parlament/{i}/index.json": item_twin(i, p) for i, p in content.parliament.items()}
    for rec_id, located in relations.recommendations.items():
        data = {"evaluation": located.evaluation, **located.item.model_dump(mode="json")}
        data |= _statuses(located.item) | {"concerns": list(located.concerns)}
        files[f"empfehlungen/{rec_id}/index.json"] = to_json(data)
    for promise_id, promised in relations.commitments.items():
        data = {"parliamentary_item": promised.parliamentary_item}
        data |= promised.item.model_dump(mode="json") | _statuses(promised.item)
        files[f"zusagen/{promise_id}/index.json"] = to_json(data)
    return files


def _statuses(tracked: Tracked) -> dict[str, str]:
    """The status as the pages count it, and as reported and as assessed."""
    return {
        "status": status_of(tracked),
        "status_reported": status_of(tracked, "reported"),
        "status_assessed": status_of(tracked, "assessed"),
    }


def item_twin(item_id: str, item: BaseModel) -> bytes:
    """Return the JSON twin of an item's page: its id and its content."""
    return to_json({"id": item_id, **item.model_dump(mode="json")})


def data_files(
    content: Content, licence: dict[str, str], *, encode: Encode | None = None
) -> dict[str, bytes]:
    """Return `daten/alle-inhalte.json` (each model encoded by `encode`, see `content_data`),
    one CSV per entity and `daten/datapackage.json`."""
    relations = Relations(content)
    files = {f"{DATA_DIR}/alle-inhalte.json": to_json(content_data(content, encode=encode))}
    resources = []
    for name, title, columns, rows in TABLES:
        files[f"{DATA_DIR}/{name}.csv"] = _csv([column for column, _ in columns], rows(relations))
        fields = [{"name": column, "type": kind} for column, kind in columns]
        resources.append(
            {
                "name": name,
                "title": title,
                "path": f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields},
            }
        )
    package = {
        "name": "soziale-treffpunkte-ostbelgien",
        "title": content.site.title,
        "description": content.site.description,
        "licenses": [licence],
        "resources": resources,
        "spreadsheetSafety": SPREADSHEET_SAFETY,
    }
    files[f"{DATA_DIR}/datapackage.json"] = to_json(package)
    return files


def _csv(columns: list[str], rows: Iterator[Row]) -> bytes:
    # Every field quoted, so that a spreadsheet that splits at `;` (as in German settings) or
    # at a line break still sees one cell; CRLF between rows, as RFC 4180 says.
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=columns, lineterminator="\r\n", quoting=csv.QUOTE_ALL
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
    return buffer.getvalue().encode("utf-8")


def spreadsheet_safe(value: object) -> str:
    """Return a CSV cell that no spreadsheet runs as a formula (see TEXT_MARK)."""
    text = "" if value is None else str(value)
    return TEXT_MARK + text if text.startswith((*FORMULA_STARTS, TEXT_MARK)) else text


def _joined(values: list[str]) -> str:
    return " ".join(values)


def _meeting_points(relations: Relations) -> Iterator[Row]:
    for item_id, p in relations.content.meeting_points.items():
        address, contact = p.address, p.contact
        yield {
            "id": item_id,
            "name": p.name,
            "municipality": p.municipality,
            "operator": p.operator.name,
            "street": address and address.street,
            "postal_code": address and address.postal_code,
            "locality": address and address.locality,
            "website": contact and contact.website,
            "phone": contact and contact.phone,
            "email": contact and contact.email,
            "target_groups": _joined(p.target_groups.groups) if p.target_groups else None,
            "last_checked": p.last_checked.isoformat(),
        }


def _offers(relations: Relations) -> Iterator[Row]:
    for item_id, p in relations.content.meeting_points.items():
        for offer in p.offers:
            schedule = "; ".join(f"{','.join(s.days)} {s.opens}-{s.closes}" for s in offer.schedule)
            yield {
                "meeting_point": item_id,
                "name": offer.name,
                "description": offer.description,
                "since": offer.since,
                "target_groups": _joined(offer.target_groups),
                "schedule": schedule,
                "cost": offer.cost,
                "sources": _joined(offer.sources),
            }


def _funding(relations: Relations) -> Iterator[Row]:
    for item_id, p in relations.content.meeting_points.items():
        for f in p.funding:
            amount = None if f.amount_eur is None else f"{f.amount_eur:.2f}"
            yield {
                "meeting_point": item_id,
                "year": f.year,
                "amount_eur": amount,
                "note": f.note,
                "sources": _joined(f.sources),
            }


def _findings(relations: Relations) -> Iterator[Row]:
    for finding_id, located in relations.findings.items():
        f = located.item
        yield {
            "id": finding_id,
            "evaluation": located.evaluation,
            "kind": f.kind,
            "text": f.text,
            "meeting_points": _joined(list(located.concerns)),
            "sources": _joined(f.sources),
        }


def _recommendations(relations: Relations) -> Iterator[Row]:
    for rec_id, located in relations.recommendations.items():
        r = located.item
        yield {
            "id": rec_id,
            "evaluation": located.evaluation,
            "title": r.title,
            "text": r.text,
            "addressees": _joined(list(r.addressees)),
            "responsible": r.responsible,
            "priority": r.priority,
            "themes": _joined(r.themes),
            "issued": r.issued.isoformat(),
            "status_reported": status_of(r, "reported"),
            "status_assessed": status_of(r, "assessed"),
            "target_date": r.target_dates[-1].date if r.target_dates else None,
            "sources": _joined(r.sources),
        }


def _status_history(relations: Relations) -> Iterator[Row]:
    for rec_id, located in relations.recommendations.items():
        for change in located.item.history:
            yield {"recommendation": rec_id} | _change_row(change)


def _commitments(relations: Relations) -> Iterator[Row]:
    for promise_id, promised in relations.commitments.items():
        c, deadline = promised.item, promised.item.deadline
        yield {
            "id": promise_id,
            "parliamentary_item": promised.parliamentary_item,
            "date": promised.made_in.date,
            "title": c.title,
            "made_by": c.made_by.name,
            "party": c.made_by.party,
            "role": c.made_by.role,
            "on_behalf_of": c.on_behalf_of,
            "made_to": c.made_to,
            "modality": c.modality,
            "text": c.text,
            "deadline": deadline and deadline.text,
            "deadline_date": deadline and deadline.date,
            "evaluations": _joined(c.evaluations),
            "findings": _joined(c.findings),
            "recommendations": _joined(c.recommendations),
            "meeting_points": _joined(c.meeting_points),
            "status_reported": status_of(c, "reported"),
            "status_assessed": status_of(c, "assessed"),
            "sources": _joined(c.sources),
        }


def _commitment_history(relations: Relations) -> Iterator[Row]:
    for promise_id, promised in relations.commitments.items():
        for change in promised.item.history:
            yield {"commitment": promise_id} | _change_row(change)


def _change_row(change: StatusChange) -> Row:
    return {
        "date": change.date.isoformat(),
        "status": change.status,
        "verdict": change.verdict,
        "by": change.by,
        "note": change.note,
        "sources": _joined(change.sources),
    }


def _parliament(relations: Relations) -> Iterator[Row]:
    for item_id, p in relations.content.parliament.items():
        yield {
            "id": item_id,
            "title": p.title,
            "kind": p.kind,
            "date": p.date,
            "body": p.body,
            "asked_by": "; ".join(
                m.name + (f" ({m.party})" if m.party else "") for m in p.asked_by
            ),
            "answered_by": "; ".join(m.name for m in p.answered_by),
            "question_summary": p.question_summary,
            "answer_summary": p.answer_summary,
            "meeting_points": _joined(p.meeting_points),
            "recommendations": _joined(p.recommendations),
            "sources": _joined(p.sources),
        }


def _sources(relations: Relations) -> Iterator[Row]:
    for s in relations.content.sources.values():
        yield {
            "id": s.id,
            "title": s.title,
            "publisher": s.publisher,
            "url": s.url,
            "date": s.date,
            "note": s.note,
        }


TEXT, NUMBER = "string", "number"
TABLES: list[Table] = [
    (
        "treffpunkte",
        "Treffpunkte",
        [
            (c, TEXT)
            for c in (
                "id",
                "name",
                "municipality",
                "operator",
                "street",
                "postal_code",
                "locality",
                "website",
                "phone",
                "email",
                "target_groups",
            )
        ]
        + [("last_checked", "date")],
        _meeting_points,
    ),
    (
        "angebote",
        "Angebote",
        [
            (c, TEXT)
            for c in (
                "meeting_point",
                "name",
                "description",
                "since",
                "target_groups",
                "schedule",
                "cost",
                "sources",
            )
        ],
        _offers,
    ),
    (
        "foerderung",
        "Förderung",
        [
            ("meeting_point", TEXT),
            ("year", "integer"),
            ("amount_eur", NUMBER),
            ("note", TEXT),
            ("sources", TEXT),
        ],
        _funding,
    ),
    (
        "befunde",
        "Befunde",
        [(c, TEXT) for c in ("id", "evaluation", "kind", "text", "meeting_points", "sources")],
        _findings,
    ),
    (
        "empfehlungen",
        "Empfehlungen",
        [
            (c, TEXT)
            for c in (
                "id",
                "evaluation",
                "title",
                "text",
                "addressees",
                "responsible",
                "priority",
                "themes",
            )
        ]
        + [("issued", "date")]
        + [(c, TEXT) for c in ("status_reported", "status_assessed", "target_date", "sources")],
        _recommendations,
    ),
    (
        "statusverlauf",
        "Statusverlauf",
        [("recommendation", TEXT), ("date", "date")]
        + [(c, TEXT) for c in ("status", "verdict", "by", "note", "sources")],
        _status_history,
    ),
    (
        "parlament",
        "Parlamentarische Vorgänge",
        [
            (c, TEXT)
            for c in (
                "id",
                "title",
                "kind",
                "date",
                "body",
                "asked_by",
                "answered_by",
                "question_summary",
                "answer_summary",
                "meeting_points",
                "recommendations",
                "sources",
            )
        ],
        _parliament,
    ),
    (
        "zusagen",
        "Zusagen im Parlament",
        [
            (c, TEXT)
            for c in (
                "id",
                "parliamentary_item",
                "date",
                "title",
                "made_by",
                "party",
                "role",
                "on_behalf_of",
                "made_to",
                "modality",
                "text",
                "deadline",
                "deadline_date",
                "evaluations",
                "findings",
                "recommendations",
                "meeting_points",
                "status_reported",
                "status_assessed",
                "sources",
            )
        ],
        _commitments,
    ),
    (
        "zusagenverlauf",
        "Verlauf der Zusagen",
        [("commitment", TEXT), ("date", "date")]
        + [(c, TEXT) for c in ("status", "verdict", "by", "note", "sources")],
        _commitment_history,
    ),
    (
        "quellen",
        "Quellen",
        [(c, TEXT) for c in ("id", "title", "publisher", "url", "date", "note")],
        _sources,
    ),
]
"""Every CSV of the open-data download: file name, title, columns with their types, rows."""
