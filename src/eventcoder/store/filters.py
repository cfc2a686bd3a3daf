"""The one filter vocabulary: which events a query, an export or an API call is about.

``VOCABULARY`` names every filter once; the command line (``eventcoder query``/``export``:
``--type``, ``--date-from``...) and the REST API (``?type=...&date_from=...``) are both built
from it, and ``Filters.from_params`` validates what either face was given. Every value reaches
SQL as a bound parameter (``Filters.where``), never as SQL text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..ontology import PLOVER_TYPES
from ..records import MODALITIES

ROLES = ("any", "actor", "recipient")
HISTORICAL = ("include", "exclude", "only")
#: What a row stands for (``level``): each coded event, each telling of it, each article that
#: reports it, or each event cluster once (its representative; docs/clusters.md).
LEVELS = ("event", "mention", "report", "cluster")
#: An event that is in an event cluster but is not its representative (another telling).
NOT_REPRESENTATIVE_SQL = (
    "EXISTS (SELECT 1 FROM event_clusters lc JOIN clusters lk ON lk.id = lc.cluster_id "
    "WHERE lc.event_id = e.id AND lk.representative <> e.id)"
)
SECTOR_RE = re.compile(r"^[A-Z]{2,4}$")
CODE_RE = re.compile(r"^[A-Z]{3}$")

#: An event's date as a full ISO day, so 'YYYY' and 'YYYY-MM' compare by their first day.
DAY_EXPR = (
    "(CASE WHEN length(e.date) = 4 THEN e.date || '-01-01' "
    "WHEN length(e.date) = 7 THEN e.date || '-01' ELSE e.date END)"
)

#: Days an event may lie before its article's publication and still be news (the coder's
#: own threshold for marking an asserted event ``historical``, ``dates.HISTORICAL_AFTER_DAYS``).
HISTORICAL_DAYS = 365

#: An event is historical when the coder marked it so (modality ``historical``), or when the
#: last day its date can mean (a year: 31 December; a month: its last day) lies more than
#: ``HISTORICAL_DAYS`` before its article's publication date, whatever its modality ("plans
#: announced in 1984 ..."). Compared as ISO text, which orders like the dates.
HISTORICAL_SQL = (
    "(coalesce(e.modality, '') = 'historical' OR EXISTS (SELECT 1 FROM articles ha "
    "WHERE ha.id = e.doc_id AND ha.pub_date IS NOT NULL AND e.date IS NOT NULL AND "
    "(CASE WHEN length(e.date) = 4 THEN e.date || '-12-31' "
    "WHEN length(e.date) = 7 THEN e.date || '-31' ELSE e.date END) "
    f"< CAST(ha.pub_date - {HISTORICAL_DAYS} AS TEXT)))"
)


class FilterError(ValueError):
    """A parameter that cannot be used; the message says which and why (a 400, an exit 2)."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


@dataclass(frozen=True)
class FilterParam:
    """One filter of the vocabulary, as both faces spell it.

    ``name`` is the API's query parameter and ``from_params``' keyword; the command line
    spells it ``--name-with-dashes`` and also accepts ``aliases`` (older spellings).
    ``multiple``: several values, comma-separated (API) or the option repeated (CLI)."""

    name: str
    help: str
    max_length: int = 200
    multiple: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


#: The vocabulary as a table: name | most characters | "many" (several values) | other CLI
#: spellings (older ones, a short flag) | what it selects. Read into ``VOCABULARY``; docs/batch-and-web.md lists it.
_TABLE = """
type              | 300 | many | -t      | PLOVER event type(s), e.g. ASSAULT,PROTEST
mode              |  50 |      |         | PLOVER mode, e.g. demo
modality          | 200 | many |         | Modality(ies): asserted, called-for, ...
quad              |  20 | many |         | Quad class(es) 1-4
actor             | 200 |      |         | Actor or recipient name contains this
country           |  10 |      |         | Actor or recipient country code, e.g. IRQ (see role)
sector            |  10 |      |         | Actor or recipient sector, e.g. GOV, MIL (see role)
role              |  10 |      |         | Where actor/country/sector apply: any, actor, recipient
level             |  10 |      |         | Rows: event (default), mention, report, or cluster (each event cluster once)
actor_country     | 100 | many |         | Country code(s) of an actor, e.g. IRQ
recipient_country | 100 | many |         | Country code(s) of a recipient
place             | 200 |      |         | Place name contains this, or the place's country code is it
place_country     |  10 |      |         | Country code of the event's place
bbox              | 100 |      |         | Event place within min_lon,min_lat,max_lon,max_lat
date_from         |  10 |      | --since | First day (YYYY-MM-DD, YYYY-MM or YYYY)
date_to           |  10 |      | --until | Last day (a month or year: its last day)
q                 | 200 |      |         | Text search in the sentence and trigger
source            | 200 |      |         | Source name contains this
doc_id            | 300 |      |         | Article id
historical        |  10 |      |         | Historical mentions: include (default), exclude or only
"""


