"""From a draft article (text and the metadata its format carried) to the final one."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from kg.ingest.lines import split_lines
from kg.model import Article, SourceError
from kg.settings import Settings


def finish(draft: Article, settings: Settings) -> Iterator[Article | SourceError]:
    """Content spans, detected metadata, the content hash."""
    draft.content = [line.span for line in split_lines(draft.text) if not line.blank]
    draft.content_hash = content_hash(draft)
    yield draft


def content_hash(article: Article) -> str:
    """sha256 of the text and the metadata: the cache key of the article."""
    metadata = {
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "publisher": article.publisher,
        "url": article.url,
        "language": article.language,
        "content": [(span.start, span.end) for span in article.content],
    }
    digest = hashlib.sha256(article.text.encode("utf-8", "surrogatepass"))
    digest.update(b"\x00")
    digest.update(json.dumps(metadata, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()
