"""Errors a user can act on.  Each carries a code; the CLI prints it without a traceback.

=========  ==============================================================
code       meaning
=========  ==============================================================
KG-IN-*    an input could not be read (see ``kg.ingest.errors``); the
           build reports it and goes on
KG-MODEL   the spaCy model is not installed
KG-DATA    a graph file given to query/stats/export cannot be read
KG-CONFIG  a setting in kg.toml / pyproject.toml / the environment is wrong
KG-IO      the system refused a read or write the command needed (a full
           disk, an output folder that cannot be made); no output is half
           written, as every file is written whole and then renamed
=========  ==============================================================
"""

from __future__ import annotations


class KgError(Exception):
    """Base of the errors kg reports to users as one clear line."""

    code = "KG-ERROR"


class ModelNotFoundError(KgError, RuntimeError):
    code = "KG-MODEL"


class ConfigError(KgError, ValueError):
    code = "KG-CONFIG"


class DataError(KgError, ValueError):
    """A graph file given to a command cannot be read."""

    code = "KG-DATA"
