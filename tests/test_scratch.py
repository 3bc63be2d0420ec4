"""Scratch folders: a build killed outright leaves one; the next build removes it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pyoxigraph as ox

from kg.graph import QuadFile
from kg.graph.quadfile import graph_batches
from kg.scratch import SCRATCH_PREFIX, remove_stale_scratch

QUADS = [
    ox.Quad(ox.NamedNode("https://example.org/x"), ox.NamedNode("https://example.org/p"), o)
    for o in (ox.Literal("a"), ox.Literal("b"))
]

# Writes a QuadFile into argv[1], then dies by SIGKILL: nothing can clean up.
KILLED_BUILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    import pyoxigraph as ox
    from kg.graph import QuadFile
    from kg.graph.quadfile import graph_batches
    quad = ox.Quad(ox.NamedNode("https://example.org/x"), ox.NamedNode("https://example.org/p"),
                   ox.Literal("a"))
    QuadFile.write(graph_batches([quad]), Path(sys.argv[1]))
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def scratch_folders(directory):
    return sorted(p for p in directory.iterdir() if p.name.startswith(SCRATCH_PREFIX))


def test_a_killed_build_leaves_its_folder_and_the_next_build_removes_it(tmp_path):
    killed = subprocess.run([sys.executable, "-c", KILLED_BUILD, str(tmp_path)], check=False)
    assert killed.returncode == -9
    (left,) = scratch_folders(tmp_path)
    assert (left / "graph.nq").exists()
    with QuadFile.write(graph_batches(QUADS), tmp_path) as graph:
        assert scratch_folders(tmp_path) == [graph.directory]
    assert scratch_folders(tmp_path) == []


def test_the_folder_of_a_build_still_running_is_kept(tmp_path):
    running = QuadFile.write(graph_batches(QUADS), tmp_path)
    with running, QuadFile.write(graph_batches(QUADS), tmp_path) as other:
        assert scratch_folders(tmp_path) == sorted([running.directory, other.directory])
        assert remove_stale_scratch(tmp_path) == []
        assert len(running) == 2


def test_a_live_process_keeps_its_folder_even_unlocked(tmp_path):
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as alive:
        try:
            folder = tmp_path / f"{SCRATCH_PREFIX}{alive.pid}-abc"
            folder.mkdir()
            assert remove_stale_scratch(tmp_path) == []
            assert folder.exists()
        finally:
            alive.kill()


def test_folders_of_dead_processes_go_and_other_names_stay(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"{SCRATCH_PREFIX}{dead.pid}-abc"
    (stale / "sub").mkdir(parents=True)
    older = tmp_path / f".kg-quads-{dead.pid}-xyz"  # as earlier versions named them
    older.mkdir()
    kept = [tmp_path / f"{SCRATCH_PREFIX}oldstyle", tmp_path / "graph.ttl"]
    kept[0].mkdir()
    kept[1].write_text("not scratch")
    assert remove_stale_scratch(tmp_path) == sorted([stale, older])
    assert sorted(tmp_path.iterdir()) == sorted(kept)
