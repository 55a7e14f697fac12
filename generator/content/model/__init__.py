"""Content model: the one definition of every content file.

The JSON Schema for editors is generated from these classes; the docstring under each field
is its description there and in the editors' guide.
"""

from __future__ import annotations

from generator.content.model.accessibility import AccessibilityStatement
from generator.content.model.all_content import Content
from generator.content.model.base import DatedStatement, Statement, Status, StatusChange, Strict
from generator.content.model.evaluation import Evaluation, Finding, Recommendation
from generator.content.model.meeting_point import MeetingPoint, Offer, TimeSlot
from generator.content.model.parliament import Commitment, ParliamentaryItem
from generator.content.model.site import Programme, Site, Source, SourceList, Vocabularies

__all__ = [
    "ROOT_MODELS",
    "AccessibilityStatement",
    "Commitment",
    "Content",
    "DatedStatement",
    "Evaluation",
    "Finding",
    "MeetingPoint",
    "Offer",
    "ParliamentaryItem",
    "Programme",
    "Recommendation",
    "Site",
    "Source",
    "SourceList",
    "Statement",
    "Status",
    "StatusChange",
    "Strict",
    "TimeSlot",
    "Vocabularies",
]

ROOT_MODELS: dict[str, type[Strict]] = {
    "site.yaml": Site,
    "programme.yaml": Programme,
    "vocabularies.yaml": Vocabularies,
    "sources/": SourceList,
    "accessibility.yaml": AccessibilityStatement,
    "meeting_points/": MeetingPoint,
    "evaluations/": Evaluation,
    "parliament/": ParliamentaryItem,
}
"""Which model each content file follows: a file name, or a folder (`sources/`: files of
sources grouped as editors like; the others: one file per item, named by its id)."""
