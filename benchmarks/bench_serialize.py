"""Time and peak memory of writing each RDF format with rdflib and with pyoxigraph.

    python benchmarks/bench_serialize.py --quick                  # about 20k triples
    python benchmarks/bench_serialize.py --sizes 100000,1000000 --json out.json
    python benchmarks/bench_serialize.py --seed output/graph.trig --formats ttl,nq

The graph is the seed build (``sources/``, built once, or ``--seed`` a TriG or
N-Quads file kg wrote) replicated with renamed IRIs until it has about the
asked number of triples: copy ``k`` of every node ``{base}x`` is
``{base}copy-k/x``, so each copy brings its own article graphs, while the
merged graph ``{base}graph/merged`` is shared and grows with every copy, as a
large corpus's would.

Building the rdflib Dataset is measured too (time and peak memory), since a
large graph costs that before anything is written.  Each writer then runs in
a child forked from the process holding the Dataset, so every measurement
starts from the same heap; its peak memory is the growth of the child's
resident set (``VmHWM`` after the write less ``VmRSS`` before, Linux), which
counts what pyoxigraph allocates in Rust as well as Python objects.

Not part of the test suite: the figures depend on the machine (docs/formats.md).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("ttl", "trig", "nt", "nq", "jsonld")
ENGINES = ("rdflib", "oxigraph")


# --- the graph --------------------------------------------------------------------------


def seed_quads(seed: Path | None) -> tuple[list[tuple], str]:
    """The seed build's named-graph quads and its base IRI."""
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from kg.graph.io import base_iri_of, read_dataset

    if seed is None:
        from kg.pipeline import build
        from kg.settings import Settings

        dataset = build([ROOT / "sources"], Settings(use_cache=False, formats=()))
    else:
        dataset = read_dataset(seed)
    quads = [q for q in dataset.quads() if q[3] != DATASET_DEFAULT_GRAPH_ID]
    return quads, base_iri_of(dataset)


def replicated(quads: list[tuple], base: str, copies: int):
    """``copies`` renamed copies of ``quads``; the merged graph is shared."""
    from rdflib import URIRef

    from kg.graph import merged_graph_iri

    merged = merged_graph_iri(base)

    def rename(term, k: int):
        if isinstance(term, URIRef) and term.startswith(base) and term != merged:
            return URIRef(f"{base}copy-{k}/{term[len(base) :]}")
        return term

    for k in range(copies):
        for s, p, o, g in quads:
            yield rename(s, k), p, rename(o, k), rename(g, k)


def build_dataset(quads: list[tuple], base: str, copies: int):
    """An rdflib Dataset of ``copies`` copies, bound to kg's prefixes as kg's are."""
    from rdflib import Dataset

    from kg.graph import PREFIXES

    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns)
    dataset.bind("", base)
    graphs = {}
    for s, p, o, g in replicated(quads, base, copies):
        graph = graphs.get(g)
        if graph is None:
            graph = graphs[g] = dataset.graph(g)
        graph.add((s, p, o))
    return dataset


# --- measuring ----------------------------------------------------------------------------


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _reset_peak() -> None:
    """Set VmHWM back to the current resident set (Linux >= 4.0)."""
    Path("/proc/self/clear_refs").write_text("5")


def measured(function) -> dict:
    """Wall and CPU seconds, and peak resident-set growth (MiB), of ``function()``.

    CPU time is reported too because it moves less than wall time when the
    machine is shared.
    """
    _reset_peak()
    before = _status_kib("VmRSS")
    start, start_cpu = time.perf_counter(), time.process_time()
    function()
    return {
        "seconds": round(time.perf_counter() - start, 2),
        "cpu_seconds": round(time.process_time() - start_cpu, 2),
        "peak_mib": round((_status_kib("VmHWM") - before) / 1024),
    }


