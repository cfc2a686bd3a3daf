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
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..records import CodedArticle, Event

SCHEMA_VERSION = 2

#: A migration step: an SQL statement, or a function of the store (for data backfills).
Step = str | Callable[["Store"], None]

#: Migrations: version -> steps. Types are the common subset of DuckDB and PostgreSQL.
#: Version 1 is frozen (others build on its table and column names); later versions only add.
MIGRATIONS: dict[int, list[Step]] = {
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
    2: [
        "ALTER TABLE articles ADD COLUMN author TEXT",
        "ALTER TABLE articles ADD COLUMN origin TEXT",
        "ALTER TABLE articles ADD COLUMN dateline TEXT",
        "ALTER TABLE articles ADD COLUMN dateline_place TEXT",
        "ALTER TABLE articles ADD COLUMN duplicate_kind TEXT",
        "ALTER TABLE articles ADD COLUMN similarity DOUBLE PRECISION",
        "ALTER TABLE articles ADD COLUMN minhash TEXT",
        "CREATE INDEX IF NOT EXISTS articles_cluster ON articles (cluster_id)",
        """CREATE TABLE IF NOT EXISTS mentions (
            event_id TEXT, position INTEGER, sentence TEXT,
            start_char INTEGER, end_char INTEGER,
            PRIMARY KEY (event_id, position))""",
        """CREATE TABLE IF NOT EXISTS places (
            event_id TEXT PRIMARY KEY, extracted_place TEXT, start_char INTEGER,
            end_char INTEGER, resolved_place TEXT, geonameid BIGINT,
            lat DOUBLE PRECISION, lon DOUBLE PRECISION, feature_class TEXT,
            feature_code TEXT, province TEXT, country_code TEXT, place_precision TEXT,
            reason TEXT)""",
        "ALTER TABLE ingest_errors ADD COLUMN kind TEXT",
        "ALTER TABLE ingest_errors ADD COLUMN article_id TEXT",
        lambda store: store._backfill_v2(),
    ],
}


class StoreError(RuntimeError):
    """The store cannot be opened or used (bad target, newer schema, server down)."""


