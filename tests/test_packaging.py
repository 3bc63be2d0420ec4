"""The package ships every stage, its data files and the vocabulary."""

import sys
from importlib.resources import files
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject():
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "kg").rglob("__init__.py")
    }
    assert found - listed == set(), "add these packages to [tool.setuptools] packages"


def test_ontology_ships_as_kg_ontology():
    names = {p.name for p in files("kg.ontology").iterdir()}
    assert {"kg.ttl", "shapes.ttl"} <= names


def test_sources_are_the_seed_articles():
    seeds = ROOT.parent / "shared" / "seeds"
    shipped = sorted(p.name for p in (ROOT / "sources").glob("*.txt"))
    assert shipped == sorted(p.name for p in seeds.glob("*.txt"))
    for name in shipped:
        assert (ROOT / "sources" / name).read_bytes() == (seeds / name).read_bytes()


def test_test_modules_have_unique_names():
    # pytest imports test modules by basename (rootdir-relative, no packages), so
    # two test_x.py in different folders would shadow each other.
    names = [p.name for p in (ROOT / "tests").rglob("test_*.py")]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []
