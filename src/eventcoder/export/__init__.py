"""Export an event store: PLOVER JSONL, POLECAT-style TSV, CSV, Parquet.

One exporter per format (:mod:`.formats` makes the record or row, :mod:`.writers` streams
them), used by ``eventcoder export`` and the API's ``/api/export`` alike. Column sets and
fields: ``docs/batch-and-web.md``.
"""

from __future__ import annotations

from .formats import (
    COLUMNS,
    EXTRA_COLUMNS,
    POLECAT_COLUMNS,
    TEXT_FORMATS,
    ExportFormat,
    plover_record,
    polecat_row,
    snake,
)
from .writers import MEDIA_TYPES, export, lines, write_parquet, write_text

__all__ = [
    "COLUMNS",
    "EXTRA_COLUMNS",
    "MEDIA_TYPES",
    "POLECAT_COLUMNS",
    "TEXT_FORMATS",
    "ExportFormat",
    "export",
    "lines",
    "plover_record",
    "polecat_row",
    "snake",
    "write_parquet",
    "write_text",
]
