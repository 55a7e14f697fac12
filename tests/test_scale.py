"""The fast build loses nothing: pages built in worker processes give the same site as a build
in one process, the small navigation the same page text as the plain MkDocs way, and the cache
of parsed files the same content as parsing again."""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from playwright.sync_api import Page
from support import (
    REPO,
    SOURCE_DATE_EPOCH,
    TEMPLATES,
    build,
    file_hashes,
    generated_queries,
    index_for_search,
    search,
    serve_directory,
)

from generator import build as page_stage
from generator.build import build_pages
from generator.content import load, validate
from generator.content.problems import ContentError
from generator.data import exports, hsds
from generator.editors import quality
from generator.pages.plan import DIRECTORY_ON_ONE_PAGE
from generator.pages.render import render_page
from generator.speed.reuse import LastBuild

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The path of each page the build renders (again), in order."""
    paths: list[str] = []

    def counted(environment: Any, template: str, path: str, **data: Any) -> str:
        paths.append(path)
        return render_page(environment, template, path, **data)

    monkeypatch.setattr(page_stage, "render_page", counted)
    return paths


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 generated meeting points with evaluations and parliamentary items (bench/content.py)."""
    out = tmp_path_factory.mktemp("scale") / "content"
    command = [sys.executable, "bench/content.py", "200", str(out)]
    subprocess.run(command, cwd=REPO, check=True, timeout=120)
    return out


def configure(directory: Path, content: Path, *, workers: int, plain: bool = False) -> Path:
    """The repository's MkDocs config for `content`; `plain`: every page in the automatic
    navigation, as MkDocs does it by default."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(TEMPLATES / "static")
    config["theme"]["custom_dir"] = str(TEMPLATES / "overrides")
    config["plugins"] = [
        {
            "treffpunkte": {
                "content_dir": str(content),
                "templates_dir": str(TEMPLATES),
                "workers": workers,
            }
        },
        "treffpunkte-parallel",
    ]
    if plain:
        del config["nav"], config["not_in_nav"]
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def built(directory: Path, content: Path, **options: int | bool) -> Path:
    site = directory / "site"
    result = build(configure(directory, content, **options), site, cwd=directory)  # type: ignore[arg-type]
    assert result.returncode == 0, result.stderr
    (directory / "log.txt").write_text(result.stderr, encoding="utf-8")
    return site


def read_log(site: Path) -> str:
    return (site.parent / "log.txt").read_text(encoding="utf-8")


def pages(site: Path) -> dict[str, str]:
    return {
        page.relative_to(site).as_posix(): page.read_text(encoding="utf-8")
        for page in site.rglob("*.html")
    }


def test_workers_build_byte_for_byte_the_site_of_one_process(content: Path, tmp_path: Path) -> None:
    parallel = built(tmp_path / "parallel", content, workers=3)
    single = built(tmp_path / "single", content, workers=1)
    assert re.search(r"\d+ Seiten werden in 3 Prozessen gebaut", read_log(parallel))
    assert "Prozessen gebaut" not in read_log(single)
    assert file_hashes(parallel) == file_hashes(single)
    assert len(list(parallel.rglob("index.html"))) > 400


def test_fast_and_plain_builds_show_the_same_text_on_every_page(
    content: Path, tmp_path: Path
) -> None:
    fast = pages(built(tmp_path / "fast", content, workers=0))
    plain = pages(built(tmp_path / "plain", content, workers=1, plain=True))
    assert fast.keys() == plain.keys()
    compared = 0
    for path, html in fast.items():
        main = ARTICLE.findall(html)
        assert main == ARTICLE.findall(plain[path]), path
        compared += bool(main)
    assert compared > 400
    # what differs is the navigation: the plain one lists every page on every page
    sample = "treffpunkte/treffpunkt-00001/index.html"
    assert len(plain[sample]) > 3 * len(fast[sample])


def test_unchanged_files_are_neither_parsed_nor_validated_again(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What is taken over from the last build is keyed on each file's content: a rebuild
    parses and validates only what changed, and a change shows in the result."""
    counts = {"parsed": 0, "validated": 0}

    def counting(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any) -> Any:
            counts[name] += 1
            return function(*args)

        return counted

    monkeypatch.setattr(page_stage, "parse_document", counting("parsed", load.parse_document))
    monkeypatch.setattr(
        page_stage, "validate_document", counting("validated", validate.validate_document)
    )
    files = len(list(content_dir.rglob("*.yaml")))
    last = LastBuild()

    def rebuild() -> tuple[dict[str, int], Any]:
        counts.update(parsed=0, validated=0)
        pages = build_pages(content_dir, TEMPLATES, last=last)
        return dict(counts), pages

    assert rebuild()[0] == {"parsed": files, "validated": files}
    assert rebuild()[0] == {"parsed": 0, "validated": 0}
    alpha = content_dir / "meeting_points" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace("name: Treffpunkt Alpha", "name: Neu"),
        encoding="utf-8",
    )
    counted, pages = rebuild()
    assert counted == {"parsed": 1, "validated": 1}
    assert json.loads(pages.assets["treffpunkte/alpha/index.json"])["name"] == "Neu"
    alpha.write_text("name: [", encoding="utf-8")  # a broken file is parsed again, once
    with pytest.raises(ContentError):
        rebuild()
    assert counts == {"parsed": 1, "validated": 0}


