"""The whole job, as a recipe: sources -> ingest -> extract -> merge -> graph.

    dataset = build(["sources/"], Settings())

:func:`build` returns the rdflib Dataset, for library use on modest corpora.
:func:`run` is what ``kg build`` does: the graph goes to disk as sorted quads
while it is made and every output file is streamed from there, so a large
corpus never has its graph in memory; it returns a :class:`BuildReport` for
the command line and scripts.
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg import __version__
from kg.cache import ExtractionCache
from kg.export import write
from kg.export.atomic import atomic_write
from kg.extract import EXTRACTION_FAILED, extract_articles, fingerprint
from kg.extract.nlp import model_version
from kg.graph import BuildInfo, QuadFile, build_dataset, graph_batches
from kg.ingest import read_articles
from kg.merge import merge
from kg.model import Article, ArticleExtraction, MergedCorpus, SourceError
from kg.settings import Settings
from kg.spill import ExtractionSpill

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    """What a build did: counts, what was skipped and why, what was written."""

    articles: int = 0
    extracted: int = 0  # articles extracted afresh (the rest came from the cache)
    entities: int = 0
    events: int = 0
    facts: int = 0
    quotes: int = 0
    conflicts: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    workers: list[int] = field(default_factory=list)  # process ids that extracted (--jobs, Dask)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)


def build(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    *,
    report: BuildReport | None = None,
    progress: Progress | None = None,
) -> Dataset:
    """Read, extract and merge the articles under ``paths``; return the graph."""
    settings = settings or Settings()
    corpus = build_corpus(paths, settings, report=report, progress=progress)
    return to_dataset(corpus, settings)


def build_corpus(
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    report: BuildReport | None = None,
    progress: Progress | None = None,
    spill: ExtractionSpill | None = None,
) -> MergedCorpus:
    """Ingest, extract and merge; with a ``spill``, the extractions wait there, not in memory.

    The merge's steps, and then the graph stage, read them back from the
    spill one article at a time (``corpus.extractions`` is the spill).
    """
    report = report if report is not None else BuildReport()
    # 1. ingest: a stream of articles; bad inputs are reported, not fatal
    articles = _articles(read_articles(paths, settings), report)
    # 2. extract: from the cache where possible, else parsed in batches
    whole: list[ArticleExtraction] = []  # without a spill, the extractions stay in memory
    keep = whole.append if spill is None else spill.add  # (an empty spill is falsy)
    _extract(articles, settings, report, progress, keep)
    # 3. merge: one node per real-world entity, event, quote; facts with sources
    corpus = merge(whole if spill is None else spill, settings)
    report.entities, report.events = len(corpus.entities), len(corpus.events)
    report.facts, report.quotes = len(corpus.facts), len(corpus.quotes)
    report.conflicts = len(corpus.conflicts)
    return corpus


def to_dataset(corpus: MergedCorpus, settings: Settings) -> Dataset:
    """4. graph: the merged corpus as RDF."""
    return build_dataset(corpus, settings, build_info(settings))


def build_info(settings: Settings) -> BuildInfo:
    version = model_version(settings.model)
    return BuildInfo(kg_version=__version__, model=settings.model, model_version=version)


def run(
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    progress: Progress | None = None,
) -> BuildReport:
    """Build, then write every requested format and ``report.json`` to the output folder."""
    report = BuildReport()
    out = settings.output_dir
    with _sorted_graph(paths, settings, report, progress) as graph:
        written = write(graph, settings.formats, out, settings)
    report.outputs = [str(p) for p in written]
    atomic_write(out / "report.json", report.to_json())
    return report


def _sorted_graph(
    paths: Iterable[str | Path], settings: Settings, report: BuildReport, progress: Progress | None
) -> QuadFile:
    """The graph as quads sorted on disk, in a scratch folder inside the output folder.

    Each article's extraction waits on disk while the merge runs, so memory
    holds only what the merge keeps; the merged corpus is dropped on return,
    before any file is written.
    """
    with ExtractionSpill.create(settings.output_dir) as spill:
        corpus = build_corpus(paths, settings, report=report, progress=progress, spill=spill)
        batches = graph_batches(corpus, settings, build_info(settings))
        with closing(batches):  # on failure too, so the spill's reader is closed before it goes
            return QuadFile.write(batches, settings.output_dir)


def _articles(items: Iterable[Article | SourceError], report: BuildReport) -> Iterator[Article]:
    for item in items:
        if isinstance(item, SourceError):
            # INFO, not WARNING: the summary lists every skip once; -v shows them as they happen.
            log.info("%s: %s [%s]", item.source, item.message, item.code)
            report.skipped.append(
                {"source": item.source, "code": item.code, "message": item.message}
            )
            continue
        report.articles += 1
        yield item


def _extract(
    articles: Iterable[Article],
    settings: Settings,
    report: BuildReport,
    progress: Progress | None,
    keep: Callable[[ArticleExtraction], object],
) -> None:
    """Hand every article's extraction to ``keep``, the cache's hits among them.

    A hit is kept at once; its id waits in a queue until the next fresh
    extraction is done, so that the progress reports both in turn.
    """
    cache = (
        ExtractionCache(settings.effective_cache_dir, fingerprint(settings))
        if settings.use_cache
        else None
    )

    def uncached() -> Iterator[Article]:
        for article in articles:
            hit = cache.get(article.content_hash) if cache else None
            if hit is not None:
                hit.article = article  # the id and path may differ from the cached copy's
                keep(hit)
                cached.append(article.id)
                continue
            yield article

    cached: deque[str] = deque()
    for extraction in _extract_fresh(uncached(), settings, report):
        report.extracted += 1
        if cache and not _failed(extraction):  # a failure is retried on the next build
            cache.put(extraction)
        report.warnings.extend(f"{extraction.article.id}: {w}" for w in extraction.warnings)
        if _failed(extraction):
            log.warning("%s: %s", extraction.article.id, extraction.warnings[0])
        keep(extraction)
        if progress:
            progress(extraction.article.id)
        _drain(cached, progress)
    _drain(cached, progress)


def _extract_fresh(
    articles: Iterable[Article], settings: Settings, report: BuildReport
) -> Iterator[ArticleExtraction]:
    """Serially, in local processes (``--jobs``), or on a Dask cluster (``--dask-scheduler``)."""
    if not settings.dask_scheduler and settings.jobs <= 1:
        return extract_articles(articles, settings)
    from kg.extract.parallel import extract_in_processes, extract_on_dask

    def seen(pid: int) -> None:
        if pid not in report.workers:
            report.workers.append(pid)
            report.workers.sort()

    parallel = extract_on_dask if settings.dask_scheduler else extract_in_processes
    return parallel(articles, settings, on_worker=seen)


def _failed(extraction: ArticleExtraction) -> bool:
    return any(w.startswith(EXTRACTION_FAILED) for w in extraction.warnings)


def _drain(cached: deque[str], progress: Progress | None) -> None:
    while cached:
        article_id = cached.popleft()
        if progress:
            progress(article_id)
