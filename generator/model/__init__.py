"""Content model, stage 2 of the pipeline: the one definition of every content file.

The JSON Schema for editors is generated from these classes; the docstring under each field
is its description there and in the editors' guide.
"""

from __future__ import annotations

from generator.model.accessibility import AccessibilityStatement
from generator.model.base import DatedStatement, Statement, Status, Strict
from generator.model.evaluation import Evaluation, Finding, Recommendation, StatusChange
from generator.model.meeting_point import MeetingPoint, Offer, TimeSlot
from generator.model.parliament import ParliamentaryItem
from generator.model.site import Programme, Site, Source, SourceList, Vocabularies

__all__ = [
    "ROOT_MODELS",
    "AccessibilityStatement",
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
    "sources.yaml": SourceList,
    "accessibility.yaml": AccessibilityStatement,
    "meeting_points/": MeetingPoint,
    "evaluations/": Evaluation,
    "parliament/": ParliamentaryItem,
}
"""Which model each content file follows: a file name, or a folder of one file per item."""