def test_a_rebuild_reads_and_encodes_again_only_the_changed_item(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sources an item cites, its JSON and its HSDS records are taken over from the last
    build while the item is unchanged, also across a build in which nothing changed."""
    steps: dict[str, Callable[..., Any]] = {
        "cited": quality.cited_sources,
        "json": exports.encoded_model,
        "hsds": hsds.encoded_point_records,
    }
    counts = dict.fromkeys(steps, 0)

    def counting(name: str, step: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any) -> Any:
            counts[name] += 1
            return step(*args)

        return counted

    for name, step in steps.items():
        monkeypatch.setattr(page_stage, step.__name__, counting(name, step))
    last = LastBuild()

    def rebuild() -> dict[str, int]:
        counts.update(dict.fromkeys(steps, 0))
        build_pages(content_dir, TEMPLATES, last=last)
        return dict(counts)

    assert all(rebuild().values())
    assert rebuild() == dict.fromkeys(steps, 0)
    alpha = content_dir / "meeting_points" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace("name: Treffpunkt Alpha", "name: Neu"),
        encoding="utf-8",
    )
    assert rebuild() == dict.fromkeys(steps, 1)


def test_a_rebuild_makes_again_only_what_a_change_touches_and_equals_a_fresh_build(
    content: Path, tmp_path: Path, rendered: list[str]
) -> None:
    """After each kind of edit, the rebuild (reusing the last build's results) gives exactly
    what a build from nothing gives, while rendering only the pages the edit concerns."""
    folder, templates = tmp_path / "content", tmp_path / "templates"
    shutil.copytree(content, folder)
    shutil.copytree(TEMPLATES, templates, ignore=shutil.ignore_patterns("static", "overrides"))
    last = LastBuild()

    def edit(rel: str, old: str, new: str) -> None:
        file = (templates if rel.endswith(".j2") else folder) / rel
        text = file.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    def rebuilt() -> list[str]:
        rendered.clear()
        again = build_pages(folder, templates, last=last)
        touched = sorted(rendered)
        assert again == build_pages(folder, templates)  # from nothing
        return touched

    everything = rebuilt()
    assert len(everything) > 400
    assert rebuilt() == []  # nothing changed, nothing rendered
    point = "meeting_points/treffpunkt-00007.yaml"
    edit(point, "name: ", "name: Umbenannt ")
    touched = rebuilt()
    assert "treffpunkte/treffpunkt-00007.md" in touched and len(touched) < 20, touched
    edit(point, "street: ", "street: Neue ")
    assert 0 < len(rebuilt()) < 20
    shutil.copy(folder / point, folder / "meeting_points/treffpunkt-neu.yaml")
    assert "treffpunkte/treffpunkt-neu.md" in rebuilt()
    edit("evaluations/reflexion-000.yaml", "text: Übergang", "text: Geändert")
    assert len(rebuilt()) > 400  # every page may show an evaluation's findings
    edit("site.yaml", "title: Beispiel-Treffpunkte", "title: Anderer Titel")
    assert len(rebuilt()) > 400
    edit("profile.md.j2", "\n", "\n{# edited #}\n")
    assert len(rebuilt()) > 400  # pages share macros: any template change renders all again


def test_a_preview_rebuild_reuses_unchanged_pages_and_equals_a_fresh_build(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """As `mkdocs serve` does after a save: the same plugin builds again in the same process.
    Pages that did not change are taken over, and the site equals a fresh `mkdocs build`."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    folder = tmp_path / "content"
    shutil.copytree(content, folder)
    config_file = configure(tmp_path / "preview", folder, workers=2)
    site = tmp_path / "preview-site"

    def rebuild() -> str:
        caplog.clear()
        config = load_config(str(config_file), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            with caplog.at_level(logging.INFO):
                mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
        return caplog.text

    assert "unverändert" not in rebuild()
    point = folder / "meeting_points" / "treffpunkt-00007.yaml"
    point.write_text(
        point.read_text(encoding="utf-8").replace("name: ", "name: Umbenannt ", 1),
        encoding="utf-8",
    )
    log = rebuild()
    reused = re.search(r"(\d+) Seiten unverändert übernommen", log)
    assert reused and int(reused[1]) > 400, log
    assert "Umbenannt" in (site / "treffpunkte/treffpunkt-00007/index.html").read_text("utf-8")
    assert file_hashes(site) == file_hashes(built(tmp_path / "fresh", folder, workers=2))
    # A new meeting point, then the same deleted: the pages that list it are built again, the
    # others taken over, and the site is each time the one a fresh build gives.
    added = folder / "meeting_points" / "treffpunkt-neu.yaml"
    added.write_text(point.read_text(encoding="utf-8").replace("name: ", "name: Neu ", 1), "utf-8")
    for step in ("added", "deleted"):
        log = rebuild()
        reused = re.search(r"(\d+) Seiten unverändert übernommen", log)
        assert reused and int(reused[1]) > 400, (step, log)
        assert file_hashes(site) == file_hashes(built(tmp_path / step, folder, workers=2)), step
        added.unlink(missing_ok=True)


def grown(content: Path, out: Path, more: int) -> Path:
    """`content` and `more` meeting points, copies of the first under new ids and names that no
    other file names: only the number of meeting points grows."""
    shutil.copytree(content, out)
    folder = out / "meeting_points"
    for i, original in enumerate(sorted(folder.glob("*.yaml"))[:more]):
        text = original.read_text(encoding="utf-8").replace("name: ", "name: Kopie ", 1)
        (folder / f"kopie-{i:05d}.yaml").write_text(text, encoding="utf-8")
    return out


def test_above_the_threshold_only_a_municipalitys_page_grows_with_the_meeting_points(
    content: Path, tmp_path: Path
) -> None:
    """The directory splits by municipality (issue 18): with twice the meeting points, the
    overview, the start page and every other page stay as long, and each municipality's page
    lists its own."""
    small = build_pages(content, TEMPLATES).pages
    assert len(list(content.glob("meeting_points/*.yaml"))) > DIRECTORY_ON_ONE_PAGE
    big = build_pages(grown(content, tmp_path / "big", 200), TEMPLATES).pages
    assert "Kopie" in big["gemeinden/gemeinde-0000.md"].markdown
    grew = {
        path: (len(page.markdown), len(big[path].markdown))
        for path, page in small.items()
        if len(big[path].markdown) > len(page.markdown) + 100
    }
    assert grew.keys() == {p for p in small if p.startswith("gemeinden/")}, grew
    assert all(after > 1.8 * before for before, after in grew.values()), grew


def test_the_overview_links_to_each_municipality_and_that_to_each_of_its_points(
    content: Path,
) -> None:
    built = build_pages(content, TEMPLATES)
    overview = built.pages["treffpunkte/index.md"].markdown
    municipalities = [p for p in built.pages if p.startswith("gemeinden/")]
    assert len(municipalities) == 10
    listed: list[str] = []
    for path in municipalities:
        assert f"(../{path})" in overview, path
        listed += re.findall(
            r"^### \[[^]]+\]\(\.\./treffpunkte/([a-z0-9-]+)\.md\)", built.pages[path].markdown, re.M
        )
    assert sorted(listed) == sorted(p.stem for p in content.glob("meeting_points/*.yaml"))
    assert "treffpunkt-00007" not in overview + built.pages["index.md"].markdown


def test_renaming_a_point_renders_its_municipality_page_again_not_the_overview(
    content: Path, tmp_path: Path, rendered: list[str]
) -> None:
    """A municipality's page reads its own meeting points only, the overview and the start
    page none: a rename renders again the point's pages, its municipality's and what names it."""
    folder = tmp_path / "content"
    shutil.copytree(content, folder)
    last = LastBuild()
    build_pages(folder, TEMPLATES, last=last)
    point = folder / "meeting_points" / "treffpunkt-00007.yaml"
    text = point.read_text(encoding="utf-8")
    place = re.search(r"^municipality: (\S+)", text, re.M)
    assert place
    point.write_text(text.replace("name: ", "name: Umbenannt ", 1), encoding="utf-8")
    rendered.clear()
    build_pages(folder, TEMPLATES, last=last)
    assert f"gemeinden/{place[1]}.md" in rendered
    assert [p for p in rendered if p.startswith("gemeinden/")] == [f"gemeinden/{place[1]}.md"]
    assert not {"treffpunkte/index.md", "index.md", "empfehlungen/index.md"} & set(rendered)
    assert len(rendered) < 20, rendered


@pytest.mark.browser
def test_the_search_finds_what_people_type_at_scale(
    content: Path, tmp_path: Path, page: Page
) -> None:
    """With municipality pages (above the threshold): a page about each query is among the
    first three results, not a list that repeats it; a search fetches the fragments of the
    results it shows and only part of the index."""
    site = index_for_search(built(tmp_path, content, workers=0))
    index_files = len(list((site / "pagefind" / "index").iterdir()))
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    missed = []
    with serve_directory(site) as url:
        for query, about in generated_queries(content):
            page.goto(url + "/", wait_until="networkidle")
            fetched.clear()
            paths = search(page, query)
            if not set(paths[:3]) & about:
                missed.append((query, paths[:3]))
            assert len([u for u in fetched if u.endswith(".pf_fragment")]) <= len(paths), query
            assert len([u for u in fetched if u.endswith(".pf_index")]) < index_files, query
    assert missed == []
