"""The PostgreSQL store: a shared server, several writers at once (advisory locks, idempotent
inserts, one coded article per content hash)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from ..redact import redact_dsn
from .base import Store, StoreError
from .schema import ARTICLE_COLUMNS


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
        skips its rows, so their events are not written twice either. A coded article whose
        text (content hash) another writer stored coded first is stored as an exact
        duplicate linked to that one instead (``articles_one_head``): a story is coded once
        however many processes race to write it. Returns the ids stored with their events."""
        new: set[str] = set()
        marks = "(" + ", ".join("?" for _ in ARTICLE_COLUMNS) + ")"
        per = max(1, 4000 // len(ARTICLE_COLUMNS))
        for i in range(0, len(rows), per):
            chunk = rows[i : i + per]
            sql = (
                f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES "  # noqa: S608
                + ", ".join(marks for _ in chunk)
                + " ON CONFLICT DO NOTHING RETURNING id"
            )
            new.update(r[0] for r in self.execute(sql, [v for row in chunk for v in row]))
        for row in rows:
            if row[0] not in new and row[9] is not None:
                self._link_to_head(row)
        return new

    def _link_to_head(self, row: tuple) -> None:
        """A coded row left out: stored as an exact duplicate of the article another writer
        coded from the same text, unless its id was stored already."""
        if self.fetchall("SELECT 1 FROM articles WHERE id = ?", (row[0],)):
            return
        info = self.article_by_hash(row[6])
        if info is None:  # nothing to link to (cannot happen with the index): leave it out
            return
        head = info.cluster_id or info.id
        cols = dict(zip(ARTICLE_COLUMNS, row, strict=True))
        cols.update(cluster_id=head, n_events=None, duplicate_kind="exact", similarity=1.0,
                    minhash=None, dateline=None, dateline_place=None)  # fmt: skip
        marks = ", ".join("?" for _ in ARTICLE_COLUMNS)
        self.execute(
            f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({marks}) "  # noqa: S608
            "ON CONFLICT DO NOTHING",
            [cols[c] for c in ARTICLE_COLUMNS],
        )
        self.execute("UPDATE articles SET reports = reports + 1 WHERE id = ?", (head,))

    @contextlib.contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """An advisory lock on ``name`` in this schema, held while the block runs."""
        key = "SELECT hashtext(CAST(? AS text) || ' ' || coalesce(current_schema(), ''))"
        self.execute(f"SELECT pg_advisory_lock(({key}))", [f"eventcoder {name}"])
        try:
            yield
        finally:
            self.execute(f"SELECT pg_advisory_unlock(({key}))", [f"eventcoder {name}"])

    def try_lock(self, name: str) -> bool:
        key = "SELECT hashtext(CAST(? AS text) || ' ' || coalesce(current_schema(), ''))"
        rows = self.fetchall(f"SELECT pg_try_advisory_lock(({key}))", [f"eventcoder {name}"])
        return bool(rows[0][0])

    def unlock(self, name: str) -> None:
        key = "SELECT hashtext(CAST(? AS text) || ' ' || coalesce(current_schema(), ''))"
        self.execute(f"SELECT pg_advisory_unlock(({key}))", [f"eventcoder {name}"])

    def migrate(self) -> None:
        """As ``Store.migrate``, one writer at a time: two runs creating one schema at once
        would otherwise collide in the catalogue (a ``UniqueViolation`` on ``pg_type``)."""
        with self.exclusive("schema"):
            super().migrate()
            self._one_head_per_story()

    def _one_head_per_story(self) -> None:
        """A unique index on the content hash of coded articles: two writers (processes)
        racing to store one text coded cannot both succeed (see ``_insert_articles``). Not
        made on a store that already holds such twins (written before it existed)."""
        if self.fetchall(
            "SELECT 1 FROM pg_indexes WHERE indexname = 'articles_one_head' "
            "AND schemaname = current_schema()"
        ):
            return
        if self.fetchall(
            "SELECT 1 FROM articles WHERE n_events IS NOT NULL AND content_hash IS NOT NULL "
            "GROUP BY content_hash HAVING count(*) > 1 LIMIT 1"
        ):
            return
        self.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS articles_one_head ON articles (content_hash) "
            "WHERE n_events IS NOT NULL AND content_hash IS NOT NULL"
        )
