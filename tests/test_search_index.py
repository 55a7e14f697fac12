"""Search index: other spellings of German words are added, and nothing else changes."""

from __future__ import annotations

from generator.search_index import add_other_spellings, other_spellings


def test_words_with_umlauts_and_eszett_get_both_plain_spellings() -> None:
    assert other_spellings("<p>Bütgenbach, Straße</p>") == [
        "buetgenbach",
        "butgenbach",
        "strasse",
    ]


def test_plain_words_get_nothing() -> None:
    assert other_spellings("<p>Kelmis und Eupen 2017</p>") == []


def test_index_keeps_config_and_order_and_only_adds_tags() -> None:
    index = {
        "config": {"lang": ["de"]},
        "docs": [
            {"location": "a/", "title": "Öffnungszeiten", "text": ""},
            {"location": "b/", "title": "Kelmis", "text": "", "tags": ["x"]},
        ],
    }
    result = add_other_spellings(index)
    assert result["config"] == index["config"]
    assert result["docs"][0] == {**index["docs"][0], "tags": ["oeffnungszeiten", "offnungszeiten"]}
    assert result["docs"][1] == index["docs"][1]
