"""Aggregates of the selected events: counts by period, type, dyad, place or source; the
actors and places they involve (the actor network: :mod:`.network`). What ``eventcoder query counts`` and the
API's ``/api/aggregates/*``, ``/api/actors``, ``/api/places`` and ``/api/network`` answer.

Fixed SQL with bound parameters only, on both backends (see :mod:`.reads`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .filters import LEVELS, NOT_REPRESENTATIVE_SQL, FilterError, Filters
from .network import function_words, named_sql, network, node_sql
from .reads import QUAD_NAMES

if TYPE_CHECKING:  # pragma: no cover
    from . import Store

__all__ = ["function_words", "network"]  # the actor network lives in .network

INTERVALS = ("day", "week", "month")
DYAD_BY = ("country", "actor", "sector")


def _codes(role: str) -> str:
    """The role's distinct country (or IGO...) codes, sorted, joined with '; '."""
    agg = "string_agg(DISTINCT x.code, '; ' ORDER BY x.code)"
    return (
        f"(SELECT {agg} FROM entities x WHERE x.event_id = e.id AND x.role = '{role}' "
        "AND x.code IS NOT NULL)"
    )


#: What ``counts`` can group by: name -> (SQL expressions, column names).
GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "month": (("substr(e.date, 1, 7)",), ("month",)),
    "day": (("e.date",), ("day",)),
    "year": (("substr(e.date, 1, 4)",), ("year",)),
    "type": (("e.event",), ("event",)),
    "quad": (("e.quad_code",), ("quad_code",)),
    "actor-country": ((_codes("actor"),), ("actor_country",)),
    "recipient-country": ((_codes("recipient"),), ("recipient_country",)),
    "dyad": ((_codes("actor"), _codes("recipient")), ("actor_country", "recipient_country")),
    "place": (("e.place_name", "e.place_country"), ("place", "place_country")),
    "source": (("a.source",), ("source",)),
    "modality": (("e.modality",), ("modality",)),
}


def counts(
    store: Store,
    by: list[str],
    filters: Filters | None = None,
    limit: int | None = None,
) -> tuple[list[str], list[tuple]]:
    """Event counts grouped by ``by`` (names from ``GROUPS``), with the reports behind them.

    ``events`` counts coded events; ``reports`` sums the articles telling them (each
    duplicate copy of an article counts once more), so a story carried by many outlets
    weighs more there.
    """
    unknown = [b for b in by if b not in GROUPS]
    if unknown or not by:
        raise ValueError(
            f"cannot count by {', '.join(unknown) or 'nothing'}; choose from: {', '.join(GROUPS)}"
        )
    exprs: list[str] = []
    names: list[str] = []
    for b in by:
        exprs.extend(GROUPS[b][0])
        names.extend(GROUPS[b][1])
    filters = filters or Filters()
    cond, params = filters.where()
    keys = ", ".join(f"k{i}" for i in range(len(exprs)))
    reports = "coalesce(a.reports, 1)"
    if filters.level == "cluster":  # a cluster's reports: every article telling it
        reports = f"coalesce({_CLUSTER_ARTICLES}, {reports})"
    inner = (
        "SELECT "
        + ", ".join(f"{x} AS k{i}" for i, x in enumerate(exprs))
        + f", {reports} AS r FROM events e LEFT JOIN articles a ON a.id = e.doc_id "
        + (f"WHERE {cond}" if cond else "")
    )
    sql = (
        f"SELECT {keys}, count(*) AS events, sum(r) AS reports FROM ({inner}) t "
        f"GROUP BY {keys} ORDER BY "
        + (f"{keys}" if by[0] in ("month", "day", "year") else f"events DESC, {keys}")
        + (" LIMIT ?" if limit else "")
    )
    if limit:
        params.append(int(limit))
    _, rows = store.columns(sql, params)
    counted = "clusters" if filters.level == "cluster" else "events"
    return [*names, counted, "reports"], [tuple(_plain(v) for v in row) for row in rows]


