"""The ``kg`` command line: thin wrappers that parse arguments and call the library.

Each command lives in its own module and is imported only when it runs, so
``kg --help`` answers without loading spaCy or rdflib.
"""

from __future__ import annotations

import importlib
import logging

import click

from kg import __version__

# command name -> module defining a click command called ``command``
COMMANDS = {
    "query": "kg.cli.query",
    "load": "kg.cli.load",
    "serve": "kg.cli.serve",
    "build": "kg.cli.build",
    "extract": "kg.cli.extract",
    "export": "kg.cli.export",
    "stats": "kg.cli.stats",
    "eval": "kg.cli.eval",
    "explain": "kg.cli.explain",
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        return importlib.import_module(COMMANDS[name]).command

    def invoke(self, ctx: click.Context):
        from kg.errors import KgError

        try:
            return super().invoke(ctx)
        except KgError as exc:
            click.echo(f"kg: error: {exc} [{exc.code}]", err=True)
            ctx.exit(1)
        except OSError as exc:  # a full disk, an output folder that cannot be made ...
            logging.getLogger("kg").debug("the system's error", exc_info=True)  # with -vv
            click.echo(f"kg: error: {_system_error(exc)} [KG-IO]", err=True)
            ctx.exit(1)


def _system_error(exc: OSError) -> str:
    """ "No space left on device: output/graph.trig", without the errno's number."""
    reason = exc.strerror or str(exc)
    return f"{reason}: {exc.filename}" if exc.filename else reason


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Build a knowledge graph from news articles, and query, serve and load it.

    Start with `kg build` (reads sources/, writes output/).
    """
