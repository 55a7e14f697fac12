"""The benchmark's editor's loop: `make serve`, six edits, and how long each takes to show in the
served page."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from measured import REPO, WORK

NEW_POINT = "treffpunkt-neu"
NEW_NAME = "Neuer Treffpunkt am Bahnhof"
ERROR_REPORT = "Fehler in den Inhalten"


Shown = Callable[[int, str], bool]
"""Whether a served page (status, text) shows what an edit should have changed."""


class Preview:
    """`make serve` with a config on a free port, and its pages read over HTTP."""

    def __init__(self, config: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = WORK / "serve.log"
        self.log = self.log_path.open("wb")
        self.server = subprocess.Popen(
            ["make", "-s", "serve", f"SERVE_CONFIG={config}", f"SERVE_ADDR=127.0.0.1:{port}"],
            cwd=REPO,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # make and its MkDocs stop together
        )

    def fetch(self, path: str) -> tuple[int, str]:
        """Status and text of a served page; status 0 where the server did not answer."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def wait(self, path: str, shown: Callable[[int, str], bool], timeout: float = 900) -> float:
        """Seconds until the page at `path` is `shown`."""
        start = time.perf_counter()
        while True:
            status, text = self.fetch(path)
            if status and shown(status, text):
                return time.perf_counter() - start
            if self.server.poll() is not None or time.perf_counter() - start > timeout:
                raise RuntimeError(f"make serve: {path} not as expected; see {self.log_path}")
            time.sleep(0.02)

    def stop(self) -> None:
        os.killpg(self.server.pid, 15)  # SIGTERM to make and its MkDocs, which it started
        self.server.wait(timeout=60)
        self.log.close()


@contextmanager
def preview(config: Path) -> Iterator[Preview]:
    server = Preview(config)
    try:
        yield server
    finally:
        server.stop()


def editor_loop(config: Path, point: Path) -> dict[str, float]:
    """Under `make serve`: seconds from writing a file to the served page showing it, for six
    edits made one after the other (each on what the last left)."""
    original = point.read_text(encoding="utf-8")
    added = point.with_name(f"{NEW_POINT}.yaml")
    own, new = f"/treffpunkte/{point.stem}/", f"/treffpunkte/{NEW_POINT}/"
    copied = re.sub(r"^name: .*$", f"name: {NEW_NAME}", original, count=1, flags=re.M)
    try:
        with preview(config) as server:

            def edit(file: Path, text: str | None, path: str, shown: Shown) -> float:
                time.sleep(2)  # the editor looks at the page; the preview collects its garbage
                if text is None:
                    file.unlink()
                else:
                    file.write_text(text, encoding="utf-8")
                return server.wait(path, shown)

            server.wait(own, lambda _, page: "</html>" in page)
            return {
                "summary": edit(point, original.replace("summary: ", "summary: Neu ", 1), own,
                                lambda _, page: "Neu " in page),
                "name": edit(point, original.replace("name: ", "name: Geändert ", 1), own,
                             lambda _, page: "Geändert " in page and "Neu " not in page),
                "new meeting point": edit(added, copied, new,
                                          lambda status, page: status == 200 and NEW_NAME in page),
                "deleted": edit(added, None, new,
                                lambda status, page: status == 404 or NEW_NAME not in page),
                "mistake": edit(point, original.replace("name: ", "name: [", 1), own,
                                lambda _, page: ERROR_REPORT in page),
                "repair": edit(point, original, own, lambda _, page: "</html>" in page
                               and ERROR_REPORT not in page and "Geändert " not in page),
            }  # fmt: skip
    finally:
        point.write_text(original, encoding="utf-8")
        added.unlink(missing_ok=True)
