"""Event clusters in the store: cluster the stored events that have no cluster yet.

``cluster_new(store)`` is what the ingest runs after a run's articles are written (and what
``eventcoder cluster`` runs): it reads the events without an ``event_clusters`` row, brings
back from the tables the stored clusters that could take them (those whose days meet the new
events' date blocks), adds the new events to a ``ClusterIndex`` and writes the result with
``clusters.store.write_batch``'s rows (``write_rows``, multi-row) in one transaction. A run with no new event reads one query
and writes nothing; a re-run of the same batch finds nothing new; a new batch joins the
clusters already stored. See docs/clusters.md ("In the store").
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..clusters import ClusterIndex
from ..clusters.index import Assignment
from ..clusters.report import Report
from ..clusters.store import (
    ASSIGNMENT_COLUMNS,
    CLUSTER_COLUMNS,
    REPORTS_SQL,
    assignment_rows,
    cluster_rows,
    reports_from_rows,
    store_loader,
)

if TYPE_CHECKING:  # pragma: no cover
    from .base import Store

#: Events clustered per transaction (in publication order) when many are new at once.
BATCH = 20000


@dataclass
class ClusterRun:
    """What ``cluster_new`` did: events clustered, clusters founded, events that joined a
    cluster stored before this run, clusters merged, seconds."""

    events: int = 0
    founded: int = 0
    joined_stored: int = 0
    merged: int = 0
    seconds: float = 0.0
    refreshed: int = 0  # clusters whose articles and sources were recounted (copies linked)


def _spans(reports: list[Report], pad: int) -> list[tuple[int, int]]:
    """Day spans (ordinals) the reports' blocks reach, padded and joined where they meet."""
    spans = sorted(
        (lo - pad, hi + pad)
        for r in reports
        for lo, hi in [(r.lo, r.hi) if r.lo is not None and r.hi is not None else (r.pub_date,) * 2]
        if lo is not None and hi is not None
    )
    out: list[tuple[int, int]] = []
    for lo, hi in spans:
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


_NEW = " WHERE NOT EXISTS (SELECT 1 FROM event_clusters ec WHERE ec.event_id = e.id)"


def _unclustered(store: Store, event_ids: list[str] | None = None) -> list[Report]:
    if event_ids is None:
        return reports_from_rows(store.fetchall(REPORTS_SQL + _NEW))
    rows: list[tuple] = []
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        rows += store.fetchall(f"{REPORTS_SQL}{_NEW} AND e.id IN ({marks})", chunk)
    return reports_from_rows(rows)


def cluster_new(
    store: Store, *, batch: int = BATCH, event_ids: list[str] | None = None
) -> ClusterRun:
    """Cluster every stored event that has no cluster yet (see the module's text); with
    ``event_ids``, only those of them (what ``POST /api/articles`` wrote: work in proportion to
    one article whatever the store holds)."""
    t0 = time.perf_counter()
    run = ClusterRun()
    with store.exclusive("clusters"):  # two writers of one store cluster one after the other
        reports = sorted(_unclustered(store, event_ids), key=lambda r: r.order)
        touched: set[str] = set()
        for i in range(0, len(reports), batch):
            touched |= _cluster_batch(store, reports[i : i + batch], run)
        run.refreshed = refresh_copies(store, touched)
    run.seconds = time.perf_counter() - t0
    return run


def _cluster_batch(store: Store, reports: list[Report], run: ClusterRun) -> set[str]:
    """Cluster one batch and write it; returns the ids of the clusters rows written."""
    index = ClusterIndex()
    loader = store_loader(store.fetchall)
    pad = 2 * index.bucket_days + 1  # the blocks of a report reach one bucket either side
    stored: set[str] = set()
    for lo, hi in _spans(reports, pad):
        for cluster_id, members in loader(lo, hi):
            index.restore(cluster_id, members)
            stored.add(cluster_id)
    for cluster in index.clusters.values():
        for report in cluster.members:
            day = report.hi if report.hi is not None else report.pub_date
            if day is not None and (index.newest_day is None or day > index.newest_day):
                index.newest_day = day
    assignments = index.add(reports)
    store.begin()
    try:
        write_rows(store, index, assignments)
        store.commit()
    except Exception:
        store.rollback()
        raise
    run.events += len(assignments)
    run.founded += sum(1 for a in assignments if a.founded)
    run.joined_stored += sum(1 for a in assignments if not a.founded and a.cluster_id in stored)
    run.merged += len(index.merged)
    return {a.cluster_id for a in assignments} | set(index.merged.values())


def _delete_in(store: Store, table: str, column: str, values: list[str]) -> None:
    for i in range(0, len(values), 500):
        chunk = values[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        store.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)  # noqa: S608


