"""What the event store needs to keep clusters: a schema snippet, rows, and a loader.

The store module is not changed here; these functions are what it calls (the lead wires
``--level cluster`` into query, export and the API). Everything is plain SQL of the common
subset of DuckDB and PostgreSQL, with ``?`` placeholders as the store's ``fetchall`` takes.

Typical use, after a batch of articles is written (in the same or the next transaction)::

    index = ClusterIndex(horizon_days=60, loader=store_loader(store.fetchall))
    done = index.add(reports_from_rows(store.fetchall(REPORTS_SQL + " WHERE e.doc_id IN ...")))
    write_batch(store.execute, index, done)

``write_batch`` moves the reports of clusters the batch merged into another, rewrites the
``clusters`` rows the batch touched and inserts the batch's assignments; running it again for
the same batch writes the same rows. ``event_clusters`` is the source of truth; ``clusters`` is
derived from it and can be rebuilt (``ClusterIndex.from_assignments``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..records import Event
from .cluster import day
from .index import Assignment, ClusterIndex, Loader
from .report import Report

#: Tables for clusters (add as a store migration; only adds, nothing existing changes).
SCHEMA_SQL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS clusters (
        id TEXT PRIMARY KEY, event TEXT, mode TEXT, founder TEXT,
        representative TEXT, representative_reason TEXT,
        n_reports INTEGER, n_articles INTEGER, n_sources INTEGER, sources TEXT,
        first_report DATE, last_report DATE,
        date TEXT, date_precision TEXT, day_from DATE, day_to DATE,
        place_name TEXT, place_precision TEXT, place_country TEXT, province TEXT,
        geonameid BIGINT, lat DOUBLE PRECISION, lon DOUBLE PRECISION)""",
    "CREATE INDEX IF NOT EXISTS clusters_days ON clusters (day_to, day_from)",
    """CREATE TABLE IF NOT EXISTS event_clusters (
        event_id TEXT PRIMARY KEY, cluster_id TEXT, founded BOOLEAN,
        score DOUBLE PRECISION)""",
    "CREATE INDEX IF NOT EXISTS event_clusters_cluster ON event_clusters (cluster_id)",
)

#: Columns of ``clusters``, in the order of :func:`cluster_rows`' tuples.
CLUSTER_COLUMNS: tuple[str, ...] = (
    "id", "event", "mode", "founder", "representative", "representative_reason",
    "n_reports", "n_articles", "n_sources", "sources", "first_report", "last_report",
    "date", "date_precision", "day_from", "day_to", "place_name", "place_precision",
    "place_country", "province", "geonameid", "lat", "lon",
)  # fmt: skip
_SUMMARY_KEYS = (
    "id", "event", "mode", "founder", "representative", "representative_reason",
    "n_reports", "n_articles", "n_sources", "sources", "first_report", "last_report",
    "date", "date_precision", "day_from", "day_to", "place", "place_precision",
    "country", "admin1", "geonameid", "lat", "lon",
)  # fmt: skip
ASSIGNMENT_COLUMNS: tuple[str, ...] = ("event_id", "cluster_id", "founded", "score")

#: The reports of stored events: the event record and its article's date, source,
#: near-duplicate group (``articles.cluster_id``) and copies (``articles.reports``).
REPORTS_SQL = (
    "SELECT e.record, a.pub_date, a.source, a.cluster_id, a.reports "
    "FROM events e JOIN articles a ON a.id = e.doc_id"
)


def _value(key: str, value: Any) -> Any:
    if key == "sources":
        return json.dumps(value)
    return value


def cluster_rows(index: ClusterIndex, ids: Iterable[str] | None = None) -> list[tuple]:
    """``clusters`` rows (``CLUSTER_COLUMNS`` order) of the live clusters and of those the last
    ``add`` evicted (or of ``ids`` among them)."""
    known = {c.id: c for c in index.evicted}
    known.update(index.clusters)
    chosen = sorted(known) if ids is None else sorted(set(ids) & set(known))
    rows = []
    for cid in chosen:
        summary = known[cid].summary()
        rows.append(tuple(_value(k, summary[k]) for k in _SUMMARY_KEYS))
    return rows


def assignment_rows(assignments: Iterable[Assignment]) -> list[tuple]:
    """``event_clusters`` rows (``ASSIGNMENT_COLUMNS`` order)."""
    return [(a.event_id, a.cluster_id, a.founded, a.score) for a in assignments]


def reports_from_rows(rows: Iterable[Sequence[Any]]) -> list[Report]:
    """Reports from ``REPORTS_SQL`` rows ``(record, pub_date, source, group, copies)``."""
    out = []
    for record, pub_date, source, group, copies, *_ in rows:
        event = Event.model_validate(json.loads(record) if isinstance(record, str) else record)
        if isinstance(pub_date, dt.datetime):
            pub_date = pub_date.date()
        out.append(Report.from_event(event, pub_date=pub_date, source=source,
                                     article_group=group, copies=int(copies or 1)))  # fmt: skip
    return out


def store_loader(fetchall: Callable[[str, Sequence[Any]], list[tuple]]) -> Loader:
    """A loader for ``ClusterIndex`` that brings back stored clusters active in a span of days."""

    def load(lo: int, hi: int) -> Iterable[tuple[str, list[Report]]]:
        first, last = day(lo), day(hi)
        rows = fetchall(
            REPORTS_SQL.replace("SELECT ", "SELECT ec.cluster_id, ", 1)
            + " JOIN event_clusters ec ON ec.event_id = e.id"
            " JOIN clusters c ON c.id = ec.cluster_id WHERE c.day_to >= ? AND c.day_from <= ?"
            " ORDER BY ec.cluster_id, e.id",
            (first, last),
        )
        grouped: dict[str, list[Sequence[Any]]] = {}
        for cid, *rest in rows:
            grouped.setdefault(cid, []).append(rest)
        return [(cid, reports_from_rows(group)) for cid, group in grouped.items()]

    return load


def write_batch(
    execute: Callable[[str, Sequence[Any]], Any],
    index: ClusterIndex,
    assignments: Iterable[Assignment],
) -> None:
    """Write what ``index.add`` just did: merges, touched clusters, the batch's assignments.

    ``execute(sql, params)`` is the store's (``?`` placeholders); call it inside the store's
    transaction. Idempotent: the same batch writes the same rows again.
    """
    assignments = list(assignments)
    for gone, kept in sorted(index.merged.items()):
        execute("UPDATE event_clusters SET cluster_id = ? WHERE cluster_id = ?", (kept, gone))
        execute("DELETE FROM clusters WHERE id = ?", (gone,))
    touched = sorted({a.cluster_id for a in assignments} | set(index.merged.values()))
    for cid in touched:
        execute("DELETE FROM clusters WHERE id = ?", (cid,))
    marks = ", ".join("?" * len(CLUSTER_COLUMNS))
    for row in cluster_rows(index, touched):
        execute(f"INSERT INTO clusters ({', '.join(CLUSTER_COLUMNS)}) VALUES ({marks})", row)
    for row in assignment_rows(assignments):
        execute("DELETE FROM event_clusters WHERE event_id = ?", (row[0],))
        execute(
            f"INSERT INTO event_clusters ({', '.join(ASSIGNMENT_COLUMNS)}) VALUES (?, ?, ?, ?)",
            row,
        )
