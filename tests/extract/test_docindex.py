"""The per-chunk index answers exactly what spaCy's own (slower) properties answer."""

from __future__ import annotations

import pytest
from spacy import symbols

from kg.extract.docindex import doc_index

TEXTS = [
    "Apple CEO Tim Cook met President Joe Biden. They spoke in Washington.",
    "“We will not yield,” he said.\n\nTalks resume on Monday in Geneva, officials said.",
    "One.",
    "Headline Without Stop\nThe body starts here.  Two spaces, then more.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_text_and_words_match_spacy(nlp, text):
    doc = nlp(text)
    index = doc_index(doc)
    assert index.text == doc.text == text
    assert index.words == [t.text for t in doc]
    assert index.token_starts == [t.idx for t in doc]


@pytest.mark.parametrize("text", [*TEXTS, "İstanbul'S MPs Were Meeting"])
def test_lemmas_and_lower_case_match_spacy(nlp, text):
    doc = nlp(text)
    index = doc_index(doc)
    assert index.lemmas_lower == [t.lemma_.lower() for t in doc]
    assert index.lowers == [t.lower_ for t in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_parts_of_speech_match_spacy(nlp, text):
    doc = nlp(text)
    index = doc_index(doc)
    assert index.pos == [t.pos for t in doc]
    for token in doc:
        for name in ("VERB", "AUX", "NOUN", "PROPN"):
            assert (index.pos[token.i] == getattr(symbols, name)) == (token.pos_ == name)


@pytest.mark.parametrize("text", TEXTS)
def test_sentences_match_spacy(nlp, text):
    doc = nlp(text)
    index = doc_index(doc)
    assert [s.start for s in index.sents] == [s.start for s in doc.sents]
    for token in doc:
        sent = index.sentence_of(token.i)
        assert (sent.start, sent.end) == (token.sent.start, token.sent.end)
        assert index.text_of(sent) == token.sent.text


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_extents_leave_out_trailing_space(nlp, text):
    doc = nlp(text)
    index = doc_index(doc)
    for token in doc:
        sent = token.sent
        expected = (sent.start_char, sent.start_char + len(sent.text.rstrip()))
        assert index.sentence_extent(token.i) == expected


@pytest.mark.parametrize("text", TEXTS)
def test_spans_and_offsets(nlp, text):
    doc = nlp(text)
    index = doc_index(doc)
    for start in range(len(doc)):
        for end in range(start, min(len(doc), start + 4) + 1):
            assert index.text_of(doc[start:end]) == doc[start:end].text
            assert index.tokens_text(start, end) == doc[start:end].text
    for token in doc:
        assert index.token_at(token.idx) == token.i
        assert index.token_at(token.idx + len(token.text) - 1) == token.i


def test_built_once_per_doc(nlp):
    doc = nlp(TEXTS[0])
    assert doc_index(doc) is doc_index(doc)
    assert doc_index(nlp(TEXTS[0])) is not doc_index(doc)
