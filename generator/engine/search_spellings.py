"""Search index: let readers type German words without ä, ö, ü or ß (in the index Material
writes, `search/search_index.json`).

Material's search matches the letters as typed, so "Strasse" would not find "Straße". Each
indexed section gets the other spellings of its words as hidden search tags.
"""

from __future__ import annotations

import re
from typing import Any

_WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"<[^>]+>")
SPELLINGS = (
    str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"}),
    str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}),
)
"""The ways people write umlauts and ß when their keyboard or habit lacks them."""


def other_spellings(text: str) -> list[str]:
    """Return the words of `text` (HTML allowed) in their spellings without ä, ö, ü, ß."""
    words = {word.lower() for word in _WORD.findall(_TAG.sub(" ", text))}
    variants = {word.translate(table) for word in words for table in SPELLINGS}
    return sorted(variants - words)


def add_other_spellings(
    entries: list[dict[str, Any]], last: dict[str, list[str]]
) -> dict[str, list[str]]:
    """Give each entry of a search index (Material's `docs`) the other spellings of its words
    as tags; return them by section text. `last`: what the last call returned, taken over for
    each section whose text is unchanged (most of them, in the preview)."""
    spelled = {}
    for number, entry in enumerate(entries):
        text = f"{entry.get('title', '')} {entry.get('text', '')}"
        spellings = spelled[text] = last[text] if text in last else other_spellings(text)
        if spellings:
            entries[number] = {**entry, "tags": [*entry.get("tags", []), *spellings]}
    return spelled
