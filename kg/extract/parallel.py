"""Extraction in several processes, or on a Dask cluster.

Articles go out in batches; each worker loads the model once and runs the
same :func:`kg.extract.extract_articles` on its batch.  Results come back in
input order, so a parallel build is byte-identical to a serial one.  At most
``2 * workers`` batches are in flight, so memory stays bounded however large
the corpus.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from kg.model import Article, ArticleExtraction
from kg.settings import Settings


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_batch(batch: list[Article], settings: Settings) -> tuple[int, list[ArticleExtraction]]:
    """Run in a worker: extract one batch; also say which process did it."""
    from kg.extract import extract_articles

    return os.getpid(), list(extract_articles(batch, settings))


def _ordered(
    submit: Callable[[list[Article]], Future],
    articles: Iterable[Article],
    settings: Settings,
    window: int,
    on_worker: Callable[[int], None] | None,
) -> Iterator[ArticleExtraction]:
    pending: deque[Future] = deque()
    for batch in batched(articles, settings.batch_size):
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from _collect(pending.popleft(), on_worker)
    while pending:
        yield from _collect(pending.popleft(), on_worker)


def _collect(future: Future, on_worker) -> list[ArticleExtraction]:
    pid, extractions = future.result()
    if on_worker:
        on_worker(pid)
    return extractions


def extract_in_processes(
    articles: Iterable[Article],
    settings: Settings,
    *,
    on_worker: Callable[[int], None] | None = None,
) -> Iterator[ArticleExtraction]:
    """``settings.jobs`` local worker processes."""
    # "spawn": a clean interpreter per worker, safe whatever threads the parent runs.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=settings.jobs, mp_context=context) as pool:
        yield from _ordered(
            lambda batch: pool.submit(extract_batch, batch, settings),
            articles,
            settings,
            window=2 * settings.jobs,
            on_worker=on_worker,
        )


def extract_on_dask(
    articles: Iterable[Article],
    settings: Settings,
    *,
    on_worker: Callable[[int], None] | None = None,
) -> Iterator[ArticleExtraction]:
    """Batches on the Dask cluster at ``settings.dask_scheduler``; the merge stays local."""
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        from kg.errors import KgError

        raise KgError("--dask-scheduler needs Dask: pip install 'kg[cluster]'") from exc
    from kg.errors import KgError

    try:
        client = Client(settings.dask_scheduler)
    except OSError as exc:  # refused, timed out, bad address: the user can act on it
        raise KgError(
            f"cannot reach the Dask scheduler at {settings.dask_scheduler}: {exc}"
        ) from exc
    with client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _ordered(
            lambda batch: client.submit(extract_batch, batch, settings, pure=False),
            articles,
            settings,
            window=2 * workers,
            on_worker=on_worker,
        )