@dataclass
class ArticleInfo:
    id: str
    content_hash: str | None
    cluster_id: str | None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def is_postgres(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


class Store:
    """Backend-neutral store. Subclasses set ``param`` and implement ``_connect``."""

    param = "?"
    backend = "?"

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
        """Bring the schema to ``SCHEMA_VERSION``, one transaction per version."""
        current = self.version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"store {self.target!r} has schema version {current}; this eventcoder knows "
                f"{SCHEMA_VERSION}: upgrade eventcoder"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            self.begin()
            try:
                for step in MIGRATIONS[version]:
                    if callable(step):
                        step(self)
                    else:
                        self.execute(step)
                self.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
                self.commit()
            except Exception:
                self.rollback()
                raise

    def _backfill_v2(self) -> None:
        """Fill the version-2 ``mentions`` and ``places`` tables from stored event records."""
        records = [r[0] for r in self.fetchall("SELECT record FROM events ORDER BY id")]
        for i in range(0, len(records), 1000):
            batch = [Event.model_validate(json.loads(r)) for r in records[i : i + 1000]]
            self._add_events(batch, details_only=True)

    # ------------------------------------------------------------------ writes
    def article_ids(self) -> set[str]:
        return {r[0] for r in self.fetchall("SELECT id FROM articles")}

    def has_article(self, article_id: str) -> bool:
        return bool(self.fetchall("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def article_by_hash(self, content_hash: str) -> ArticleInfo | None:
        rows = self.fetchall(
            "SELECT id, content_hash, cluster_id FROM articles WHERE content_hash = ? "
            "AND n_events IS NOT NULL ORDER BY ingested_at, id LIMIT 1",
            (content_hash,),
        )
        if not rows:  # a store written before coded articles were preferred
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

    def signatures(self) -> Iterator[tuple[str, str | None, str | None]]:
        """``(id, content_hash, minhash)`` of every coded article (what near-duplicates link to)."""
        for row in self.fetchall(
            "SELECT id, content_hash, minhash FROM articles WHERE n_events IS NOT NULL ORDER BY id"
        ):
            yield row[0], row[1], row[2]

    def add_article(
        self,
        coded: CodedArticle | None,
        article: Any,
        content_hash: str,
        cluster_id: str | None,
        *,
        author: str | None = None,
        origin: str | None = None,
        duplicate_kind: str | None = None,
        similarity: float | None = None,
        minhash: str | None = None,
    ) -> int:
        """Store one article and its events in one transaction; returns the events written.

        ``coded`` None: a duplicate (``duplicate_kind`` "exact" or "near") of the coded
        article ``cluster_id``; its events are that article's, whose ``reports`` goes up by one.
        A coded article's ``cluster_id`` is usually its own id (or None).
        """
        write = ArticleWrite(
            coded, article, content_hash, cluster_id, author=author, origin=origin,
            duplicate_kind=duplicate_kind, similarity=similarity, minhash=minhash,
        )  # fmt: skip
        return self.add_articles([write])[0]

    def add_articles(self, writes: Sequence[ArticleWrite]) -> list[int]:
        """Store several articles with their events in one transaction (all or none), with
        one multi-row statement per table: what a batch writer uses to keep writes cheap.
        Returns the events written for each article."""
        article_rows: list[tuple] = []
        events: list[Event] = []
        bumps: dict[str, int] = {}
        written: list[int] = []
        for w in writes:
            coded, article = w.coded, w.article
            dateline = dateline_place = None
            if coded is not None and coded.dateline is not None:
                dateline = coded.dateline.text
                dateline_place = _dateline_place(dateline)
            article_rows.append(
                (
                    article.id, article.url, article.title, article.source, article.date,
                    article.language, w.content_hash, w.cluster_id, 1,
                    len(coded.events) if coded is not None else None,
                    article.text, _now(), w.author, w.origin, dateline, dateline_place,
                    w.duplicate_kind if coded is None else None, w.similarity, w.minhash,
                )
            )  # fmt: skip
            if coded is None and w.cluster_id is not None:
                bumps[w.cluster_id] = bumps.get(w.cluster_id, 0) + 1
            seen: set[str] = set()
            n = 0
            for event in coded.events if coded is not None else []:
                if event.id in seen:  # two events on one trigger: keep both, apart
                    event = event.model_copy(update={"id": f"{event.id}#{n}"})
                seen.add(event.id)
                events.append(event)
                n += 1
            written.append(n)
        self.begin()
        try:
            self._insert_rows("articles", ARTICLE_COLUMNS, article_rows)
            for head, k in bumps.items():
                self.execute("UPDATE articles SET reports = reports + ? WHERE id = ?", (k, head))
            self._add_events(events)
            self.commit()
            return written
        except Exception:
            self.rollback()
            raise

    def _add_event(self, ev: Event) -> None:
        self._add_events([ev])

    def _add_events(self, events: Sequence[Event], details_only: bool = False) -> None:
        """Insert events and their rows in the other tables: one statement per table."""
        rows: dict[str, list[tuple]] = {t: [] for t in EVENT_TABLES}
        for ev in events:
            for table, table_rows in _event_rows(ev).items():
                rows[table].extend(table_rows)
        for table, columns in EVENT_TABLES.items():
            if details_only and table in ("events", "entities"):
                continue
            self._insert_rows(table, columns, rows[table])

    def _add_event_details(self, ev: Event) -> None:
        """The version-2 tables (mentions, places) for one event already in ``events``."""
        self._add_events([ev], details_only=True)

    def _insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Multi-row INSERTs (far cheaper than a statement per row on both backends)."""
        if not rows:
            return
        marks = "(" + ", ".join("?" for _ in columns) + ")"
        per = max(1, 4000 // len(columns))  # stay well under PostgreSQL's parameter limit
        for i in range(0, len(rows), per):
            chunk = rows[i : i + per]
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES "  # noqa: S608
                + ", ".join(marks for _ in chunk)
            )
            self.execute(sql, [value for row in chunk for value in row])

    def add_error(
        self,
        source: str,
        record: str,
        error: str,
        *,
        kind: str = "error",
        article_id: str | None = None,
    ) -> bool:
        """Log one record that was skipped (``kind`` "skipped") or failed (``kind`` "error").

        The same (source, record, error) is logged once, so re-running an ingest does not
        grow the log. Returns whether a row was written.
        """
        self.begin()
        try:
            if self.fetchall(
                "SELECT 1 FROM ingest_errors WHERE source = ? AND record = ? AND error = ?",
                (source, record, error),
            ):
                self.commit()
                return False
            self.execute(
                "INSERT INTO ingest_errors (source, record, error, logged_at, kind, article_id) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (source, record, error, _now(), kind, article_id),
            )
            self.commit()
            return True
        except Exception:
            self.rollback()
            raise

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
        for table in TABLES:
            out[table] = int(self.fetchall(f"SELECT count(*) FROM {table}")[0][0])  # noqa: S608
        return out


#: Columns of an ``articles`` row as ``add_articles`` writes it.
ARTICLE_COLUMNS: tuple[str, ...] = (
    "id", "url", "title", "source", "pub_date", "language", "content_hash", "cluster_id",
    "reports", "n_events", "text", "ingested_at", "author", "origin", "dateline",
    "dateline_place", "duplicate_kind", "similarity", "minhash",
)  # fmt: skip


@dataclass
class ArticleWrite:
    """One article to store (the arguments of ``Store.add_article``)."""

    coded: CodedArticle | None
    article: Any
    content_hash: str
    cluster_id: str | None
    author: str | None = None
    origin: str | None = None
    duplicate_kind: str | None = None
    similarity: float | None = None
    minhash: str | None = None


#: Columns written for each event, per table.
EVENT_TABLES: dict[str, tuple[str, ...]] = {
    "events": (
        "id", "doc_id", "date", "date_precision", "event", "mode", "cameo", "quad_code",
        "event_scale", "modality", "confidence", "mentions", "sentence", "sentence_start",
        "sentence_end", "trigger", "place_name", "place_country", "geonameid", "lat", "lon",
        "record",
    ),
    "entities": (
        "event_id", "role", "position", "entity_text", "name", "code", "sector",
        "start_char", "end_char",
    ),
    "mentions": ("event_id", "position", "sentence", "start_char", "end_char"),
    "places": (
        "event_id", "extracted_place", "start_char", "end_char", "resolved_place", "geonameid",
        "lat", "lon", "feature_class", "feature_code", "province", "country_code",
        "place_precision", "reason",
    ),
}  # fmt: skip


def _event_rows(ev: Event) -> dict[str, list[tuple]]:
    """The rows one event adds to each table (columns as in ``EVENT_TABLES``)."""
    loc = ev.event_loc
    out: dict[str, list[tuple]] = {
        "events": [
            (
                ev.id, ev.doc_id, ev.date, ev.date_info.precision, ev.event, ev.mode, ev.cameo,
                ev.quad_code, ev.event_scale, ev.modality, ev.confidence, ev.mentions, ev.text,
                ev.sentence_start, ev.sentence_end, " ".join(ev.event_text),
                (loc.resolved_place or loc.extracted_place) if loc else None,
                loc.country_code if loc else None, loc.geonameid if loc else None,
                loc.lat if loc else None, loc.lon if loc else None,
                json.dumps(ev.to_json(), ensure_ascii=False),
            )
        ],
        "entities": [
            (ev.id, role, pos, ent.entity_text, ent.name, ent.code, ent.sector, ent.start,
             ent.end)
            for role, ents in (("actor", ev.actor), ("recipient", ev.recipient))
            for pos, ent in enumerate(ents)
        ],
        "mentions": [
            (ev.id, pos, text, start, end)
            for pos, (text, start, end) in enumerate(
                [(ev.text, ev.sentence_start, ev.sentence_end)]
                + [(s.text, s.start, s.end) for s in ev.other_sentences]
            )
        ],
        "places": [],
    }  # fmt: skip
    if loc is not None:
        out["places"].append(
            (
                ev.id, loc.extracted_place, loc.start, loc.end, loc.resolved_place,
                loc.geonameid, loc.lat, loc.lon, loc.feature_class, loc.feature_code,
                loc.province, loc.country_code, loc.precision, loc.reason,
            )
        )  # fmt: skip
    return out


#: The data tables, in the order ``counts()`` reports them.
TABLES: tuple[str, ...] = (
    "articles",
    "events",
    "entities",
    "ingest_errors",
    "mentions",
    "places",
)


@lru_cache(maxsize=1)
def _dateline_pattern() -> re.Pattern[str]:
    from ..clean import CleaningRules

    return CleaningRules.default().dateline


def _dateline_place(dateline: str) -> str | None:
    """The place of a dateline ("ERBIL (Kurdistan 24) –" -> "Erbil")."""
    match = _dateline_pattern().match(dateline + " ")
    return match.group("place").strip().title() if match else None


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
            raise StoreError(f"cannot open store {_redact(target)!r}: {exc}") from None


def _redact(dsn: str) -> str:
    """A DSN without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", dsn)


def open_store(target: str) -> Store:
    """A DuckDB file path (default) or a ``postgresql://`` / ``postgres://`` DSN."""
    if is_postgres(target):
        return PostgresStore(target)
    return DuckDBStore(target)
