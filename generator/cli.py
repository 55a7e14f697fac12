"""Command line: validate content, write the JSON Schema, generate Markdown pages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.pages import build_pages, write_pages
from generator.problems import ContentError
from generator.schema import build_schemas
from generator.validate import read_content


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
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            content = read_content(args.content_dir)
            print(f"{args.content_dir}: {len(content.files)} Dateien, keine Probleme")
        elif args.command == "schema":
            write_schemas(args.out)
        else:
            pages = build_pages(args.content, args.templates)
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
