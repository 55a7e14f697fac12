"""Search index post-processing: let readers type German words without ä, ö, ü or ß.

Material's search matches the letters as typed, so "Strasse" would not find "Straße". Each
indexed section gets the other spellings of its words as hidden search tags.
"""

from __future__ import annotations

import re
from typing import Any

from generator.reuse import memory

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


def add_other_spellings(index: dict[str, Any]) -> dict[str, Any]:
    """Return Material's search index with each section's other spellings added as tags."""
    previous = _spelled.begin()
    docs = []
    for doc in index["docs"]:
        text = f"{doc.get('title', '')} {doc.get('text', '')}"
        spellings = _spelled[text] = previous[text] if text in previous else other_spellings(text)
        docs.append({**doc, "tags": [*doc.get("tags", []), *spellings]} if spellings else doc)
    return {**index, "docs": docs}
