"""Building blocks shared by every content file: strictness, statements with sources."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.content.field_types import (
    DateSpec,
    Day,
    Paragraph,
    SourceRef,
    Text,
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
    text: Paragraph
    """Die Aussage in eigenen Worten (reiner Text)."""
    sources: Sources
    """Kennungen der Quellen (aus `sources/`), die die Aussage belegen."""


class DatedStatement(Strict):
    date: DateSpec | None = None
    """Wann es geschah; weglassen, wenn unbekannt."""
    text: Paragraph
    """Was geschah, in eigenen Worten."""
    sources: Sources
    """Belege (Kennungen der Quellen aus `sources/`)."""


class StatusChange(Strict):
    date: Day
    """Datum der Statusänderung (JJJJ-MM-TT)."""
    status: Status
    """open, in_progress, partially_implemented, implemented, not_implemented, superseded."""
    verdict: Literal["reported", "assessed"]
    """`reported`: so meldet es die zuständige Stelle; `assessed`: so bewertet es eine
    unabhängige Stelle. Beide Sichten werden getrennt geführt."""
    by: Text
    """Wer den Stand meldet oder bewertet, z. B. `Ministerium` oder `Rechnungshof`."""
    note: Paragraph | None = None
    """Was geschehen ist."""
    sources: Sources
    """Beleg für den neuen Status; ohne Beleg gibt es keinen Status, auch nicht „umgesetzt“."""
