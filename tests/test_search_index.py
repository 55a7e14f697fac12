"""Search index: other spellings of German words are added, and nothing else changes."""

from __future__ import annotations

from generator.engine.search_spellings import add_other_spellings, other_spellings


def test_words_with_umlauts_and_eszett_get_both_plain_spellings() -> None:
    assert other_spellings("<p>Bütgenbach, Straße</p>") == [
        "buetgenbach",
        "butgenbach",
        "strasse",
    ]


def test_plain_words_get_nothing() -> None:
    assert other_spellings("<p>Kelmis und Eupen 2017</p>") == []


def test_entries_keep_their_order_and_only_gain_tags() -> None:
    entries = [
        {"location": "a/", "title": "Öffnungszeiten", "text": ""},
        {"location": "b/", "title": "Kelmis", "text": "", "tags": ["x"]},
        {"location": "c/", "title": "Eupen", "text": "<p>Straße</p>", "tags": ["y"]},
    ]
    first = entries[0]
    add_other_spellings(entries, {})
    assert first == {"location": "a/", "title": "Öffnungszeiten", "text": ""}  # kept for reuse
    assert entries == [
        {
            "location": "a/",
            "title": "Öffnungszeiten",
            "text": "",
            "tags": ["oeffnungszeiten", "offnungszeiten"],
        },
        {"location": "b/", "title": "Kelmis", "text": "", "tags": ["x"]},
        {"location": "c/", "title": "Eupen", "text": "<p>Straße</p>", "tags": ["y", "strasse"]},
    ]
