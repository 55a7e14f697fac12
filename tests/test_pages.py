"""Pages: the pure core builds every page from content, linked both ways, without MkDocs."""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

import pytest
from support import FIXTURE as MINIMAL
from support import REPO

from generator.build import build_pages, write_pages
from generator.content.problems import ContentError

TEMPLATES = REPO / "site_templates"
GOLDEN = REPO / "tests" / "golden" / "pages"
GOLDEN_PAGES = [
    "treffpunkte/alpha.md",
    "treffpunkte/beta.md",
    "evaluationen/reflexion.md",
    "empfehlungen/index.md",
    "empfehlungen/empfehlung-vernetzung.md",
    "empfehlungen/empfehlung-gremien.md",
    "aenderungen.md",
    "briefing.md",
    "parlament/frage.md",
    "zusagen/index.md",
    "zusagen/zusage-vernetzung.md",
    "zusagen/zusage-treffen.md",
]
LINK = re.compile(r"\]\(([^)#]*)(#[^)]*)?\)")


@pytest.mark.parametrize("path", GOLDEN_PAGES)
def test_golden_page(path: str) -> None:
    """Rendered pages of the minimal content are pinned; UPDATE_GOLDEN=1 rewrites them."""
    markdown = build_pages(MINIMAL, TEMPLATES).pages[path].markdown
    golden = GOLDEN / path
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(markdown, encoding="utf-8")
    assert markdown == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("content", [MINIMAL, REPO / "content"], ids=["minimal", "real"])
def test_every_relative_link_points_to_a_generated_page(content: Path) -> None:
    built = build_pages(content, TEMPLATES)
    for path, page in built.pages.items():
        for target, _ in LINK.findall(page.markdown):
            if target and not re.match(r"^(https?|mailto|tel):", target):
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
                assert resolved in built.pages or resolved in built.assets, f"{path}: {target}"


def test_meeting_point_page_links_to_what_concerns_it() -> None:
    markdown = build_pages(MINIMAL, TEMPLATES).pages["treffpunkte/alpha.md"].markdown
    assert "(../evaluationen/reflexion.md#staerke-vielfalt)" in markdown
    assert "(../evaluationen/reflexion.md#bedarf-vernetzung)" in markdown
    assert "(../empfehlungen/empfehlung-vernetzung.md)" in markdown
    assert "(../parlament/frage.md)" in markdown


def test_unknown_facts_are_shown_as_unknown() -> None:
    markdown = build_pages(MINIMAL, TEMPLATES).pages["treffpunkte/beta.md"].markdown
    assert "| Adresse | nicht veröffentlicht |" in markdown
    assert "| Öffnungszeiten | nicht veröffentlicht |" in markdown
    assert "Jährliche Zuschussbeträge: nicht veröffentlicht." in markdown


def test_each_page_knows_its_content_file() -> None:
    pages = build_pages(MINIMAL, TEMPLATES)
    assert pages.pages["treffpunkte/alpha.md"].source == "meeting_points/alpha.yaml"
    assert pages.pages["parlament/frage.md"].source == "parliament/frage.yaml"
    copy = pages.assets["daten/inhalte/meeting_points/alpha.yaml"]
    assert copy == (MINIMAL / "meeting_points" / "alpha.yaml").read_bytes()


def test_config_strings_are_html_escaped(content_dir: Path) -> None:
    site = content_dir / "site.yaml"
    site.write_text(site.read_text().replace("title: Beispiel-Treffpunkte", "title: A&B <i>x</i>"))
    pages = build_pages(content_dir, TEMPLATES)
    assert pages.site_name == "A&amp;B &lt;i&gt;x&lt;/i&gt;"
    assert pages.pages["index.md"].markdown.startswith("# A&amp;B &lt;i&gt;x&lt;/i&gt;\n")


def test_same_content_gives_same_bytes() -> None:
    """Two builds, each from nothing (no last build handed in: the second takes nothing over
    from the first), so every page is rendered twice and must come out the same."""
    first = build_pages(MINIMAL, TEMPLATES)
    second = build_pages(MINIMAL, TEMPLATES)
    again = [
        path
        for path, page in first.pages.items()
        if second.pages[path].markdown is not page.markdown
    ]
    assert again == list(first.pages)  # a text taken over from the first build is the same object
    assert second == first


def test_invalid_content_raises_with_all_problems(content_dir: Path) -> None:
    (content_dir / "meeting_points" / "alpha.yaml").write_text("name: [\n")
    (content_dir / "meeting_points" / "beta.yaml").write_text("name: x\n")
    with pytest.raises(ContentError) as raised:
        build_pages(content_dir, TEMPLATES)
    assert {Path(p.path).name for p in raised.value.problems} == {"alpha.yaml", "beta.yaml"}


