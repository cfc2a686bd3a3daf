"""The event store: DuckDB (one file, the default) or PostgreSQL (shared), one schema.

``open_store("events.duckdb")`` or ``open_store("postgresql://user@host/db")``. The schema is
versioned (``schema_version``) and migrated on open; every statement binds its parameters.
Each article is written with its events in one transaction, so an interrupted run loses at
most the article in flight and a re-run adds nothing twice (documented in docs/schema.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import CodedArticle, Event

SCHEMA_VERSION = 1

#: Migrations: version -> statements. Types are the common subset of DuckDB and PostgreSQL.
MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE IF NOT EXISTS articles (
            id TEXT PRIMARY KEY,
            url TEXT, title TEXT, source TEXT, pub_date DATE, language TEXT,
            content_hash TEXT, cluster_id TEXT, reports INTEGER DEFAULT 1,
            n_events INTEGER, text TEXT, ingested_at TIMESTAMP)""",
        "CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash)",
        """CREATE TABLE IF NOT EXISTS events (
            id TEXT PRIMARY KEY,
            doc_id TEXT, date TEXT, date_precision TEXT, event TEXT, mode TEXT, cameo TEXT,
            quad_code INTEGER, event_scale DOUBLE PRECISION, modality TEXT,
            confidence DOUBLE PRECISION, mentions INTEGER, sentence TEXT,
            sentence_start INTEGER, sentence_end INTEGER, trigger TEXT,
            place_name TEXT, place_country TEXT, geonameid BIGINT,
            lat DOUBLE PRECISION, lon DOUBLE PRECISION, record TEXT)""",
        "CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id)",
        "CREATE INDEX IF NOT EXISTS events_type ON events (event)",
        """CREATE TABLE IF NOT EXISTS entities (
            event_id TEXT, role TEXT, position INTEGER, entity_text TEXT, name TEXT,
            code TEXT, sector TEXT, start_char INTEGER, end_char INTEGER,
            PRIMARY KEY (event_id, role, position))""",
        """CREATE TABLE IF NOT EXISTS ingest_errors (
            source TEXT, record TEXT, error TEXT, logged_at TIMESTAMP)""",
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)",
    ],
}


class StoreError(RuntimeError):
    pass


@dataclass
class ArticleInfo:
    id: str
    content_hash: str | None
    cluster_id: str | None


