"""Which pages the site has: one plan step per page, from the validated content."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.content.model import Content, MeetingPoint

Step = tuple[str, str, str | None, dict[str, Any]]
"""`(page path, template, content file an edit link opens, template data)`."""

DIRECTORY_ON_ONE_PAGE = 60
"""Up to this many meeting points the directory is one page, and the start page names each.
Above it, the directory is an overview of the municipalities with their counts, linking to one
page per municipality (`gemeinden/<id>.md`), and the start page and the recommendations
overview give counts instead of names, so that no page but a municipality's grows with the
number of meeting points. 60: the programme recognises five and the test fixture has two, so
both stay on one page with room to grow, while 60 entries (about 70 KB of Markdown) are still
one page a phone can scroll; a list of hundreds is not."""


def page_plan(content: Content) -> list[Step]:
    """Return `(page path, template, content file, template data)` for every page."""
    files = content.files
    points = content.meeting_points
    by_place = _points_by_municipality(content)
    split = len(points) > DIRECTORY_ON_ONE_PAGE
    # Counts, not the meeting points: a page given these does not read (and depend on) them.
    counts = {"split": split, "counts": {place: len(ids) for place, ids in by_place.items()}}
    plan: list[Step] = [
        ("index.md", "index.md.j2", "site.yaml", counts),
        ("grundlagen.md", "programme.md.j2", "programme.yaml", {}),
        (
            "treffpunkte/index.md",
            "directory_overview.md.j2" if split else "directory.md.j2",
            "vocabularies.yaml",
            counts | {"groups": _group_counts(content, by_place)} if split else {},
        ),
        ("evaluationen/index.md", "evaluations.md.j2", None, {}),
        ("empfehlungen/index.md", "recommendations.md.j2", None, {"split": split}),
        ("parlament/index.md", "parliament.md.j2", None, {}),
        ("zusagen/index.md", "commitments.md.j2", None, {}),
        ("quellen.md", "sources.md.j2", files["sources/"], {}),
        ("impressum.md", "legal_notice.md.j2", "site.yaml", {}),
        ("barrierefreiheit.md", "accessibility.md.j2", "accessibility.yaml", {}),
        ("aenderungen.md", "changes.md.j2", None, {}),
        ("aenderungen.xml", "feed.xml.j2", None, {}),
        ("briefing.md", "briefing.md.j2", None, {}),
        ("offene-daten.md", "open_data.md.j2", None, {}),
        ("redaktion/index.md", "editors_guide.md.j2", None, {}),
        ("redaktion/qualitaet.md", "quality.md.j2", None, {}),
        ("empfehlungen/status.svg", "status_chart.svg.j2", None, {}),
    ]
    item_pages: list[tuple[str, Mapping[str, Any], str]] = [
        ("meeting_point", content.meeting_points, "treffpunkte"),
        ("evaluation", content.evaluations, "evaluationen"),
        ("parliamentary_item", content.parliament, "parlament"),
    ]
    for kind, items, folder in item_pages:
        for item_id, item in items.items():
            data = {"item_id": item_id, "item": item}
            if kind == "meeting_point":
                data["split"] = split  # its municipality: a part of the directory, or a page
            plan.append(
                (f"{folder}/{item_id}.md", f"{kind}.md.j2", files[f"{kind}/{item_id}"], data)
            )
    for place, ids in by_place.items() if split else ():
        if ids:
            data = {"municipality": place, "point_ids": ids}
            plan.append((f"gemeinden/{place}.md", "municipality.md.j2", "vocabularies.yaml", data))
    for item_id, item in content.meeting_points.items():
        data = {"item_id": item_id, "item": item}
        source = files[f"meeting_point/{item_id}"]
        plan.append((f"treffpunkte/{item_id}/steckbrief.md", "profile.md.j2", source, data))
    for evaluation_id, evaluation in content.evaluations.items():
        source = files[f"evaluation/{evaluation_id}"]
        for recommendation in evaluation.recommendations:
            data = {"item_id": recommendation.id}
            plan.append(
                (f"empfehlungen/{recommendation.id}.md", "recommendation.md.j2", source, data)
            )
        for gone in evaluation.withdrawn:
            if gone.kind == "recommendation":
                data = {"item_id": gone.id, "item": gone, "kind": gone.kind}
                plan.append((f"empfehlungen/{gone.id}.md", "withdrawn.md.j2", source, data))
    for item_id, item in content.parliament.items():
        source = files[f"parliamentary_item/{item_id}"]
        for commitment in item.commitments:
            data = {"item_id": commitment.id}
            plan.append((f"zusagen/{commitment.id}.md", "commitment.md.j2", source, data))
        for gone_entry in item.withdrawn:
            data = {"item_id": gone_entry.id, "item": gone_entry, "kind": "commitment"}
            plan.append((f"zusagen/{gone_entry.id}.md", "withdrawn.md.j2", source, data))
    return plan


def _points_by_municipality(content: Content) -> dict[str, list[str]]:
    """Return the ids of each municipality's meeting points, by name; every municipality of the
    vocabulary, sorted by id, is a key."""
    places = sorted(m.id for m in content.vocabularies.municipalities)
    by_place: dict[str, list[str]] = {place: [] for place in places}
    for point_id, point in sorted(content.meeting_points.items(), key=lambda i: i[1].name):
        by_place[point.municipality].append(point_id)
    return by_place


def _group_counts(content: Content, by_place: dict[str, list[str]]) -> dict[str, dict[str, int]]:
    """Return, per target group, how many meeting points of each municipality name it."""
    points = content.meeting_points
    return {
        group.id: {
            place: count
            for place, ids in by_place.items()
            if (count := sum(_names(points[i], group.id) for i in ids))
        }
        for group in content.vocabularies.target_groups
    }


def _names(point: MeetingPoint, group: str) -> bool:
    return bool(point.target_groups and group in point.target_groups.groups)
