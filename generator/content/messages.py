"""Editor messages in German for the errors the model reports (used by validate)."""

from __future__ import annotations

import difflib
from typing import Any

from generator.content.field_types import (
    DATE_SPEC_PATTERN,
    EMAIL_PATTERN,
    PHONE_PATTERN,
    SLUG_PATTERN,
    TIME_PATTERN,
    URL_PATTERN,
    slugify,
)

PATTERN_MESSAGES = {
    SLUG_PATTERN: "keine gültige Kennung (nur a–z, 0–9 und einzelne Bindestriche; ä→ae, ß→ss)",
    URL_PATTERN: "keine gültige Adresse; erwartet: http://… oder https://… ohne Leerzeichen",
    EMAIL_PATTERN: "keine gültige E-Mail-Adresse, z. B. info@beispiel.be (vor und nach dem @ "
    "nur Buchstaben, Ziffern, Punkt, Bindestrich; kein ?, & oder %)",
    PHONE_PATTERN: "keine gültige Telefonnummer, z. B. +32 87 12 34 56",
    TIME_PATTERN: "keine gültige Uhrzeit; erwartet: HH:MM, z. B. 09:30",
    DATE_SPEC_PATTERN: "kein gültiges Datum; erwartet: JJJJ, JJJJ-MM oder JJJJ-MM-TT, "
    "ein Zeitraum als ANFANG/ENDE, z. B. 2015-06/2015-09",
    r"^[0-9]{4}$": "keine gültige Postleitzahl; erwartet: vier Ziffern, z. B. 4700",
}

MESSAGES = {
    "string_type": "Text erwartet, gefunden: {found}",
    "list_type": "Liste erwartet (Einträge mit „- “), gefunden: {found}",
    "model_type": "Felder (Schlüssel: Wert) erwartet, gefunden: {found}",
    "model_attributes_type": "Felder (Schlüssel: Wert) erwartet, gefunden: {found}",
    "dict_type": "Felder (Schlüssel: Wert) erwartet, gefunden: {found}",
    "int_parsing": "ganze Zahl erwartet, gefunden: {found}",
    "int_type": "ganze Zahl erwartet, gefunden: {found}",
    "decimal_parsing": "Betrag erwartet, z. B. 49908.00; gefunden: {found}",
    "decimal_type": "Betrag erwartet, z. B. 49908.00; gefunden: {found}",
    "decimal_max_places": "höchstens {decimal_places} Nachkommastellen erlaubt",
    "decimal_max_digits": "Betrag zu groß",
    "date_from_datetime_parsing": "Datum erwartet: JJJJ-MM-TT, z. B. 2017-01-26; gefunden: {found}",
    "date_type": "Datum erwartet: JJJJ-MM-TT, z. B. 2017-01-26; gefunden: {found}",
    "string_too_short": "darf nicht leer sein",
    "too_short": "braucht mindestens {min_length} Eintrag/Einträge",
    "greater_than_equal": "muss mindestens {ge} sein",
    "less_than_equal": "darf höchstens {le} sein",
}


YAML_PROBLEMS = {
    "mapping values are not allowed": "Doppelpunkt an unerwarteter Stelle; enthält der Text "
    "„: “, dann den ganzen Wert in Anführungszeichen setzen",
    "found character that cannot start any token": "Zeichen, mit dem kein Wert beginnen darf; "
    "oft ein Tabulator: bitte mit Leerzeichen einrücken",
    "did not find expected key": "Einrückung passt nicht zu den Zeilen darüber",
    "did not find expected ',' or ']'": "schließende Klammer „]“ fehlt",
    "did not find expected ',' or '}'": "schließende Klammer „}“ fehlt",
    "found unexpected end of stream": "Datei endet mitten in einem Wert; fehlt ein "
    "schließendes Anführungszeichen?",
    "found unknown escape character": "unbekannte Rückstrich-Folge in Anführungszeichen; "
    "einfache Anführungszeichen verwenden oder den Rückstrich verdoppeln",
    "found a tab character": "Tabulator in der Einrückung; bitte mit Leerzeichen einrücken",
    "could not find expected ':'": "„:“ nach dem Feldnamen fehlt",
    "expected <block end>": "Einrückung passt nicht zu den Zeilen darüber",
}
"""German explanations of the parser's most frequent complaints, keyed by its English text."""


def describe_yaml_problem(problem: str) -> str:
    """Return a German explanation of a YAML syntax problem (the original if unknown)."""
    for english, german in YAML_PROBLEMS.items():
        if problem.startswith(english):
            return german
    return problem


def describe_error(error: dict[str, Any]) -> str:
    """Return a German message for one pydantic error: what was found, what is expected."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx", {})
    if value is None and kind.endswith("_type"):
        return "Wert fehlt (das Feld ist leer)"
    if kind == "literal_error":
        allowed = [a.strip(" '") for a in ctx["expected"].replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(value), allowed)
        return f"unzulässiger Wert {_found(value)}; erlaubt: {', '.join(allowed)}{hint}"
    if kind == "string_pattern_mismatch":
        message = f"{_found(value)}: {PATTERN_MESSAGES.get(ctx['pattern'], 'ungültiges Format')}"
        if ctx["pattern"] == SLUG_PATTERN and slugify(str(value)):
            message += f"; Vorschlag: '{slugify(str(value))}'"
        return message
    if kind == "value_error":
        return f"{_found(value)}: {ctx['error']}"
    if kind in MESSAGES:
        return MESSAGES[kind].format(found=_found(value), **ctx)
    return f"{_found(value)}: {error['msg']}"


def did_you_mean(word: str, candidates: list[str]) -> str:
    """Return ` (meinten Sie 'x'?)` for the closest candidate, or an empty string."""
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f"; meinten Sie '{matches[0]}'?" if matches else ""


def _found(value: Any) -> str:
    if isinstance(value, list):
        return "eine Liste"
    if isinstance(value, dict):
        return "Felder (Schlüssel: Wert)"
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"
