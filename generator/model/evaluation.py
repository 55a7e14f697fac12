"""Model of evaluations/<id>.yaml: an evaluation with findings and recommendations."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field

from generator.model.base import (
    Addressee,
    DatedStatement,
    Sources,
    Statement,
    Status,
    Strict,
)
from generator.types import (
    DateSpec,
    Defines,
    FindingRef,
    MeetingPointRef,
    Slug,
    Text,
)


class Actor(Strict):
    name: Text
    """Name der Stelle."""
    date: DateSpec | None = None
    """Datum, z. B. des Auftrags."""
    note: Text | None = None
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
    text: Text
    """Der Befund in eigenen Worten."""
    meeting_points: list[MeetingPointRef] = []
    """Betroffene Treffpunkte; leer heißt: alle Beteiligten."""
    sources: Sources
    """Belege."""


class StatusChange(Strict):
    date: datetime.date
    """Datum der Statusänderung (JJJJ-MM-TT)."""
    status: Status
    """open, in_progress, partially_implemented, implemented, not_implemented, superseded."""
    note: Text | None = None
    """Was geschehen ist."""
    sources: Sources
    """Beleg für den neuen Status."""


class Recommendation(Strict):
    id: Annotated[Slug, Defines("recommendation")]
    """Dauerhafte Kennung; sie wird Teil der Adresse und darf sich nicht ändern."""
    title: Text
    """Kurztitel."""
    text: Text
    """Die Empfehlung in eigenen Worten."""
    addressees: Annotated[list[Addressee], Field(min_length=1)]
    """An wen sie sich richtet: meeting_points, operators, government, municipalities,
    parliament."""
    meeting_points: list[MeetingPointRef] = []
    """Betroffene Treffpunkte; leer heißt: alle Beteiligten."""
    findings: list[FindingRef] = []
    """Befunde, aus denen die Empfehlung folgt."""
    history: list[StatusChange] = []
    """Statusänderungen, älteste zuerst; leer heißt: keine öffentliche Information."""
    note: Text | None = None
    """Hinweis, z. B. wie die Empfehlung aus der Quelle abgeleitet ist."""
    sources: Sources
    """Belege."""


class Evaluation(Strict):
    title: Text
    """Titel der Untersuchung."""
    summary: Text
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
    not_public: list[Text] = []
    """Was nicht öffentlich ist oder nicht gefunden wurde."""
