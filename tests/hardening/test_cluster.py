"""Extraction on a Dask cluster runs in the workers and gives the local graph, byte for byte."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from click.testing import CliRunner
from hardening_helpers import GOOD_ARTICLE, SOURCES, assert_valid_outputs, write_files

from kg.cli import main
from kg.pipeline import run
from kg.settings import Settings

SOURCES_FORMATS = ("ttl", "trig", "nt", "nq", "jsonld")


@dataclass(frozen=True)
class Cluster:
    address: str
    worker_pids: frozenset[int]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """Two single-threaded worker processes, as on two machines."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as local,
        Client(local) as client,
    ):
        pids = frozenset(client.run(os.getpid).values())
        assert len(pids) == 2
        yield Cluster(local.scheduler_address, pids)


@pytest.fixture(scope="module")
def cluster_build(cluster, seed_build, tmp_path_factory):
    output = tmp_path_factory.mktemp("cluster-build")
    settings = Settings(
        output_dir=output,
        formats=SOURCES_FORMATS,
        use_cache=False,
        batch_size=1,  # five batches for two workers
        dask_scheduler=cluster.address,
    )
    report = run([seed_build.report and _sources()], settings)
    return output, report


def _sources():

    return SOURCES


def test_extraction_ran_in_the_cluster_workers(cluster, cluster_build):
    _, report = cluster_build
    assert report.articles == report.extracted == 5
    assert set(report.workers) == cluster.worker_pids  # both workers got batches
    assert os.getpid() not in report.workers


@pytest.mark.parametrize("fmt", SOURCES_FORMATS)
def test_cluster_build_is_byte_identical_to_the_local_build(cluster_build, seed_build, fmt):
    output, _ = cluster_build
    local = (seed_build.output / f"graph.{fmt}").read_bytes()
    assert (output / f"graph.{fmt}").read_bytes() == local


def test_cluster_outputs_are_valid(cluster_build):
    assert_valid_outputs(cluster_build[0])


def test_kg_build_dask_scheduler_on_the_command_line(cluster, tmp_path):
    folder = write_files(tmp_path / "in", {"a.txt": GOOD_ARTICLE, "b.txt": GOOD_ARTICLE + "\n"})
    out = tmp_path / "out"
    argv = ["build", str(folder), "-o", str(out), "-f", "ttl,trig", "--no-cache", "-q"]
    env = {"KG_BATCH_SIZE": "1"}
    result = CliRunner(env=env).invoke(
        main, [*argv, "--dask-scheduler", cluster.address], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert report["articles"] == 2
    assert report["workers"] and set(report["workers"]) <= cluster.worker_pids
    assert_valid_outputs(out)


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    folder = write_files(tmp_path / "in", {"a.txt": GOOD_ARTICLE})
    argv = ["build", str(folder), "-o", str(tmp_path / "out"), "-f", "ttl", "--no-cache", "-q"]
    env = {"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    result = CliRunner(env=env).invoke(main, [*argv, "--dask-scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "tcp://127.0.0.1:9" in result.output
