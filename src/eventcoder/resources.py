"""Access to the data files that ship inside the package (``eventcoder/data``)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

# libyaml's loader when PyYAML was built with it (every wheel on PyPI is): the same result as
# the pure-Python SafeLoader, about nine times faster, and every Coder reads ~230 KB of YAML.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_path(name: str) -> Path:
    return Path(str(resources.files("eventcoder") / "data" / name))


@lru_cache(maxsize=64)
def load_yaml(name: str) -> Any:
    with data_path(name).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)  # a safe loader


def word_set(data: dict[str, Any], key: str) -> frozenset[str]:
    """One word list of a shipped YAML file (``data[key]``) as a set of strings."""
    return frozenset(str(w) for w in data[key])


def load_yaml_file(path: str | Path) -> Any:
    with Path(path).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)  # a safe loader