class Store:
    """Backend-neutral store. Subclasses set ``param`` and implement ``_connect``."""

    param = "?"

    def __init__(self, target: str) -> None:
        self.target = target
        self.conn = self._connect(target)
        self.migrate()

    # ------------------------------------------------------------------ plumbing
    def _connect(self, target: str) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql if self.param == "?" else sql.replace("?", self.param)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self.conn.cursor()
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        cur = self.execute(sql, params)
        rows = cur.fetchall()
        return rows

    def columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        cur = self.execute(sql, params)
        rows = cur.fetchall()
        return [d[0] for d in cur.description], rows

    def begin(self) -> None:
        self.execute("BEGIN")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        with contextlib.suppress(Exception):  # nothing to roll back
            self.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ schema
    def version(self) -> int:
        try:
            rows = self.fetchall("SELECT max(version) FROM schema_version")
        except Exception:
            self.rollback()
            return 0
        return int(rows[0][0] or 0) if rows else 0

    def migrate(self) -> None:
        current = self.version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"store {self.target!r} has schema version {current}; this eventcoder knows "
                f"{SCHEMA_VERSION}: upgrade eventcoder"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            self.begin()
            for statement in MIGRATIONS[version]:
                self.execute(statement)
            self.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            self.commit()

    # ------------------------------------------------------------------ writes
    def article_ids(self) -> set[str]:
        return {r[0] for r in self.fetchall("SELECT id FROM articles")}

    def article_by_hash(self, content_hash: str) -> ArticleInfo | None:
        rows = self.fetchall(
            "SELECT id, content_hash, cluster_id FROM articles WHERE content_hash = ? LIMIT 1",
            (content_hash,),
        )
        return ArticleInfo(*rows[0]) if rows else None

    def texts(self) -> Iterator[tuple[str, str, str | None]]:
        for row in self.fetchall(
            "SELECT id, text, cluster_id FROM articles WHERE n_events IS NOT NULL"
        ):
            yield row[0], row[1] or "", row[2]

    def add_article(
        self,
        coded: CodedArticle | None,
        article: Any,
        content_hash: str,
        cluster_id: str | None,
    ) -> int:
        """Store one article and its events in one transaction. ``coded`` None: a duplicate
        (linked to ``cluster_id``, its events are the original's)."""
        self.begin()
        try:
            self.execute(
                "INSERT INTO articles (id, url, title, source, pub_date, language, content_hash, "
                "cluster_id, reports, n_events, text, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
                (
                    article.id, article.url, article.title, article.source, article.date,
                    article.language, content_hash, cluster_id,
                    len(coded.events) if coded is not None else None,
                    article.text, dt.datetime.now(dt.UTC).replace(tzinfo=None),
                ),
            )  # fmt: skip
            if coded is None and cluster_id is not None:
                self.execute(
                    "UPDATE articles SET reports = reports + 1 WHERE id = ?", (cluster_id,)
                )
            n = 0
            for event in coded.events if coded is not None else []:
                self._add_event(event)
                n += 1
            self.commit()
            return n
        except Exception:
            self.rollback()
            raise

    def _add_event(self, ev: Event) -> None:
        loc = ev.event_loc
        self.execute(
            "INSERT INTO events (id, doc_id, date, date_precision, event, mode, cameo, quad_code, "
            "event_scale, modality, confidence, mentions, sentence, sentence_start, sentence_end, "
            "trigger, place_name, place_country, geonameid, lat, lon, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                ev.id, ev.doc_id, ev.date, ev.date_info.precision, ev.event, ev.mode, ev.cameo,
                ev.quad_code, ev.event_scale, ev.modality, ev.confidence, ev.mentions, ev.text,
                ev.sentence_start, ev.sentence_end, " ".join(ev.event_text),
                (loc.resolved_place or loc.extracted_place) if loc else None,
                loc.country_code if loc else None, loc.geonameid if loc else None,
                loc.lat if loc else None, loc.lon if loc else None,
                json.dumps(ev.to_json(), ensure_ascii=False),
            ),
        )  # fmt: skip
        for role, ents in (("actor", ev.actor), ("recipient", ev.recipient)):
            for pos, ent in enumerate(ents):
                self.execute(
                    "INSERT INTO entities (event_id, role, position, entity_text, name, code, "
                    "sector, start_char, end_char) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (ev.id, role, pos, ent.entity_text, ent.name, ent.code, ent.sector,
                     ent.start, ent.end),
                )  # fmt: skip

    def add_error(self, source: str, record: str, error: str) -> None:
        self.begin()
        self.execute(
            "INSERT INTO ingest_errors (source, record, error, logged_at) VALUES (?, ?, ?, ?)",
            (source, record, error, dt.datetime.now(dt.UTC).replace(tzinfo=None)),
        )
        self.commit()

    # ------------------------------------------------------------------ reads
    def event_records(self, where: str = "", params: Sequence[Any] = ()) -> Iterator[dict]:
        sql = (
            "SELECT record FROM events e "
            + (f"WHERE {where} " if where else "")
            + "ORDER BY e.doc_id, e.sentence_start, e.id"
        )
        for (record,) in self.fetchall(sql, params):
            yield json.loads(record)

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "events", "entities", "ingest_errors"):
            out[table] = int(self.fetchall(f"SELECT count(*) FROM {table}")[0][0])  # noqa: S608
        return out


class DuckDBStore(Store):
    param = "?"

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        # a DuckDB cursor is a separate connection: run on the connection so BEGIN/COMMIT hold
        return self.conn.execute(sql, tuple(params))

    def _connect(self, target: str) -> Any:
        import duckdb

        return duckdb.connect(target)


class PostgresStore(Store):
    param = "%s"

    def _connect(self, target: str) -> Any:
        import psycopg

        return psycopg.connect(target, autocommit=True)


def open_store(target: str) -> Store:
    """A DuckDB file path (default) or a ``postgresql://`` / ``postgres://`` DSN."""
    if target.startswith(("postgresql://", "postgres://")):
        return PostgresStore(target)
    return DuckDBStore(target)
