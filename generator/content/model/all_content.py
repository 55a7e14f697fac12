"""`Content`: all content files, validated, as the later stages read them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.content.model.accessibility import AccessibilityStatement
from generator.content.model.evaluation import Evaluation
from generator.content.model.meeting_point import MeetingPoint
from generator.content.model.parliament import ParliamentaryItem
from generator.content.model.site import Programme, Site, Source, Vocabularies


@dataclass(frozen=True)
class Content:
    """All content, validated; items keyed by id in id order."""

    site: Site
    programme: Programme
    accessibility: AccessibilityStatement
    vocabularies: Vocabularies
    sources: dict[str, Source]
    """Every source by id, in the order of the files in `sources/` by name, then as listed."""
    meeting_points: Mapping[str, MeetingPoint]
    evaluations: dict[str, Evaluation]
    parliament: dict[str, ParliamentaryItem]
    files: dict[str, str]
    """Content file (relative to the content folder) of each item, keyed `kind/id` or name;
    each source's under `source/id`, and under `sources/` the first file of that folder (the
    one the sources page's edit link opens)."""
    copies: dict[str, bytes]
    """Each content file's bytes as read and validated, by its path in `files`: published as
    they are, never read again."""
