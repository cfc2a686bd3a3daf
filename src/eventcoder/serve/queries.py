"""Read queries behind the REST API and the web app.

Every query is built from a fixed SQL text plus placeholders: user values only ever travel as
bound parameters (``?``; the store translates them for PostgreSQL), never formatted into SQL.
The SQL is the common subset of DuckDB and PostgreSQL, like the store's own schema.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..ontology import PLOVER_TYPES
from ..records import MODALITIES

#: Sort keys a client may ask for, and the ORDER BY each one means (a whitelist: never user text).
SORTS: dict[str, str] = {
    "date": "e.date ASC NULLS LAST, e.doc_id, e.sentence_start, e.id",
    "-date": "e.date DESC NULLS LAST, e.doc_id, e.sentence_start, e.id",
    "event": "e.event, e.date, e.id",
    "confidence": "e.confidence DESC, e.id",
    "doc": "e.doc_id, e.sentence_start, e.id",
}
INTERVALS = ("day", "week", "month")
LEVELS = ("event", "mention")
ROLES = ("any", "actor", "recipient")
DYAD_BY = ("country", "actor", "sector")
SECTOR_RE = re.compile(r"^[A-Z]{2,4}$")
CODE_RE = re.compile(r"^[A-Z]{3}$")
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

# An event's date as a full ISO day, so 'YYYY' and 'YYYY-MM' compare by their first day.
_DAY_EXPR = (
    "(CASE WHEN length(e.date) = 4 THEN e.date || '-01-01' "
    "WHEN length(e.date) = 7 THEN e.date || '-01' ELSE e.date END)"
)


class QueryError(ValueError):
    """A parameter the queries cannot use; the message says which and why (a 400)."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


