"""Quality report for editors: what is valid but could be better. Advice, not errors.

Stale records, fields readers need that are empty, sources nobody cites, recommendations and
commitments without a status update for a year, source links that are not https.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel

from generator.content.field_types import Ref, first_day
from generator.content.model import Content
from generator.content.references import walk_ids

READER_FIELDS = {
    "address": "Adresse",
    "opening_hours": "Öffnungszeiten",
    "contact": "Kontakt",
    "target_groups": "Zielgruppen",
}
"""Fields of a meeting point that citizens look for first."""


@dataclass(frozen=True, order=True)
class Advice:
    """One suggestion about one content file."""

    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}"


def build_date() -> datetime.date:
    """Return the date a build stands for: from SOURCE_DATE_EPOCH if set, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


CitedBy = Callable[[BaseModel], frozenset[str]]
"""The ids of the sources one model cites: `cited_sources`, or a step that reuses its results."""


def quality_report(
    content: Content,
    today: datetime.date,
    max_age_days: int = 365,
    *,
    cited_by: CitedBy | None = None,
) -> list[Advice]:
    """Return all advice for `content` as of `today`, sorted by file; the sources each model
    cites found by `cited_by` (by default `cited_sources`)."""
    advice = _meeting_point_advice(content, today, max_age_days)
    advice += _recommendation_advice(content, today)
    advice += _commitment_advice(content, today)
    advice += _source_advice(content, cited_by or cited_sources)
    return sorted(advice)


def _meeting_point_advice(content: Content, today: datetime.date, max_age: int) -> list[Advice]:
    advice = []
    for item_id, point in content.meeting_points.items():
        file = content.files[f"meeting_point/{item_id}"]
        age = (today - point.last_checked).days
        if age > max_age:
            message = f"zuletzt am {point.last_checked.isoformat()} geprüft, vor {age} Tagen"
            advice.append(Advice(file, "last_checked", message))
        for field, label in READER_FIELDS.items():
            if getattr(point, field) is None:
                advice.append(Advice(file, field, f"„{label}“ nicht erfasst; Leser suchen danach"))
        if not point.offers:
            advice.append(Advice(file, "offers", "keine Angebote erfasst"))
    return advice


def _recommendation_advice(content: Content, today: datetime.date) -> list[Advice]:
    advice = []
    for evaluation_id, evaluation in content.evaluations.items():
        file = content.files[f"evaluation/{evaluation_id}"]
        for recommendation in evaluation.recommendations:
            dates = [change.date for change in recommendation.history] or [recommendation.issued]
            key = f"recommendations[{recommendation.id}]"
            advice += _stale(file, key, max(dates), today)
    return advice


def _commitment_advice(content: Content, today: datetime.date) -> list[Advice]:
    advice = []
    for item_id, item in content.parliament.items():
        file = content.files[f"parliamentary_item/{item_id}"]
        for commitment in item.commitments:
            dates = [change.date for change in commitment.history]
            dates += [first_day(item.date)] if item.date else []
            key = f"commitments[{commitment.id}]"
            advice += _stale(file, key, max(dates), today) if dates else []
    return advice


def _stale(file: str, key: str, last: datetime.date, today: datetime.date) -> list[Advice]:
    """Advice when the last dated entry of a recommendation or commitment is over a year old."""
    days = (today - last).days
    if days <= 365:
        return []
    return [Advice(file, key, f"seit {days} Tagen keine Statusänderung; gibt es eine neue Quelle?")]


def _source_advice(content: Content, cited_by: CitedBy) -> list[Advice]:
    cited: set[str] = set().union(*(cited_by(model) for model in _all_models(content)))
    files = content.files
    advice = [
        Advice(
            files[f"source/{source_id}"], f"sources[{source_id}]", "wird von keiner Angabe zitiert"
        )
        for source_id in content.sources
        if source_id not in cited
    ]
    advice += [
        Advice(
            files[f"source/{source.id}"],
            f"sources[{source.id}].url",
            "unverschlüsselte Adresse (http); gibt es https?",
        )
        for source in content.sources.values()
        if source.url.startswith("http://")
    ]
    return advice


def cited_sources(model: BaseModel) -> frozenset[str]:
    """Return the ids of the sources that `model` cites."""
    ids = walk_ids(model, type(model), [], ())
    return frozenset(
        v for _, marker, v in ids if isinstance(marker, Ref) and marker.kind == "source"
    )


def _all_models(content: Content) -> list[BaseModel]:
    return [
        content.site,
        content.programme,
        content.accessibility,
        *content.meeting_points.values(),
        *content.evaluations.values(),
        *content.parliament.values(),
    ]
