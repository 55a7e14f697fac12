"""Model of parliament/<id>.yaml: one parliamentary item, with the commitments made in it."""

from __future__ import annotations

from typing import Annotated, Literal

from generator.content.field_types import (
    DateSpec,
    Day,
    Defines,
    EvaluationRef,
    FindingRef,
    MeetingPointRef,
    Paragraph,
    RecommendationRef,
    Slug,
    SourceRef,
    Text,
)
from generator.content.model.base import (
    ItemKind,
    Sources,
    StatusChange,
    Strict,
)

Modality = Literal["promise", "announcement", "proposal", "examination"]


class Member(Strict):
    name: Text
    """Name (oder Fraktion)."""
    party: Text | None = None
    """Partei; weglassen, wenn nicht bestätigt."""
    role: Text | None = None
    """Funktion, z. B. `Minister für Familie, Gesundheit und Soziales`."""


class Deadline(Strict):
    text: Text
    """Die Frist in den Worten der Quelle, z. B. `bis Ende 2018` oder `in einer der nächsten
    Sitzungen`."""
    date: DateSpec | None = None
    """Dieselbe Frist als Datum, nur wenn die Quelle eines nennt, so genau wie dort."""


class Commitment(Strict):
    id: Annotated[Slug, Defines("commitment")]
    """Dauerhafte Kennung; sie wird Teil der Adresse und darf sich nicht ändern."""
    title: Text
    """Kurztitel in eigenen Worten."""
    made_by: Member
    """Wer die Zusage gemacht hat (Name, Partei, Funktion)."""
    on_behalf_of: Text | None = None
    """Für welches Organ, wenn die Quelle es sagt, z. B. `Regierung`."""
    made_to: Text
    """Wem sie gilt, wie die Quelle es sagt, z. B. `Ausschuss IV` oder `den Trägern der
    Treffpunkte`."""
    modality: Modality
    """Wie verbindlich, nach den Worten der Quelle: `promise` (sagte zu), `announcement`
    (kündigte an), `proposal` (schlug vor), `examination` (stellte eine Prüfung in Aussicht)."""
    text: Paragraph
    """Was zugesagt wurde, nah an den Worten der Quelle und nicht stärker als sie."""
    deadline: Deadline | None = None
    """Frist, nur wenn die Quelle eine nennt; sonst weglassen (die Seite sagt dann „nicht
    veröffentlicht“)."""
    evaluations: list[EvaluationRef] = []
    """Untersuchungen, um die es geht."""
    findings: list[FindingRef] = []
    """Befunde, um die es geht."""
    recommendations: list[RecommendationRef] = []
    """Empfehlungen, um die es geht."""
    meeting_points: list[MeetingPointRef] = []
    """Treffpunkte, die die Quelle nennt; leer heißt: keine einzelnen."""
    history: list[StatusChange] = []
    """Was aus der Zusage wurde: Statusänderungen, älteste zuerst, je mit Sicht (`verdict`) und
    Beleg; leer heißt: keine öffentliche Information."""
    note: Paragraph | None = None
    """Hinweis, z. B. was die Quelle offenlässt."""
    sources: Sources
    """Belege dafür, dass und wie die Zusage gemacht wurde."""


class WithdrawnCommitment(Strict):
    id: Annotated[Slug, Defines("withdrawn")]
    """Die frühere Kennung des Eintrags; ihre Adresse bleibt erreichbar."""
    date: Day
    """Wann die Redaktion den Eintrag zusammengelegt oder entfernt hat."""
    merged_into: Slug | None = None
    """Kennung der Zusage, in der der Eintrag aufgegangen ist."""
    reason: Paragraph
    """Warum, z. B. zwei Einträge für dieselbe Zusage."""
    sources: Sources
    """Belege."""


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
    commitments: list[Commitment] = []
    """Zusagen, die in diesem Vorgang gemacht wurden, etwa in einer Antwort."""
    withdrawn: list[WithdrawnCommitment] = []
    """Einträge zu Zusagen, die die Redaktion zusammengelegt oder entfernt hat; ihre Adressen
    bleiben. Nimmt die Regierung eine Zusage zurück, gehört das in deren `history`."""
    notes: list[Paragraph] = []
    """Unsicherheiten und Lücken, z. B. ein nicht genanntes Gremium."""
    sources: Sources
    """Belege."""
