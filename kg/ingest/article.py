"""From a draft article (text and what its format carried) to the final one.

1. Boilerplate: which spans of the text are the body (:mod:`.boilerplate`).
2. Language: a body clearly not in English is refused (:mod:`.language`).
3. Metadata: what the format carried wins over what the text says
   (:mod:`.metadata`), and a sidecar wins over both (:mod:`.sidecar`).
4. The content hash, over the text and all of the above.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterator

from kg.ingest import metadata, patterns
from kg.ingest.boilerplate import BoilerplateRules, layout
from kg.ingest.discover import SourceFile
from kg.ingest.errors import source_error
from kg.ingest.language import SAMPLE_CHARS, detect_language
from kg.ingest.sidecar import read_sidecar
from kg.model import Article, SourceError
from kg.settings import Settings

_METADATA_FIELDS = ("title", "published", "publisher", "url")


@functools.cache
def _rules(extra_files: tuple[str, ...]) -> BoilerplateRules:
    return BoilerplateRules(extra_files)


def finish(draft: Article, file: SourceFile, settings: Settings) -> Iterator[Article | SourceError]:
    """The finished article (or why it is refused), then any sidecar problem."""
    rules = _rules(patterns.extra_pattern_files(settings))
    # 1. body
    page = layout(draft.text, rules)
    draft.content, draft.dateline = page.body, page.dateline
    if not draft.content:
        yield source_error(draft.id, "KG-IN-014")
        return
    # 2. language
    code, name = detect_language(content_start(draft, SAMPLE_CHARS))
    if code not in (None, "en"):
        yield source_error(draft.id, "KG-IN-008", language=name)
        return
    draft.language = code
    # 3. metadata: detected < carried by the format < sidecar
    found = metadata.detect(
        page.lines,
        page.metadata_lines,
        page.headline,
        page.body_start,
        page.lead,
        rules.metadata,
    )
    for name in ("title", "published", "publisher"):
        if getattr(draft, name) is None:
            setattr(draft, name, getattr(found, name))
    problem = _apply_sidecar(draft, file)
    # 4. cache key
    draft.content_hash = content_hash(draft)
    yield draft
    if problem is not None:
        yield problem


def _apply_sidecar(draft: Article, file: SourceFile) -> SourceError | None:
    """Override metadata from the file's sidecar; the problem with it, if any.

    Only an article that is the whole file takes the sidecar (not the records
    of a JSON Lines file, which carry their own fields).
    """
    if draft.id != file.source:
        return None
    sidecar = read_sidecar(file.sidecar)
    if sidecar is None:
        return None
    for name, value in sidecar.fields.items():
        setattr(draft, name, value)
    if sidecar.problem is None:
        return None
    name = file.source + file.sidecar.name[len(file.path.name) :]
    return source_error(name, "KG-IN-011", sidecar=file.sidecar.name, reason=sidecar.problem)


def content_start(article: Article, chars: int) -> str:
    """``article.content_text()[:chars]``, without blanking the whole text first.

    Only the start is judged for language; for a long text, blanking all of
    it a character at a time cost more than the rest of this module.
    """
    start = _LINE_RUN.sub(_blank, article.text[:chars])
    pieces = []
    done = 0
    for span in article.content:
        if span.start >= chars:
            continue
        end = min(span.end, chars)
        if span.start < done:  # overlapping spans: the later one is pasted over
            return article.content_text()[:chars]
        pieces += [start[done : span.start], article.text[span.start : end]]
        done = end
    pieces.append(start[done:])
    return "".join(pieces)


_LINE_RUN = re.compile(r"[^\n\r]+")


def _blank(run: re.Match[str]) -> str:
    return " " * (run.end() - run.start())


def content_hash(article: Article) -> str:
    """sha256 of the text and the metadata: the cache key of the article."""
    fields = {name: getattr(article, name) for name in _METADATA_FIELDS}
    fields["published"] = article.published.isoformat() if article.published else None
    fields["language"] = article.language
    fields["content"] = [(span.start, span.end) for span in article.content]
    if article.dateline is not None:
        fields["dateline"] = (article.dateline.start, article.dateline.end)
    digest = hashlib.sha256(article.text.encode("utf-8", "surrogatepass"))
    digest.update(b"\x00")
    digest.update(json.dumps(fields, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()