def in_child(function) -> dict:
    """``measured(function)`` in a forked child; its result comes back through a pipe."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        try:
            result = measured(function)
        except BaseException as exc:  # report any failure, never fall back into the parent
            result = {"error": f"{type(exc).__name__}: {exc}"}
        with os.fdopen(write_end, "w") as pipe:
            json.dump(result, pipe)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        result = json.loads(pipe.read() or '{"error": "no result"}')
    os.waitpid(pid, 0)
    return result


def bench_size(quads: list[tuple], base: str, target: int, formats, engines, folder: Path):
    from kg.export import writer
    from kg.export.rdf import dataset_size, merged_graph
    from kg.settings import Settings

    copies = max(1, round(target / len(quads)))
    holder = {}
    build = measured(lambda: holder.setdefault("ds", build_dataset(quads, base, copies)))
    dataset = holder["ds"]
    settings = Settings(base_iri=base)
    row = {
        "copies": copies,
        "triples": dataset_size(dataset),
        "merged_triples": len(merged_graph(dataset, settings)),
        "build_rdflib_dataset": build,
        "writes": {},
    }
    report(f"{row['triples']:,} triples ({copies} copies): rdflib Dataset built {build}")
    for fmt in formats:
        for engine in engines:
            path = folder / f"graph-{row['triples']}-{engine}.{fmt}"
            write = functools.partial(writer(fmt), dataset, path, settings, engine=engine)
            result = in_child(write)
            if path.exists():
                result["mib_written"] = round(path.stat().st_size / 2**20, 1)
                path.unlink()
            row["writes"][f"{fmt}/{engine}"] = result
            report(f"  {fmt:6} {engine:8} {result}")
    return row


def report(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def table(rows: list[dict]) -> str:
    """A Markdown table: per size and format, each engine's wall s (CPU s) and peak MiB."""
    lines = [
        "| triples | format | rdflib s (CPU s) | rdflib peak MiB "
        "| pyoxigraph s (CPU s) | pyoxigraph peak MiB | file MiB (rdflib / pyoxigraph) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        build = row["build_rdflib_dataset"]
        lines.append(
            f"| {row['triples']:,} | build the rdflib Dataset | {_time(build)} "
            f"| {build['peak_mib']} | | | |"
        )
        formats = dict.fromkeys(key.split("/")[0] for key in row["writes"])
        for fmt in formats:
            cells, sizes = [], []
            for engine in ENGINES:
                result = row["writes"].get(f"{fmt}/{engine}", {})
                cells += [_time(result), result.get("peak_mib", "")]
                sizes.append(str(result.get("mib_written", "-")))
            cells.append(" / ".join(sizes))
            lines.append(f"| {row['triples']:,} | {fmt} | {' | '.join(map(str, cells))} |")
    return "\n".join(lines)


def _time(result: dict) -> str:
    if "error" in result:
        return result["error"]
    if "seconds" not in result:
        return ""
    return f"{result['seconds']} ({result['cpu_seconds']})"


def machine() -> str:
    import pyoxigraph
    import rdflib

    cpu = platform.processor()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")

    return (
        f"{cpu}, {os.cpu_count()} cores, {memory / 2**30:.0f} GiB; "
        f"Python {platform.python_version()}, rdflib {rdflib.__version__}, "
        f"pyoxigraph {pyoxigraph.__version__}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="target triples, comma-separated")
    parser.add_argument("--quick", action="store_true", help="one small size (about 20k triples)")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--seed", type=Path, default=None, help="a graph.trig/.nq kg wrote")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    sizes = [20_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    formats = args.formats.split(",")
    engines = args.engines.split(",")

    start = time.perf_counter()
    quads, base = seed_quads(args.seed)
    report(f"seed: {len(quads):,} quads in {time.perf_counter() - start:.1f} s")
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-serialize-") as tmp:
        for size in sizes:
            rows.append(bench_size(quads, base, size, formats, engines, Path(tmp)))
    about = machine()
    print(f"Machine: {about}\n")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps({"machine": about, "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
