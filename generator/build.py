"""The build: content folder + templates → every page as Markdown and every published file.

The one entry that runs the stages in order (content, derive, data, editors, pages); the MkDocs
plugin and the `generate` command both call `build_pages`, and it knows nothing of any engine.
What a rebuild takes over from the last one is handed in by the caller (`LastBuild`).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import html
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeVar, cast

from generator.check.policy import server_files
from generator.content.load import Loaded, parse_document
from generator.content.model import Content, MeetingPoint
from generator.content.validate import read_content, validate_document
from generator.data.exports import data_files, encoded_model, item_twin, twin_files
from generator.data.hsds import EncodedRecords, encoded_point_records, hsds_files
from generator.data.meeting_point_files import calendar_ics, hours_json, qr_svg
from generator.derive import status
from generator.derive.relations import Relations
from generator.editors.fields import content_fields
from generator.editors.quality import build_date, cited_sources, quality_report
from generator.editors.schema import build_schemas
from generator.pages.plan import Step, page_plan
from generator.pages.render import Citations, create_environment, render_page
from generator.speed.processes import cores, forked_map
from generator.speed.reuse import LastBuild, Tracked, snapshot

Result = TypeVar("Result")
CONTENT_COPY_DIR = "daten/inhalte"
"""Where the site publishes a copy of each content file (the default target of edit links)."""


@dataclass(frozen=True)
class Page:
    """One generated page: its Markdown and the content file it was made from."""

    markdown: str
    source: str | None
    """Content file (relative to the content folder) that an edit link should open."""


@dataclass(frozen=True)
class Pages:
    """Everything the generator produces for one build."""

    pages: dict[str, Page]
    """Markdown pages by path, e.g. `treffpunkte/ephata.md`."""
    assets: dict[str, bytes]
    """Other files by path, published as they are."""
    site_name: str
    """Site title, HTML-escaped: themes print it raw."""
    copyright: str
    """Footer text, HTML-escaped."""
    edit_base_url: str | None
    """Where content files are edited; None means: link to the published copy."""
    site_url: str | None
    """Public address of the site, if known (sitemap, canonical links)."""


class _Rendered(NamedTuple):
    """A page's text, with the inputs it was made from and what it read (None: all)."""

    inputs: tuple[Any, ...]
    points: set[str] | None
    files: set[str] | None
    text: str


def build_pages(
    content_dir: Path, templates_dir: Path, processes: int = 1, last: LastBuild | None = None
) -> Pages:
    """Read and validate everything in `content_dir`, then render every page, the items' pages
    and files in `processes` processes (0: one per core).

    What `last` (the caller's, kept from build to build) holds of the last build is taken over
    where its inputs are unchanged, and it then holds this build; without it, everything is
    made from nothing, by the same code.

    Raises ContentError with all problems when the content is not valid."""
    last = last or LastBuild()
    processes = processes or cores()
    content = _read(content_dir, last)
    environment = create_environment(templates_dir)
    relations = Relations(content)
    fields = content_fields()
    today = build_date()
    # The content as pages and exports read it; the files' bytes are only published as copies.
    whole = {
        f.name: _frozen(getattr(content, f.name))
        for f in dataclasses.fields(content)
        if f.name != "copies"
    }
    site_wide = last.site_wide.begin()

    def reused(name: str, inputs: Any, make: Callable[[], Result]) -> Result:
        """`make()`, or its result of the last build if that had the same inputs."""
        kept = site_wide.get(name)
        last.site_wide[name] = kept if kept and kept[0] == inputs else (inputs, make())
        return cast(Result, last.site_wide[name][1])

    advice = reused(
        "advice",
        (today, whole),
        lambda: quality_report(content, today, cited_by=last.cited.reusing(cited_sources)),
    )
    assets = (
        _meeting_point_assets(content, today, processes, last)
        | {f"{CONTENT_COPY_DIR}/{rel}": data for rel, data in sorted(content.copies.items())}
        | reused("exports", whole, lambda: _exports(content, last))
        | {f"daten/schema/{name}": text.encode() for name, text in build_schemas().items()}
        | {name: text.encode() for name, text in server_files().items()}
    )
    plan = page_plan(content)
    # What every page may read; the meeting points and the files are tracked page by page.
    shared = (
        _digest(templates_dir),
        today,
        advice,
        *(value for name, value in whole.items() if name != "meeting_points"),
    )
    # Compared once here; if unchanged, the last build's very object, so that comparing each
    # page's inputs takes one identity check for it, not one per source and evaluation.
    shared = reused("shared", shared, lambda: shared)

    def inputs(
        step: Step,
        points: set[str] | None,
        files: set[str] | None,
    ) -> tuple[Any, ...]:
        _, template, _, data = step
        return (
            template,
            shared,
            tuple(data.items()),
            snapshot(content.meeting_points, points),
            snapshot(assets, files),
        )

    def render(
        step: Step,
    ) -> tuple[str, set[str] | None, set[str] | None]:
        path, template, _, data = step
        points, files = Tracked(content.meeting_points), Tracked(assets)
        text = render_page(
            environment,
            template,
            path,
            content=dataclasses.replace(content, meeting_points=points),
            relations=relations,
            status_of=status.status_of,
            count_statuses=status.count_statuses,
            rollup=status.rollup,
            changes=status.changes,
            open_statuses=status.OPEN_STATUSES,
            fields=fields,
            advice=advice,
            today=today,
            citations=Citations(content.sources),
            assets=files,
            **data,
        )
        return text, points.read, files.read

    rendered = last.pages.begin()
    todo = []
    for step in plan:
        kept = rendered.get(step[0])
        if kept and kept.inputs == inputs(step, kept.points, kept.files):
            last.pages[step[0]] = kept
        else:
            todo.append(step)
    for step, (text, points, files) in zip(
        todo, forked_map(render, todo, processes, at_least=2), strict=True
    ):
        last.pages[step[0]] = _Rendered(inputs(step, points, files), points, files, text)
    pages: dict[str, Page] = {}
    for path, _, source, _ in plan:
        text = last.pages[path].text
        if path.endswith(".md"):
            pages[path] = Page(text, source)
        else:
            assets[path] = text.encode("utf-8")
    return Pages(
        pages=pages,
        assets=assets,
        site_name=html.escape(content.site.title),
        copyright=html.escape(content.site.copyright),
        edit_base_url=content.site.edit_base_url,
        site_url=content.site.url,
    )


