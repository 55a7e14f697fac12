"""Search index: let readers type German words without ä, ö, ü or ß.

Material's search matches the letters as typed, so "Strasse" would not find "Straße". Each
indexed section gets the other spellings of its words as hidden search tags.
"""

from __future__ import annotations

import re
from typing import Any

from generator.speed.reuse import memory

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


_spelled = memory()
"""The last index's other spellings by section text: most sections are as in the last build."""


def add_other_spellings(entries: list[dict[str, Any]]) -> None:
    """Give each search index entry the other spellings of its words as tags (in Material's list
    of entries, before Material writes the index)."""
    previous = _spelled.begin()
    for number, entry in enumerate(entries):
        text = f"{entry.get('title', '')} {entry.get('text', '')}"
        spellings = _spelled[text] = previous[text] if text in previous else other_spellings(text)
        if spellings:  # a new entry: the preview keeps the old one with its page for reuse
            entries[number] = {**entry, "tags": [*entry.get("tags", []), *spellings]}
