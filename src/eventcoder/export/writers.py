"""Writing an export: the text formats as a stream of lines (what ``eventcoder export`` writes
to a file and ``/api/export`` streams to a client), Parquet to a file. Events are read page by
page (``store.reads.iter_events``), never the whole store at once."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from ..store.filters import Filters
from ..store.reads import iter_events, iter_stored
from .formats import (
    COLUMNS,
    TYPED,
    ExportFormat,
    plover_line,
    polecat_row,
    snake,
    tsv_cell,
    typed,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Store

#: Media types of the text formats (what ``/api/export`` answers with) and file suffixes.
MEDIA_TYPES: dict[ExportFormat, tuple[str, str]] = {
    ExportFormat.plover_jsonl: ("application/x-ndjson; charset=utf-8", "jsonl"),
    ExportFormat.polecat_tsv: ("text/tab-separated-values; charset=utf-8", "tsv"),
    ExportFormat.csv: ("text/csv; charset=utf-8", "csv"),
}


def _csv_line(values: list[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def lines(store: Store, fmt: ExportFormat | str, filters: Filters | None = None) -> Iterator[str]:
    """A text format, line by line (a header first for TSV and CSV)."""
    fmt = ExportFormat(fmt)
    if fmt is ExportFormat.plover_jsonl:
        for stored, article in iter_stored(store, filters):
            yield plover_line(stored, article)
        return
    events = iter_events(store, filters)
    if fmt is ExportFormat.polecat_tsv:
        yield "\t".join(COLUMNS) + "\n"
        for record, article in events:
            row = polecat_row(record, article)
            yield "\t".join(tsv_cell(row[c]) for c in COLUMNS) + "\n"
    elif fmt is ExportFormat.csv:
        yield _csv_line([snake(c) for c in COLUMNS])
        for record, article in events:
            row = polecat_row(record, article)
            yield _csv_line(["" if row[c] is None else row[c] for c in COLUMNS])
    else:
        raise ValueError(f"{fmt} is not a text format")


def write_text(
    store: Store, fmt: ExportFormat | str, out: IO[str], filters: Filters | None = None
) -> int:
    """Write a text format to ``out``; returns the number of events written."""
    written = 0
    for line in lines(store, fmt, filters):
        out.write(line)
        written += 1
    header = 0 if ExportFormat(fmt) is ExportFormat.plover_jsonl else 1
    return max(0, written - header)


def write_parquet(store: Store, path: str, filters: Filters | None = None) -> int:
    """Write the rows as a Parquet file (snake_case columns, typed); returns events written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"date": pa.date32(), "float": pa.float64(), "int": pa.int64()}
    schema = pa.schema(
        [(snake(c), types[TYPED[c]] if c in TYPED else pa.string()) for c in COLUMNS]
    )
    writer = pq.ParquetWriter(path, schema)
    n = 0
    batch: list[dict[str, Any]] = []
    try:
        for record, article in iter_events(store, filters):
            row = polecat_row(record, article)
            batch.append({snake(c): typed(c, row[c]) for c in COLUMNS})
            n += 1
            if len(batch) >= 5000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    finally:
        writer.close()
    return n


def export(
    store: Store,
    fmt: ExportFormat | str,
    path: str | None = None,
    filters: Filters | None = None,
) -> int | str:
    """Export to ``path`` (returns the events written); with no path, a text format is
    returned as a string."""
    fmt = ExportFormat(fmt)
    if fmt is ExportFormat.parquet:
        if path is None:
            raise ValueError("parquet needs an output file")
        return write_parquet(store, path, filters)
    if path is None:
        return "".join(lines(store, fmt, filters))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        return write_text(store, fmt, fh, filters)
