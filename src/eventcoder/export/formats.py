"""The export formats: one record or row per event for each, whichever face asks
(``eventcoder export`` and ``/api/export`` write the same bytes).

- ``plover-jsonl``: one event per line, the record as the coder made it (PLOVER field names
  plus eventcoder's documented extensions), with PLOVER's ``cite_info`` object (url, title,
  language, publication, coder), ``coder``, ``coded_date``, and two extensions:
  ``publication_date`` and ``reports`` (how many stored articles tell the story).
- ``polecat-tsv``: the 40 columns of POLECAT's weekly files, in their order and with their
  names, so R/pandas scripts written for POLECAT read it unchanged; eventcoder's extra
  columns follow them (see ``docs/schema.md`` for each column's source).
- ``csv`` and ``parquet``: the same rows, columns in snake_case; Parquet with typed columns
  (dates, floats, integers).

Multi-valued cells (several actors, sectors, contexts) are joined with ``;``, as POLECAT does.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from enum import StrEnum
from typing import Any

from .. import __version__


class ExportFormat(StrEnum):
    plover_jsonl = "plover-jsonl"
    polecat_tsv = "polecat-tsv"
    csv = "csv"
    parquet = "parquet"


TEXT_FORMATS = frozenset({ExportFormat.plover_jsonl, ExportFormat.polecat_tsv, ExportFormat.csv})

#: POLECAT's columns, in its order.
POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Intensity",
    "Quad Code",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Actor COW",
    "Primary Actor Sector",
    "Actor Sectors",
    "Actor Title",
    "Actor Name Raw",
    "Wikipedia Actor ID",
    "Recipient Name",
    "Recipient Country",
    "Recipient COW",
    "Primary Recipient Sector",
    "Recipient Sectors",
    "Recipient Title",
    "Recipient Name Raw",
    "Wikipedia Recipient ID",
    "Placename",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Feature Type",
    "Source",
    "Publication Date",
    "Story People",
    "Story Organizations",
    "Story Locations",
    "Language",
    "Version",
)

#: eventcoder's columns after POLECAT's.
EXTRA_COLUMNS: tuple[str, ...] = (
    "Event Date Value",
    "Date Precision",
    "CAMEO",
    "Modality",
    "Confidence",
    "Mentions",
    "Reports",
    "Doc ID",
    "URL",
    "Title",
    "Trigger",
    "Sentence",
    "Sentence Start",
    "Sentence End",
)

COLUMNS: tuple[str, ...] = POLECAT_COLUMNS + EXTRA_COLUMNS


def snake(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


#: Parquet types of the columns that are not strings.
TYPED: dict[str, str] = {
    "Event Date": "date",
    "Publication Date": "date",
    "Intensity": "float",
    "Quad Code": "int",
    "Latitude": "float",
    "Longitude": "float",
    "GeoNames ID": "int",
    "Confidence": "float",
    "Mentions": "int",
    "Reports": "int",
    "Sentence Start": "int",
    "Sentence End": "int",
}


def _join(values: Any) -> str | None:
    items = [str(v) for v in values if v not in (None, "")]
    return ";".join(items) if items else None


def _sectors(members: list[dict]) -> str | None:
    out: list[str] = []
    for m in members:
        for s in [m.get("sector"), *(m.get("other_sectors") or [])]:
            if s and s not in out:
                out.append(s)
    return _join(out)


def _day(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):  # a datetime too: its day
        return value.isoformat()[:10]
    return str(value)[:10] or None


def _members(role: str, members: list[dict]) -> dict[str, Any]:
    """POLECAT's seven columns of one role ("Actor" or "Recipient")."""
    return {
        f"{role} Name": _join(m.get("name") or m.get("entity_text") for m in members),
        f"{role} Country": _join(m.get("code") for m in members),
        f"Primary {role} Sector": members[0].get("sector") if members else None,
        f"{role} Sectors": _sectors(members),
        f"{role} Title": _join(m.get("office") for m in members),
        f"{role} Name Raw": _join(m.get("entity_text") for m in members),
        f"Wikipedia {role} ID": _join(m.get("identifier_id") for m in members),
    }


