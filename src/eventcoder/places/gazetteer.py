"""The gazetteer lives in ``eventcoder.knowledge.gazetteer``; these names stay for callers."""

from ..knowledge.gazetteer import (
    Gazetteer,
    Place,
    cache_dir,
    gazetteer,
    generic_name,
    load_gazetteer,
    shipped_gazetteer,
)

__all__ = [
    "Gazetteer",
    "Place",
    "cache_dir",
    "gazetteer",
    "generic_name",
    "load_gazetteer",
    "shipped_gazetteer",
]
