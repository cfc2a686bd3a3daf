"""The GeoNames importer lives in ``eventcoder.knowledge.geonames``; these names stay for callers."""

from ..knowledge.geonames import (
    ImportFormatError,
    UserGazetteer,
    import_geonames,
    iter_rows,
    sniff,
    user_gazetteer_path,
)

__all__ = [
    "ImportFormatError",
    "UserGazetteer",
    "import_geonames",
    "iter_rows",
    "sniff",
    "user_gazetteer_path",
]
