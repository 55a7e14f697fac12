"""Which pages the site has: one plan step per page, from the validated content."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.content.model import Content

Step = tuple[str, str, str | None, dict[str, Any]]
"""`(page path, template, content file an edit link opens, template data)`."""


def page_plan(content: Content) -> list[Step]:
    """Return `(page path, template, content file, template data)` for every page."""
    files = content.files
    plan: list[Step] = [
        ("index.md", "index.md.j2", "site.yaml", {}),
        ("grundlagen.md", "programme.md.j2", "programme.yaml", {}),
        ("treffpunkte/index.md", "directory.md.j2", "vocabularies.yaml", {}),
        ("evaluationen/index.md", "evaluations.md.j2", None, {}),
        ("empfehlungen/index.md", "recommendations.md.j2", None, {}),
        ("parlament/index.md", "parliament.md.j2", None, {}),
        ("quellen.md", "sources.md.j2", "sources.yaml", {}),
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
            plan.append(
                (f"{folder}/{item_id}.md", f"{kind}.md.j2", files[f"{kind}/{item_id}"], data)
            )
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
                data = {"item_id": gone.id, "item": gone}
                plan.append((f"empfehlungen/{gone.id}.md", "withdrawn.md.j2", source, data))
    return plan