def _plain(value: Any) -> Any:
    """Decimal sums (PostgreSQL) as ints, so both backends print the same."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def list_actors(
    store: Store, filters: Filters, *, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict]]:
    """Actors and recipients of the selected events, by the label a user can name (the
    network's rule, ``network.node_sql``): a named actor (``kind`` named), else its country
    and sector ("IND COP", ``kind`` group); with how often each plays each role. Pronouns and
    common nouns with no country are no row (``unnamed_actors`` counts them)."""
    where, params = filters.sql()
    words = store.function_words
    label = node_sql("n", words)
    kind = f"CASE WHEN {named_sql('n', words)} THEN 'named' ELSE 'group' END"
    base = (
        "SELECT label, kind, code, sector, "
        "sum(CASE WHEN role = 'actor' THEN 1 ELSE 0 END) AS as_actor, "
        "sum(CASE WHEN role = 'recipient' THEN 1 ELSE 0 END) AS as_recipient, "
        "count(DISTINCT event_id) AS events "
        f"FROM (SELECT {label} AS label, {kind} AS kind, n.code, n.sector, n.role, n.event_id "
        f"FROM entities n JOIN events e ON e.id = n.event_id{where}) t "
        "WHERE label IS NOT NULL GROUP BY label, kind, code, sector"
    )
    total = int(store.fetchall(f"SELECT count(*) FROM ({base}) t", params)[0][0])
    rows = store.fetchall(
        f"{base} ORDER BY events DESC, label, code, sector LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    keys = ("name", "kind", "code", "sector", "as_actor", "as_recipient", "events")
    return total, [
        {k: (int(v) if k in keys[4:] else v) for k, v in zip(keys, row, strict=True)}
        for row in rows
    ]


def unnamed_actors(store: Store, filters: Filters) -> int:
    """Actors and recipients of the selected events that no one can name (``list_actors``
    leaves them out): a pronoun, or a common noun with no country."""
    where, params = filters.sql()
    extra = " AND " if where else " WHERE "
    sql = (
        f"SELECT count(*) FROM entities n JOIN events e ON e.id = n.event_id{where}"
        f"{extra}({node_sql('n', store.function_words)}) IS NULL"
    )
    return int(store.fetchall(sql, params)[0][0])


def list_places(
    store: Store, filters: Filters, *, limit: int = 500, offset: int = 0
) -> tuple[int, list[dict]]:
    """Places of the selected events with coordinates, counts, and counts per quad class."""
    where, params = filters.sql()
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


def _period(day: str, interval: str) -> str:
    d = dt.date.fromisoformat(day)
    if interval == "day":
        return day
    if interval == "week":
        return (d - dt.timedelta(days=d.weekday())).isoformat()
    return day[:7]


SPANS = ("bulk", "all")


def timeline(
    store: Store,
    filters: Filters,
    *,
    interval: str = "month",
    level: str = "event",
    span: str = "bulk",
) -> dict:
    """Counts by period and event type. An event dated less precisely than the interval (a
    month-dated event in a daily timeline) is counted apart in ``coarser``, never placed on a
    day it was not given. ``span`` "bulk": the axis covers the bulk of the dated events (see
    ``bulk_range``) and those outside it are counted in ``before`` and ``after``; "all": every
    dated event is drawn."""
    if interval not in INTERVALS:
        raise FilterError("interval", f"{interval!r} is not one of {list(INTERVALS)}")
    if span not in SPANS:
        raise FilterError("span", f"{span!r} is not one of {list(SPANS)}")
    where, params = filters.sql()
    weight = _weight(level)
    rows = store.fetchall(
        f"SELECT e.date, e.date_precision, e.event, e.quad_code, sum({weight}) "
        f"FROM events e LEFT JOIN articles a ON a.id = e.doc_id{where} "
        "GROUP BY e.date, e.date_precision, e.event, e.quad_code",
        params,
    )
    by_day: dict[tuple[str, str], int] = defaultdict(int)
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
        by_day[(date if len(date) == 10 else date + "-01", event)] += n
    days: dict[str, int] = defaultdict(int)
    for (day, _), n in by_day.items():
        days[day] += n
    first, last = (min(days), max(days)) if days else (None, None)
    low, high = bulk_range(days, interval) if span == "bulk" and days else (first, last)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    before = after = 0
    for (day, event), n in by_day.items():
        if low is not None and day < low:
            before += n
        elif high is not None and day > high:
            after += n
        else:
            counts[(_period(day, interval), event)] += n
    periods = _period_range(sorted({p for p, _ in counts}), interval)
    types = sorted(quads, key=lambda t: (quads[t] or 9, t))
    return {
        "interval": interval,
        "level": level,
        "span": span,
        "periods": periods,
        "series": [
            {"event": t, "quad_code": quads[t], "counts": [counts.get((p, t), 0) for p in periods]}
            for t in types
            if any(counts.get((p, t), 0) for p in periods)
        ],
        "undated": undated,
        "coarser": coarser,
        "before": before,
        "after": after,
        "first_date": first,
        "last_date": last,
    }


#: Days of one period: the least spread ``bulk_range`` assumes.
_PERIOD_DAYS = {"day": 1, "week": 7, "month": 31}


def _quantile(ordered: list[tuple[str, int]], total: int, q: float) -> dt.date:
    """The ``q`` quantile of weighted days (nearest rank)."""
    rank, seen = max(1, math.ceil(q * total)), 0
    for day, n in ordered:
        seen += n
        if seen >= rank:
            return dt.date.fromisoformat(day)
    return dt.date.fromisoformat(ordered[-1][0])


def bulk_range(days: dict[str, int], interval: str) -> tuple[str, str]:
    """First and last day of the bulk of the data: the days within three interquartile ranges
    of the middle half of the (weighted) event days (Tukey's far-out fences; the range at
    least one period): the first and last event day inside them. A spread-out corpus loses
    nothing; a few events years before the rest (historical mentions) do not stretch the
    axis, however many percent of the data they are."""
    ordered = sorted(days.items())
    total = sum(n for _, n in ordered)
    q1, q3 = _quantile(ordered, total, 0.25), _quantile(ordered, total, 0.75)
    reach = dt.timedelta(days=3 * max(_PERIOD_DAYS[interval], (q3 - q1).days))
    low, high = (q1 - reach).isoformat(), (q3 + reach).isoformat()
    inside = [day for day, _ in ordered if low <= day <= high]
    return inside[0], inside[-1]


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


#: The articles telling the cluster of event ``e`` (NULL for an event not clustered yet).
_CLUSTER_ARTICLES = (
    "(SELECT lk.n_articles FROM event_clusters lc JOIN clusters lk ON lk.id = lc.cluster_id "
    "WHERE lc.event_id = e.id)"
)


def _weight(level: str) -> str:
    if level not in LEVELS:
        raise FilterError("level", f"{level!r} is not one of {list(LEVELS)}")
    if level == "report":  # every article that tells the event (its duplicates too)
        return "coalesce(a.reports, 1)"
    if level == "cluster":  # each event cluster once: its representative (or a lone event)
        return f"(CASE WHEN {NOT_REPRESENTATIVE_SQL} THEN 0 ELSE 1 END)"
    # mention level: every telling of the event, in every report of its article
    return "1" if level == "event" else "coalesce(e.mentions, 1) * coalesce(a.reports, 1)"


def by_type(store: Store, filters: Filters, *, level: str = "event") -> list[dict]:
    where, params = filters.sql()
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
    store: Store, filters: Filters, *, by: str = "country", level: str = "event", limit: int = 200
) -> list[dict]:
    """Actor -> recipient pairs with counts, split into cooperation (quad 1-2) and conflict
    (quad 3-4). ``by``: country code, actor (the label a user can name, as the network's
    nodes: a named actor, else its country and sector; a pronoun or a common noun with no
    country makes no pair), or country+sector."""
    if by not in DYAD_BY:
        raise FilterError("by", f"{by!r} is not one of {list(DYAD_BY)}")
    label = {
        "country": lambda t: f"{t}.code",
        "actor": lambda t: node_sql(t, store.function_words),
        "sector": lambda t: f"coalesce({t}.code, '') || ' ' || coalesce({t}.sector, '')",
    }[by]
    src, dst = label("s"), label("r")
    where, params = filters.sql()
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
        + (f" AND ({src}) IS NOT NULL AND ({dst}) IS NOT NULL" if by == "actor" else "")
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
