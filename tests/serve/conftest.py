"""`kg serve` started for real, in a subprocess on a free port."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

MINI = Path(__file__).resolve().parents[1] / "query" / "data" / "mini.trig"
VIEWER = "<!doctype html><title>kg viewer</title><p>the graph</p>\n"
STARTUP_SECONDS = 60


@dataclass
class Served:
    url: str  # ends with "/"
    process: subprocess.Popen
    log: Path
    site: Path


def _serve(folder: Path, *flags: str) -> Iterator[Served]:
    shutil.copy(MINI, folder / "graph.trig")
    (folder / "graph.html").write_text(VIEWER, encoding="utf-8")
    log = folder / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--data", str(folder / "graph.trig")]
            + ["--port", "0", *flags],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + STARTUP_SECONDS
    url = None
    while url is None and time.monotonic() < deadline and process.poll() is None:
        found = re.search(r"at (http://\S+/) ", log.read_text(encoding="utf-8"))
        url = found.group(1) if found else None
        time.sleep(0.1)
    if url is None:
        process.kill()
        pytest.fail("kg serve did not start:\n" + log.read_text(encoding="utf-8"), pytrace=False)
    yield Served(url, process, log, folder)
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="session")
def served(tmp_path_factory) -> Iterator[Served]:
    yield from _serve(tmp_path_factory.mktemp("serve-ro"))


@pytest.fixture(scope="session")
def served_rw(tmp_path_factory) -> Iterator[Served]:
    yield from _serve(tmp_path_factory.mktemp("serve-rw"), "--allow-update")
