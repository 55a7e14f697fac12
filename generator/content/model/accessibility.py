"""Model of accessibility.yaml: the accessibility statement (EU directive 2016/2102 model)."""

from __future__ import annotations

from typing import Literal

from generator.content.field_types import Day, Email, Paragraph, Text
from generator.content.model.base import Statement, Strict


class Gap(Strict):
    content: Text
    """Was nicht barrierefrei ist."""
    reason: Literal["non_compliance", "disproportionate_burden", "out_of_scope"]
    """Grund: `non_compliance` (nicht vereinbar), `disproportionate_burden` (unverhältnismäßige
    Belastung) oder `out_of_scope` (fällt nicht unter die Vorschriften)."""
    explanation: Paragraph
    """Warum, in eigenen Worten."""
    alternative: Paragraph | None = None
    """Welcher barrierefreie Weg stattdessen zur Verfügung steht."""


class Assessment(Strict):
    date: Day
    """Wann die Website zuletzt geprüft wurde (JJJJ-MM-TT)."""
    method: Paragraph
    """Wie geprüft wurde, z. B. Selbstbewertung mit automatischen Tests."""


class Feedback(Strict):
    text: Paragraph
    """Wie Menschen Mängel melden oder Inhalte in anderer Form anfragen können."""
    email: Email | None = None
    """Kontaktadresse; weglassen, solange keine veröffentlicht ist."""


class AccessibilityStatement(Strict):
    status: Literal["full", "partial", "none"]
    """Stand der Vereinbarkeit: `full` (vollständig), `partial` (teilweise), `none` (nicht)."""
    standard: Text
    """Maßstab, z. B. `WCAG 2.1, Stufe AA (EN 301 549)`."""
    status_reason: Paragraph
    """Warum dieser Stand angegeben wird."""
    gaps: list[Gap] = []
    """Nicht barrierefreie Inhalte, mit Grund und Alternative."""
    assessment: Assessment
    """Letzte Prüfung."""
    statement_date: Day
    """Wann diese Erklärung erstellt oder zuletzt überprüft wurde; mindestens jährlich."""
    feedback: Feedback
    """Rückmeldungen und Kontakt."""
    enforcement: list[Statement]
    """Durchsetzungsverfahren und Aufsicht, mit Belegen."""
