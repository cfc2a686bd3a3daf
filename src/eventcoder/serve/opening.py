"""Opening a store for the app: read-only unless asked to write."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class ServeError(RuntimeError):
    """The store cannot be served (missing file, lock held by a writer, old schema)."""


def open_for_serving(target: str, *, writable: bool = False) -> Any:
    """Open a store for the app: a DuckDB file read-only unless ``writable`` (so a server
    never changes a store it was only asked to show), or a PostgreSQL DSN."""
    from ..store import SCHEMA_VERSION, DuckDBStore, open_store

    if target.startswith(("postgresql://", "postgres://")) or writable:
        return open_store(target)
    if not Path(target).exists():
        raise ServeError(
            f"no store at {target!r}: create one with 'eventcoder ingest ... --db {target}' "
            "(or start with --api-key to create it and ingest through the API)"
        )

    class ReadOnlyDuckDBStore(DuckDBStore):
        def _connect(self, target: str) -> Any:
            import duckdb

            return duckdb.connect(target, read_only=True)

        def migrate(self) -> None:
            version = self.version()
            if version != SCHEMA_VERSION:
                raise ServeError(
                    f"store {target!r} has schema version {version}, this eventcoder serves "
                    f"version {SCHEMA_VERSION}: open it once for writing (e.g. with ingest)"
                )

    try:
        return ReadOnlyDuckDBStore(target)
    except ServeError:
        raise
    except Exception as exc:  # duckdb.IOException etc.: lock held, not a DuckDB file
        raise ServeError(f"cannot open {target!r} read-only: {exc}") from None
