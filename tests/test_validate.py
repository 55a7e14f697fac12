"""Validation: golden error messages for every kind of bad input, and the rules behind them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support import FIXTURE as MINIMAL
from support import REPO

from generator.cli import main
from generator.content.load import load_documents
from generator.content.validate import read_content, validate_documents

CASES = sorted(path for path in (REPO / "tests" / "cases").iterdir() if path.is_dir())


def run_validate(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Overlay `case` on a copy of the minimal content and run `validate` on it."""
    shutil.copytree(MINIMAL, tmp_path / "content")
    if (case / "content").exists():
        shutil.copytree(case / "content", tmp_path / "content", dirs_exist_ok=True)
    if (case / "delete.txt").exists():
        for name in (case / "delete.txt").read_text().split():
            (tmp_path / "content" / name).unlink()
    monkeypatch.chdir(tmp_path)
    return main(["validate", "content"])


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_golden_error_report(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each case folder overlays the minimal content; `expected.txt` pins the whole report.

    Run with UPDATE_GOLDEN=1 to rewrite the expected files, then review the diff."""
    status = run_validate(case, tmp_path, monkeypatch)
    captured = capsys.readouterr()
    expected = case / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(captured.err, encoding="utf-8")
    assert status == 1
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert captured.err == expected.read_text(encoding="utf-8")


def test_minimal_content_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(MINIMAL)]) == 0
    assert "keine Probleme" in capsys.readouterr().out


def test_real_content_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(REPO / "content")]) == 0, capsys.readouterr().err


def test_report_lists_problems_of_all_files_sorted(content_dir: Path) -> None:
    (content_dir / "meeting_points" / "beta.yaml").write_text("name: [\n")
    alpha = content_dir / "meeting_points" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("municipality: eupen", "municipality: mars"))
    documents, problems = load_documents(content_dir)
    _, more = validate_documents(documents, content_dir)
    found = [(Path(p.path).name, p.key) for p in sorted(problems + more)]
    assert found == [("alpha.yaml", "municipality"), ("beta.yaml", "")]


def test_scalars_keep_their_text(content_dir: Path) -> None:
    alpha = content_dir / "meeting_points" / "alpha.yaml"
    text = alpha.read_text().replace("name: Treffpunkt Alpha", "name: NO")
    alpha.write_text(text.replace('postal_code: "4700"', "postal_code: 0470"))
    content = read_content(content_dir)
    point = content.meeting_points["alpha"]
    assert point.name == "NO"
    assert point.address is not None and point.address.postal_code == "0470"
    assert point.offers[0].schedule[0].opens == "15:00"


def test_findings_without_meeting_points_concern_all_participants(content_dir: Path) -> None:
    from generator.derive.relations import Relations

    relations = Relations(read_content(content_dir))
    assert relations.findings["staerke-vielfalt"].concerns == ("alpha", "beta")
    assert relations.findings["bedarf-vernetzung"].concerns == ("alpha",)
    assert [r.item.id for r in relations.recommendations_from("bedarf-vernetzung")] == [
        "empfehlung-vernetzung"
    ]


def test_sources_of_several_files_are_one_list_in_the_order_of_the_file_names(
    content_dir: Path,
) -> None:
    """Ids are global: an item cites a source in any file of `sources/` as before."""
    source = "sources:\n  - id: {0}\n    title: T\n    publisher: P\n    url: https://e.org/{0}\n"
    (content_dir / "sources" / "aaa.yaml").write_text(source.format("quelle-z"))
    (content_dir / "sources" / "zzz.yaml").write_text(source.format("quelle-y"))
    alpha = content_dir / "meeting_points" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("[quelle-a]", "[quelle-y]", 1))
    content = read_content(content_dir)
    assert list(content.sources) == ["quelle-z", "quelle-a", "quelle-b", "quelle-y"]
    assert content.files["source/quelle-y"] == "sources/zzz.yaml"
    # the file the sources page's edit link opens: the folder's first, even one of no sources
    assert content.files["sources/"] == "sources/aaa.yaml"
    assert set(content.copies) >= {"sources/aaa.yaml", "sources/beispiel.yaml", "sources/zzz.yaml"}
    (content_dir / "sources" / "aa.yaml").write_text("sources: []\n")  # valid, if of no use
    assert read_content(content_dir).files["sources/"] == "sources/aa.yaml"
