"""Model of meeting_points/<id>.yaml: one recognised meeting point."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator

from generator.content.field_types import (
    DateSpec,
    Day,
    Email,
    Euro,
    MunicipalityRef,
    Paragraph,
    Phone,
    TargetGroupRef,
    Text,
    Time,
    WebUrl,
    Year,
    YesNo,
)
from generator.content.model.base import (
    DatedStatement,
    Sources,
    Statement,
    Strict,
    Weekday,
)


class Operator(Strict):
    name: Text
    """Name des Trägers, z. B. `VoG Patchwork`."""
    note: Paragraph | None = None
    """Weitere Angaben zum Träger, z. B. Gründung."""
    sources: Sources
    """Belege."""


class Address(Strict):
    street: Text | None = None
    """Straße und Hausnummer; nur die Straße, wenn die Hausnummer nicht veröffentlicht ist."""
    postal_code: Annotated[str, Field(pattern=r"^[0-9]{4}$")] | None = None
    """Belgische Postleitzahl (vier Ziffern)."""
    locality: Text
    """Ort oder Ortsteil."""
    note: Paragraph | None = None
    """Hinweis zur Anschrift selbst, z. B. dass keine Hausnummer zu finden war; belegt von
    `sources`. Ein vorübergehender oder früherer Standort gehört unter `moves`."""
    moves: list[Statement] = []
    """Umzüge: ein vorübergehender oder früherer Standort, jeder mit eigenen Belegen, z. B. ein
    Ausweichquartier nach einem Hochwasser. Seite, Verzeichnis und Steckbrief zeigen ihn bei
    der Adresse, mit dem Datum seiner neuesten Quelle."""
    sources: Sources
    """Belege der Anschrift. Seite, Verzeichnis und Steckbrief zeigen bei ihr das Datum der
    neuesten dieser Quellen („laut Quelle vom …“) oder „laut Quelle ohne Datum“."""


class Recognition(Strict):
    kind: Literal["provisional", "definitive"] | None = None
    """`provisional` (vorläufig) oder `definitive` (endgültig); weglassen, wenn unbekannt."""
    date: DateSpec | None = None
    """Datum der Entscheidung oder der Zeitraum, in dem sie fiel."""
    decided_by: Text | None = None
    """Wer entschieden hat, z. B. `Ministerieller Beschluss`."""
    note: Paragraph | None = None
    """Bedingungen, Dauer und andere Hinweise."""
    sources: Sources
    """Belege."""


class Funding(Strict):
    year: Year
    """Haushaltsjahr."""
    amount_eur: Euro | None = None
    """Betrag in Euro, z. B. `49908.00`; weglassen, wenn nicht veröffentlicht."""
    note: Paragraph | None = None
    """Wofür und von wem."""
    sources: Sources
    """Belege."""


class TargetGroups(Strict):
    groups: Annotated[list[TargetGroupRef], Field(min_length=1)]
    """Kennungen aus `vocabularies.yaml`."""
    note: Paragraph | None = None
    """Nähere Beschreibung in eigenen Worten."""
    sources: Sources
    """Belege."""


class TimeSlot(Strict):
    days: Annotated[list[Weekday], Field(min_length=1)]
    """Wochentage: mon, tue, wed, thu, fri, sat, sun."""
    opens: Time
    """Beginn, z. B. `15:00`."""
    closes: Time
    """Ende, z. B. `19:00`."""

    @field_validator("closes")
    @classmethod
    def _closes_after_opening(cls, closes: str, info: ValidationInfo) -> str:
        opens = info.data.get("opens")
        if opens is not None and closes <= opens:
            raise ValueError(f"das Ende liegt nicht nach dem Beginn {opens}")
        return closes


class HoursException(Strict):
    start: Day
    """Erster Tag der Ausnahme (JJJJ-MM-TT)."""
    end: Day
    """Letzter Tag der Ausnahme (JJJJ-MM-TT), z. B. gleich `start` für einen Feiertag."""
    hours: list[TimeSlot] = []
    """Zeiten in diesem Zeitraum; leer heißt: geschlossen."""
    reason: Paragraph
    """Warum, z. B. `Weihnachtsferien` oder `vorübergehend in der Villa Peters`."""
    sources: Sources
    """Belege."""

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, end: datetime.date, info: ValidationInfo) -> datetime.date:
        start = info.data.get("start")
        if start is not None and end < start:
            raise ValueError(f"das Ende liegt vor dem Beginn {start.isoformat()}")
        return end


class Offer(Strict):
    name: Text
    """Name des Angebots."""
    description: Paragraph | None = None
    """Kurze Beschreibung in eigenen Worten."""
    target_groups: list[TargetGroupRef] = []
    """Für wen das Angebot gedacht ist (Kennungen aus `vocabularies.yaml`)."""
    since: DateSpec | None = None
    """Seit wann es das Angebot gibt."""
    schedule: list[TimeSlot] = []
    """Regelmäßige Zeiten, soweit veröffentlicht."""
    schedule_confirmed: Day | None = None
    """Wann die Zeiten zuletzt bestätigt wurden (JJJJ-MM-TT): das Datum der Quelle oder der
    Prüfung durch die Redaktion. Die Seite zeigt es bei den Zeiten; eine Kalenderdatei gibt es
    nur, solange es höchstens zwölf Monate zurückliegt, und ihre Termine enden zwölf Monate
    danach. Weglassen, wenn die Quelle kein Datum zeigt."""
    cost: Text | None = None
    """Kosten, so wie veröffentlicht."""
    sources: Sources
    """Belege."""


class OpeningHours(Strict):
    regular: Annotated[list[TimeSlot], Field(min_length=1)]
    """Regelmäßige Öffnungszeiten."""
    exceptions: list[HoursException] = []
    """Abweichungen mit Zeitraum: Feiertage, Schließungen, ein vorübergehender Umzug."""
    checked: Day
    """Wann die Zeiten zuletzt geprüft wurden (JJJJ-MM-TT); die Seite zeigt es als „Stand“."""
    note: Paragraph | None = None
    """Hinweise, z. B. zu Ferien."""
    sources: Sources
    """Belege."""


class BuildingAccess(Strict):
    step_free: YesNo | None = None
    """Stufenloser Zugang: `true` oder `false`; weglassen, wenn unbekannt."""
    accessible_toilet: YesNo | None = None
    """Barrierefreie Toilette: `true` oder `false`; weglassen, wenn unbekannt."""
    note: Paragraph | None = None
    """Weitere Angaben, z. B. zu Aufzug, Parkplätzen oder Bus."""
    sources: Sources
    """Belege."""


class Contact(Strict):
    phone: Phone | None = None
    """Telefonnummer."""
    email: Email | None = None
    """E-Mail-Adresse."""
    website: WebUrl | None = None
    """Website des Treffpunkts."""
    sources: Sources
    """Belege. Seite, Verzeichnis und Steckbrief zeigen beim Kontakt das Datum der neuesten
    dieser Quellen („laut Quelle vom …“) oder „laut Quelle ohne Datum“."""


class Person(Strict):
    name: Text
    """Name, wie in der Quelle veröffentlicht."""
    role: Text
    """Aufgabe, z. B. `Koordinatorin`."""
    since: DateSpec | None = None
    """Seit wann."""
    sources: Sources
    """Belege. Seite, Verzeichnis und Steckbrief zeigen bei der Person das Datum der neuesten
    dieser Quellen („laut Quelle vom …“) oder „laut Quelle ohne Datum“."""


class MeetingPoint(Strict):
    name: Text
    """Name des Treffpunkts."""
    municipality: MunicipalityRef
    """Gemeinde (Kennung aus `vocabularies.yaml`)."""
    summary: Paragraph
    """Ein bis zwei Sätze für das Verzeichnis."""
    easy_language: list[Statement] = []
    """Das Wichtigste in Leichter Sprache, nur aus Angaben, die schon auf der Seite stehen, mit
    denselben Belegen: kurze Sätze (höchstens zwölf Wörter), eine Aussage je Satz, keine
    Abkürzungen, schwere Wörter erklärt. Steht zuerst auf der Seite."""
    description: list[Statement] = []
    """Beschreibung in eigenen Worten, Absatz für Absatz, jeder mit Beleg."""
    operator: Operator
    """Der Träger."""
    area_of_activity: Statement | None = None
    """Wirkungsbereich laut Vertrag; weglassen, wenn nicht veröffentlicht."""
    address: Address | None = None
    """Anschrift; weglassen, wenn nicht veröffentlicht."""
    building: BuildingAccess | None = None
    """Zugänglichkeit des Gebäudes; weglassen, wenn nichts veröffentlicht ist."""
    recognitions: list[Recognition]
    """Anerkennungen, älteste zuerst."""
    funding: list[Funding] = []
    """Zuschüsse nach Jahr; nur veröffentlichte Beträge."""
    target_groups: TargetGroups | None = None
    """Zielgruppen."""
    offers: list[Offer] = []
    """Angebote."""
    opening_hours: OpeningHours | None = None
    """Öffnungszeiten des Treffpunkts; weglassen, wenn nicht veröffentlicht."""
    contact: Contact | None = None
    """Kontakt."""
    people: list[Person] = []
    """Personen, die öffentliche Quellen im Zusammenhang mit dem Treffpunkt nennen, z. B. die
    Koordination; die Seite zeigt jede mit dem Datum ihrer Quelle."""
    history: list[DatedStatement] = []
    """Wichtige Ereignisse, älteste zuerst."""
    last_checked: Day
    """Wann die Redaktion die Angaben zuletzt mit den Quellen verglichen hat (JJJJ-MM-TT)."""