def _vocabulary(table: str) -> tuple[FilterParam, ...]:
    out = []
    for line in table.strip().splitlines():
        name, size, many, aliases, text = (cell.strip() for cell in line.split("|"))
        out.append(FilterParam(name, text, int(size), many == "many", tuple(aliases.split())))
    return tuple(out)


#: Every filter, in the order the faces list them.
VOCABULARY: tuple[FilterParam, ...] = _vocabulary(_TABLE)


def split(value: str | list[str] | None) -> list[str]:
    """Comma-separated values, or a list of them (a repeated CLI option), trimmed."""
    if not value:
        return []
    items = [value] if isinstance(value, str) else value
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def parse_day(value: str | None, param: str) -> str | None:
    """An ISO date (YYYY-MM-DD, YYYY-MM or YYYY) -> its first day (``..._to``: its last)."""
    if value is None or value == "":
        return None
    value = value.strip()
    last = param.endswith("to")
    try:
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 12 if last else 1, 31 if last else 1).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = int(value[:4]), int(value[5:])
            first = dt.date(year, month, 1)
            if last:
                nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
                return (nxt - dt.timedelta(days=1)).isoformat()
            return first.isoformat()
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise FilterError(param, f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` in degrees (min_lon > max_lon crosses the antimeridian)."""
    if not value:
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise FilterError("bbox", "expected four numbers: min_lon,min_lat,max_lon,max_lat")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise FilterError("bbox", f"{value!r} has a part that is not a number") from None
    if not all(abs(x) <= 180 for x in (west, east)) or not all(
        abs(y) <= 90 for y in (south, north)
    ):
        raise FilterError("bbox", "longitudes must lie in [-180, 180] and latitudes in [-90, 90]")
    if south > north:
        raise FilterError("bbox", "min_lat is greater than max_lat")
    return west, south, east, north


def _text(value: str | None, lower: bool = True) -> str | None:
    if not value or not value.strip():
        return None
    return value.strip().lower() if lower else value.strip()


def _code(value: str | None, param: str, pattern: re.Pattern[str], example: str) -> str | None:
    code = value.strip().upper() if value and value.strip() else None
    if code and not pattern.match(code):
        raise FilterError(param, f"{value!r} is not {example}")
    return code


def _codes(values: str | list[str] | None, param: str) -> list[str]:
    return [
        c
        for v in split(values)
        if (c := _code(v, param, CODE_RE, "a three-letter code")) is not None
    ]


@dataclass
class Filters:
    """Which events: an empty field matches all. Build with :meth:`from_params`."""

    types: list[str] = field(default_factory=list)
    mode: str | None = None
    modalities: list[str] = field(default_factory=list)
    quad: list[int] = field(default_factory=list)
    actor: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str = "any"
    level: str = "event"
    actor_country: list[str] = field(default_factory=list)
    recipient_country: list[str] = field(default_factory=list)
    place: str | None = None
    place_country: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    date_from: str | None = None
    date_to: str | None = None
    q: str | None = None
    source: str | None = None
    doc_id: str | None = None
    historical: str = "include"

    @classmethod
    def from_params(cls, **params: Any) -> Filters:
        """Validate the values of ``VOCABULARY`` names (strings; lists for ``multiple`` ones
        too); raises ``FilterError`` naming the first bad one."""
        unknown = set(params) - {p.name for p in VOCABULARY}
        if unknown:
            raise FilterError(sorted(unknown)[0], "is not a filter")
        get = params.get
        types = [t.upper() for t in split(get("type"))]
        bad = [t for t in types if t not in PLOVER_TYPES]
        if bad:
            raise FilterError("type", f"unknown event type(s) {bad}; known: {list(PLOVER_TYPES)}")
        modalities = [m.lower() for m in split(get("modality"))]
        bad = [m for m in modalities if m not in MODALITIES]
        if bad:
            raise FilterError("modality", f"unknown modality {bad}; known: {list(MODALITIES)}")
        quads: list[int] = []
        for part in split(get("quad")):
            if part not in {"1", "2", "3", "4"}:
                raise FilterError("quad", f"{part!r} is not a quad class (1, 2, 3 or 4)")
            quads.append(int(part))
        level = (get("level") or "event").strip().lower()
        if level not in LEVELS:
            raise FilterError("level", f"{level!r} is not one of {list(LEVELS)}")

        role = (get("role") or "any").strip().lower()
        if role not in ROLES:
            raise FilterError("role", f"{role!r} is not one of {list(ROLES)}")
        historical = (get("historical") or "include").strip().lower()
        if historical not in HISTORICAL:
            raise FilterError("historical", f"{historical!r} is not one of {list(HISTORICAL)}")
        start = parse_day(get("date_from"), "date_from")
        end = parse_day(get("date_to"), "date_to")
        if start and end and start > end:
            raise FilterError("date_from", f"{start} is after date_to {end}")
        return cls(
            types=types,
            mode=_text(get("mode")),
            modalities=modalities,
            quad=quads,
            actor=_text(get("actor")),
            country=_code(get("country"), "country", CODE_RE, "a three-letter code (IRQ, USA)"),
            sector=_code(get("sector"), "sector", SECTOR_RE, "a sector code (GOV, MIL, CVL)"),
            role=role,
            level=level,
            actor_country=_codes(get("actor_country"), "actor_country"),
            recipient_country=_codes(get("recipient_country"), "recipient_country"),
            place=_text(get("place")),
            place_country=_code(get("place_country"), "place_country", CODE_RE, "a country code"),
            bbox=parse_bbox(get("bbox")),
            date_from=start,
            date_to=end,
            q=_text(get("q")),
            source=_text(get("source")),
            doc_id=_text(get("doc_id"), lower=False),
            historical=historical,
        )

    def where(self) -> tuple[str, list[Any]]:
        """A condition on ``events e`` (no keyword; "" for all) and its bound parameters."""
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            clauses.append(sql)
            params.extend(values)

        def any_of(column: str, values: list[Any]) -> None:
            if values:
                add(f"{column} IN ({', '.join('?' for _ in values)})", *values)

        if self.level == "cluster":  # each cluster once: its representative (or a lone event)
            add(f"NOT {NOT_REPRESENTATIVE_SQL}")
        any_of("e.event", self.types)
        if self.mode:
            add("lower(e.mode) = ?", self.mode)
        any_of("e.modality", self.modalities)
        any_of("e.quad_code", self.quad)
        self._entity_clause(add)
        for role, codes in (("actor", self.actor_country), ("recipient", self.recipient_country)):
            if codes:
                marks = ", ".join("?" for _ in codes)
                add(
                    "EXISTS (SELECT 1 FROM entities x WHERE x.event_id = e.id AND x.role = ? "
                    f"AND x.code IN ({marks}))",
                    role, *codes,
                )  # fmt: skip
        if self.place:
            add(
                "(strpos(lower(coalesce(e.place_name, '')), ?) > 0 OR e.place_country = ?)",
                self.place, self.place.upper(),
            )  # fmt: skip
        if self.place_country:
            add("e.place_country = ?", self.place_country)
        if self.bbox:
            west, south, east, north = self.bbox
            add("e.lat IS NOT NULL AND e.lat >= ? AND e.lat <= ?", south, north)
            if west <= east:
                add("e.lon >= ? AND e.lon <= ?", west, east)
            else:  # the box crosses the antimeridian
                add("(e.lon >= ? OR e.lon <= ?)", west, east)
        if self.date_from:
            add(f"e.date IS NOT NULL AND {DAY_EXPR} >= ?", self.date_from)
        if self.date_to:
            add(f"e.date IS NOT NULL AND {DAY_EXPR} <= ?", self.date_to)
        if self.q:
            add(
                "(strpos(lower(coalesce(e.sentence, '')), ?) > 0 "
                "OR strpos(lower(coalesce(e.trigger, '')), ?) > 0)",
                self.q, self.q,
            )  # fmt: skip
        if self.source:
            add(
                "EXISTS (SELECT 1 FROM articles sa WHERE sa.id = e.doc_id "
                "AND strpos(lower(coalesce(sa.source, '')), ?) > 0)",
                self.source,
            )
        if self.doc_id:
            add("e.doc_id = ?", self.doc_id)
        if self.historical == "exclude":
            add(f"NOT {HISTORICAL_SQL}")
        elif self.historical == "only":
            add(HISTORICAL_SQL)
        return " AND ".join(clauses), params

    def _entity_clause(self, add: Any) -> None:
        """Name, country and sector of one actor or recipient (``role``), all on the same one."""
        entity: list[str] = []
        values: list[Any] = []
        if self.actor:
            entity.append(
                "(strpos(lower(coalesce(n.name, '')), ?) > 0 "
                "OR strpos(lower(coalesce(n.entity_text, '')), ?) > 0)"
            )
            values += [self.actor, self.actor]
        if self.country:
            entity.append("n.code = ?")
            values.append(self.country)
        if self.sector:
            entity.append("n.sector = ?")
            values.append(self.sector)
        if not entity:
            return
        if self.role != "any":
            entity.append("n.role = ?")
            values.append(self.role)
        add(
            "EXISTS (SELECT 1 FROM entities n WHERE n.event_id = e.id AND "
            + " AND ".join(entity)
            + ")",
            *values,
        )

    def sql(self) -> tuple[str, list[Any]]:
        """``" WHERE ..."`` (or "") and the parameters, to append to ``FROM events e ...``."""
        cond, params = self.where()
        return (f" WHERE {cond}" if cond else ""), params
