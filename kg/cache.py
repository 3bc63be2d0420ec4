"""The extraction cache: one JSON file per article, keyed by content and extractor.

The key is a hash of the article's content hash and the extraction
fingerprint (model, extractor versions, data files), so editing a gazetteer
or upgrading the model re-extracts, and an unchanged article never is.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from kg.model import ArticleExtraction, from_dict, to_dict


class ExtractionCache:
    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = directory
        self.fingerprint = fingerprint

    def _path(self, content_hash: str) -> Path:
        key = hashlib.sha256(f"{content_hash}:{self.fingerprint}".encode()).hexdigest()
        return self.directory / key[:2] / f"{key}.json"

    def get(self, content_hash: str) -> ArticleExtraction | None:
        path = self._path(content_hash)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # a missing or damaged entry is simply re-extracted
        return from_dict(ArticleExtraction, data)

    def put(self, extraction: ArticleExtraction) -> None:
        path = self._path(extraction.article.content_hash)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(to_dict(extraction), ensure_ascii=False, sort_keys=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp, path)
