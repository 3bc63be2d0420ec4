"""Fixtures for the hardening tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hardening_helpers import CliBuild

from kg.cli import main


@pytest.fixture
def kg_build(tmp_path) -> Callable[..., CliBuild]:
    """``kg_build(paths..., *options)``: ``kg build`` in this process (the model stays loaded)."""

    def run(*args: str | Path) -> CliBuild:
        out = tmp_path / "out"
        argv = ["build", *map(str, args), "-o", str(out), "--no-cache"]
        result = CliRunner().invoke(main, argv, catch_exceptions=False)
        return CliBuild(result.exit_code, result.stderr, out)

    return run
