"""The DuckDB backend of the store (one file, the default) and ``open_store``, choosing it or
the PostgreSQL backend (:mod:`.postgres`, shared) by the target's form."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .base import Store, StoreError, is_postgres
from .postgres import PostgresStore


class DuckDBStore(Store):
    param = "?"
    backend = "duckdb"

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        # a DuckDB cursor is a separate connection: run on the connection so BEGIN/COMMIT hold
        return self.conn.execute(sql, tuple(params))

    def _connect(self, target: str) -> Any:
        import duckdb

        path = Path(target)
        if target != ":memory:" and not path.parent.exists():
            raise StoreError(f"cannot create store {target!r}: no folder {str(path.parent)!r}")
        try:
            return duckdb.connect(target)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {target!r}: {exc}") from None

    def _insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Many rows through an Arrow table (DuckDB binds thousands of parameters slowly),
        a few as one multi-row INSERT (cheaper to set up)."""
        if len(rows) <= 4:
            super()._insert_rows(table, columns, rows)
            return
        import pyarrow as pa

        arrow = pa.Table.from_arrays(
            [pa.array(list(col)) for col in zip(*rows, strict=True)], names=list(columns)
        )
        name = f"_eventcoder_rows_{table}"
        self.conn.register(name, arrow)
        try:
            self.conn.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
                f"SELECT {', '.join(columns)} FROM {name}"
            )
        finally:
            self.conn.unregister(name)


def open_store(target: str) -> Store:
    """A DuckDB file path (default) or a ``postgresql://`` / ``postgres://`` DSN."""
    if is_postgres(target):
        return PostgresStore(target)
    return DuckDBStore(target)
