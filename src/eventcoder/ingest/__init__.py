"""Batch ingest: files and folders of news in, a queryable event store out.

>>> from eventcoder.ingest import ingest
>>> from eventcoder.store import open_store
>>> summary = ingest(["corpus/"], open_store("events.duckdb"))     # doctest: +SKIP
>>> print(summary.render())                                        # doctest: +SKIP

For every record: read (:mod:`.readers`), clean and check the language (:mod:`.prepare`),
link exact and near duplicates to the article already coded (:mod:`.dedup`), code the rest
with the ``Coder``, and write each article with its events in one transaction
(:mod:`.session`: ``ingest_one``, the one write path, which ``POST /api/articles`` uses too).
Records that are skipped or fail are counted by reason and logged in the store
(``ingest_errors``); the run goes on. :mod:`.run` holds the batch loop (``ingest``).
"""

from __future__ import annotations

from .readers import DEFAULT_FIELDS, iter_records, parse_fields
from .run import IngestError, IngestOptions, count_records, ingest
from .session import IngestSession, Known, Outcome, code_on_worker, ingest_one
from .summary import IngestSummary, Progress

__all__ = [
    "DEFAULT_FIELDS",
    "IngestError",
    "IngestOptions",
    "IngestSession",
    "IngestSummary",
    "Known",
    "Outcome",
    "Progress",
    "code_on_worker",
    "count_records",
    "ingest",
    "ingest_one",
    "iter_records",
    "parse_fields",
]
