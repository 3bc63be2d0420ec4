"""Real triple stores for the tests: an Oxigraph server and a Virtuoso 7 server.

Each starts on free ports in its own temporary folder and is stopped by the
fixture that started it. A store that does not come up makes the test fail
with the server's log: these tests never skip.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

# Generous: a fresh Virtuoso database installs its packages before it listens.
STARTUP_SECONDS = 180
VIRTUOSO_DBA_PASSWORD = "dba"  # a fresh Virtuoso database's administrator password


class StoreFailedToStart(RuntimeError):
    pass


@dataclass
class RunningStore:
    """A started server: where to query it, where to load it, and how to stop it."""

    name: str
    process: subprocess.Popen
    log_path: Path
    query_url: str
    graph_store_url: str
    auth: str = "none"
    user: str | None = None
    password: str | None = None

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-6000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def wait_until_up(store: RunningStore, probe_url: str) -> RunningStore:
    """Return ``store`` once ``probe_url`` answers 200; raise with the log otherwise."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if store.process.poll() is not None:
            break
        if _answers(probe_url):
            return store
        time.sleep(0.3)
    store.stop()
    raise StoreFailedToStart(
        f"{store.name} did not start (exit code {store.process.returncode}); its log:\n"
        + store.log_text()
    )


def oxigraph_binary() -> str:
    """The ``oxigraph`` server from the PyPI package, next to this Python or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreFailedToStart("no oxigraph binary (pip install oxigraph)")
    return found


def start_oxigraph(folder: Path) -> RunningStore:
    port = free_port()
    log_path = folder / "oxigraph.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                oxigraph_binary(),
                "serve",
                "--location",
                str(folder / "db"),
                "--bind",
                f"127.0.0.1:{port}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    store = RunningStore("oxigraph", process, log_path, f"{base}/query", f"{base}/store")
    return wait_until_up(store, f"{base}/query?query={quote('ASK {}')}")


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{sql_port}
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
DirsAllowed              = ., {db}, /usr/share/virtuoso-opensource-7/vad
VADInstallDir            = /usr/share/virtuoso-opensource-7/vad/
NumberOfBuffers          = 10000
MaxDirtyBuffers          = 6000

[HTTPServer]
ServerPort                  = 127.0.0.1:{http_port}
ServerRoot                  = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections        = 10
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
ServerThreads               = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
HTTPThreadSize              = 280000
Charset                     = UTF-8

[SPARQL]
ResultSetMaxRows           = 100000
MaxQueryExecutionTime      = 120
MaxQueryCostEstimationTime = 0
"""
# MaxQueryCostEstimationTime = 0 turns off Virtuoso's refusal of queries it
# *estimates* to be slow. On a fresh database holding a few hundred triples it
# has no statistics, and its estimate for a query with several OPTIONALs (the
# timeline) runs to days, so the stock 400 s limit refuses a query that answers
# in milliseconds. docs/queries.md tells users the same.


def virtuoso_binary() -> str:
    found = shutil.which("virtuoso-t")
    if not found:
        raise StoreFailedToStart("no virtuoso-t binary (apt-get install virtuoso-opensource)")
    return found


def start_virtuoso(folder: Path) -> RunningStore:
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(db=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8"
    )
    log_path = folder / "stdout.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [virtuoso_binary(), "+configfile", str(ini), "+foreground"],
            cwd=folder,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{http_port}"
    store = RunningStore(
        "virtuoso",
        process,
        log_path,
        f"{base}/sparql",
        f"{base}/sparql-graph-crud-auth",
        auth="digest",
        user="dba",
        password=VIRTUOSO_DBA_PASSWORD,
    )
    return wait_until_up(store, f"{base}/sparql?query={quote('ASK {}')}")
