"""The event store: DuckDB (one file, the default) or PostgreSQL (shared), one schema.

- :mod:`.base`: the ``Store`` (connection, migrations, the writes);
- :mod:`.backends`: ``open_store`` and the DuckDB backend; :mod:`.postgres`: the PostgreSQL one;
- :mod:`.schema`: tables and migrations;
- :mod:`.filters`: the one filter vocabulary (``Filters``) of the CLI and the API;
- :mod:`.reads` and :mod:`.aggregates`: what the CLI, the exports and the API read.
"""

from __future__ import annotations

from .backends import DuckDBStore, PostgresStore, open_store
from .base import ArticleInfo, ArticleWrite, Store, StoreError, is_postgres
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
