"""The editor's live preview: `mkdocs serve` follows content edits and survives mistakes.

Runs a real `mkdocs serve` on a copy of the fixture content and edits a YAML file the way an
editor would, then asks the server over HTTP what a reader of the preview sees.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import FIXTURE, load_yaml, mkdocs_env, write_config

START_TIMEOUT = 60
CHANGE_TIMEOUT = 30
ALPHA = "meeting_points/alpha.yaml"


@dataclass
class Preview:
    process: subprocess.Popen[bytes]
    base_url: str
    content: Path
    log: Path

    def get(self, path: str) -> str | None:
        """Body of `path`, or None while the server does not answer it."""
        try:
            with urllib.request.urlopen(self.base_url + path, timeout=5) as response:
                body: bytes = response.read()
                return body.decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_for(self, path: str, ready: Callable[[str], bool], timeout: float) -> str:
        """Poll `path` until `ready(body)`; fail with the last body and the server log."""
        deadline = time.monotonic() + timeout
        body = None
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"mkdocs serve exited:\n{self.log_text()}"
            body = self.get(path)
            if body is not None and ready(body):
                return body
            time.sleep(0.25)
        pytest.fail(
            f"{path} not as expected after {timeout} s:\n{body}\n--- log ---\n{self.log_text()}"
        )

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def write_alpha(self, original: str, **fields: str) -> int:
        """Write alpha.yaml as `original` with top-level `fields` replaced; return the line
        number of the last replaced field."""
        lines = original.splitlines(keepends=True)
        line_no = 0
        for key, value in fields.items():
            (line_no,) = [n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")]
            lines[line_no - 1] = f"{key}: {value}\n"
        (self.content / ALPHA).write_text("".join(lines), encoding="utf-8")
        return line_no


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop `mkdocs serve` and everything it started: Ctrl-C first (it cleans up), then kill."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    directory = tmp_path_factory.mktemp("serve")
    content = directory / "content"
    shutil.copytree(FIXTURE, content)
    config = write_config(directory, content)
    port = free_port()
    command = ["serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload", "-f", str(config)]
    log = directory / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", *command],
            cwd=directory,
            env=mkdocs_env(),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        server = Preview(process, f"http://127.0.0.1:{port}", content, log)
        server.wait_for("/", lambda body: "<h1" in body, START_TIMEOUT)
        yield server
    finally:
        stop(process)


@pytest.fixture
def original() -> str:
    return (FIXTURE / ALPHA).read_text(encoding="utf-8")


def h1(body: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)<", body, re.DOTALL)
    return match[1].strip() if match else ""


def test_preview_shows_a_changed_name(preview: Preview, original: str) -> None:
    name = f"Umbenannt {time.time_ns()}"
    preview.write_alpha(original, name=name)
    body = preview.wait_for("/treffpunkte/alpha/", lambda body: h1(body) == name, CHANGE_TIMEOUT)
    assert f"<title>{name} - " in body


def test_preview_shows_content_errors_and_keeps_running(preview: Preview, original: str) -> None:
    line = preview.write_alpha(original, municipality="nirgendwo")
    body = preview.wait_for(
        "/treffpunkte/alpha/", lambda body: "Fehler in den Inhalten" in body, CHANGE_TIMEOUT
    )
    assert re.search(rf"meeting_points/alpha\.yaml:{line}:\d+: municipality: .*nirgendwo", body)
    assert "Traceback" not in body
    time.sleep(1)  # still serving after the failed rebuild
    assert preview.process.poll() is None
    assert preview.get("/") is not None


def test_preview_recovers_once_the_error_is_fixed(preview: Preview, original: str) -> None:
    preview.write_alpha(original, municipality="nirgendwo")
    preview.wait_for(
        "/treffpunkte/alpha/", lambda body: "Fehler in den Inhalten" in body, CHANGE_TIMEOUT
    )
    name = f"Repariert {time.time_ns()}"
    preview.write_alpha(original, name=name)
    body = preview.wait_for("/treffpunkte/alpha/", lambda body: h1(body) == name, CHANGE_TIMEOUT)
    assert "Fehler in den Inhalten" not in body
    start = preview.wait_for("/", lambda body: "Fehler in den Inhalten" not in body, 5)
    assert load_yaml(FIXTURE / "meeting_points" / "beta.yaml")["name"] in start
