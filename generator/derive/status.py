"""A recommendation's or commitment's status from its dated history: status per verdict,
roll-ups, changes.

Everything is derived from the dated, sourced `history` in content, never from the build time.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import get_args

from generator.content.field_types import first_day
from generator.content.model import Commitment, Recommendation, Status
from generator.derive.relations import Relations

NO_INFORMATION = "no_information"
"""Status of a recommendation or commitment with no dated, sourced entry: nothing public says
more."""
Tracked = Recommendation | Commitment
"""What has a dated, sourced status history."""
STATUS_ORDER: tuple[str, ...] = (NO_INFORMATION, *get_args(Status))
OPEN_STATUSES = {NO_INFORMATION, "open", "in_progress", "partially_implemented"}
"""Statuses that still need the committee's attention (the briefing pack lists them)."""


def status_of(tracked: Tracked, verdict: str | None = None) -> str:
    """Return the latest status with `verdict` (`reported` or `assessed`).

    Without a verdict: the independent assessment if there is one, else the reported status."""
    if verdict is None:
        assessed = status_of(tracked, "assessed")
        return assessed if assessed != NO_INFORMATION else status_of(tracked, "reported")
    changes = [change for change in tracked.history if change.verdict == verdict]
    return max(changes, key=lambda change: change.date).status if changes else NO_INFORMATION


def count_statuses(items: list[Recommendation] | list[Commitment]) -> dict[str, int]:
    """Return how many recommendations or commitments have each status, in the order of the
    scale."""
    counts = Counter(status_of(item) for item in items)
    return {status: counts[status] for status in STATUS_ORDER if counts[status]}


def rollup(relations: Relations, by: str) -> list[tuple[str, dict[str, int]]]:
    """Return `(key, status counts)` per addressee, meeting point or theme (`by`), sorted."""
    groups: dict[str, list[Recommendation]] = {}
    for located in relations.recommendations.values():
        recommendation = located.item
        keys: dict[str, list[str]] = {
            "addressee": list(recommendation.addressees),
            "meeting_point": list(located.concerns),
            "theme": list(recommendation.themes),
        }
        for key in keys[by]:
            groups.setdefault(key, []).append(recommendation)
    return [(key, count_statuses(items)) for key, items in sorted(groups.items())]


@dataclass(frozen=True)
class Change:
    """One dated entry of the change log."""

    when: str
    """The date as precise as the content gives it (`2014-05`, `2017-11-08`): what people read."""
    kind: str
    """`status` (of a recommendation), `recommendation`, `withdrawn` (a finding or
    recommendation), `parliamentary_item`, `commitment`, `commitment_status` or
    `withdrawn_commitment` (an entry the editors merged or removed)."""
    page: str
    """Markdown path of the page it concerns, e.g. `empfehlungen/x.md` or `zusagen/x.md`."""
    title: str
    status: str | None = None
    verdict: str | None = None
    note: str | None = None

    @property
    def date(self) -> datetime.date:
        """The first day it may have happened on: for sorting, and where a format needs a full
        timestamp (the Atom feed's `updated`, see the open-data page); never shown as a day."""
        return first_day(self.when)


def changes(relations: Relations) -> list[Change]:
    """Return every dated change in the content, newest first."""
    content = relations.content
    found: list[Change] = []
    for rec_id, located in relations.recommendations.items():
        page, rec = f"empfehlungen/{rec_id}.md", located.item
        found.append(Change(str(rec.issued), "recommendation", page, rec.title, note=rec.text))
        found += _status_changes("status", page, rec)
    for evaluation in content.evaluations.values():
        for gone in evaluation.withdrawn:
            page = withdrawn_page(gone.kind, gone.id, relations)
            found.append(Change(str(gone.date), "withdrawn", page, gone.id, note=gone.reason))
    for item_id, item in content.parliament.items():
        if item.date:
            page = f"parlament/{item_id}.md"
            found.append(Change(item.date, "parliamentary_item", page, item.title))
        for promise in item.commitments:
            page = f"zusagen/{promise.id}.md"
            if item.date:
                found.append(
                    Change(item.date, "commitment", page, promise.title, note=promise.text)
                )
            found += _status_changes("commitment_status", page, promise)
        for entry in item.withdrawn:
            page, kind = f"zusagen/{entry.id}.md", "withdrawn_commitment"
            found.append(Change(str(entry.date), kind, page, entry.id, note=entry.reason))
    return sorted(found, key=lambda c: (c.date, c.kind, c.page, c.status or ""), reverse=True)


def _status_changes(kind: str, page: str, tracked: Tracked) -> list[Change]:
    return [
        Change(str(c.date), kind, page, tracked.title, c.status, c.verdict, c.note)
        for c in tracked.history
    ]


def withdrawn_page(kind: str, item_id: str, relations: Relations) -> str:
    """Return where a withdrawn finding or recommendation is explained."""
    if kind == "recommendation":
        return f"empfehlungen/{item_id}.md"
    evaluation = next(
        eid
        for eid, e in relations.content.evaluations.items()
        if item_id in {w.id for w in e.withdrawn}
    )
    return f"evaluationen/{evaluation}.md#{item_id}"
