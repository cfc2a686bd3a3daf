"""The store's schema: tables, versioned migrations, and the rows an event adds to each table.

Types are the common subset of DuckDB and PostgreSQL. Version 1 is frozen (later versions
build on its table and column names); later versions only add (docs/schema.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..clusters.store import SCHEMA_SQL as CLUSTER_SCHEMA_SQL
from ..records import Event

if TYPE_CHECKING:  # pragma: no cover
    from .base import Store

SCHEMA_VERSION = 3

#: A migration step: an SQL statement, or a function of the store (for data backfills).
Step = str | Callable[["Store"], None]

#: Migrations: version -> steps. Types are the common subset of DuckDB and PostgreSQL.
#: Version 1 is frozen (others build on its table and column names); later versions only add.
MIGRATIONS: dict[int, list[Step]] = {
    1: [
        """CREATE TABLE IF NOT EXISTS articles (
            id TEXT PRIMARY KEY,
            url TEXT, title TEXT, source TEXT, pub_date DATE, language TEXT,
            content_hash TEXT, cluster_id TEXT, reports INTEGER DEFAULT 1,
            n_events INTEGER, text TEXT, ingested_at TIMESTAMP)""",
        "CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash)",
        """CREATE TABLE IF NOT EXISTS events (
            id TEXT PRIMARY KEY,
            doc_id TEXT, date TEXT, date_precision TEXT, event TEXT, mode TEXT, cameo TEXT,
            quad_code INTEGER, event_scale DOUBLE PRECISION, modality TEXT,
            confidence DOUBLE PRECISION, mentions INTEGER, sentence TEXT,
            sentence_start INTEGER, sentence_end INTEGER, trigger TEXT,
            place_name TEXT, place_country TEXT, geonameid BIGINT,
            lat DOUBLE PRECISION, lon DOUBLE PRECISION, record TEXT)""",
        "CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id)",
        "CREATE INDEX IF NOT EXISTS events_type ON events (event)",
        """CREATE TABLE IF NOT EXISTS entities (
            event_id TEXT, role TEXT, position INTEGER, entity_text TEXT, name TEXT,
            code TEXT, sector TEXT, start_char INTEGER, end_char INTEGER,
            PRIMARY KEY (event_id, role, position))""",
        """CREATE TABLE IF NOT EXISTS ingest_errors (
            source TEXT, record TEXT, error TEXT, logged_at TIMESTAMP)""",
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)",
    ],
    2: [
        "ALTER TABLE articles ADD COLUMN author TEXT",
        "ALTER TABLE articles ADD COLUMN origin TEXT",
        "ALTER TABLE articles ADD COLUMN dateline TEXT",
        "ALTER TABLE articles ADD COLUMN dateline_place TEXT",
        "ALTER TABLE articles ADD COLUMN duplicate_kind TEXT",
        "ALTER TABLE articles ADD COLUMN similarity DOUBLE PRECISION",
        "ALTER TABLE articles ADD COLUMN minhash TEXT",
        "CREATE INDEX IF NOT EXISTS articles_cluster ON articles (cluster_id)",
        """CREATE TABLE IF NOT EXISTS mentions (
            event_id TEXT, position INTEGER, sentence TEXT,
            start_char INTEGER, end_char INTEGER,
            PRIMARY KEY (event_id, position))""",
        """CREATE TABLE IF NOT EXISTS places (
            event_id TEXT PRIMARY KEY, extracted_place TEXT, start_char INTEGER,
            end_char INTEGER, resolved_place TEXT, geonameid BIGINT,
            lat DOUBLE PRECISION, lon DOUBLE PRECISION, feature_class TEXT,
            feature_code TEXT, province TEXT, country_code TEXT, place_precision TEXT,
            reason TEXT)""",
        "ALTER TABLE ingest_errors ADD COLUMN kind TEXT",
        "ALTER TABLE ingest_errors ADD COLUMN article_id TEXT",
        lambda store: store.backfill_v2(),
    ],
    # event clusters (docs/clusters.md): filled by the ingest (and ``eventcoder cluster``),
    # which clusters every stored event without an ``event_clusters`` row
    3: list(CLUSTER_SCHEMA_SQL),
}


#: Columns of an ``articles`` row as ``add_articles`` writes it.
ARTICLE_COLUMNS: tuple[str, ...] = (
    "id", "url", "title", "source", "pub_date", "language", "content_hash", "cluster_id",
    "reports", "n_events", "text", "ingested_at", "author", "origin", "dateline",
    "dateline_place", "duplicate_kind", "similarity", "minhash",
)  # fmt: skip


#: Columns written for each event, per table.
EVENT_TABLES: dict[str, tuple[str, ...]] = {
    "events": (
        "id", "doc_id", "date", "date_precision", "event", "mode", "cameo", "quad_code",
        "event_scale", "modality", "confidence", "mentions", "sentence", "sentence_start",
        "sentence_end", "trigger", "place_name", "place_country", "geonameid", "lat", "lon",
        "record",
    ),
    "entities": (
        "event_id", "role", "position", "entity_text", "name", "code", "sector",
        "start_char", "end_char",
    ),
    "mentions": ("event_id", "position", "sentence", "start_char", "end_char"),
    "places": (
        "event_id", "extracted_place", "start_char", "end_char", "resolved_place", "geonameid",
        "lat", "lon", "feature_class", "feature_code", "province", "country_code",
        "place_precision", "reason",
    ),
}  # fmt: skip


def event_rows(ev: Event) -> dict[str, list[tuple]]:
    """The rows one event adds to each table (columns as in ``EVENT_TABLES``)."""
    loc = ev.event_loc
    out: dict[str, list[tuple]] = {
        "events": [
            (
                ev.id, ev.doc_id, ev.date, ev.date_info.precision, ev.event, ev.mode, ev.cameo,
                ev.quad_code, ev.event_scale, ev.modality, ev.confidence, ev.mentions, ev.text,
                ev.sentence_start, ev.sentence_end, " ".join(ev.event_text),
                (loc.resolved_place or loc.extracted_place) if loc else None,
                loc.country_code if loc else None, loc.geonameid if loc else None,
                loc.lat if loc else None, loc.lon if loc else None,
                json.dumps(ev.to_json(), ensure_ascii=False),
            )
        ],
        "entities": [
            (ev.id, role, pos, ent.entity_text, ent.name, ent.code, ent.sector, ent.start,
             ent.end)
            for role, ents in (("actor", ev.actor), ("recipient", ev.recipient))
            for pos, ent in enumerate(ents)
        ],
        "mentions": [
            (ev.id, pos, text, start, end)
            for pos, (text, start, end) in enumerate(
                [(ev.text, ev.sentence_start, ev.sentence_end)]
                + [(s.text, s.start, s.end) for s in ev.other_sentences]
            )
        ],
        "places": [],
    }  # fmt: skip
    if loc is not None:
        out["places"].append(
            (
                ev.id, loc.extracted_place, loc.start, loc.end, loc.resolved_place,
                loc.geonameid, loc.lat, loc.lon, loc.feature_class, loc.feature_code,
                loc.province, loc.country_code, loc.precision, loc.reason,
            )
        )  # fmt: skip
    return out


#: The data tables, in the order ``counts()`` reports them.
TABLES: tuple[str, ...] = (
    "articles",
    "events",
    "entities",
    "ingest_errors",
    "mentions",
    "places",
    "clusters",
    "event_clusters",
)


@lru_cache(maxsize=1)
def _dateline_pattern() -> re.Pattern[str]:
    from ..clean import CleaningRules

    return CleaningRules.default().dateline


def dateline_place(dateline: str) -> str | None:
    """The place of a dateline ("ERBIL (Kurdistan 24) –" -> "Erbil")."""
    match = _dateline_pattern().match(dateline + " ")
    return match.group("place").strip().title() if match else None
