"""Wording of the real content (issue 16, item 4): recommendations say what should happen,
findings keep their source's strength, a count drawn from an incomplete list says so, and notes
say what the editors could not find rather than what nobody can know.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from support import CONTENT, TEMPLATES

from generator.build import Pages, build_pages

ATOM = "{http://www.w3.org/2005/Atom}"
EVALUATION = "qualitaetsreflexion-2016-2017"
MODAL = re.compile(r"\b(soll|sollen|sollte|sollten|empfiehlt|empfehlen|empfohlen)\b")
"""A modal marker of obligation or advice: what should happen, not what is."""
FACT_LIKE = [
    "treffen sich regelmäßig",
    "wird geschärft",
    "wird geprüft",
    "arbeiten enger",
    "wirken in den passenden",
    "bleiben Orte",
    "vermitteln Besucherinnen",
]
"""Phrasings that read a recommendation as done (the changes page, feed and briefing had them)."""
INTENSIFIERS = re.compile(
    r"\b(sehr|äußerst|überaus|besonders|ausgesprochen|außerordentlich|enorm|hochgradig)\b",
    re.IGNORECASE,
)
"""Words that make a finding stronger than the fact sheet's account of its source."""
UNKNOWABLE = re.compile(r"\b(ist|sind|war|waren) nicht (öffentlich|bekannt)\b")
"""A negative no editor can know: the notes say what was not found in public sources instead."""
NOTE_KEYS = {"note", "notes", "not_public"}


@functools.cache
def real_site() -> Pages:
    return build_pages(CONTENT, TEMPLATES)


def published(pages: Pages) -> dict[str, Any]:
    """Return the content as the site publishes it (daten/alle-inhalte.json)."""
    return json.loads(pages.assets["daten/alle-inhalte.json"])  # type: ignore[no-any-return]


def recommendations(pages: Pages) -> list[dict[str, Any]]:
    evaluations = published(pages)["evaluations"].values()
    return [r for e in evaluations for r in e["recommendations"]]


def findings(pages: Pages) -> list[dict[str, Any]]:
    return [f for e in published(pages)["evaluations"].values() for f in e["findings"]]


