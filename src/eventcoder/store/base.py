"""The event store: DuckDB (one file, the default) or PostgreSQL (shared), one schema.

``open_store("events.duckdb")`` or ``open_store("postgresql://user@host/db")``. The schema is
versioned (``schema_version``) and migrated on open; every statement binds its parameters.
Each article is written with its events in one transaction, so an interrupted run loses at
most the article in flight and a re-run adds nothing twice (documented in docs/schema.md).
Writes come from the ingest (``eventcoder.ingest``, the only write path); reads are in
:mod:`.reads` and :mod:`.aggregates`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import CodedArticle, Event
from .network import function_words
from .schema import (
    ARTICLE_COLUMNS,
    EVENT_TABLES,
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
    dateline_place,
    event_rows,
)


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


class Store:
    """Backend-neutral store. Subclasses set ``param`` and implement ``_connect``."""

    param = "?"
    backend = "?"

    def __init__(self, target: str) -> None:
        self.target = target
        #: words that never name an actor (``data/store_words.yaml``), for the network queries
        self.function_words = function_words()
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

    @contextlib.contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """One writer at a time for the work ``name`` names (a DuckDB file has one writer
        anyway; PostgreSQL takes an advisory lock)."""
        yield

    def try_lock(self, name: str) -> bool:
        """Take the lock ``name`` if no other connection holds it (PostgreSQL: an advisory
        lock, released by ``unlock``); whether it was taken. DuckDB: always (one process)."""
        return True

    def unlock(self, name: str) -> None:
        """Release a lock taken by ``try_lock``."""

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

    def backfill_v2(self) -> None:
        """Fill the version-2 ``mentions`` and ``places`` tables from stored event records."""
        records = [r[0] for r in self.fetchall("SELECT record FROM events ORDER BY id")]
        for i in range(0, len(records), 1000):
            batch = [Event.model_validate(json.loads(r)) for r in records[i : i + 1000]]
            self.add_events(batch, details_only=True)

    # ------------------------------------------------------------------ writes
    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored (``ingest_one`` asks when the store is
        shared)."""
        return bool(self.fetchall("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def article_by_hash(self, content_hash: str) -> ArticleInfo | None:
        """The stored article with this content hash (a coded one first), if any."""
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
        (Articles reach the store through ``eventcoder.ingest.ingest_one``, which cleans,
        deduplicates and codes them first; this is the write itself.)

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
        for w in writes:
            coded = w.coded
            # the coded article: the title ``clean`` found is on it, not on the caller's object
            article = coded.article if coded is not None else w.article
            dateline = place = None
            if coded is not None and coded.dateline is not None:
                dateline = coded.dateline.text
                place = dateline_place(dateline)
            article_rows.append(
                (
                    article.id, article.url, article.title, article.source, article.date,
                    article.language, w.content_hash, w.cluster_id, 1,
                    len(coded.events) if coded is not None else None,
                    article.text, _now(), w.author, w.origin, dateline, place,
                    w.duplicate_kind if coded is None else None, w.similarity, w.minhash,
                )
            )  # fmt: skip
        self.begin()
        try:
            new = self._insert_articles(article_rows)
            events: list[Event] = []
            bumps: dict[str, int] = {}
            written: list[int] = []
            for w, row in zip(writes, article_rows, strict=True):
                if row[0] not in new:  # another writer stored this id first
                    written.append(0)
                    continue
                if w.coded is None and w.cluster_id is not None:
                    bumps[w.cluster_id] = bumps.get(w.cluster_id, 0) + 1
                article_events = w.coded.events if w.coded is not None else []
                events.extend(article_events)  # ids are unique per article (``finalize``)
                written.append(len(article_events))
            for head, k in bumps.items():
                self.execute("UPDATE articles SET reports = reports + ? WHERE id = ?", (k, head))
            self.add_events(events)
            self.commit()
            return written
        except Exception:
            self.rollback()
            raise

    def _insert_articles(self, rows: list[tuple]) -> set[str]:
        """Insert article rows; returns the ids inserted (all: a second writer of a DuckDB
        file cannot open it)."""
        self._insert_rows("articles", ARTICLE_COLUMNS, rows)
        return {row[0] for row in rows}

    def add_events(self, events: Sequence[Event], details_only: bool = False) -> None:
        """Insert events and their rows in the other tables: one statement per table."""
        rows: dict[str, list[tuple]] = {t: [] for t in EVENT_TABLES}
        for ev in events:
            for table, table_rows in event_rows(ev).items():
                rows[table].extend(table_rows)
        for table, columns in EVENT_TABLES.items():
            if details_only and table in ("events", "entities"):
                continue
            self._insert_rows(table, columns, rows[table])

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
    def counts(self) -> dict[str, int]:
        out = {}
        for table in TABLES:
            out[table] = int(self.fetchall(f"SELECT count(*) FROM {table}")[0][0])  # noqa: S608
        return out
