"""Field types of the content model: ids, references, partial dates, links.

Every value arrives from the loader as text; these types say what the text must look like.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s<>\"'`\\]+$"
EMAIL_PATTERN = r"^[^@\s<>\"'`]+@[^@\s<>\"'`]+\.[a-z]{2,}$"
PHONE_PATTERN = r"^\+?[0-9][0-9 /().-]{4,}$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
_DAY = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
DATE_SPEC_PATTERN = rf"^{_DAY}(?:/{_DAY})?$"


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value must be the id of an existing item of `kind`."""

    kind: str


@dataclass(frozen=True)
class Defines:
    """Marks a field whose value is the id of a new item of `kind` (unique site-wide)."""

    kind: str


RESERVED_IDS = frozenset(
    ["con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10))]
)
"""Device names Windows will not use as file or folder names; an id becomes both."""


RESERVED_MESSAGE = "unter Windows reservierter Gerätename; bitte eine andere Kennung wählen"


def id_not_reserved(value: str) -> str:
    """Refuse ids that cannot be a file or folder name on every system."""
    if value in RESERVED_IDS:
        raise ValueError(RESERVED_MESSAGE)
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN), AfterValidator(id_not_reserved)]
Text = Annotated[str, StringConstraints(min_length=1)]
WebUrl = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
Email = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)]
Phone = Annotated[str, StringConstraints(pattern=PHONE_PATTERN)]
Time = Annotated[str, StringConstraints(pattern=TIME_PATTERN)]


def _check_date_spec(value: str) -> str:
    for part in value.split("/"):
        numbers = [int(n) for n in part.split("-")]
        if len(numbers) > 1 and not 1 <= numbers[1] <= 12:
            raise ValueError(f"Monat {numbers[1]} gibt es nicht")
        if len(numbers) > 2 and not 1 <= numbers[2] <= calendar.monthrange(*numbers[:2])[1]:
            raise ValueError(f"den Tag {part} gibt es nicht")
    start, _, end = value.partition("/")
    if end and end < start:
        raise ValueError("das Ende des Zeitraums liegt vor seinem Anfang")
    return value


DateSpec = Annotated[
    str,
    StringConstraints(pattern=DATE_SPEC_PATTERN),
    AfterValidator(_check_date_spec),
    Field(
        description="Datum, so genau wie bekannt: JJJJ, JJJJ-MM oder JJJJ-MM-TT; "
        "ein Zeitraum als ANFANG/ENDE, z. B. 2015-06/2015-09."
    ),
]


def first_day(value: str) -> datetime.date:
    """Return the first day of a partial date or period such as `2022-03` or `2015/2016`."""
    parts = [int(part) for part in value.split("/")[0].split("-")] + [1, 1]
    return datetime.date(*parts[:3])


def slugify(text: str) -> str:
    """Return the id an editor probably meant for `text` (ä→ae, ß→ss, lower-case, dashes)."""
    umlauts: dict[str, str | int | None] = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
    replaced = unicodedata.normalize("NFKD", text.lower().translate(str.maketrans(umlauts)))
    slug = re.sub(r"[^a-z0-9]+", "-", replaced.encode("ascii", "ignore").decode()).strip("-")
    return "" if slug in RESERVED_IDS else slug


MeetingPointRef = Annotated[Slug, Ref("meeting_point")]
FindingRef = Annotated[Slug, Ref("finding")]
RecommendationRef = Annotated[Slug, Ref("recommendation")]
EvaluationRef = Annotated[Slug, Ref("evaluation")]
SourceRef = Annotated[Slug, Ref("source")]
MunicipalityRef = Annotated[Slug, Ref("municipality")]
TargetGroupRef = Annotated[Slug, Ref("target_group")]
ThemeRef = Annotated[Slug, Ref("theme")]
