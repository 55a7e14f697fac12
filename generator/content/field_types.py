"""Field types of the content model: ids, references, partial dates, links.

Every value arrives from the loader as text; these types say what the text must look like.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s<>\"'`\\]+$"
EMAIL_PATTERN = (
    r"^[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$"
)
"""Letters, digits, `.`, `_`, `+` and `-` only: no `?`, `&` or `%`, so a `mailto:` link can
carry no header fields (cc, body, an encoded line break) and writes to this address only."""
PHONE_PATTERN = r"^\+?[0-9][0-9 /().-]{4,}$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
_DAY = r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?"
DATE_SPEC_PATTERN = rf"^{_DAY}(?:/{_DAY})?$"
FIRST_YEAR, LAST_YEAR = 1900, 2100
"""Years a date of this site may have: anything outside is a typing mistake."""


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


_NOT_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
"""Characters no text of the site may hold: control characters (tab and line feed are judged
by the field), line separators other than line feed, the bidirectional overrides and isolates
(they make text read differently from how it is stored), surrogates and non-characters."""
_BREAKS = re.compile("[\t\n]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def refused_character(value: str, *, lines: bool = False) -> str | None:
    """Return why `value` is not text, naming the first refused character and where it is;
    None if it is fine. Tab and line feed are allowed only where `lines` is true."""
    found = _NOT_TEXT.search(value) or (None if lines else _BREAKS.search(value))
    if found is None:
        return None
    char = found.group()
    name = {
        "\n": "Zeilenumbruch",
        "\t": "Tabulator",
        "\r": "Wagenrücklauf",
        "\u2028": "Zeilentrenner",
        "\u2029": "Absatztrenner",
    }.get(char)
    if name is None:
        name = "Zeichen zur Schreibrichtung" if _BIDI.match(char) else "Steuerzeichen"
        if unicodedata.category(char) in ("Cn", "Cs"):
            name = "ungültiges Zeichen"
    where = f"{name} (U+{ord(char):04X}) an Stelle {found.start() + 1}"
    if char in "\t\n":
        return f"{where} ist in diesem einzeiligen Feld nicht erlaubt"
    return f"{where} ist nicht erlaubt"


def _text(lines: bool) -> AfterValidator:
    def check(value: str) -> str:
        value = unicodedata.normalize("NFC", value).strip()
        problem = refused_character(value, lines=lines)
        if problem:
            raise ValueError(problem)
        if not value:
            raise ValueError("enthält nur Leerraum; Text eingeben oder Feld weglassen")
        return value

    return AfterValidator(check)


def _web_url(value: str) -> str:
    problem = refused_character(value)
    if problem:
        raise ValueError(problem)
    parts = urlsplit(value)
    if "@" in parts.netloc:
        raise ValueError("Adresse mit Benutzername oder Passwort (…@) ist nicht erlaubt")
    if not parts.hostname:
        raise ValueError("Adresse ohne Rechnernamen")
    return value


def _site_address(value: str) -> str:
    """A site's address: without query or fragment, always ending in `/`, so that every
    address made from it (feed, sitemap, profiles, QR codes) is written one way."""
    parts = urlsplit(value)
    if parts.query or parts.fragment or value.endswith(("?", "#")):
        raise ValueError("Adresse der Website ohne „?“ und „#“ angeben")
    return value if value.endswith("/") else value + "/"


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN), AfterValidator(id_not_reserved)]
Text = Annotated[str, StringConstraints(min_length=1), _text(lines=False)]
"""One line of text: a name, a title, a role."""
Paragraph = Annotated[str, StringConstraints(min_length=1), _text(lines=True)]
"""Text that may run over several lines (a description, a note, a summary)."""
WebUrl = Annotated[str, StringConstraints(pattern=URL_PATTERN), AfterValidator(_web_url)]
SiteUrl = Annotated[WebUrl, AfterValidator(_site_address)]
Email = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)]
Phone = Annotated[str, StringConstraints(pattern=PHONE_PATTERN)]
Time = Annotated[str, StringConstraints(pattern=TIME_PATTERN)]


def _year_in_range(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"Jahr {year} liegt nicht zwischen {FIRST_YEAR} und {LAST_YEAR}")


def _check_date_spec(value: str) -> str:
    for part in value.split("/"):
        numbers = [int(n) for n in part.split("-")]
        _year_in_range(numbers[0])
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


def _iso_day(value: Any) -> datetime.date:
    """One notation for a day: `JJJJ-MM-TT` as text (not a number of seconds, not `2019-1-1`)."""
    if not isinstance(value, str) or not re.fullmatch("[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("Datum erwartet: JJJJ-MM-TT, z. B. 2017-01-26")
    _year_in_range(int(value[:4]))
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError("diesen Tag gibt es nicht") from None


def _plain_number(pattern: str, expected: str) -> BeforeValidator:
    """Numbers in one notation: ASCII digits as the pattern says (no `1e3`, `1_000`, `-0`)."""

    def check(value: Any) -> Any:
        if not isinstance(value, str) or not re.fullmatch(pattern, value):
            raise ValueError(expected)
        return value

    return BeforeValidator(check)


def _true_or_false(value: Any) -> Any:
    if value not in ("true", "false"):
        raise ValueError("erwartet: true oder false")
    return value == "true"


Day = Annotated[datetime.date, BeforeValidator(_iso_day)]
"""A calendar day, written `JJJJ-MM-TT`."""
Year = Annotated[
    int,
    Field(ge=FIRST_YEAR, le=LAST_YEAR),
    _plain_number("[0-9]{4}", "Jahr erwartet: vier Ziffern, z. B. 2019"),
]
"""A year, written with four digits."""
Euro = Annotated[
    Decimal,
    Field(ge=0, max_digits=12, decimal_places=2),
    _plain_number(
        "(?:0|[1-9][0-9]{0,9})(?:\\.[0-9]{2})?",
        "Betrag erwartet: Ziffern, wenn nötig mit Punkt und zwei Nachkommastellen, z. B. 49908.00",
    ),
]
"""An amount in euros: digits, optionally a point and two decimal places."""
YesNo = Annotated[bool, BeforeValidator(_true_or_false)]
"""`true` or `false`, nothing else (`yes`, `on` or `1` are other notations)."""


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
