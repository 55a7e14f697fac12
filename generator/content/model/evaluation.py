"""Model of evaluations/<id>.yaml: an evaluation with findings and recommendations."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from generator.content.field_types import (
    DateSpec,
    Day,
    Defines,
    FindingRef,
    MeetingPointRef,
    Paragraph,
    Slug,
    Text,
    ThemeRef,
)
from generator.content.model.base import (
    Addressee,
    DatedStatement,
    Sources,
    Statement,
    StatusChange,
    Strict,
)


class Actor(Strict):
    name: Text
    """Name der Stelle."""
    date: DateSpec | None = None
    """Datum, z. B. des Auftrags."""
    note: Paragraph | None = None
    """Weitere Angaben."""
    sources: Sources
    """Belege."""


class Participants(Strict):
    meeting_points: Annotated[list[MeetingPointRef], Field(min_length=1)]
    """Beteiligte Treffpunkte."""
    others: list[Text] = []
    """Weitere Beteiligte, z. B. Ehrenamtliche oder das Ministerium."""
    sources: Sources
    """Belege."""


class Finding(Strict):
    id: Annotated[Slug, Defines("finding")]
    """Dauerhafte Kennung; sie wird Teil der Adresse und darf sich nicht ändern."""
    kind: Literal["strength", "need"]
    """`strength` (Stärke) oder `need` (Entwicklungsbedarf)."""
    text: Paragraph
    """Der Befund in eigenen Worten."""
    meeting_points: list[MeetingPointRef] = []
    """Betroffene Treffpunkte; leer heißt: alle Beteiligten."""
    sources: Sources
    """Belege."""


class TargetDate(Strict):
    date: DateSpec
    """Bis wann die Empfehlung umgesetzt sein soll."""
    set_on: Day | None = None
    """Wann dieses Ziel festgelegt oder verschoben wurde."""
    reason: Paragraph | None = None
    """Warum das Ziel verschoben wurde (bei späteren Einträgen)."""
    sources: Sources
    """Belege."""


class Withdrawn(Strict):
    id: Annotated[Slug, Defines("withdrawn")]
    """Die frühere Kennung einer Empfehlung oder eines Befunds; ihre Adresse bleibt erreichbar."""
    kind: Literal["finding", "recommendation"]
    """`finding` oder `recommendation`."""
    date: Day
    """Wann sie zurückgezogen oder zusammengelegt wurde."""
    merged_into: Slug | None = None
    """Kennung der Empfehlung oder des Befunds, in dem sie aufgegangen ist."""
    reason: Paragraph
    """Warum."""
    sources: Sources
    """Belege."""


class Recommendation(Strict):
    id: Annotated[Slug, Defines("recommendation")]
    """Dauerhafte Kennung; sie wird Teil der Adresse und darf sich nicht ändern."""
    title: Text
    """Kurztitel."""
    text: Paragraph
    """Die Empfehlung in eigenen Worten."""
    addressees: Annotated[list[Addressee], Field(min_length=1)]
    """An wen sie sich richtet: meeting_points, operators, government, municipalities,
    parliament."""
    responsible: Text | None = None
    """Zuständige Stelle für die Umsetzung; weglassen, solange keine Quelle eine nennt (die Seite
    sagt dann „nicht veröffentlicht“)."""
    priority: Literal["high", "medium", "low"] | None = None
    """Priorität `high`, `medium` oder `low`; weglassen, solange keine Quelle eine nennt."""
    themes: list[ThemeRef] = []
    """Themen (Kennungen aus `vocabularies.yaml`) für die Übersicht nach Thema."""
    issued: Day
    """Seit wann die Empfehlung öffentlich bekannt ist (Datum der ersten Quelle)."""
    target_dates: list[TargetDate] = []
    """Zieldaten, das ursprüngliche zuerst, dann jede Verschiebung mit Grund."""
    meeting_points: list[MeetingPointRef] = []
    """Betroffene Treffpunkte; leer heißt: alle Beteiligten."""
    findings: list[FindingRef] = []
    """Befunde, aus denen die Empfehlung folgt."""
    history: list[StatusChange] = []
    """Statusänderungen, älteste zuerst, je mit Sicht (`verdict`) und Beleg; leer heißt:
    keine öffentliche Information."""
    note: Paragraph | None = None
    """Hinweis, z. B. wie die Empfehlung aus der Quelle abgeleitet ist."""
    sources: Sources
    """Belege."""


class Evaluation(Strict):
    title: Text
    """Titel der Untersuchung."""
    summary: Paragraph
    """Ein bis zwei Sätze für Übersichten."""
    commissioned_by: Actor
    """Auftraggeber."""
    carried_out_by: Actor
    """Durchführende Stelle."""
    participants: Participants
    """Wer beteiligt war."""
    background: list[Statement] = []
    """Anlass und Hintergrund."""
    goals: Annotated[list[Statement], Field(min_length=1)]
    """Ziele."""
    timeline: list[DatedStatement] = []
    """Ablauf, älteste Einträge zuerst."""
    findings: list[Finding] = []
    """Stärken und Entwicklungsbedarfe."""
    recommendations: list[Recommendation] = []
    """Empfehlungen."""
    conclusions: list[DatedStatement] = []
    """Schlussfolgerungen, z. B. der Regierung."""
    partial_lists: list[Literal["strength", "need", "recommendation"]] = []
    """Listen, von denen die Quellen nur einen Teil nennen (`strength`, `need`,
    `recommendation`): die Seiten zählen sie als „genannte …“ und sagen, dass die vollständige
    Liste nicht veröffentlicht ist. `not_public` sagt, was fehlt."""
    not_public: list[Paragraph] = []
    """Was nicht öffentlich ist oder nicht gefunden wurde."""
    withdrawn: list[Withdrawn] = []
    """Zurückgezogene oder zusammengelegte Befunde und Empfehlungen; ihre Adressen bleiben."""