def parse_day(value: str | None, param: str) -> str | None:
    """An ISO date (YYYY-MM-DD, YYYY-MM or YYYY) -> its first day as YYYY-MM-DD (``to``: last)."""
    if value is None or value == "":
        return None
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}", value):
            day = dt.date(int(value), 12 if param.endswith("to") else 1, 1)
            if param.endswith("to"):
                day = dt.date(day.year, 12, 31)
            return day.isoformat()
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = int(value[:4]), int(value[5:])
            first = dt.date(year, month, 1)
            if param.endswith("to"):
                nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
                return (nxt - dt.timedelta(days=1)).isoformat()
            return first.isoformat()
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(param, f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` in degrees (min_lon > max_lon crosses the antimeridian)."""
    if not value:
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise QueryError("bbox", "expected four numbers: min_lon,min_lat,max_lon,max_lat")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise QueryError("bbox", f"{value!r} has a part that is not a number") from None
    if not all(abs(x) <= 180 for x in (west, east)) or not all(abs(y) <= 90 for y in (south, north)):
        raise QueryError("bbox", "longitudes must lie in [-180, 180] and latitudes in [-90, 90]")
    if south > north:
        raise QueryError("bbox", "min_lat is greater than max_lat")
    return west, south, east, north


@dataclass
class Filters:
    """What selects events. Built by :meth:`from_params`, which validates every value."""

    types: list[str] = field(default_factory=list)
    mode: str | None = None
    modalities: list[str] = field(default_factory=list)
    quad: list[int] = field(default_factory=list)
    actor: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str = "any"
    place: str | None = None
    place_country: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    date_from: str | None = None
    date_to: str | None = None
    q: str | None = None
    doc_id: str | None = None

    @classmethod
    def from_params(
        cls,
        *,
        type: str | None = None,
        mode: str | None = None,
        modality: str | None = None,
        quad: str | None = None,
        actor: str | None = None,
        country: str | None = None,
        sector: str | None = None,
        role: str | None = None,
        place: str | None = None,
        place_country: str | None = None,
        bbox: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        q: str | None = None,
        doc_id: str | None = None,
    ) -> Filters:
        types = [t.upper() for t in _split(type)]
        bad = [t for t in types if t not in PLOVER_TYPES]
        if bad:
            raise QueryError("type", f"unknown event type(s) {bad}; known: {list(PLOVER_TYPES)}")
        modalities = [m.lower() for m in _split(modality)]
        bad = [m for m in modalities if m not in MODALITIES]
        if bad:
            raise QueryError("modality", f"unknown modality {bad}; known: {list(MODALITIES)}")
        quads: list[int] = []
        for part in _split(quad):
            if part not in {"1", "2", "3", "4"}:
                raise QueryError("quad", f"{part!r} is not a quad class (1, 2, 3 or 4)")
            quads.append(int(part))
        role = (role or "any").lower()
        if role not in ROLES:
            raise QueryError("role", f"{role!r} is not one of {list(ROLES)}")
        code = country.strip().upper() if country and country.strip() else None
        if code and not CODE_RE.match(code):
            raise QueryError("country", f"{country!r} is not a three-letter code (e.g. IRQ, USA)")
        pcode = place_country.strip().upper() if place_country and place_country.strip() else None
        if pcode and not CODE_RE.match(pcode):
            raise QueryError("place_country", f"{place_country!r} is not a three-letter code")
        sec = sector.strip().upper() if sector and sector.strip() else None
        if sec and not SECTOR_RE.match(sec):
            raise QueryError("sector", f"{sector!r} is not a sector code (e.g. GOV, MIL, CVL)")
        start = parse_day(date_from, "date_from")
        end = parse_day(date_to, "date_to")
        if start and end and start > end:
            raise QueryError("date_from", f"{start} is after date_to {end}")
        return cls(
            types=types,
            mode=(mode.strip().lower() or None) if mode else None,
            modalities=modalities,
            quad=quads,
            actor=(actor.strip().lower() or None) if actor else None,
            country=code,
            sector=sec,
            role=role,
            place=(place.strip().lower() or None) if place else None,
            place_country=pcode,
            bbox=parse_bbox(bbox),
            date_from=start,
            date_to=end,
            q=(q.strip().lower() or None) if q else None,
            doc_id=doc_id or None,
        )

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause over ``events e`` (without the keyword) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.types:
            clauses.append(f"e.event IN ({', '.join('?' for _ in self.types)})")
            params += self.types
        if self.mode:
            clauses.append("lower(e.mode) = ?")
            params.append(self.mode)
        if self.modalities:
            clauses.append(f"e.modality IN ({', '.join('?' for _ in self.modalities)})")
            params += self.modalities
        if self.quad:
            clauses.append(f"e.quad_code IN ({', '.join('?' for _ in self.quad)})")
            params += self.quad
        entity: list[str] = []
        entity_params: list[Any] = []
        if self.actor:
            entity.append(
                "(strpos(lower(coalesce(n.name, '')), ?) > 0 "
                "OR strpos(lower(coalesce(n.entity_text, '')), ?) > 0)"
            )
            entity_params += [self.actor, self.actor]
        if self.country:
            entity.append("n.code = ?")
            entity_params.append(self.country)
        if self.sector:
            entity.append("n.sector = ?")
            entity_params.append(self.sector)
        if entity:
            if self.role != "any":
                entity.append("n.role = ?")
                entity_params.append(self.role)
            clauses.append(
                "EXISTS (SELECT 1 FROM entities n WHERE n.event_id = e.id AND "
                + " AND ".join(entity)
                + ")"
            )
            params += entity_params
        if self.place:
            clauses.append("strpos(lower(coalesce(e.place_name, '')), ?) > 0")
            params.append(self.place)
        if self.place_country:
            clauses.append("e.place_country = ?")
            params.append(self.place_country)
        if self.bbox:
            west, south, east, north = self.bbox
            clauses.append("e.lat IS NOT NULL AND e.lat >= ? AND e.lat <= ?")
            params += [south, north]
            if west <= east:
                clauses.append("e.lon >= ? AND e.lon <= ?")
            else:  # the box crosses the antimeridian
                clauses.append("(e.lon >= ? OR e.lon <= ?)")
            params += [west, east]
        if self.date_from:
            clauses.append(f"e.date IS NOT NULL AND {_DAY_EXPR} >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append(f"e.date IS NOT NULL AND {_DAY_EXPR} <= ?")
            params.append(self.date_to)
        if self.q:
            clauses.append(
                "(strpos(lower(coalesce(e.sentence, '')), ?) > 0 "
                "OR strpos(lower(coalesce(e.trigger, '')), ?) > 0)"
            )
            params += [self.q, self.q]
        if self.doc_id:
            clauses.append("e.doc_id = ?")
            params.append(self.doc_id)
        return " AND ".join(clauses), params


def _where_sql(filters: Filters) -> tuple[str, list[Any]]:
    where, params = filters.where()
    return (f" WHERE {where}" if where else ""), params


def _placeholders(n: int) -> str:
    return ", ".join("?" for _ in range(n))


EVENT_COLUMNS = (
    "e.id, e.doc_id, e.date, e.date_precision, e.event, e.mode, e.cameo, e.quad_code, "
    "e.event_scale, e.modality, e.confidence, e.mentions, e.sentence, e.sentence_start, "
    "e.sentence_end, e.trigger, e.place_name, e.place_country, e.geonameid, e.lat, e.lon, "
    "a.title, a.source, a.pub_date, a.reports"
)
_EVENT_KEYS = (
    "id", "doc_id", "date", "date_precision", "event", "mode", "cameo", "quad_code",
    "event_scale", "modality", "confidence", "mentions", "sentence", "sentence_start",
    "sentence_end", "trigger", "place_name", "place_country", "geonameid", "lat", "lon",
    "article_title", "source", "pub_date", "reports",
)  # fmt: skip


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _entities_for(store: Any, event_ids: Sequence[str]) -> dict[str, dict[str, list[dict]]]:
    out: dict[str, dict[str, list[dict]]] = {i: {"actor": [], "recipient": []} for i in event_ids}
    if not event_ids:
        return out
    rows = store.fetchall(
        "SELECT event_id, role, position, entity_text, name, code, sector, start_char, end_char "
        f"FROM entities WHERE event_id IN ({_placeholders(len(event_ids))}) "
        "ORDER BY event_id, role, position",
        list(event_ids),
    )
    for event_id, role, _pos, text, name, code, sector, start, end in rows:
        out.setdefault(event_id, {"actor": [], "recipient": []}).setdefault(role, []).append(
            {"entity_text": text, "name": name, "code": code, "sector": sector,
             "start": start, "end": end}
        )  # fmt: skip
    return out


def count_events(store: Any, filters: Filters) -> int:
    where, params = _where_sql(filters)
    return int(store.fetchall(f"SELECT count(*) FROM events e{where}", params)[0][0])


def list_events(
    store: Any, filters: Filters, *, limit: int = 50, offset: int = 0, sort: str = "date"
) -> list[dict]:
    """One page of events (summary rows with their actors and recipients)."""
    if sort not in SORTS:
        raise QueryError("sort", f"{sort!r} is not one of {list(SORTS)}")
    where, params = _where_sql(filters)
    rows = store.fetchall(
        f"SELECT {EVENT_COLUMNS} FROM events e LEFT JOIN articles a ON a.id = e.doc_id{where} "
        f"ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    events = [{k: _jsonable(v) for k, v in zip(_EVENT_KEYS, row, strict=True)} for row in rows]
    ents = _entities_for(store, [ev["id"] for ev in events])
    for ev in events:
        ev["quad_class"] = QUAD_NAMES.get(ev["quad_code"])
        ev["actors"] = ents.get(ev["id"], {}).get("actor", [])
        ev["recipients"] = ents.get(ev["id"], {}).get("recipient", [])
    return events


def list_mentions(
    store: Any, filters: Filters, *, limit: int = 50, offset: int = 0, sort: str = "date"
) -> tuple[int, list[dict]]:
    """Mention level: one row per sentence that tells an event (its main sentence, position 0,
    and the sentences merged into it), from the store's ``mentions`` table, each row carrying
    its event's summary."""
    if sort not in SORTS:
        raise QueryError("sort", f"{sort!r} is not one of {list(SORTS)}")
    where, params = _where_sql(filters)
    join = "FROM mentions m JOIN events e ON e.id = m.event_id"
    total = int(store.fetchall(f"SELECT count(*) {join}{where}", params)[0][0])
    page = store.fetchall(
        f"SELECT m.event_id, m.position, m.sentence, m.start_char, m.end_char {join}{where} "
        f"ORDER BY {SORTS[sort]}, m.position LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    summaries: dict[str, dict] = {}
    if page:
        ids = sorted({row[0] for row in page})
        summary_rows = store.fetchall(
            f"SELECT {EVENT_COLUMNS} FROM events e LEFT JOIN articles a ON a.id = e.doc_id "
            f"WHERE e.id IN ({_placeholders(len(ids))})",
            ids,
        )
        ents = _entities_for(store, ids)
        for row in summary_rows:
            ev = {k: _jsonable(v) for k, v in zip(_EVENT_KEYS, row, strict=True)}
            ev["quad_class"] = QUAD_NAMES.get(ev["quad_code"])
            ev["actors"] = ents.get(ev["id"], {}).get("actor", [])
            ev["recipients"] = ents.get(ev["id"], {}).get("recipient", [])
            summaries[ev["id"]] = ev
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


def get_event(store: Any, event_id: str) -> dict | None:
    """The full event record, its article and the highlights of its evidence."""
    rows = store.fetchall(
        "SELECT e.record, a.id, a.title, a.source, a.url, a.pub_date, a.text, a.reports, "
        "a.cluster_id FROM events e LEFT JOIN articles a ON a.id = e.doc_id WHERE e.id = ?",
        [event_id],
    )
    if not rows:
        return None
    record_json, aid, title, source, url, pub_date, text, reports, cluster = rows[0]
    record = json.loads(record_json)
    article = None
    if aid is not None:
        article = {
            "id": aid, "title": title, "source": source, "url": url,
            "date": _jsonable(pub_date), "text": text, "reports": reports, "cluster_id": cluster,
        }  # fmt: skip
    return {
        "event": record,
        "article": article,
        "highlights": evidence_spans(record, text),
    }


def evidence_spans(record: dict, text: str | None = None) -> list[dict]:
    """Every piece of evidence of one event as ``{kind, start, end, text, label, reason}``,
    with offsets into the article text (spans whose offsets do not match the text are dropped)."""
    spans: list[dict] = []

    def add(kind: str, start: Any, end: Any, label: str, reason: str | None = None) -> None:
        if not isinstance(start, int) or not isinstance(end, int) or end <= start:
            return
        if text is not None and end > len(text):
            return
        spans.append(
            {"kind": kind, "start": start, "end": end,
             "text": text[start:end] if text is not None else None,
             "label": label, "reason": reason}
        )  # fmt: skip

    add("sentence", record.get("sentence_start"), record.get("sentence_end"), "evidence sentence")
    for other in record.get("other_sentences") or []:
        add("mention", other.get("start"), other.get("end"), "the same event told again")
    for trig in record.get("triggers") or []:
        add("trigger", trig.get("start"), trig.get("end"), f"trigger of {record.get('event')}")
    for role in ("actor", "recipient"):
        for ent in record.get(role) or []:
            code = " ".join(x for x in (ent.get("code"), ent.get("sector")) if x)
            label = f"{role}: {ent.get('name') or ent.get('entity_text')}" + (
                f" ({code})" if code else ""
            )
            add(role, ent.get("start"), ent.get("end"), label, ent.get("reason"))
    loc = record.get("event_loc") or {}
    if loc:
        label = "place: " + str(loc.get("resolved_place") or loc.get("extracted_place") or "")
        add("place", loc.get("start"), loc.get("end"), label, loc.get("reason"))
    info = record.get("date_info") or {}
    if info:
        add("date", info.get("start"), info.get("end"), f"date: {info.get('value')}",
            info.get("reason"))  # fmt: skip
    cue = record.get("modality_cue") or {}
    if cue:
        add("modality", cue.get("start"), cue.get("end"), f"modality: {record.get('modality')}")
    return spans


def list_actors(
    store: Any, filters: Filters, *, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict]]:
    """Actors and recipients of the selected events, with how often each plays each role."""
    where, params = _where_sql(filters)
    base = (
        "SELECT coalesce(n.name, n.entity_text) AS name, n.code, n.sector, "
        "sum(CASE WHEN n.role = 'actor' THEN 1 ELSE 0 END) AS as_actor, "
        "sum(CASE WHEN n.role = 'recipient' THEN 1 ELSE 0 END) AS as_recipient, "
        "count(DISTINCT n.event_id) AS events "
        f"FROM entities n JOIN events e ON e.id = n.event_id{where} "
        "GROUP BY coalesce(n.name, n.entity_text), n.code, n.sector"
    )
    total = int(store.fetchall(f"SELECT count(*) FROM ({base}) t", params)[0][0])
    rows = store.fetchall(
        f"{base} ORDER BY events DESC, name LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    keys = ("name", "code", "sector", "as_actor", "as_recipient", "events")
    return total, [
        {k: (int(v) if k in keys[3:] else v) for k, v in zip(keys, row, strict=True)}
        for row in rows
    ]


def list_places(
    store: Any, filters: Filters, *, limit: int = 500, offset: int = 0
) -> tuple[int, list[dict]]:
    """Places of the selected events with coordinates, counts, and counts per quad class."""
    where, params = _where_sql(filters)
    extra = " AND " if where else " WHERE "
    base = (
        "SELECT e.place_name, e.place_country, e.geonameid, e.lat, e.lon, count(*) AS events, "
        + ", ".join(f"sum(CASE WHEN e.quad_code = {q} THEN 1 ELSE 0 END)" for q in (1, 2, 3, 4))
        + f" FROM events e{where}{extra}e.lat IS NOT NULL AND e.lon IS NOT NULL "
        "GROUP BY e.place_name, e.place_country, e.geonameid, e.lat, e.lon"
    )
    total = int(store.fetchall(f"SELECT count(*) FROM ({base}) t", params)[0][0])
    rows = store.fetchall(
        f"{base} ORDER BY events DESC, e.place_name LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    out = []
    for name, country, gid, lat, lon, n, q1, q2, q3, q4 in rows:
        out.append(
            {"name": name, "country": country, "geonameid": gid, "lat": lat, "lon": lon,
             "events": int(n), "by_quad": {"1": int(q1), "2": int(q2), "3": int(q3), "4": int(q4)}}
        )  # fmt: skip
    return total, out


def list_articles(
    store: Any,
    *,
    q: str | None = None,
    source: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[dict]]:
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
        "SELECT a.id, a.title, a.source, a.url, a.pub_date, a.language, a.n_events, a.reports, "
        f"a.cluster_id FROM articles a{where} ORDER BY a.pub_date DESC NULLS LAST, a.id "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    keys = ("id", "title", "source", "url", "date", "language", "n_events", "reports", "cluster_id")
    return total, [
        {k: _jsonable(v) for k, v in zip(keys, row, strict=True)} for row in rows
    ]


def get_article(store: Any, article_id: str) -> dict | None:
    rows = store.fetchall(
        "SELECT id, title, source, url, pub_date, language, n_events, reports, cluster_id, text "
        "FROM articles WHERE id = ?",
        [article_id],
    )
    if not rows:
        return None
    keys = (
        "id", "title", "source", "url", "date", "language", "n_events", "reports", "cluster_id",
        "text",
    )  # fmt: skip
    article = {k: _jsonable(v) for k, v in zip(keys, rows[0], strict=True)}
    origin = article["cluster_id"] if article["n_events"] is None else article["id"]
    article["events"] = list_events(store, Filters(doc_id=origin), limit=10_000, sort="doc")
    return article


def _period(day: str, interval: str) -> str:
    d = dt.date.fromisoformat(day)
    if interval == "day":
        return day
    if interval == "week":
        return (d - dt.timedelta(days=d.weekday())).isoformat()
    return day[:7]


def timeline(store: Any, filters: Filters, *, interval: str = "month", level: str = "event") -> dict:
    """Counts by period and event type. An event dated less precisely than the interval (a
    month-dated event in a daily timeline) is counted apart in ``coarser``, never placed on a
    day it was not given."""
    if interval not in INTERVALS:
        raise QueryError("interval", f"{interval!r} is not one of {list(INTERVALS)}")
    where, params = _where_sql(filters)
    weight = _weight(level)
    rows = store.fetchall(
        f"SELECT e.date, e.date_precision, e.event, e.quad_code, sum({weight}) "
        f"FROM events e LEFT JOIN articles a ON a.id = e.doc_id{where} "
        "GROUP BY e.date, e.date_precision, e.event, e.quad_code",
        params,
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    quads: dict[str, int | None] = {}
    undated = coarser = 0
    finest = {"day": ("day",), "week": ("day", "week"), "month": ("day", "week", "month")}
    for date, precision, event, quad, n in rows:
        n = int(n)
        quads[event] = quad
        if not date:
            undated += n
            continue
        precision = precision or {10: "day", 7: "month", 4: "year"}.get(len(date), "year")
        if precision not in finest[interval] or len(date) < 7:
            coarser += n
            continue
        day = date if len(date) == 10 else date + "-01"
        counts[(_period(day, interval), event)] += n
    periods = _period_range(sorted({p for p, _ in counts}), interval)
    types = sorted(quads, key=lambda t: (quads[t] or 9, t))
    return {
        "interval": interval,
        "level": level,
        "periods": periods,
        "series": [
            {"event": t, "quad_code": quads[t], "counts": [counts.get((p, t), 0) for p in periods]}
            for t in types
            if any(counts.get((p, t), 0) for p in periods)
        ],
        "undated": undated,
        "coarser": coarser,
    }


def _period_range(periods: list[str], interval: str, cap: int = 400) -> list[str]:
    """The periods from the first to the last with the empty ones filled in (so the timeline's
    axis is continuous), unless that would make more than ``cap`` periods."""
    if len(periods) < 2:
        return periods
    out: list[str] = []
    if interval == "month":
        year, month = int(periods[0][:4]), int(periods[0][5:7])
        while len(out) <= cap:
            label = f"{year:04d}-{month:02d}"
            out.append(label)
            if label >= periods[-1]:
                return out
            year, month = year + (month == 12), month % 12 + 1
        return periods
    step = dt.timedelta(days=7 if interval == "week" else 1)
    day, last = dt.date.fromisoformat(periods[0]), dt.date.fromisoformat(periods[-1])
    while day <= last:
        out.append(day.isoformat())
        if len(out) > cap:
            return periods
        day += step
    return out


def _weight(level: str) -> str:
    if level not in LEVELS:
        raise QueryError("level", f"{level!r} is not one of {list(LEVELS)}")
    # mention level: every telling of the event, in every report of its article
    return "1" if level == "event" else "coalesce(e.mentions, 1) * coalesce(a.reports, 1)"


def by_type(store: Any, filters: Filters, *, level: str = "event") -> list[dict]:
    where, params = _where_sql(filters)
    rows = store.fetchall(
        f"SELECT e.event, e.quad_code, sum({_weight(level)}) AS n "
        f"FROM events e LEFT JOIN articles a ON a.id = e.doc_id{where} "
        "GROUP BY e.event, e.quad_code ORDER BY n DESC, e.event",
        params,
    )
    return [
        {"event": t, "quad_code": q, "quad_class": QUAD_NAMES.get(q), "count": int(n)}
        for t, q, n in rows
    ]


def dyads(
    store: Any, filters: Filters, *, by: str = "country", level: str = "event", limit: int = 200
) -> list[dict]:
    """Actor -> recipient pairs with counts, split into cooperation (quad 1-2) and conflict
    (quad 3-4). ``by``: country code, actor name, or country+sector."""
    if by not in DYAD_BY:
        raise QueryError("by", f"{by!r} is not one of {list(DYAD_BY)}")
    key = {
        "country": ("{t}.code", "{t}.code"),
        "actor": ("coalesce({t}.name, {t}.entity_text)", "{t}.code"),
        "sector": ("coalesce({t}.code, '') || ' ' || coalesce({t}.sector, '')", "{t}.code"),
    }[by]
    src = key[0].format(t="s")
    dst = key[0].format(t="r")
    where, params = _where_sql(filters)
    weight = _weight(level)
    rows = store.fetchall(
        f"SELECT {src} AS source, s.code, {dst} AS target, r.code, "
        f"sum(CASE WHEN e.quad_code IN (1, 2) THEN {weight} ELSE 0 END) AS coop, "
        f"sum(CASE WHEN e.quad_code IN (3, 4) THEN {weight} ELSE 0 END) AS conflict, "
        f"sum({weight}) AS n, count(DISTINCT e.id) AS events "
        "FROM events e LEFT JOIN articles a ON a.id = e.doc_id "
        "JOIN entities s ON s.event_id = e.id AND s.role = 'actor' "
        "JOIN entities r ON r.event_id = e.id AND r.role = 'recipient'"
        + (" AND s.code IS NOT NULL AND r.code IS NOT NULL" if by == "country" else "")
        + f"{where} GROUP BY {src}, s.code, {dst}, r.code ORDER BY n DESC, source, target LIMIT ?",
        [*params, limit],
    )
    out = []
    for source, scode, target, rcode, coop, conflict, n, events in rows:
        if by == "country" and (source is None or target is None):
            continue
        out.append(
            {"source": (source or "").strip() or None, "source_code": scode,
             "target": (target or "").strip() or None, "target_code": rcode,
             "cooperation": int(coop), "conflict": int(conflict), "count": int(n),
             "events": int(events)}
        )  # fmt: skip
    return out


def network(store: Any, filters: Filters, *, limit: int = 150) -> dict:
    """Actor network: nodes are actors (by name), edges the events between them."""
    edges = dyads(store, filters, by="actor", limit=limit)
    nodes: dict[str, dict] = {}
    for edge in edges:
        for side in ("source", "target"):
            name = edge[side]
            if name is None:
                continue
            node = nodes.setdefault(
                name, {"id": name, "code": edge[f"{side}_code"], "events": 0}
            )
            node["events"] += edge["count"]
    edges = [e for e in edges if e["source"] and e["target"] and e["source"] != e["target"]]
    return {"nodes": list(nodes.values()), "edges": edges}


def overview(store: Any) -> dict:
    counts = store.counts()
    rows = store.fetchall(
        "SELECT min(" + _DAY_EXPR + "), max(" + _DAY_EXPR + ") FROM events e WHERE e.date IS NOT NULL"
    )
    first, last = rows[0] if rows else (None, None)
    return {"counts": counts, "first_date": first, "last_date": last}


CSV_COLUMNS = (
    "id", "doc_id", "date", "date_precision", "event", "mode", "cameo", "quad_code",
    "event_scale", "modality", "confidence", "mentions", "actor_name", "actor_code",
    "actor_sector", "recipient_name", "recipient_code", "recipient_sector", "place_name",
    "place_country", "geonameid", "lat", "lon", "trigger", "sentence", "article_title",
    "source", "pub_date",
)  # fmt: skip


def export_rows(store: Any, filters: Filters, *, batch: int = 1000) -> Iterator[dict]:
    """Every selected event as a flat row (for CSV), read from its stored record."""
    where, params = _where_sql(filters)
    offset = 0
    while True:
        rows = store.fetchall(
            "SELECT e.record, e.date_precision, e.place_name, e.place_country, a.title, "
            f"a.source, a.pub_date FROM events e LEFT JOIN articles a ON a.id = e.doc_id{where} "
            f"ORDER BY {SORTS['doc']} LIMIT ? OFFSET ?",
            [*params, batch, offset],
        )
        if not rows:
            return
        for record, precision, place, place_country, title, source, pub_date in rows:
            rec = json.loads(record)
            loc = rec.get("event_loc") or {}
            row = {k: rec.get(k) for k in CSV_COLUMNS if k in rec}
            row.update(
                date_precision=precision, place_name=place, place_country=place_country,
                geonameid=loc.get("geonameid"), lat=loc.get("lat"), lon=loc.get("lon"),
                trigger=" ".join(rec.get("event_text") or []), sentence=rec.get("text"),
                article_title=title, source=source, pub_date=_jsonable(pub_date),
            )  # fmt: skip
            for side in ("actor", "recipient"):
                ents = rec.get(side) or []
                row[f"{side}_name"] = "; ".join(x.get("name") or x["entity_text"] for x in ents)
                row[f"{side}_code"] = "; ".join(x.get("code") or "" for x in ents)
                row[f"{side}_sector"] = "; ".join(x.get("sector") or "" for x in ents)
            yield row
        offset += batch


def export_records(store: Any, filters: Filters, *, batch: int = 500) -> Iterator[str]:
    """Every selected event's full PLOVER JSON record (as stored), page by page."""
    where, params = _where_sql(filters)
    offset = 0
    while True:
        rows = store.fetchall(
            f"SELECT e.record FROM events e{where} ORDER BY {SORTS['doc']} LIMIT ? OFFSET ?",
            [*params, batch, offset],
        )
        if not rows:
            return
        for (record,) in rows:
            yield record
        offset += batch
