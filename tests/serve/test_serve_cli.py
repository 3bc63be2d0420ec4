"""`kg serve` start-up errors are one clear line, not a traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

MINI = Path(__file__).resolve().parents[1] / "query" / "data" / "mini.trig"


def kg_serve(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg", "serve", *args], capture_output=True, text=True, timeout=60
    )


def test_a_busy_port_is_a_clear_error():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = kg_serve("--data", str(MINI), "--port", str(port))
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_graph_is_a_clear_error(tmp_path):
    done = kg_serve("--data", str(tmp_path / "graph.trig"), "--port", "0")
    assert done.returncode == 1
    assert "no such file" in done.stderr and "Traceback" not in done.stderr