def test_write_pages_replaces_its_own_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_pages(build_pages(MINIMAL, TEMPLATES), out)
    (out / "stale.md").write_text("old")
    write_pages(build_pages(MINIMAL, TEMPLATES), out)
    assert not (out / "stale.md").exists()
    assert (out / "treffpunkte" / "alpha.md").read_text().startswith("# Treffpunkt Alpha\n")


def test_write_pages_never_replaces_a_foreign_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        write_pages(build_pages(MINIMAL, TEMPLATES), tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_what_no_source_names_is_not_published_not_unset() -> None:
    """A recommendation without target date, priority and responsible body: no source says
    that none was set, so the site says that none is published."""
    pages = build_pages(MINIMAL, TEMPLATES).pages
    page = pages["empfehlungen/empfehlung-supervision.md"].markdown
    for label in ("Zuständig", "Priorität", "Zieldatum"):
        assert f"| {label} | nicht veröffentlicht |" in page, label
    briefing = pages["briefing.md"].markdown
    assert "- **Zuständig:** nicht veröffentlicht" in briefing
    for page in pages.values():
        assert not re.search(r"nicht (festgelegt|benannt)", page.markdown)


@pytest.mark.parametrize(("written", "shown"), [("2014-05", "Mai 2014"), ("2014", "2014")])
def test_a_partial_date_keeps_its_precision(content_dir: Path, written: str, shown: str) -> None:
    item = content_dir / "parliament" / "frage.yaml"
    item.write_text(item.read_text().replace("date: 2017-11-08", f'date: "{written}"'))
    built = build_pages(content_dir, TEMPLATES)
    changes = built.pages["aenderungen.md"].markdown
    assert f"| {shown} | Im Parlament |" in changes
    feed = built.assets["aenderungen.xml"].decode()
    assert f"<summary>{shown}: " in feed
    assert f"<updated>{written[:4]}-{'05' if '-' in written else '01'}-01T00:00:00Z" in feed
    assert shown in built.pages["parlament/frage.md"].markdown
    for text in [changes, feed, built.pages["parlament/frage.md"].markdown]:
        assert not re.search(rf"\b1\. (Mai|Januar) {written[:4]}", text)
    assert f'"date": "{written}"' in built.assets["daten/alle-inhalte.json"].decode()
    assert f'"{written}"' in built.assets["daten/parlament.csv"].decode()


def test_the_municipalities_and_their_regions_are_cited() -> None:
    markdown = build_pages(REPO / "content", TEMPLATES).pages["treffpunkte/index.md"].markdown
    (line,) = [line for line in markdown.splitlines() if line.startswith("Gemeinden: ")]
    number = re.findall(r"\[\^(\d+)\]$", line)
    assert number, line
    (note,) = [ln for ln in markdown.splitlines() if ln.startswith(f"[^{number[0]}]: ")]
    assert "pdg.be" in note.replace("\\", "")
    nearby = [ln for ln in markdown.splitlines() if "In der Nähe (im " in ln]
    assert nearby and all(f"des Gebiets[^{number[0]}]" in ln for ln in nearby)


def test_a_question_is_cited_with_the_sources_that_carry_it() -> None:
    """The Franzen question is carried by the published answer only, not by the later speech
    that repeats the answer's statements; the answer keeps both."""
    markdown = (
        build_pages(REPO / "content", TEMPLATES)
        .pages["parlament/interpellation-franzen-2017-01-11.md"]
        .markdown
    )
    question = markdown.split("## Frage {")[1].split("\n## ")[0]
    answer = markdown.split("## Antwort {")[1].split("\n## ")[0]
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", markdown, re.MULTILINE))
    cited = {n: notes[n] for n in re.findall(r"\[\^(\d+)\]", question)}
    assert cited and all("12\\. September 2017" not in text for text in cited.values()), cited
    assert any("12\\. September 2017" in notes[n] for n in re.findall(r"\[\^(\d+)\]", answer))


def test_the_directory_says_only_what_its_sources_carry() -> None:
    markdown = build_pages(REPO / "content", TEMPLATES).pages["treffpunkte/index.md"].markdown
    assert "VoG Animationszentrum Ephata, anerkannt im Zeitraum Juni bis September 2015" in (
        markdown
    )
    assert "seit Juni bis" not in markdown
    assert "allen offen" not in markdown  # said by no source the directory cites
