"""Extract: read entities, roles, events, claims and quotes out of each article.

    extract_articles(articles, settings) -> Iterator[ArticleExtraction]

Articles are parsed in batches with ``nlp.pipe`` (each text once), long ones
in chunks; then the registered extractors run in order over each article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from importlib import resources
from itertools import chain, groupby

from spacy.tokens import Doc

from kg.extract import registry
from kg.extract.context import ArticleContext
from kg.extract.nlp import chunks, load_nlp, make_doc, model_version, paragraph_starts
from kg.model import Article, ArticleExtraction
from kg.settings import Settings

__all__ = ["EXTRACTION_FAILED", "extract_article", "extract_articles", "fingerprint"]

# Bump when the shared frame (chunking, tokenising, sentence starts) changes
# what extractors see, so cached extractions are redone.
FRAME_VERSION = 2


def extract_articles(
    articles: Iterable[Article],
    settings: Settings | None = None,
    *,
    pipeline: tuple[str, ...] | None = None,
) -> Iterator[ArticleExtraction]:
    """Extract every article, streaming: one batch of texts in memory at a time.

    The model is loaded when the first article comes, so a build whose
    articles are all in the cache does without it.
    """
    settings = settings or Settings()
    articles = iter(articles)
    first = next(articles, None)
    if first is None:
        return
    articles = chain([first], articles)
    nlp = load_nlp(settings.model)
    steps = [registry.get(name) for name in (pipeline or registry.DEFAULT_PIPELINE)]

    def pieces() -> Iterator[tuple[Doc, tuple[int, Article, int]]]:
        for index, article in enumerate(articles):
            starts = paragraph_starts(article)
            parts = list(chunks(article, settings.chunk_chars)) or [("", 0)]
            for text, base in parts:
                yield make_doc(nlp, text, base, starts), (index, article, base)

    parsed = nlp.pipe(pieces(), as_tuples=True, batch_size=settings.batch_size)
    for _, group in groupby(parsed, key=lambda item: item[1][0]):
        items = list(group)
        article = items[0][1][1]
        docs = [(doc, base) for doc, (_, _, base) in items]
        yield _run(article, docs, steps)


def extract_article(article: Article, settings: Settings | None = None) -> ArticleExtraction:
    """Extract one article (for debugging and tests)."""
    return next(extract_articles([article], settings))


# Starts the warning of an article whose extraction failed; such results are not cached.
EXTRACTION_FAILED = "KG-EX-099"


def _run(article: Article, docs: list, steps: list) -> ArticleExtraction:
    try:
        return _run_steps(ArticleContext(article=article, docs=docs), steps)
    finally:
        _drop_caches(docs)


def _run_steps(ctx: ArticleContext, steps: list) -> ArticleExtraction:
    article = ctx.article
    for step in steps:
        try:
            step(ctx)
        except Exception as exc:  # a bug on one article must not stop a long build
            name = getattr(step, "__name__", str(step))
            # What the step had done may be half-made: keep the article, drop the rest.
            message = (
                f"{EXTRACTION_FAILED} extraction failed in {name} ({type(exc).__name__}: {exc}); "
                "the article is kept without what it says; please report this bug"
            )
            return ArticleExtraction(article=article, warnings=[message])
    return ctx.extraction


def _drop_caches(docs: list) -> None:
    """The extractors' per-chunk caches (``doc.user_data["kg.*"]``) point back at their
    Doc: dropped, the Doc is freed as soon as its article is done instead of waiting
    for the cycle collector (a long build would hold many parsed chunks meanwhile)."""
    for doc, _ in docs:
        for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith("kg.")]:
            del doc.user_data[key]


def fingerprint(settings: Settings | None = None) -> str:
    """What the extraction depends on besides the text: the cache key's other half.

    The model name and version, each extractor's version, and the contents of
    the data files (gazetteers, verb classes) that users may have edited.
    """
    settings = settings or Settings()
    digest = hashlib.sha256()
    digest.update(f"frame/{FRAME_VERSION}".encode())
    digest.update(model_version(settings.model).encode())
    digest.update(str(settings.chunk_chars).encode())
    for name in registry.DEFAULT_PIPELINE:
        digest.update(registry.versioned_name(name).encode())
    data = resources.files("kg.extract") / "data"
    for entry in sorted(data.iterdir(), key=lambda p: p.name):
        if entry.is_file():
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]