def notes(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """Yield (key, text) for every note, notes entry and not_public entry, at any depth."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from notes(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from notes(v, key)
    elif isinstance(value, str) and key in NOTE_KEYS:
        yield key, value


def plain(markdown: str) -> str:
    """Return Markdown without the md filter's backslash escapes."""
    return re.sub(r"\\(.)", r"\1", markdown)


def glance_line(pages: Pages, evaluation_title: str) -> str:
    """Return the start page's "Auf einen Blick" line that counts an evaluation's lists."""
    index = plain(pages.pages["index.md"].markdown)
    section = index.split("## Auf einen Blick")[1].split("\n## ")[0]
    glance = [line for line in section.splitlines()[1:] if line]
    assert all(line.startswith("- **") and line.count("- **") == 1 for line in glance), glance
    return next(line for line in glance if line.startswith(f"- **{evaluation_title}"))


# --- Recommendations are recommendations ------------------------------------------------------


def test_every_recommendation_text_says_what_should_happen() -> None:
    for r in recommendations(real_site()):
        assert MODAL.search(r["text"]), f"{r['id']}: no 'soll/sollte/empfiehlt' in {r['text']!r}"
        for phrase in FACT_LIKE:
            assert phrase not in r["text"], f"{r['id']}: reads as done: {phrase!r}"


def test_every_recommendation_title_is_an_instruction_not_a_statement() -> None:
    for r in recommendations(real_site()):
        last_word = r["title"].split()[-1]
        assert last_word.islower() and last_word.endswith("n"), (
            f"{r['id']}: title {r['title']!r} should end in a verb, like 'Stellenprofil schärfen'"
        )
        assert not re.search(r"\b(wird|werden|ist|sind)\b", r["title"]), r["title"]


MODALITY_WORDS = {
    "promise": re.compile(r"\b(sagte\b.*\bzu|zugesagt)\b"),
    "announcement": re.compile(r"\b(werde|würde|werden)\b"),
    "proposal": re.compile(r"\b(schlug\b.*\bvor|vorgeschlagen)\b"),
    "examination": re.compile(r"\bprüf"),
}
"""The words by which a commitment's text shows how binding its source says it was."""
STRONGER = {
    "announcement": re.compile(r"\b(sagte\b.*\bzu|zugesagt|versprach|garantiert)\b"),
    "proposal": re.compile(r"\b(sagte\b.*\bzu|zugesagt|versprach|werde|wird)\b"),
    "examination": re.compile(r"\b(sagte\b.*\bzu|zugesagt|versprach|werde|wird)\b"),
}
"""Words that would make a weaker kind of commitment read as a firm promise."""
MODALITY_LABELS = {
    "promise": "Zusage (sagte zu)",
    "announcement": "Ankündigung (sagte, es werde geschehen)",
    "proposal": "Vorschlag (schlug vor)",
    "examination": "Prüfung in Aussicht gestellt",
}
"""How the pages name each modality."""


def test_every_commitment_is_worded_as_strongly_as_its_modality() -> None:
    """A proposal reads as a proposal, an announcement as one: the text carries the modality's
    words and none of a stronger kind, on its page and in the briefing pack."""
    pages = real_site()
    commitments = [c for p in published(pages)["parliament"].values() for c in p["commitments"]]
    assert len(commitments) >= 2  # the two of 8 November 2017
    for c in commitments:
        assert MODALITY_WORDS[c["modality"]].search(c["text"]), (c["id"], c["text"])
        stronger = STRONGER.get(c["modality"])
        assert not (stronger and stronger.search(c["text"])), (c["id"], c["text"])
        page = plain(pages.pages[f"zusagen/{c['id']}.md"].markdown)
        assert f"| Art | {MODALITY_LABELS[c['modality']]} |" in page
    briefing = plain(pages.pages["briefing.md"].markdown).split("\n## Zusagen im Parlament")[1]
    for c in commitments:
        assert f"**Art:** {MODALITY_LABELS[c['modality']]}" in briefing


def test_changes_page_feed_and_briefing_read_recommendations_as_recommendations() -> None:
    pages = real_site()
    count = len(recommendations(pages))
    rows = [
        line
        for line in plain(pages.pages["aenderungen.md"].markdown).splitlines()
        if "| Neue Empfehlung |" in line
    ]
    assert len(rows) == count
    for row in rows:
        assert MODAL.search(row), row
    feed = ET.fromstring(pages.assets["aenderungen.xml"])
    summaries = [
        entry.findtext(f"{ATOM}summary") or ""
        for entry in feed.iter(f"{ATOM}entry")
        if (entry.findtext(f"{ATOM}title") or "").startswith("Neue Empfehlung:")
    ]
    assert len(summaries) == count
    for summary in summaries:
        assert MODAL.search(summary), summary
        assert "\\" not in summary, f"Markdown escape in the plain-text feed: {summary!r}"
    briefing = plain(pages.pages["briefing.md"].markdown)
    recommendations_part = briefing.split("\n## Zusagen im Parlament")[0]
    sections = recommendations_part.split("\n### ")[1:]
    assert len(sections) == count
    for section in sections:
        first_paragraph = section.split("\n\n")[1]
        assert MODAL.search(first_paragraph), first_paragraph
    for text in [*rows, *summaries, briefing]:
        for phrase in FACT_LIKE:
            assert phrase not in text


def test_findings_keep_their_sources_strength() -> None:
    for f in findings(real_site()):
        assert not INTENSIFIERS.search(f["text"]), f"{f['id']}: intensifier in {f['text']!r}"


# --- Notes say what was not found --------------------------------------------------------------


def test_notes_say_what_was_not_found_not_what_nobody_can_know() -> None:
    found = list(notes(published(real_site())))
    assert found
    for key, text in found:
        assert not UNKNOWABLE.search(text), f"{key}: {text!r}"


def test_evaluation_page_lists_what_was_not_found() -> None:
    markdown = plain(real_site().pages[f"evaluationen/{EVALUATION}.md"].markdown)
    assert "## Was in keiner öffentlichen Quelle gefunden wurde { #nicht-oeffentlich }" in markdown
    assert "nicht öffentlich ist" not in markdown


# --- A count drawn from an incomplete list says so ---------------------------------------------


def test_start_page_counts_say_which_lists_are_incomplete() -> None:
    pages = real_site()
    evaluation = published(pages)["evaluations"][EVALUATION]
    needs = [f for f in evaluation["findings"] if f["kind"] == "need"]
    line = glance_line(pages, evaluation["title"])
    assert f"{len(needs)} genannte Entwicklungsbedarfe" in line
    assert f"{len(evaluation['recommendations'])} genannte Empfehlungen" in line
    assert (
        "die vollständigen Listen der Entwicklungsbedarfe und der Empfehlungen sind nicht "
        "veröffentlicht" in line
    )
    assert f"evaluationen/{EVALUATION}.md#nicht-oeffentlich" in line


def test_evaluation_and_recommendations_pages_say_the_lists_are_incomplete() -> None:
    pages = real_site()
    evaluation = plain(pages.pages[f"evaluationen/{EVALUATION}.md"].markdown)
    for label in ["Entwicklungsbedarfe", "Empfehlungen"]:
        section = evaluation.split(f"## {label} {{")[1].split("\n## ")[0]
        assert "die vollständige Liste ist nicht veröffentlicht" in section, label
    overview = plain(pages.pages["empfehlungen/index.md"].markdown)
    assert "die vollständige Liste ist nicht veröffentlicht" in overview


def test_only_a_list_the_content_calls_incomplete_is_counted_as_incomplete(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "evaluations" / f"{EVALUATION}.yaml"
    marked = "partial_lists:\n  - need\n  - recommendation\n"
    assert marked in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(marked, ""), encoding="utf-8")
    pages = build_pages(content, TEMPLATES)
    line = glance_line(pages, published(pages)["evaluations"][EVALUATION]["title"])
    assert "genannte" not in line
    assert "vollständig" not in line
    assert "vollständige Liste" not in plain(pages.pages["empfehlungen/index.md"].markdown)
