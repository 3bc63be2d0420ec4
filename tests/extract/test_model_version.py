"""The model's name and version, read without loading the pipeline where possible."""

from __future__ import annotations

import pytest
import spacy

from kg.errors import ModelNotFoundError
from kg.extract.nlp import load_nlp, model_version
from kg.settings import Settings


@pytest.fixture
def own_nlp():
    """A pipeline of this test's own (not the session's), since it changes its meta."""
    return spacy.load(Settings().model)


def _loaded(nlp) -> str:
    return f"{nlp.meta['name']}-{nlp.meta['version']}"


def test_an_installed_package_has_the_version_its_pipeline_has(nlp):
    assert model_version(Settings().model) == _loaded(nlp)


def test_a_model_folder_has_the_version_its_pipeline_has(own_nlp, tmp_path):
    folder = tmp_path / "my-model"
    own_nlp.meta["version"] = "9.9.9"
    own_nlp.to_disk(folder)
    assert model_version(str(folder)) == f"{own_nlp.meta['name']}-9.9.9"
    assert model_version(str(folder)) == _loaded(load_nlp(str(folder)))


def test_a_model_that_is_not_installed_fails_as_loading_it_does():
    with pytest.raises(ModelNotFoundError, match="not installed"):
        model_version("en_no_such_model_kg_test")


def test_a_folder_that_is_not_a_model_fails_as_loading_it_does(tmp_path):
    with pytest.raises(ModelNotFoundError):
        model_version(str(tmp_path))