def polecat_row(record: dict, article: dict) -> dict[str, Any]:
    """One event as a row of ``COLUMNS`` (POLECAT's, then eventcoder's)."""
    info = record.get("date_info") or {}
    precision = info.get("precision")
    loc = record.get("event_loc") or {}
    row: dict[str, Any] = {c: None for c in COLUMNS}
    row.update(
        {
            "Event ID": record["id"],
            # a full date only when the event is dated to the day (or week): never invented
            "Event Date": record.get("date") if precision in ("day", "week") else None,
            "Event Type": record.get("event"),
            "Event Mode": record.get("mode"),
            "Intensity": record.get("event_scale"),
            "Quad Code": record.get("quad_code"),
            "Contexts": _join(record.get("context") or []),
            **_members("Actor", record.get("actor") or []),
            **_members("Recipient", record.get("recipient") or []),
            "Placename": loc.get("resolved_place") or loc.get("extracted_place"),
            "City": loc.get("resolved_place") if loc.get("feature_class") == "P" else None,
            "Province": loc.get("province"),
            "Country": loc.get("country_code"),
            "Latitude": loc.get("lat"),
            "Longitude": loc.get("lon"),
            "GeoNames ID": loc.get("geonameid"),
            "Raw Placename": loc.get("extracted_place"),
            "Feature Type": loc.get("feature_code"),
            "Source": article.get("source"),
            "Publication Date": _day(article.get("pub_date")),
            "Language": article.get("language"),
            "Version": f"eventcoder {__version__}",
            "Event Date Value": record.get("date"),
            "Date Precision": precision,
            "CAMEO": record.get("cameo"),
            "Modality": record.get("modality"),
            "Confidence": record.get("confidence"),
            "Mentions": record.get("mentions"),
            "Reports": article.get("reports"),
            "Doc ID": record.get("doc_id"),
            "URL": article.get("url"),
            "Title": article.get("title"),
            "Trigger": " ".join(record.get("event_text") or []) or None,
            "Sentence": record.get("text"),
            "Sentence Start": record.get("sentence_start"),
            "Sentence End": record.get("sentence_end"),
        }
    )
    return row


def plover_extensions(article: dict) -> dict[str, Any]:
    """What the PLOVER JSONL record adds to the stored record: PLOVER's citation fields and
    eventcoder's extensions, in this order after the record's own fields."""
    cite = {
        "url": article.get("url"),
        "title": article.get("title"),
        "language": article.get("language"),
        "publication": article.get("source"),
        "coder": f"eventcoder {__version__}",
    }
    out = {
        "cite_info": {k: v for k, v in cite.items() if v is not None},
        "coder": f"eventcoder {__version__}",
        "coded_date": _day(article.get("ingested_at")),
        "publication_date": _day(article.get("pub_date")),
        "reports": article.get("reports"),
    }
    if article.get("event_cluster") is not None:  # the event cluster (docs/clusters.md)
        out["cluster_id"] = article["event_cluster"]
    return out


def plover_record(record: dict, article: dict) -> dict[str, Any]:
    """The stored PLOVER record with PLOVER's citation fields and eventcoder's extensions."""
    out = dict(record)
    out.update(plover_extensions(article))
    return out


def plover_line(stored: str, article: dict) -> str:
    """One line of PLOVER JSONL from the record as stored (``json.dumps(..., ensure_ascii=False)``
    of an object): the extensions are appended to its text, which gives the bytes
    ``json.dumps(plover_record(...))`` would without parsing and re-encoding the record. A
    record that already has one of their names (or whose text merely mentions one) takes the
    long way."""
    extra = plover_extensions(article)
    tail = json.dumps(extra, ensure_ascii=False)
    if stored.endswith("}") and len(stored) > 2 and not any(f'"{k}": ' in stored for k in extra):
        return stored[:-1] + ", " + tail[1:] + "\n"
    return json.dumps(plover_record(json.loads(stored), article), ensure_ascii=False) + "\n"


def tsv_cell(value: Any) -> str:
    """A TSV cell (no quoting in TSV: tabs and line breaks become spaces)."""
    if value is None:
        return ""
    text = str(value)
    # TSV has no quoting: a tab or line break inside a cell would shift every column after it
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def typed(column: str, value: Any) -> Any:
    """A cell as its Parquet type (``TYPED``)."""
    kind = TYPED.get(column)
    if value is None or kind is None:
        return value
    if kind == "date":
        return dt.date.fromisoformat(str(value)[:10])
    if kind == "float":
        return float(value)
    return int(value)
