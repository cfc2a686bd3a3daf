"""Store targets for tests: a DuckDB file, and a PostgreSQL schema of its own per test.

PostgreSQL comes from ``EVENTCODER_TEST_PG_DSN`` (``eval "$(bash scripts/start-postgres.sh)"``).
Without it the PostgreSQL cases skip, unless ``EVENTCODER_REQUIRE_SERVICES=1`` (CI), where
they fail. Each test gets a fresh schema (dropped afterwards), so runs repeat cleanly and
never touch tables others use.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from .conftest import REQUIRE_SERVICES

BACKENDS = ("duckdb", pytest.param("postgresql", marks=pytest.mark.postgres))


def pg_dsn() -> str:
    dsn = os.environ.get("EVENTCODER_TEST_PG_DSN")
    if not dsn:
        message = 'EVENTCODER_TEST_PG_DSN is not set (eval "$(bash scripts/start-postgres.sh)")'
        if REQUIRE_SERVICES:
            pytest.fail(message + " but EVENTCODER_REQUIRE_SERVICES=1")
        pytest.skip(message)
    return dsn


def with_schema(dsn: str, schema: str) -> str:
    """The DSN with ``search_path`` set to ``schema`` (a libpq ``options`` parameter)."""
    sep = "&" if "?" in dsn else "?"
    return f"{dsn}{sep}options={quote(f'-csearch_path={schema}')}"


def fresh_target(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "duckdb":
        yield str(tmp_path / "events.duckdb")
        return
    import psycopg

    dsn = pg_dsn()
    schema = f"ectest_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(dsn, autocommit=True)
    except psycopg.Error as exc:
        if REQUIRE_SERVICES:
            pytest.fail(f"PostgreSQL at EVENTCODER_TEST_PG_DSN is not reachable: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    with admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            yield with_schema(dsn, schema)
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
