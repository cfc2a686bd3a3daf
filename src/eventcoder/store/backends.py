"""The two backends of the store: DuckDB (one file, the default) and PostgreSQL (shared), and
``open_store`` choosing between them by the target's form."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..redact import redact_dsn
from .base import Store, StoreError, is_postgres
from .schema import ARTICLE_COLUMNS


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


class PostgresStore(Store):
    param = "%s"
    backend = "postgresql"

    def _connect(self, target: str) -> Any:
        import psycopg

        try:
            return psycopg.connect(target, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open store {redact_dsn(target)!r}: {exc}") from None

    def _insert_articles(self, rows: list[tuple]) -> set[str]:
        """Insert article rows, leaving out ids another writer stored first (two ingests of
        one corpus at once): ``ON CONFLICT DO NOTHING`` waits for the other transaction and
        skips its rows, so their events are not written twice either."""
        new: set[str] = set()
        marks = "(" + ", ".join("?" for _ in ARTICLE_COLUMNS) + ")"
        per = max(1, 4000 // len(ARTICLE_COLUMNS))
        for i in range(0, len(rows), per):
            chunk = rows[i : i + per]
            sql = (
                f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES "  # noqa: S608
                + ", ".join(marks for _ in chunk)
                + " ON CONFLICT (id) DO NOTHING RETURNING id"
            )
            new.update(r[0] for r in self.execute(sql, [v for row in chunk for v in row]))
        return new

    @contextlib.contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """An advisory lock on ``name`` in this schema, held while the block runs."""
        key = "SELECT hashtext(CAST(? AS text) || ' ' || coalesce(current_schema(), ''))"
        self.execute(f"SELECT pg_advisory_lock(({key}))", [f"eventcoder {name}"])
        try:
            yield
        finally:
            self.execute(f"SELECT pg_advisory_unlock(({key}))", [f"eventcoder {name}"])

    def migrate(self) -> None:
        """As ``Store.migrate``, one writer at a time: two runs creating one schema at once
        would otherwise collide in the catalogue (a ``UniqueViolation`` on ``pg_type``)."""
        with self.exclusive("schema"):
            super().migrate()


def open_store(target: str) -> Store:
    """A DuckDB file path (default) or a ``postgresql://`` / ``postgres://`` DSN."""
    if is_postgres(target):
        return PostgresStore(target)
    return DuckDBStore(target)
