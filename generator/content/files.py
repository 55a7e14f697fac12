"""Which files of the content folder are read, and how: regular files inside it only.

No symbolic link is followed, names starting with a dot are skipped, and a file is opened
relative to the folder, so nothing outside `content/` is read even if the tree changes.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

from generator.content.problems import CONTROL_CHARACTERS

MAX_BYTES = 1_000_000

SYMLINK = "symbolischer Verweis; bitte die Datei selbst hier ablegen"
SYMLINKED_FOLDER = "symbolischer Verweis auf einen Ordner; bitte den Ordner selbst hier ablegen"
FOLDER = "ein Ordner, keine Datei; bitte umbenennen"
NOT_REGULAR = "keine gewöhnliche Datei (etwa eine Pipe oder ein Socket); bitte entfernen"
CONTROL_CHARACTER = "Name mit Steuerzeichen (etwa einem Zeilenumbruch); bitte umbenennen"
YML = "Dateiendung .yml: bitte .yaml verwenden"
TOO_BIG = f"Datei ist größer als {MAX_BYTES:,} Bytes".replace(",", ".")


class Listing(NamedTuple):
    """The YAML names in a content folder, by path relative to it, sorted."""

    files: list[str]
    """Regular files, to be read."""
    refused: dict[str, str]
    """Every other YAML name, a symbolically linked folder and every name with a control
    character, with the reason it is not read."""


def content_files(content_dir: Path) -> Listing:
    """Return what `content_dir` holds to read, not following symbolic links.

    Names starting with a dot are skipped, and so is what is inside such a folder: editors keep
    lock files (`.#name.yaml`) and drafts (`.drafts/`) there. Other names are ignored unless
    they end in `.yaml` or `.yml`."""
    files: list[str] = []
    refused: dict[str, str] = {}
    folders = [""]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(content_dir / folder) as scan:
                entries = list(scan)
        except OSError as error:
            refused[folder.rstrip("/")] = f"Ordner nicht lesbar: {type(error).__name__}"
            continue
        for entry in entries:
            rel = folder + entry.name
            if entry.name.startswith("."):
                continue
            reason = _refusal(entry)
            if reason:
                refused[rel] = reason
            elif entry.is_dir(follow_symlinks=False):
                folders.append(rel + "/")
            elif entry.name.endswith(".yaml"):
                files.append(rel)
    return Listing(sorted(files), dict(sorted(refused.items())))


def _refusal(entry: os.DirEntry[str]) -> str | None:
    """Why `entry` is not content to read or to look into, or None."""
    yaml_name = entry.name.endswith((".yaml", ".yml"))
    if CONTROL_CHARACTERS.search(entry.name):
        return CONTROL_CHARACTER
    if entry.is_symlink():
        return SYMLINK if yaml_name else SYMLINKED_FOLDER if entry.is_dir() else None
    if not yaml_name:
        return None
    if entry.is_dir(follow_symlinks=False):
        return FOLDER
    if not entry.is_file(follow_symlinks=False):
        return NOT_REGULAR
    return YML if entry.name.endswith(".yml") else None


def read_inside(file: Path, rel: str) -> bytes | str:
    """Return the bytes of `file`, `rel` inside the content folder, or why it is not read."""
    parts = rel.split("/")
    try:
        fd = _open_inside(file.parents[len(parts) - 1], parts)
        try:
            return _read_regular(fd)
        finally:
            os.close(fd)
    except OSError as error:
        reasons = {errno.ELOOP: SYMLINK, errno.ENXIO: NOT_REGULAR}  # ENXIO: a socket
        return reasons.get(error.errno or 0, f"Datei nicht lesbar: {type(error).__name__}")


def _open_inside(root: Path, parts: list[str]) -> int:
    """Open the file `parts` inside `root` following no symbolic link on the way.

    `content_files` refused symbolic links, but the folder may have changed since it was
    listed; so nothing outside it is opened even then."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    for index, part in enumerate(parts, 1):
        # O_NONBLOCK: a pipe put in the file's place must not stop the build.
        kind = os.O_NONBLOCK if index == len(parts) else os.O_DIRECTORY
        try:
            inner = os.open(part, os.O_RDONLY | os.O_NOFOLLOW | kind, dir_fd=fd)
        finally:
            os.close(fd)
        fd = inner
    return fd


def _read_regular(fd: int) -> bytes | str:
    status = os.fstat(fd)
    if not stat.S_ISREG(status.st_mode):
        return NOT_REGULAR
    if status.st_size > MAX_BYTES:
        return TOO_BIG
    with open(fd, "rb", closefd=False) as opened:
        raw = opened.read(MAX_BYTES + 1)  # the file may have grown since `fstat`
    return TOO_BIG if len(raw) > MAX_BYTES else raw
