"""Reads of the event store: events, mentions, articles, the ingest log, and the event stream
that exports read — what ``eventcoder query``, ``eventcoder export`` and the REST API ask.

Every query is a fixed SQL text with placeholders; user values travel only as bound parameters
(``?``; the store translates them for PostgreSQL). The SQL is the common subset of DuckDB and
PostgreSQL. Which events: a ``Filters`` (:mod:`.filters`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .filters import DAY_EXPR, FilterError, Filters, parse_day

if TYPE_CHECKING:  # pragma: no cover
    from . import Store

#: Sort keys a client may ask for, and the ORDER BY each one means (a whitelist: never user text).
SORTS: dict[str, str] = {
    "date": "e.date ASC NULLS LAST, e.doc_id, e.sentence_start, e.id",
    "-date": "e.date DESC NULLS LAST, e.doc_id, e.sentence_start, e.id",
    "event": "e.event, e.date, e.id",
    "confidence": "e.confidence DESC, e.id",
    "doc": "e.doc_id, e.sentence_start, e.id",
}
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

_SUMMARY_SQL = (
    "e.id, e.doc_id, e.date, e.date_precision, e.event, e.mode, e.cameo, e.quad_code, "
    "e.event_scale, e.modality, e.confidence, e.mentions, e.sentence, e.sentence_start, "
    "e.sentence_end, e.trigger, e.place_name, e.place_country, e.geonameid, e.lat, e.lon, "
    "a.title, a.source, a.pub_date, a.reports, rk.id, rk.n_reports, rk.n_sources, rk.n_articles"
)
_SUMMARY_KEYS = (
    "id", "doc_id", "date", "date_precision", "event", "mode", "cameo", "quad_code",
    "event_scale", "modality", "confidence", "mentions", "sentence", "sentence_start",
    "sentence_end", "trigger", "place_name", "place_country", "geonameid", "lat", "lon",
    "article_title", "source", "pub_date", "reports", "cluster_id", "cluster_reports",
    "cluster_sources", "cluster_articles",
)  # fmt: skip
_FROM = "FROM events e LEFT JOIN articles a ON a.id = e.doc_id"
#: ``_FROM`` with each event's cluster (``rk``: NULL until it is clustered).
_SUMMARY_FROM = (
    f"{_FROM} LEFT JOIN event_clusters rc ON rc.event_id = e.id "
    "LEFT JOIN clusters rk ON rk.id = rc.cluster_id"
)


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _marks(n: int) -> str:
    return ", ".join("?" for _ in range(n))


def _check_sort(sort: str) -> str:
    if sort not in SORTS:
        raise FilterError("sort", f"{sort!r} is not one of {list(SORTS)}")
    return SORTS[sort]


def _entities_for(store: Store, event_ids: Sequence[str]) -> dict[str, dict[str, list[dict]]]:
    """Actors and recipients of the events, in their order, looked up 1000 events at a time."""
    out: dict[str, dict[str, list[dict]]] = {i: {"actor": [], "recipient": []} for i in event_ids}
    ids = list(event_ids)
    for i in range(0, len(ids), 1000):
        chunk = ids[i : i + 1000]
        rows = store.fetchall(
            "SELECT event_id, role, entity_text, name, code, sector, start_char, end_char "
            f"FROM entities WHERE event_id IN ({_marks(len(chunk))}) "
            "ORDER BY event_id, role, position",
            chunk,
        )
        for event_id, role, text, name, code, sector, start, end in rows:
            out.setdefault(event_id, {"actor": [], "recipient": []}).setdefault(role, []).append(
                {"entity_text": text, "name": name, "code": code, "sector": sector,
                 "start": start, "end": end}
            )  # fmt: skip
    return out


def _summaries(store: Store, rows: list[tuple]) -> list[dict]:
    """Event summary rows (``_SUMMARY_SQL``) with their actors, recipients and quad class."""
    events = [{k: jsonable(v) for k, v in zip(_SUMMARY_KEYS, row, strict=True)} for row in rows]
    ents = _entities_for(store, [ev["id"] for ev in events])
    for ev in events:
        ev["quad_class"] = QUAD_NAMES.get(ev["quad_code"])
        ev["actors"] = ents.get(ev["id"], {}).get("actor", [])
        ev["recipients"] = ents.get(ev["id"], {}).get("recipient", [])
    return events


def count_events(store: Store, filters: Filters) -> int:
    where, params = filters.sql()
    return int(store.fetchall(f"SELECT count(*) FROM events e{where}", params)[0][0])


def list_events(
    store: Store,
    filters: Filters,
    *,
    limit: int | None = 50,
    offset: int = 0,
    sort: str = "date",
) -> list[dict]:
    """One page of events (``limit`` None: all), summary rows with actors and recipients."""
    order = _check_sort(sort)
    where, params = filters.sql()
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    rows = store.fetchall(
        f"SELECT {_SUMMARY_SQL} {_SUMMARY_FROM}{where} ORDER BY {order}{page}",
        [*params, limit, offset] if limit is not None else params,
    )
    return _summaries(store, rows)


def list_mentions(
    store: Store, filters: Filters, *, limit: int = 50, offset: int = 0, sort: str = "date"
) -> tuple[int, list[dict]]:
    """Mention level: one row per sentence that tells an event (its main sentence, position 0,
    and the sentences merged into it), from the store's ``mentions`` table, each row carrying
    its event's summary."""
    order = _check_sort(sort)
    where, params = filters.sql()
    join = "FROM mentions m JOIN events e ON e.id = m.event_id"
    total = int(store.fetchall(f"SELECT count(*) {join}{where}", params)[0][0])
    page = store.fetchall(
        f"SELECT m.event_id, m.position, m.sentence, m.start_char, m.end_char {join}{where} "
        f"ORDER BY {order}, m.position LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    summaries: dict[str, dict] = {}
    if page:
        ids = sorted({row[0] for row in page})
        rows = store.fetchall(
            f"SELECT {_SUMMARY_SQL} {_SUMMARY_FROM} WHERE e.id IN ({_marks(len(ids))})", ids
        )
        summaries = {ev["id"]: ev for ev in _summaries(store, rows)}
    out = []
    for event_id, position, sentence, start, end in page:
        row = dict(summaries[event_id])
        row.update(
            event_id=event_id,
            id=f"{event_id}#{position}",
            mention=position,
            sentence=sentence,
            sentence_start=start,
            sentence_end=end,
        )
        out.append(row)
    return total, out


def get_event(store: Store, event_id: str) -> tuple[dict, dict | None] | None:
    """The full event record and its article (with the text), or None."""
    rows = store.fetchall(
        "SELECT e.record, a.id, a.title, a.source, a.url, a.pub_date, a.text, a.reports, "
        f"a.cluster_id {_FROM} WHERE e.id = ?",
        [event_id],
    )
    if not rows:
        return None
    record_json, aid, title, source, url, pub_date, text, reports, cluster = rows[0]
    article = None
    if aid is not None:
        article = {
            "id": aid, "title": title, "source": source, "url": url,
            "date": jsonable(pub_date), "text": text, "reports": reports, "cluster_id": cluster,
        }  # fmt: skip
    return json.loads(record_json), article


_ARTICLE_KEYS = (
    "id", "title", "source", "url", "date", "language", "n_events", "reports", "cluster_id",
)  # fmt: skip
_ARTICLE_SQL = ", ".join(f"a.{k}" for k in _ARTICLE_KEYS).replace("a.date", "a.pub_date")


def list_articles(
    store: Store,
    *,
    q: str | None = None,
    source: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[dict]]:
    """Stored articles: title or id contains ``q``, ``source`` exactly, published between."""
    clauses: list[str] = []
    params: list[Any] = []
    if q:
        clauses.append(
            "(strpos(lower(coalesce(a.title, '')), ?) > 0 OR strpos(lower(a.id), ?) > 0)"
        )
        params += [q.lower(), q.lower()]
    if source:
        clauses.append("a.source = ?")
        params.append(source)
    start = parse_day(date_from, "date_from")
    end = parse_day(date_to, "date_to")
    if start:
        clauses.append("a.pub_date >= CAST(? AS DATE)")
        params.append(start)
    if end:
        clauses.append("a.pub_date <= CAST(? AS DATE)")
        params.append(end)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = int(store.fetchall(f"SELECT count(*) FROM articles a{where}", params)[0][0])
    rows = store.fetchall(
        f"SELECT {_ARTICLE_SQL} FROM articles a{where} "
        "ORDER BY a.pub_date DESC NULLS LAST, a.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return total, [
        {k: jsonable(v) for k, v in zip(_ARTICLE_KEYS, row, strict=True)} for row in rows
    ]


def get_article(store: Store, article_id: str) -> dict | None:
    """One article with its text and its events (a linked duplicate: its story's events)."""
    rows = store.fetchall(
        f"SELECT {_ARTICLE_SQL}, a.text FROM articles a WHERE a.id = ?", [article_id]
    )
    if not rows:
        return None
    article = {k: jsonable(v) for k, v in zip((*_ARTICLE_KEYS, "text"), rows[0], strict=True)}
    origin = article["cluster_id"] if article["n_events"] is None else article["id"]
    article["events"] = list_events(store, Filters(doc_id=origin), limit=10_000, sort="doc")
    return article


#: Columns of ``event_table`` rows (``eventcoder query events``).
EVENT_TABLE_COLUMNS = (
    "id", "date", "event", "mode", "cameo", "quad_code", "modality", "actor", "actor_country",
    "recipient", "recipient_country", "place", "place_country", "trigger", "doc_id", "source",
    "reports", "sentence",
)  # fmt: skip


def _names(members: list[dict]) -> str | None:
    return "; ".join(m["name"] or m["entity_text"] for m in members) or None


def _country_codes(members: list[dict]) -> str | None:
    return "; ".join(sorted({m["code"] for m in members if m["code"]})) or None


def event_table(
    store: Store, filters: Filters | None = None, limit: int | None = None
) -> tuple[list[str], list[tuple]]:
    """Matching events as flat rows (``EVENT_TABLE_COLUMNS``), in date order."""
    rows = []
    for ev in list_events(store, filters or Filters(), limit=limit or None, sort="date"):
        actors, recipients = ev["actors"], ev["recipients"]
        rows.append(
            (ev["id"], ev["date"], ev["event"], ev["mode"], ev["cameo"], ev["quad_code"],
             ev["modality"], _names(actors), _country_codes(actors), _names(recipients),
             _country_codes(recipients), ev["place_name"], ev["place_country"], ev["trigger"],
             ev["doc_id"], ev["source"], ev["reports"], ev["sentence"])
        )  # fmt: skip
    return list(EVENT_TABLE_COLUMNS), rows


#: Columns of the article joined to each exported event.
EXPORT_ARTICLE_COLUMNS = (
    "id", "url", "title", "source", "pub_date", "language", "reports", "ingested_at",
)  # fmt: skip


#: The event cluster of event ``e`` (NULL until it is clustered).
_EVENT_CLUSTER = "(SELECT ec.cluster_id FROM event_clusters ec WHERE ec.event_id = e.id)"


def iter_events(
    store: Store, filters: Filters | None = None, *, batch: int = 1000
) -> Iterator[tuple[dict, dict]]:
    """``(record, article)`` of every selected event, by article then position in it."""
    for stored, article in iter_stored(store, filters, batch=batch):
        yield json.loads(stored), article


def iter_stored(
    store: Store, filters: Filters | None = None, *, batch: int = 1000
) -> Iterator[tuple[str, dict]]:
    """``(record as stored, article)`` of every selected event (the article's dict also
    holds the event's ``event_cluster``), by article then position in it, read ``batch`` events at a time (the store is never loaded whole). Each page starts
    after the last event of the one before (keyset paging), so the cost stays flat however
    deep."""
    where, params = (filters or Filters()).where()
    cols = ", ".join(f"a.{c}" for c in EXPORT_ARTICLE_COLUMNS)
    after: tuple[str, int, str] | None = None
    while True:
        conds = [where] if where else []
        page_params = list(params)
        if after is not None:
            conds.append(
                "(e.doc_id > ? OR (e.doc_id = ? AND (e.sentence_start > ? "
                "OR (e.sentence_start = ? AND e.id > ?))))"
            )
            doc, start, eid = after
            page_params += [doc, doc, start, start, eid]
        rows = store.fetchall(
            f"SELECT e.record, e.doc_id, e.sentence_start, e.id, {_EVENT_CLUSTER}, {cols} {_FROM}"
            + (f" WHERE {' AND '.join(conds)}" if conds else "")
            + f" ORDER BY {SORTS['doc']} LIMIT ?",
            [*page_params, batch],
        )
        for row in rows:
            article = dict(zip(EXPORT_ARTICLE_COLUMNS, row[5:], strict=True))
            yield row[0], {**article, "event_cluster": row[4]}
        if len(rows) < batch:
            return
        after = rows[-1][1], rows[-1][2], rows[-1][3]


def errors(store: Store, limit: int | None = None) -> tuple[list[str], list[tuple]]:
    """The ingest log: records skipped or failed, and warnings."""
    sql = (
        "SELECT kind, source, record, error, logged_at FROM ingest_errors "
        "ORDER BY logged_at, source, record" + (" LIMIT ?" if limit else "")
    )
    return store.columns(sql, [int(limit)] if limit else [])


def summary(store: Store) -> tuple[list[str], list[tuple]]:
    """Store totals: articles coded and linked as duplicates, events, log entries."""
    rows = []
    counts_ = store.counts()
    coded = store.fetchall("SELECT count(*) FROM articles WHERE n_events IS NOT NULL")[0][0]
    dups = store.fetchall(
        "SELECT coalesce(duplicate_kind, 'exact'), count(*) FROM articles "
        "WHERE n_events IS NULL GROUP BY 1 ORDER BY 1"
    )
    rows.append(("articles", counts_["articles"]))
    rows.append(("articles coded", int(coded)))
    for kind, n in dups:
        rows.append((f"{kind} duplicates (linked)", int(n)))
    for table in ("events", "entities", "mentions", "places", "ingest_errors"):
        rows.append((table, counts_[table]))
    rows.append(("schema version", store.version()))
    rows.append(("backend", store.backend))
    return ["what", "count"], rows


def overview(store: Store) -> dict:
    """Row counts and the first and last event day."""
    counts = store.counts()
    rows = store.fetchall(
        f"SELECT min({DAY_EXPR}), max({DAY_EXPR}) FROM events e WHERE e.date IS NOT NULL"
    )
    first, last = rows[0] if rows else (None, None)
    return {"counts": counts, "first_date": first, "last_date": last}
