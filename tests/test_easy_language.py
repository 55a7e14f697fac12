"""Leichte Sprache on the real content: every meeting point and the start page have it, first,
in short sentences without abbreviations, each cited with a source the page cites elsewhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build import Pages, build_pages
from generator.content.model import Content
from generator.content.model.base import Statement
from generator.content.validate import read_content

CONTENT = Path("content")
TEMPLATES = Path("site_templates")
MAX_WORDS = 12
HEADING = "## In Leichter Sprache"

# Abbreviations a reader may not know; an acronym (two or more capitals) is refused as well.
ABBREVIATIONS = (
    "z. B.", "z.B.", "ca.", "bzw.", "u. a.", "u.a.", "usw.", "d. h.", "d.h.", "ggf.",
    "evtl.", "etc.", "Nr.", "Art.", "St.", "inkl.", "vgl.", "VoG", "%", "§",
)  # fmt: skip
ACRONYM = re.compile(r"\b[A-ZÄÖÜ]{2,}\b")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@pytest.fixture(scope="module")
def content() -> Content:
    return read_content(CONTENT)


@pytest.fixture(scope="module")
def pages() -> Pages:
    return build_pages(CONTENT, TEMPLATES)


def easy_texts(content: Content) -> Iterator[tuple[str, list[Statement], dict[str, Any]]]:
    """Yield (page, easy statements, the rest of the same file) for every page that has them."""
    yield (
        "index.md",
        content.programme.easy_language,
        content.programme.model_dump(exclude={"easy_language"}),
    )
    for item_id, point in content.meeting_points.items():
        rest = point.model_dump(exclude={"easy_language"})
        yield f"treffpunkte/{item_id}.md", point.easy_language, rest


def cited_sources(value: object) -> set[str]:
    """Every source id cited anywhere in a dumped model."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "sources":
                found.update(inner)
            else:
                found |= cited_sources(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= cited_sources(inner)
    return found


def sentences(text: str) -> list[str]:
    """The sentences of `text`, split after ".", "!" or "?" followed by white space."""
    return [part for part in SENTENCE_END.split(" ".join(text.split())) if part]


def abbreviations_in(text: str) -> list[str]:
    """The abbreviations and acronyms in `text`."""
    padded = f" {text} "
    listed = [a for a in ABBREVIATIONS if re.search(rf"(?<!\w){re.escape(a)}(?!\w)", padded)]
    return listed + ACRONYM.findall(text)


def test_every_meeting_point_and_the_start_page_have_easy_language(content: Content) -> None:
    missing = [page for page, easy, _ in easy_texts(content) if not easy]
    assert missing == []
    assert len(content.meeting_points) == 5


def test_easy_sentences_are_short(content: Content) -> None:
    long = [
        (page, sentence)
        for page, easy, _ in easy_texts(content)
        for statement in easy
        for sentence in sentences(statement.text)
        if len(sentence.split()) > MAX_WORDS
    ]
    assert long == []


def test_easy_language_has_no_abbreviations(content: Content) -> None:
    found = [
        (page, statement.text, abbreviations_in(statement.text))
        for page, easy, _ in easy_texts(content)
        for statement in easy
        if abbreviations_in(statement.text)
    ]
    assert found == []


def test_every_easy_statement_is_cited_as_on_its_page(content: Content) -> None:
    """The checkable form of "every fact is also on the page": each easy statement cites at
    least one source that another field of the same file cites, and none that it does not."""
    strays = [
        (page, statement.text, sorted(set(statement.sources) - cited_sources(rest)))
        for page, easy, rest in easy_texts(content)
        for statement in easy
        if not set(statement.sources) <= cited_sources(rest)
    ]
    assert strays == []


def test_easy_language_comes_first_on_the_page(content: Content, pages: Pages) -> None:
    late = []
    for page, _, _ in easy_texts(content):
        headings = [line for line in pages.pages[page].markdown.splitlines() if line[:3] == "## "]
        if not headings or not headings[0].startswith(HEADING):
            late.append((page, headings[:1]))
    assert late == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Das ÖSHZ hilft.", ["ÖSHZ"]),
        ("Es gibt z. B. Kaffee.", ["z. B."]),
        ("Es kommen ca. 30 Menschen.", ["ca."]),
        ("Der Verein heißt VoG Patchwork.", ["VoG"]),
        ("Das Öffentliche Sozialhilfezentrum hilft.", []),
        ("Am 5. Mai 2014.", []),
    ],
)
def test_abbreviations_are_found(text: str, found: list[str]) -> None:
    assert abbreviations_in(text) == found


def test_sentences_split_after_full_stop() -> None:
    assert sentences("Eins zwei. Drei!  Vier?\nFünf") == ["Eins zwei.", "Drei!", "Vier?", "Fünf"]
