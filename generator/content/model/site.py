"""Model of the site-wide files: vocabularies.yaml, sources/*.yaml, site.yaml, programme.yaml."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from generator.content.field_types import (
    DateSpec,
    Defines,
    Email,
    Paragraph,
    Phone,
    SiteUrl,
    Slug,
    Text,
    WebUrl,
)
from generator.content.model.base import (
    DatedStatement,
    Sources,
    Statement,
    Strict,
)


class Municipality(Strict):
    id: Annotated[Slug, Defines("municipality")]
    """Kennung der Gemeinde, z. B. `st-vith`."""
    name: Text
    """Name der Gemeinde, wie er auf der Seite steht."""
    region: Literal["north", "south"]
    """`north` (Norden) oder `south` (Süden) des Gebiets; das Verzeichnis nennt damit Treffpunkte
    in der Nähe, wenn eine Gemeinde keinen eigenen hat."""


class TargetGroup(Strict):
    id: Annotated[Slug, Defines("target_group")]
    """Kennung der Zielgruppe, z. B. `seniors`."""
    label: Text
    """Bezeichnung auf der Seite, z. B. „Ältere Menschen“."""


class Theme(Strict):
    id: Annotated[Slug, Defines("theme")]
    """Kennung des Themas, z. B. `zusammenarbeit`."""
    label: Text
    """Bezeichnung auf der Seite."""


class Vocabularies(Strict):
    municipalities: list[Municipality]
    """Die Gemeinden, denen Treffpunkte zugeordnet werden."""
    municipality_sources: Sources
    """Belege für die Gemeinden und ihre Zuordnung zu Norden und Süden; das Verzeichnis zitiert
    sie."""
    target_groups: list[TargetGroup]
    """Die Zielgruppen, nach denen Treffpunkte und Angebote eingeordnet werden."""
    themes: list[Theme] = []
    """Themen, nach denen die Übersicht die Empfehlungen ordnet."""


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
    note: Paragraph | None = None
    """Hinweis zur Quelle, z. B. dass sie nur teilweise lesbar war."""


class SourceList(Strict):
    sources: list[Source]
    """Quellen dieser Datei; ihre Kennungen gelten auf der ganzen Website."""


class Publisher(Strict):
    name: Text
    """Wer die Website herausgibt."""
    email: Email | None = None
    """E-Mail-Adresse der Redaktion; weglassen, solange keine veröffentlicht ist."""
    phone: Phone | None = None
    """Telefonnummer der Redaktion."""
    website: WebUrl | None = None
    """Website des Herausgebers."""


class Licence(Strict):
    name: Text
    """Kurzname, z. B. `CC-BY-4.0`."""
    title: Text
    """Voller Name, z. B. `Creative Commons Namensnennung 4.0 International`."""
    url: WebUrl
    """Adresse des Lizenztexts."""
    attribution: Paragraph
    """Wie Nachnutzer die Quelle nennen sollen."""


class Site(Strict):
    title: Text
    """Name der Website (Kopfzeile, Fenstertitel)."""
    description: Paragraph
    """Ein Satz, der sagt, worum es auf der Website geht."""
    publisher: Publisher
    """Herausgeber und Kontakt."""
    copyright: Text
    """Text in der Fußzeile."""
    licence: Licence
    """Lizenz der Texte und Daten dieser Website (die Originalquellen haben ihre eigenen)."""
    legal_notice: list[Paragraph]
    """Absätze des Impressums (reiner Text)."""
    url: SiteUrl | None = None
    """Öffentliche Adresse der Website (mit `/` am Ende); weglassen, solange sie nicht
    feststeht. Steckbriefe drucken damit Adresse und QR-Code."""
    edit_base_url: SiteUrl | None = None
    """Adresse, unter der Redakteure Dateien aus `content/` bearbeiten (mit `/` am Ende).
    Fehlt sie, zeigt der Bearbeiten-Link die veröffentlichte YAML-Datei."""


# --- programme.yaml: legal basis and funding ------------------------------------------


class LegalAct(Strict):
    title: Text
    """Titel, wie ihn die Quelle nennt."""
    date: DateSpec
    """Datum des Erlasses."""
    note: Paragraph | None = None
    """Hinweis, z. B. dass der amtliche Titel nicht vorliegt."""
    sources: Sources
    """Belege."""


class Goals(Strict):
    items: Annotated[list[Text], Field(min_length=1)]
    """Die einzelnen Ziele."""
    note: Paragraph | None = None
    """Einschränkung, z. B. wenn der genaue Wortlaut nicht bekannt ist."""
    sources: Sources
    """Belege."""


class Programme(Strict):
    easy_language: list[Statement] = []
    """Was Soziale Treffpunkte sind, in Leichter Sprache, für die Startseite: nur aus Angaben,
    die schon auf der Startseite oder in dieser Datei stehen, mit denselben Belegen; kurze Sätze
    (höchstens zwölf Wörter), eine Aussage je Satz, keine Abkürzungen, schwere Wörter erklärt.
    Steht zuerst auf der Startseite."""
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
