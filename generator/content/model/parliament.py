"""Model of parliament/<id>.yaml: one parliamentary item."""

from __future__ import annotations

from generator.content.field_types import (
    DateSpec,
    EvaluationRef,
    FindingRef,
    MeetingPointRef,
    Paragraph,
    RecommendationRef,
    SourceRef,
    Text,
)
from generator.content.model.base import (
    ItemKind,
    Sources,
    Strict,
)


class Member(Strict):
    name: Text
    """Name (oder Fraktion)."""
    party: Text | None = None
    """Partei; weglassen, wenn nicht bestätigt."""
    role: Text | None = None
    """Funktion, z. B. `Minister für Familie, Gesundheit und Soziales`."""


class ParliamentaryItem(Strict):
    title: Text
    """Gegenstand in wenigen Worten."""
    kind: ItemKind
    """decree_proposal, decree, interpellation, oral_question, written_question, question."""
    date: DateSpec | None = None
    """Sitzungs- oder Einreichungsdatum; weglassen, wenn unbekannt."""
    body: Text | None = None
    """Gremium, z. B. `Ausschuss IV`; weglassen, wenn die Quelle es nicht nennt."""
    asked_by: list[Member] = []
    """Wer gefragt oder eingereicht hat."""
    answered_by: list[Member] = []
    """Wer geantwortet hat."""
    question_summary: Paragraph | None = None
    """Die Frage oder der Vorschlag, in eigenen Worten."""
    answer_summary: Paragraph | None = None
    """Die Antwort, in eigenen Worten."""
    question_sources: list[SourceRef] = []
    """Belege für die Frage, wenn nicht jede Quelle unter `sources` sie trägt; leer: `sources`."""
    answer_sources: list[SourceRef] = []
    """Belege für die Antwort, wenn nicht jede Quelle unter `sources` sie trägt; leer:
    `sources`."""
    meeting_points: list[MeetingPointRef] = []
    """Treffpunkte, um die es geht."""
    evaluations: list[EvaluationRef] = []
    """Untersuchungen, um die es geht."""
    findings: list[FindingRef] = []
    """Befunde, um die es geht."""
    recommendations: list[RecommendationRef] = []
    """Empfehlungen, um die es geht."""
    notes: list[Paragraph] = []
    """Unsicherheiten und Lücken, z. B. ein nicht genanntes Gremium."""
    sources: Sources
    """Belege."""