def write_rows(store: Store, index: ClusterIndex, assignments: list[Assignment]) -> None:
    """What ``clusters.store.write_batch`` writes (merges moved, touched clusters rewritten,
    the batch's assignments), with multi-row statements: a statement per row costs DuckDB a
    few milliseconds, which made writing most of the clustering's time. Call it inside a
    transaction; idempotent like ``write_batch`` (tested to write the same rows)."""
    for gone, kept in sorted(index.merged.items()):
        store.execute("UPDATE event_clusters SET cluster_id = ? WHERE cluster_id = ?", (kept, gone))
    touched = sorted(
        {a.cluster_id for a in assignments} | set(index.merged) | set(index.merged.values())
    )
    _delete_in(store, "clusters", "id", touched)
    store._insert_rows("clusters", CLUSTER_COLUMNS, cluster_rows(index, touched))
    rows = assignment_rows(assignments)
    _delete_in(store, "event_clusters", "event_id", [r[0] for r in rows])
    store._insert_rows("event_clusters", ASSIGNMENT_COLUMNS, rows)


#: Clusters that hold an article with linked copies, and whose stored ``n_articles`` is not
#: the sum of their articles' ``reports`` any more: a copy was linked after they were written.
_STALE_SQL = """
SELECT d.cluster_id FROM (
    SELECT DISTINCT ec.cluster_id, e.doc_id, coalesce(a.reports, 1) AS copies
    FROM event_clusters ec JOIN events e ON e.id = ec.event_id
    JOIN articles a ON a.id = e.doc_id
    WHERE ec.cluster_id IN (
        SELECT ec2.cluster_id FROM articles a2 JOIN events e2 ON e2.doc_id = a2.id
        JOIN event_clusters ec2 ON ec2.event_id = e2.id WHERE a2.reports > 1)
) d JOIN clusters c ON c.id = d.cluster_id
GROUP BY d.cluster_id, c.n_articles HAVING sum(d.copies) <> c.n_articles"""

#: Per cluster: its articles' sources and copies, and the sources of their linked copies.
_DOCS_OF = (
    "SELECT DISTINCT ec.cluster_id, e.doc_id, a.source, coalesce(a.reports, 1) "
    "FROM event_clusters ec JOIN events e ON e.id = ec.event_id "
    "JOIN articles a ON a.id = e.doc_id WHERE ec.cluster_id IN ({marks})"
)
_COPY_SOURCES_OF = (
    "SELECT DISTINCT ec.cluster_id, x.source FROM event_clusters ec "
    "JOIN events e ON e.id = ec.event_id JOIN articles x ON x.cluster_id = e.doc_id "
    "WHERE x.n_events IS NULL AND x.id <> e.doc_id AND ec.cluster_id IN ({marks})"
)


