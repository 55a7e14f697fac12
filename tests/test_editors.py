"""Editors: scaffolds for new files, the quality report, the guide, checks before commit."""

from __future__ import annotations

import datetime
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml
from support import FIXTURE, REPO

from generator.build import build_pages
from generator.cli import main
from generator.content.validate import read_content
from generator.editors.fields import Field, content_fields
from generator.editors.quality import quality_report
from generator.editors.scaffold import KINDS


def all_fields(fields: list[Field]) -> list[Field]:
    return [f for field in fields for f in [field, *all_fields(field.children)]]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_new_file_has_every_field_and_names_what_to_fill_in(
    kind: str, content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", kind, "neu-1", "--content", str(content_dir)]) == 0
    created = content_dir / KINDS[kind] / "neu-1.yaml"
    text = created.read_text(encoding="utf-8")
    assert yaml.safe_load(text) is not None  # loads as YAML as it stands
    for field in all_fields(content_fields()[KINDS[kind]]):
        assert f"{field.name}:" in text, field.path
    todo = capsys.readouterr().out.splitlines()[1:]
    assert todo, "the validator names the values still to fill in"
    assert all(line.startswith(str(created)) for line in todo), todo
    fields = content_fields()[KINDS[kind]]
    if kind == "sources":  # a file that is one list: its entry's fields
        fields = fields[0].children
    required = [f.name for f in fields if f.required and not f.children]
    assert any(name in line for line in todo for name in required)


def test_new_file_never_overwrites_and_refuses_bad_ids(
    content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "meeting-point", "alpha", "--content", str(content_dir)]) == 2
    assert "gibt es schon" in capsys.readouterr().err
    assert main(["new", "meeting-point", "Café Nord", "--content", str(content_dir)]) == 2
    assert "Vorschlag: 'cafe-nord'" in capsys.readouterr().err


def test_quality_report_gives_advice_not_errors(content_dir: Path) -> None:
    content = read_content(content_dir)
    advice = [str(item) for item in quality_report(content, datetime.date(2028, 1, 1), 365)]
    assert (
        "meeting_points/alpha.yaml: last_checked: zuletzt am 2026-11-24 geprüft, vor 403 Tagen"
        in advice
    )
    assert "meeting_points/beta.yaml: opening_hours: „Öffnungszeiten“ nicht erfasst" in " ".join(
        advice
    )
    assert any(
        "empfehlung-supervision" in item and "keine Statusänderung" in item for item in advice
    )
    fresh = quality_report(content, datetime.date(2026, 12, 1), 365)
    assert not any(item.key == "last_checked" for item in fresh)


def test_quality_report_names_commitments_with_no_update_for_a_year(content_dir: Path) -> None:
    """A commitment counts from its last dated entry, or without one from its item's date."""
    content = read_content(content_dir)

    def stale(today: datetime.date) -> list[str]:
        return [str(a) for a in quality_report(content, today) if "commitments[" in a.key]

    # zusage-vernetzung: last entry 2019-01-20; zusage-bericht: none, item of 2017-11-08
    assert stale(datetime.date(2018, 11, 8)) == []
    assert stale(datetime.date(2018, 11, 9)) == [
        "parliament/frage.yaml: commitments[zusage-bericht]: seit 366 Tagen keine "
        "Statusänderung; gibt es eine neue Quelle?"
    ]
    assert [a.split(": ")[1] for a in stale(datetime.date(2020, 1, 21))] == [
        "commitments[zusage-bericht]",
        "commitments[zusage-vernetzung]",
    ]


def test_quality_report_finds_uncited_sources(content_dir: Path) -> None:
    (content_dir / "sources" / "weitere.yaml").write_text(
        "sources:\n  - id: quelle-ungenutzt\n    title: Ungenutzt\n    publisher: X\n"
        + "    url: http://example.org/u\n"
    )
    advice = [
        str(item) for item in quality_report(read_content(content_dir), datetime.date(2026, 12, 1))
    ]
    assert (
        "sources/weitere.yaml: sources[quelle-ungenutzt]: wird von keiner Angabe zitiert" in advice
    )
    assert any("sources[quelle-ungenutzt].url: unverschlüsselte" in item for item in advice)


def test_report_command_exits_0_unless_strict(
    content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(content_dir)]) == 0
    assert f"{content_dir}/meeting_points/beta.yaml: opening_hours" in capsys.readouterr().out
    assert main(["report", str(content_dir), "--strict"]) == 1


def test_guide_describes_every_content_field() -> None:
    """Fails when a field of the model is missing from the editors' guide or undescribed."""
    guide = build_pages(FIXTURE, REPO / "site_templates").pages["redaktion/index.md"].markdown
    for location, fields in content_fields().items():
        for field in all_fields(fields):
            assert f"| `{field.path}` |" in guide, f"{location}: {field.path}"
            assert field.description, f"{location}: {field.path} has no description"


def test_pre_commit_hook_runs_the_validator() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    hook = hooks["validate-content"]
    assert hook["files"].startswith("^(content/")
    result = subprocess.run(shlex.split(hook["entry"]), cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
