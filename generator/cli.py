"""Command line: validate content, write the JSON Schema, generate Markdown pages, check a built
site."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from generator.build import build_pages, write_pages
from generator.check.site import check_built_site
from generator.content.field_types import SLUG_PATTERN, slugify
from generator.content.problems import ContentError
from generator.content.validate import read_content
from generator.editors.quality import build_date, quality_report
from generator.editors.scaffold import KINDS, scaffold
from generator.editors.schema import build_schemas


def main(argv: list[str] | None = None) -> int:
    """Run the command in `argv`; return the exit status (1 when content has problems)."""
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="Inhalte prüfen, ohne zu bauen")
    validate.add_argument("content_dir", nargs="?", default="content", type=Path)
    schema = commands.add_parser("schema", help="JSON-Schema der Inhaltsdateien schreiben")
    schema.add_argument("--out", default="schema", type=Path, help="Zielordner (Standard: schema)")
    generate = commands.add_parser("generate", help="Seiten als Markdown in einen Ordner schreiben")
    generate.add_argument("--out", required=True, type=Path, help="Zielordner")
    generate.add_argument("--content", default="content", type=Path)
    generate.add_argument("--templates", default="site_templates", type=Path)
    new = commands.add_parser("new", help="neue Inhaltsdatei mit allen Feldern anlegen")
    new.add_argument("kind", choices=sorted(KINDS), help="Art der Datei")
    new.add_argument("id", help="Kennung, wird zum Dateinamen (a–z, 0–9, Bindestriche)")
    new.add_argument("--content", default="content", type=Path)
    report = commands.add_parser("report", help="Qualitätsbericht: Hinweise für die Redaktion")
    report.add_argument("content_dir", nargs="?", default="content", type=Path)
    report.add_argument("--max-age", type=int, default=365, help="Tage bis „veraltet“ (365)")
    report.add_argument("--strict", action="store_true", help="Hinweise als Fehler (Status 1)")
    check = commands.add_parser(
        "check", help="gebaute Website prüfen: Markup, Verweise, Sicherheitsregeln, Datendateien"
    )
    check.add_argument("site_dir", type=Path, help="Ordner der gebauten Website")
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            content = read_content(args.content_dir)
            print(f"{args.content_dir}: {len(content.copies)} Dateien, keine Probleme")
        elif args.command == "schema":
            write_schemas(args.out)
        elif args.command == "check":
            return check_site_files(args.site_dir)
        elif args.command == "new":
            return create_file(args.kind, args.id, args.content)
        elif args.command == "report":
            advice = quality_report(read_content(args.content_dir), build_date(), args.max_age)
            lines = [f"{args.content_dir}/{item}" for item in advice]
            print("\n".join(lines) or "Keine Hinweise.")
            return 1 if args.strict and advice else 0
        else:
            pages = build_pages(args.content, args.templates, processes=0)  # one per core
            write_pages(pages, args.out)
            print(f"{len(pages.pages)} Seiten nach {args.out} geschrieben")
    except ContentError as error:
        print(error, file=sys.stderr)
        print(f"{len(error.problems)} Problem(e) gefunden", file=sys.stderr)
        return 1
    except FileExistsError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


def write_schemas(out: Path) -> None:
    """Write one JSON Schema file per kind of content file into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for name, text in build_schemas().items():
        (out / name).write_text(text, encoding="utf-8")
        print(out / name)


def check_site_files(site_dir: Path) -> int:
    """Check a site built by any engine (generator/check/site.py); 1 when it has a problem."""
    if not site_dir.is_dir():
        print(
            f"{site_dir}: kein Ordner; erwartet wird der Ordner einer gebauten Website",
            file=sys.stderr,
        )
        return 2
    try:
        result = check_built_site(site_dir)
    except OSError as error:
        print(f"{site_dir}: nicht lesbar ({error})", file=sys.stderr)
        return 2
    if result.problems:
        print("\n".join(result.problems), file=sys.stderr)
        print(f"{len(result.problems)} Problem(e) in {site_dir}", file=sys.stderr)
        return 1
    print(f"{site_dir}: {result.summary()}, keine Probleme")
    return 0


def create_file(kind: str, item_id: str, content_dir: Path) -> int:
    """Write a scaffold for a new item and say which values are still to fill in."""
    if not re.match(SLUG_PATTERN, item_id):
        print(
            f"'{item_id}' ist keine gültige Kennung; Vorschlag: '{slugify(item_id)}'",
            file=sys.stderr,
        )
        return 2
    target = content_dir / KINDS[kind] / f"{item_id}.yaml"
    if target.exists():
        print(f"{target}: gibt es schon; nichts geändert", file=sys.stderr)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(scaffold(kind), encoding="utf-8")
    print(f"{target} angelegt. Noch auszufüllen:")
    try:
        read_content(content_dir)
    except ContentError as error:
        print("\n".join(str(p) for p in error.problems if p.path == str(target)))
    return 0
