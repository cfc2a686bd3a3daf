"""The event store: DuckDB (one file, the default) or PostgreSQL (shared), one schema.

- :mod:`.base`: ``open_store``, the ``Store``, its DuckDB backend, the writes;
- :mod:`.postgres`: the PostgreSQL backend;
- :mod:`.schema`: tables and migrations;
- :mod:`.filters`: the one filter vocabulary (``Filters``) of the CLI and the API;
- :mod:`.reads` and :mod:`.aggregates`: what the CLI, the exports and the API read.
"""

from __future__ import annotations

from .base import (
    ArticleInfo,
    ArticleWrite,
    DuckDBStore,
    Store,
    StoreError,
    is_postgres,
    open_store,
)
from .postgres import PostgresStore
from .schema import ARTICLE_COLUMNS, EVENT_TABLES, MIGRATIONS, SCHEMA_VERSION, TABLES

__all__ = [
    "ARTICLE_COLUMNS",
    "EVENT_TABLES",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "TABLES",
    "ArticleInfo",
    "ArticleWrite",
    "DuckDBStore",
    "PostgresStore",
    "Store",
    "StoreError",
    "is_postgres",
    "open_store",
]