OUTPUT_MARK = ".generated-pages"
"""File that marks a folder written by `write_pages`, so that only such a folder is replaced."""


def write_pages(pages: Pages, out: Path) -> None:
    """Write all pages and assets under `out`, replacing it only once everything is written.

    Raises FileExistsError when `out` holds files that `write_pages` did not write."""
    out = out.resolve()
    if out.exists() and any(out.iterdir()) and not (out / OUTPUT_MARK).is_file():
        raise FileExistsError(f"{out}: Ordner ist nicht leer und stammt nicht vom Generator")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for path, page in pages.pages.items():
            _write(staging / path, page.markdown.encode("utf-8"))
        for path, data in pages.assets.items():
            _write(staging / path, data)
        _write(staging / OUTPUT_MARK, b"")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _read(content_dir: Path, last: LastBuild) -> Content:
    """`read_content(content_dir)`, parsing only the files that changed since the last build
    and validating only their documents (an unchanged file gives the very same document)."""
    files = last.files.begin()

    def parse(raw: bytes, shown: str, rel: str) -> Loaded:
        key = (shown, rel, hashlib.blake2b(raw).digest())
        loaded: Loaded = files.get(key) or parse_document(raw, shown, rel)
        last.files[key] = loaded
        return loaded

    return read_content(
        content_dir, parse=parse, validate=last.documents.reusing(validate_document)
    )


def _meeting_point_assets(
    content: Content, today: datetime.date, processes: int, last: LastBuild
) -> dict[str, bytes]:
    """Return the JSON twin, hours data, calendar and QR code of each meeting point, where
    possible; those of an unchanged meeting point from `last`."""

    def files_of(item_id: str) -> dict[str, bytes]:
        point = content.meeting_points[item_id]
        folder = f"treffpunkte/{item_id}"
        page_url = f"{content.site.url}{folder}/" if content.site.url else None
        files = {
            "index.json": item_twin(item_id, point),
            "oeffnungszeiten.json": hours_json(point),
            "kalender.ics": calendar_ics(item_id, point, content.site.title, today),
            "qr-code.svg": qr_svg(page_url, point.name) if page_url else None,
        }
        return {f"{folder}/{name}": data for name, data in files.items() if data is not None}

    def inputs(item_id: str) -> tuple[Any, ...]:
        return (content.meeting_points[item_id], content.site.title, content.site.url, today)

    made = last.point_files.begin()
    todo = []
    for item_id in content.meeting_points:
        kept = made.get(item_id)
        if kept and kept[0] == inputs(item_id):
            last.point_files[item_id] = kept
        else:
            todo.append(item_id)
    for item_id, files in zip(todo, forked_map(files_of, todo, processes), strict=True):
        last.point_files[item_id] = (inputs(item_id), files)
    point_files = last.point_files
    return {path: data for i in content.meeting_points for path, data in point_files[i][1].items()}


def _exports(content: Content, last: LastBuild) -> dict[str, bytes]:
    """Return the open-data files, each item's JSON taken over from `last` if unchanged."""
    licence = content.site.licence
    licence_data = {"name": licence.name, "path": licence.url, "title": licence.title}
    site_url = content.site.url
    encoded = last.hsds.begin((content.site, content.vocabularies, site_url))

    def encode_point(item_id: str, point: MeetingPoint) -> EncodedRecords:
        return last.hsds.of(
            point, encoded, lambda point: encoded_point_records(item_id, point, content, site_url)
        )

    hsds = hsds_files(content, site_url, encode_point=encode_point)
    return (
        data_files(content, licence_data, encode=last.json.reusing(encoded_model))
        | {f"daten/{path}": data for path, data in hsds.items()}
        | twin_files(content)
    )


def _digest(templates_dir: Path) -> bytes:
    """A digest of the page templates, which an editor may change while previewing."""
    digest = hashlib.blake2b()
    for path in sorted(templates_dir.glob("*.j2")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def _frozen(value: Any) -> Any:
    """`value`, with a mapping as the tuple of its items (a snapshot to compare later)."""
    return tuple(value.items()) if isinstance(value, dict) else value
