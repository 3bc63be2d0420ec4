"""Scratch folders for a build's temporary files, and the clean-up of abandoned ones.

    with ScratchFolder.create(output_dir) as scratch:
        (scratch.folder / "runs.bin").write_bytes(...)

A build killed outright (SIGKILL, out of memory) cannot delete its scratch
folder.  The folder's name carries its owner's process id, and the owner holds
an advisory lock on it: :func:`remove_stale_scratch` removes folders whose
owner is gone and whose lock is free, never one that a build running
alongside is using.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # no fcntl (Windows): scratch folders are told apart by process id only
    fcntl = None

SCRATCH_PREFIX = ".kg-scratch-"  # then the owner's process id, a dash and a random part
_PREFIXES = (SCRATCH_PREFIX, ".kg-quads-")  # the second: earlier kg versions' name


@dataclass
class ScratchFolder:
    """A scratch folder and, while it is in use, the locked handle that says so."""

    folder: Path
    handle: int | None

    @classmethod
    def create(cls, directory: Path | None = None) -> ScratchFolder:
        """A new scratch folder in ``directory`` (default: the temp folder).

        Scratch folders that builds killed on the way left there are removed first.
        """
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
        remove_stale_scratch(Path(directory or tempfile.gettempdir()))
        prefix = f"{SCRATCH_PREFIX}{os.getpid()}-"
        folder = Path(tempfile.mkdtemp(prefix=prefix, dir=directory))
        return cls(folder, _lock(folder))

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.handle is not None:  # unlocked once gone, so no one else deletes it
            os.close(self.handle)
            self.handle = None

    def __enter__(self) -> ScratchFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()


def remove_stale_scratch(directory: Path) -> list[Path]:
    """Remove the scratch folders in ``directory`` whose build is no longer running."""
    removed = []
    for folder in sorted(p for prefix in _PREFIXES for p in directory.glob(prefix + "*")):
        pid = _owner_pid(folder.name)
        if pid is None or _running(pid) or not folder.is_dir():
            continue
        handle = _lock(folder)
        if handle is None and _can_lock():
            continue  # locked: a build in another process namespace still uses it
        shutil.rmtree(folder, ignore_errors=True)
        if handle is not None:
            os.close(handle)
        removed.append(folder)
    return removed


def _owner_pid(name: str) -> int | None:
    prefix = next(p for p in _PREFIXES if name.startswith(p))
    pid, dash, _ = name.removeprefix(prefix).partition("-")
    return int(pid) if dash and pid.isdigit() else None


def _running(pid: int) -> bool:
    if os.name != "posix":
        return True  # no cheap way to tell: keep the folder
    try:
        os.kill(pid, 0)  # signal 0: only checks that the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, and belongs to someone else
    return True


def _can_lock() -> bool:
    return fcntl is not None


def _lock(folder: Path) -> int | None:
    """An open handle on ``folder`` holding its lock; None if the lock is taken (or unsupported)."""
    if fcntl is None:
        return None
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        return None
    return handle
