"""Common questions asked of an event store, as parameterised SQL on both backends.

``events(store, Filters(...))`` lists events; ``counts(store, by, Filters(...))`` counts them by
month, day, year, type, quad class, actor or recipient country, dyad (actor country ->
recipient country), place or source. Every value is bound as a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from . import Store


@dataclass
class Filters:
    """Which events: every field left None matches all."""

    event: list[str] | None = None  # PLOVER types (PROTEST, ASSAULT...)
    actor_country: list[str] | None = None  # ISO alpha-3 (or IGO, UNO...)
    recipient_country: list[str] | None = None
    since: str | None = None  # event date >= (YYYY, YYYY-MM or YYYY-MM-DD)
    until: str | None = None  # event date <= (a month or year includes all of it)
    place: str | None = None  # place name (case-insensitive, substring) or country code
    modality: list[str] | None = None
    source: str | None = None
    doc_id: str | None = None


def _upper(values: list[str] | None) -> list[str] | None:
    return [v.strip().upper() for v in values if v.strip()] if values else None


def where(f: Filters) -> tuple[str, list[Any]]:
    """SQL condition on ``events e`` (joined to ``articles a``) and its parameters."""
    parts: list[str] = []
    params: list[Any] = []

    def any_of(column: str, values: list[str]) -> None:
        parts.append(f"{column} IN ({', '.join('?' for _ in values)})")
        params.extend(values)

    if types := _upper(f.event):
        any_of("e.event", types)
    for role, codes in (("actor", f.actor_country), ("recipient", f.recipient_country)):
        if codes := _upper(codes):
            marks = ", ".join("?" for _ in codes)
            parts.append(
                "EXISTS (SELECT 1 FROM entities x WHERE x.event_id = e.id AND x.role = ? "
                f"AND x.code IN ({marks}))"
            )
            params.extend([role, *codes])
    if f.since:
        parts.append("e.date >= ?")
        params.append(f.since)
    if f.until:
        parts.append("e.date <= ?")
        # "2020-01" includes 2020-01-31; "2020" includes all of 2020
        params.append(f.until + ("-99" if len(f.until) < 10 else ""))
    if f.place:
        parts.append("(lower(e.place_name) LIKE ? OR upper(e.place_country) = ?)")
        params.extend([f"%{f.place.lower()}%", f.place.upper()])
    if f.modality:
        any_of("e.modality", [m.strip().lower() for m in f.modality])
    if f.source:
        parts.append("lower(a.source) LIKE ?")
        params.append(f"%{f.source.lower()}%")
    if f.doc_id:
        parts.append("e.doc_id = ?")
        params.append(f.doc_id)
    return " AND ".join(parts), params


#: Columns of ``events()`` rows.
EVENT_COLUMNS = (
    "id",
    "date",
    "event",
    "mode",
    "cameo",
    "quad_code",
    "modality",
    "actor",
    "actor_country",
    "recipient",
    "recipient_country",
    "place",
    "place_country",
    "trigger",
    "doc_id",
    "source",
    "reports",
    "sentence",
)


def _members(store: Store, role: str) -> str:
    """A correlated sub-query: the role's names (or codes) joined with '; '."""
    agg = "string_agg(coalesce(x.name, x.entity_text), '; ' ORDER BY x.position)"
    return f"(SELECT {agg} FROM entities x WHERE x.event_id = e.id AND x.role = '{role}')"


def _codes(role: str) -> str:
    """The role's distinct country (or IGO...) codes, sorted, joined with '; '."""
    agg = "string_agg(DISTINCT x.code, '; ' ORDER BY x.code)"
    return (
        f"(SELECT {agg} FROM entities x WHERE x.event_id = e.id AND x.role = '{role}' "
        "AND x.code IS NOT NULL)"
    )


def events(
    store: Store, filters: Filters | None = None, limit: int | None = None
) -> tuple[list[str], list[tuple]]:
    """Matching events, one row each, in date order."""
    cond, params = where(filters or Filters())
    sql = (
        "SELECT e.id, e.date, e.event, e.mode, e.cameo, e.quad_code, e.modality, "
        f"{_members(store, 'actor')}, {_codes('actor')}, "
        f"{_members(store, 'recipient')}, {_codes('recipient')}, "
        "e.place_name, e.place_country, e.trigger, e.doc_id, a.source, a.reports, e.sentence "
        "FROM events e LEFT JOIN articles a ON a.id = e.doc_id "
        + (f"WHERE {cond} " if cond else "")
        + "ORDER BY e.date NULLS LAST, e.doc_id, e.sentence_start, e.id"
        + (" LIMIT ?" if limit else "")
    )
    if limit:
        params.append(int(limit))
    _, rows = store.columns(sql, params)
    return list(EVENT_COLUMNS), rows


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
    cond, params = where(filters or Filters())
    keys = ", ".join(f"k{i}" for i in range(len(exprs)))
    inner = (
        "SELECT "
        + ", ".join(f"{x} AS k{i}" for i, x in enumerate(exprs))
        + ", coalesce(a.reports, 1) AS r FROM events e LEFT JOIN articles a ON a.id = e.doc_id "
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
    return [*names, "events", "reports"], [tuple(_plain(v) for v in row) for row in rows]


def _plain(value: Any) -> Any:
    """Decimal sums (PostgreSQL) as ints, so both backends print the same."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def errors(store: Store, limit: int | None = None) -> tuple[list[str], list[tuple]]:
    """The ingest log: records skipped or failed, and warnings."""
    sql = (
        "SELECT kind, source, record, error, logged_at FROM ingest_errors "
        "ORDER BY logged_at, source, record" + (" LIMIT ?" if limit else "")
    )
    cols, rows = store.columns(sql, [int(limit)] if limit else [])
    return cols, rows


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
