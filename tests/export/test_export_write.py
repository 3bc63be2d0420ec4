"""kg.export.write from the sorted quads kg build makes, and its warnings."""

from __future__ import annotations

import logging

import pytest

from kg.export import rdf, write
from kg.graph import QuadFile
from kg.graph.convert import dataset_quads
from kg.graph.quadfile import graph_batches

IN_MEMORY_FORMATS = ("html", "graphml", "gexf")


@pytest.fixture()
def seed_quads(seed_build, tmp_path):
    with QuadFile.write(graph_batches(dataset_quads(seed_build.dataset)), tmp_path) as quads:
        yield quads


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nt", "nq", "jsonld", *IN_MEMORY_FORMATS])
def test_a_quad_file_and_a_dataset_write_the_same_bytes(seed_build, seed_quads, tmp_path, fmt):
    [streamed] = write(seed_quads, [fmt], tmp_path / "streamed", seed_build.settings)
    [in_memory] = write(seed_build.dataset, [fmt], tmp_path / "in-memory", seed_build.settings)
    assert streamed.read_bytes() == in_memory.read_bytes()
    built = seed_build.output / f"graph.{fmt}"
    if built.exists():
        assert streamed.read_bytes() == built.read_bytes()


@pytest.mark.parametrize("fmt", IN_MEMORY_FORMATS)
def test_large_graphs_read_into_memory_are_announced(
    seed_build, seed_quads, tmp_path, caplog, monkeypatch, fmt
):
    settings = seed_build.settings.replace(viewer_nodes=0)  # an uncapped viewer reads it all
    write(seed_quads, [fmt], tmp_path / "small", settings)
    assert "into memory" not in caplog.text
    monkeypatch.setattr(rdf, "IN_MEMORY_WARNING_TRIPLES", 100)  # the seed graph has thousands
    with caplog.at_level(logging.WARNING, logger="kg.export.rdf"):
        write(seed_quads, [fmt], tmp_path / "large", settings)
    assert f"graph.{fmt}: reading the merged graph" in caplog.text
    assert "leave it out of --format" in caplog.text


def test_a_capped_viewer_never_warns(seed_build, seed_quads, tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(rdf, "IN_MEMORY_WARNING_TRIPLES", 100)
    with caplog.at_level(logging.WARNING, logger="kg.export.rdf"):
        write(seed_quads, ["html"], tmp_path, seed_build.settings.replace(viewer_nodes=5))
    assert "into memory" not in caplog.text


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nt", "nq", "jsonld"])
def test_streamed_formats_never_warn(seed_build, seed_quads, tmp_path, caplog, monkeypatch, fmt):
    monkeypatch.setattr(rdf, "IN_MEMORY_WARNING_TRIPLES", 100)
    with caplog.at_level(logging.WARNING, logger="kg.export.rdf"):
        write(seed_quads, [fmt], tmp_path, seed_build.settings)
    assert "into memory" not in caplog.text
