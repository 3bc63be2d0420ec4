"""kg: build a reconciled RDF knowledge graph from news articles.

>>> import kg
>>> dataset = kg.build(["sources/"], kg.Settings())
"""

from importlib.metadata import PackageNotFoundError, version

from kg.settings import Settings

try:
    __version__ = version("kg")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"


def build(paths, settings=None, **kwargs):
    """Read, extract, merge and return the graph as an ``rdflib.Dataset``.

    See :func:`kg.pipeline.build`; imported lazily so ``import kg`` stays cheap.
    """
    from kg.pipeline import build as _build

    return _build(paths, settings, **kwargs)


__all__ = ["Settings", "__version__", "build"]
