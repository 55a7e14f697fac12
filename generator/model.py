"""Content model, stage 2 of the pipeline: the one definition of every content file.

The JSON Schema for editors is generated from these classes; the docstring under each field
is its description there and in the editors' guide.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.types import (
    DateSpec,
    Defines,
    Email,
    EvaluationRef,
    FindingRef,
    MeetingPointRef,
    MunicipalityRef,
    Phone,
    RecommendationRef,
    Slug,
    SourceRef,
    TargetGroupRef,
    Text,
    Time,
    WebUrl,
)

Sources = Annotated[list[SourceRef], Field(min_length=1)]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Status = Literal[
    "open", "in_progress", "partially_implemented", "implemented", "not_implemented", "superseded"
]
Addressee = Literal["meeting_points", "operators", "government", "municipalities", "parliament"]
ItemKind = Literal[
    "decree_proposal", "decree", "interpellation", "oral_question", "written_question", "question"
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Statement(Strict):
    text: Text
    """Die Aussage in eigenen Worten (reiner Text)."""
    sources: Sources
    """Kennungen der Quellen aus `sources.yaml`, die die Aussage belegen."""


class DatedStatement(Strict):
    date: DateSpec | None = None
    """Wann es geschah; weglassen, wenn unbekannt."""
    text: Text
    """Was geschah, in eigenen Worten."""
    sources: Sources
    """Belege (Kennungen aus `sources.yaml`)."""


# --- vocabularies.yaml, sources.yaml, site.yaml -------------------------------------------


class Municipality(Strict):
    id: Annotated[Slug, Defines("municipality")]
    """Kennung der Gemeinde, z. B. `st-vith`."""
    name: Text
    """Name der Gemeinde, wie er auf der Seite steht."""


class TargetGroup(Strict):
    id: Annotated[Slug, Defines("target_group")]
    """Kennung der Zielgruppe, z. B. `seniors`."""
    label: Text
    """Bezeichnung auf der Seite, z. B. „Ältere Menschen“."""


class Vocabularies(Strict):
    municipalities: list[Municipality]
    """Die Gemeinden, denen Treffpunkte zugeordnet werden."""
    target_groups: list[TargetGroup]
    """Die Zielgruppen, nach denen Treffpunkte und Angebote eingeordnet werden."""


class Source(Strict):
    id: Annotated[Slug, Defines("source")]
    """Kennung, mit der Inhalte diese Quelle zitieren."""
    title: Text
    """Titel der Seite oder des Dokuments."""
    publisher: Text
    """Wer die Quelle veröffentlicht hat."""
    url: WebUrl
    """Öffentliche Adresse (http oder https)."""
    date: DateSpec | None = None
    """Datum der Veröffentlichung; weglassen, wenn die Quelle keines zeigt."""
    note: Text | None = None
    """Hinweis zur Quelle, z. B. dass sie nur teilweise lesbar war."""


class SourceList(Strict):
    sources: list[Source]
    """Alle Quellen der Website; die Seiten nummerieren sie beim Zitieren."""


class Publisher(Strict):
    name: Text
    """Wer die Website herausgibt."""
    email: Email | None = None
    """E-Mail-Adresse der Redaktion; weglassen, solange keine veröffentlicht ist."""
    phone: Phone | None = None
    """Telefonnummer der Redaktion."""
    website: WebUrl | None = None
    """Website des Herausgebers."""


class Site(Strict):
    title: Text
    """Name der Website (Kopfzeile, Fenstertitel)."""
    description: Text
    """Ein Satz, der sagt, worum es auf der Website geht."""
    publisher: Publisher
    """Herausgeber und Kontakt."""
    copyright: Text
    """Text in der Fußzeile."""
    legal_notice: list[Text]
    """Absätze des Impressums (reiner Text)."""
    edit_base_url: WebUrl | None = None
    """Adresse, unter der Redakteure Dateien aus `content/` bearbeiten (mit `/` am Ende).
    Fehlt sie, zeigt der Bearbeiten-Link die veröffentlichte YAML-Datei."""


# --- programme.yaml: legal basis and funding ------------------------------------------


class LegalAct(Strict):
    title: Text
    """Titel, wie ihn die Quelle nennt."""
    date: DateSpec
    """Datum des Erlasses."""
    note: Text | None = None
    """Hinweis, z. B. dass der amtliche Titel nicht vorliegt."""
    sources: Sources
    """Belege."""


class Goals(Strict):
    items: Annotated[list[Text], Field(min_length=1)]
    """Die einzelnen Ziele."""
    note: Text | None = None
    """Einschränkung, z. B. wenn der genaue Wortlaut nicht bekannt ist."""
    sources: Sources
    """Belege."""


class Programme(Strict):
    decree: LegalAct
    """Das Dekret, das die Treffpunkte regelt."""
    implementing_order: LegalAct
    """Der Erlass der Regierung, der das Dekret ausführt."""
    definition: list[Statement]
    """Was ein Sozialer Treffpunkt laut Dekret ist."""
    goals: Goals
    """Die Ziele, die die Treffpunkte verfolgen."""
    target_groups: list[Statement]
    """Für wen die Treffpunkte da sind."""
    formats: list[Statement]
    """Typische Angebotsformen."""
    recognition: list[Statement]
    """Wie die Anerkennung abläuft."""
    financing: list[Statement]
    """Wie die Treffpunkte finanziert werden."""
    history: list[DatedStatement]
    """Wie es zum Dekret kam."""


# --- meeting_points/<id>.yaml -----------------------------------------------------------


class Operator(Strict):
    name: Text
    """Name des Trägers, z. B. `VoG Patchwork`."""
    note: Text | None = None
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
    note: Text | None = None
    """Hinweis, z. B. ein vorübergehender Standort."""
    sources: Sources
    """Belege."""


class Recognition(Strict):
    kind: Literal["provisional", "definitive"] | None = None
    """`provisional` (vorläufig) oder `definitive` (endgültig); weglassen, wenn unbekannt."""
    date: DateSpec | None = None
    """Datum der Entscheidung oder der Zeitraum, in dem sie fiel."""
    decided_by: Text | None = None
    """Wer entschieden hat, z. B. `Ministerieller Beschluss`."""
    note: Text | None = None
    """Bedingungen, Dauer und andere Hinweise."""
    sources: Sources
    """Belege."""


class Funding(Strict):
    year: Annotated[int, Field(ge=2000, le=2100)]
    """Haushaltsjahr."""
    amount_eur: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)] | None = None
    """Betrag in Euro, z. B. `49908.00`; weglassen, wenn nicht veröffentlicht."""
    note: Text | None = None
    """Wofür und von wem."""
    sources: Sources
    """Belege."""


class TargetGroups(Strict):
    groups: Annotated[list[TargetGroupRef], Field(min_length=1)]
    """Kennungen aus `vocabularies.yaml`."""
    note: Text | None = None
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


class Offer(Strict):
    name: Text
    """Name des Angebots."""
    description: Text | None = None
    """Kurze Beschreibung in eigenen Worten."""
    target_groups: list[TargetGroupRef] = []
    """Für wen das Angebot gedacht ist (Kennungen aus `vocabularies.yaml`)."""
    since: DateSpec | None = None
    """Seit wann es das Angebot gibt."""
    schedule: list[TimeSlot] = []
    """Regelmäßige Zeiten, soweit veröffentlicht."""
    cost: Text | None = None
    """Kosten, so wie veröffentlicht."""
    sources: Sources
    """Belege."""


class OpeningHours(Strict):
    regular: Annotated[list[TimeSlot], Field(min_length=1)]
    """Regelmäßige Öffnungszeiten."""
    note: Text | None = None
    """Hinweise, z. B. zu Ferien."""
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
    """Belege."""


class Person(Strict):
    name: Text
    """Name, wie in der Quelle veröffentlicht."""
    role: Text
    """Aufgabe, z. B. `Koordinatorin`."""
    since: DateSpec | None = None
    """Seit wann."""
    sources: Sources
    """Belege."""


class MeetingPoint(Strict):
    name: Text
    """Name des Treffpunkts."""
    municipality: MunicipalityRef
    """Gemeinde (Kennung aus `vocabularies.yaml`)."""
    summary: Text
    """Ein bis zwei Sätze für das Verzeichnis."""
    description: list[Statement] = []
    """Beschreibung in eigenen Worten, Absatz für Absatz, jeder mit Beleg."""
    operator: Operator
    """Der Träger."""
    area_of_activity: Statement | None = None
    """Wirkungsbereich laut Vertrag; weglassen, wenn nicht veröffentlicht."""
    address: Address | None = None
    """Anschrift; weglassen, wenn nicht veröffentlicht."""
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
    """Ansprechpersonen, soweit öffentlich genannt."""
    history: list[DatedStatement] = []
    """Wichtige Ereignisse, älteste zuerst."""
    last_checked: datetime.date
    """Wann die Redaktion die Angaben zuletzt mit den Quellen verglichen hat (JJJJ-MM-TT)."""


# --- evaluations/<id>.yaml ----------------------------------------------------------------


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


# --- parliament/<id>.yaml -----------------------------------------------------------------


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
    question_summary: Text | None = None
    """Die Frage oder der Vorschlag, in eigenen Worten."""
    answer_summary: Text | None = None
    """Die Antwort, in eigenen Worten."""
    meeting_points: list[MeetingPointRef] = []
    """Treffpunkte, um die es geht."""
    evaluations: list[EvaluationRef] = []
    """Untersuchungen, um die es geht."""
    findings: list[FindingRef] = []
    """Befunde, um die es geht."""
    recommendations: list[RecommendationRef] = []
    """Empfehlungen, um die es geht."""
    notes: list[Text] = []
    """Unsicherheiten und Lücken, z. B. ein nicht genanntes Gremium."""
    sources: Sources
    """Belege."""


ROOT_MODELS: dict[str, type[Strict]] = {
    "site.yaml": Site,
    "programme.yaml": Programme,
    "vocabularies.yaml": Vocabularies,
    "sources.yaml": SourceList,
    "meeting_points/": MeetingPoint,
    "evaluations/": Evaluation,
    "parliament/": ParliamentaryItem,
}
"""Which model each content file follows: a file name, or a folder of one file per item."""