def refresh_copies(store: Store, touched: set[str] | None = None) -> int:
    """Recount ``n_articles``, ``n_sources`` and ``sources`` of the clusters ``touched`` by a
    batch and of every cluster one of whose articles had an exact or near copy linked since
    its row was written (the copy is not coded, so no new event brings its cluster back):
    articles are the reports' articles with their copies (``articles.reports``), sources
    the outlets of those articles and of their copies. Only rows that change are written.
    Returns the number of rows rewritten."""
    stale = {row[0] for row in store.fetchall(_STALE_SQL)}
    ids = sorted(stale | (touched or set()))
    if not ids:
        return 0
    articles: dict[str, dict[str, int]] = {}
    sources: dict[str, set[str]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        for cid, doc, source, copies in store.fetchall(_DOCS_OF.format(marks=marks), chunk):
            articles.setdefault(cid, {})[doc] = int(copies)
            if source:
                sources.setdefault(cid, set()).add(source)
        for cid, source in store.fetchall(_COPY_SOURCES_OF.format(marks=marks), chunk):
            if source:
                sources.setdefault(cid, set()).add(source)
    stored: dict[str, tuple] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        for cid, *values in store.fetchall(
            f"SELECT id, n_articles, n_sources, sources FROM clusters WHERE id IN ({marks})",  # noqa: S608
            chunk,
        ):
            stored[cid] = tuple(values)
    rows = []
    for cid, docs in sorted(articles.items()):
        outlets = sorted(sources.get(cid, ()))
        values = (sum(docs.values()), len(outlets), json.dumps(outlets))
        if cid in stored and stored[cid] != values:  # only what changed: a write costs
            rows.append((*values, cid))
    if not rows:
        return 0
    store.begin()
    try:
        for row in rows:
            store.execute(
                "UPDATE clusters SET n_articles = ?, n_sources = ?, sources = ? WHERE id = ?", row
            )
        store.commit()
    except Exception:
        store.rollback()
        raise
    return len(rows)


def rebuild(store: Store) -> ClusterRun:
    """Forget every cluster and cluster all stored events again (in publication order)."""
    store.begin()
    try:
        store.execute("DELETE FROM event_clusters")
        store.execute("DELETE FROM clusters")
        store.commit()
    except Exception:
        store.rollback()
        raise
    return cluster_new(store)


#: Columns ``cluster_table`` lists.
CLUSTER_LIST = (
    "id", "event", "mode", "n_reports", "n_articles", "n_sources", "first_report",
    "last_report", "date", "place_name", "place_country", "representative",
)  # fmt: skip


def cluster_table(store: Store, limit: int | None = None) -> tuple[list[str], list[tuple]]:
    """The stored clusters, most reports first."""
    sql = (
        f"SELECT {', '.join(CLUSTER_LIST)} FROM clusters "  # noqa: S608
        "ORDER BY n_reports DESC, last_report DESC, id"
    )
    params: list[int] = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return store.columns(sql, params)


#: Keys of each report ``get_cluster`` lists.
CLUSTER_REPORT_KEYS = (
    "event_id", "doc_id", "title", "source", "url", "pub_date", "date", "date_precision",
    "event", "mode", "modality", "sentence", "trigger", "place_name", "place_country",
    "articles", "founded", "score",
)  # fmt: skip
_REPORTS_OF = (
    "SELECT e.id, e.doc_id, a.title, a.source, a.url, a.pub_date, e.date, e.date_precision, "
    "e.event, e.mode, e.modality, e.sentence, e.trigger, e.place_name, e.place_country, "
    "coalesce(a.reports, 1), ec.founded, ec.score "
    "FROM event_clusters ec JOIN events e ON e.id = ec.event_id "
    "LEFT JOIN articles a ON a.id = e.doc_id WHERE ec.cluster_id = ? "
    "ORDER BY a.pub_date, a.source, e.doc_id, e.sentence_start, e.id"
)


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def get_cluster(store: Store, cluster_id: str) -> dict | None:
    """One stored cluster (its ``clusters`` row, ``sources`` decoded) with ``reports``: every
    coded event of it in publication order, each with its article (title, source, URL, date),
    its sentence, and ``copies``: the articles linked to its article as exact or near
    duplicates (other outlets carrying the same text). None when there is no such cluster."""
    rows = store.fetchall(
        f"SELECT {', '.join(CLUSTER_COLUMNS)} FROM clusters WHERE id = ?",  # noqa: S608
        [cluster_id],
    )
    if not rows:
        return None
    out = {k: _plain(v) for k, v in zip(CLUSTER_COLUMNS, rows[0], strict=True)}
    out["sources"] = json.loads(out["sources"]) if out["sources"] else []
    reports = [
        {k: _plain(v) for k, v in zip(CLUSTER_REPORT_KEYS, row, strict=True)}
        for row in store.fetchall(_REPORTS_OF, [cluster_id])
    ]
    copies: dict[str, list[dict]] = {}
    docs = sorted({r["doc_id"] for r in reports})
    for i in range(0, len(docs), 500):
        chunk = docs[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        for aid, origin, title, source, url, pub_date in store.fetchall(
            "SELECT id, cluster_id, title, source, url, pub_date FROM articles "  # noqa: S608
            f"WHERE cluster_id IN ({marks}) AND id <> cluster_id AND n_events IS NULL "
            "ORDER BY pub_date, source, id",
            chunk,
        ):
            copies.setdefault(origin, []).append(
                {"id": aid, "title": title, "source": source, "url": url,
                 "pub_date": _plain(pub_date)}
            )  # fmt: skip
    for report in reports:
        report["copies"] = copies.get(report["doc_id"], [])
        report["representative"] = report["event_id"] == out["representative"]
    out["reports"] = reports
    return out


def cluster_of(store: Store, event_id: str) -> dict | None:
    """The cluster of a stored event (``get_cluster``), or None while it is not clustered."""
    rows = store.fetchall("SELECT cluster_id FROM event_clusters WHERE event_id = ?", [event_id])
    return get_cluster(store, rows[0][0]) if rows else None


def cluster_posted(store: Store, event_ids: list[str]) -> dict[str, str]:
    """Cluster ``event_ids`` (``cluster_new``, as ingest does, limited to those events) and
    return the cluster of each: what ``POST /api/articles`` runs after writing an article, so
    its events join clusters at once (other unclustered events wait for the next ingest)."""
    if not event_ids:
        return {}
    cluster_new(store, event_ids=event_ids)
    out: dict[str, str] = {}
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        out.update(
            store.fetchall(
                f"SELECT event_id, cluster_id FROM event_clusters WHERE event_id IN ({marks})",  # noqa: S608
                chunk,
            )
        )
    return out
