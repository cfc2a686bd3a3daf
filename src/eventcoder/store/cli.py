"""``eventcoder query``: common questions of an event store, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Any

import typer


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


DbOption = Annotated[
    str,
    typer.Option("--db", envvar="EVENTCODER_DB", help="DuckDB file or postgresql:// DSN."),
]
FormatOption = Annotated[
    TableFormat | None,
    typer.Option("--format", "-f", help="table (default in a terminal), csv or json."),
]
LimitOption = Annotated[int | None, typer.Option("--limit", "-n", help="At most this many rows.")]
TypeOption = Annotated[
    list[str] | None, typer.Option("--type", "-t", help="PLOVER event type (repeatable).")
]
ActorOption = Annotated[
    list[str] | None,
    typer.Option("--actor-country", help="Actor country code, e.g. IRQ (repeatable)."),
]
RecipientOption = Annotated[
    list[str] | None,
    typer.Option("--recipient-country", help="Recipient country code (repeatable)."),
]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="Events on or after (YYYY[-MM[-DD]]).")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Events on or before (YYYY[-MM[-DD]]).")
]
PlaceOption = Annotated[
    str | None, typer.Option("--place", help="Place name (part of it) or country code.")
]
SourceOption = Annotated[str | None, typer.Option("--source", help="Source name (part of it).")]


def _check_date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            dt.datetime.strptime(value, fmt)
            return value
        except ValueError:
            continue
    raise typer.BadParameter(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", param_hint=name)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def print_rows(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: TableFormat | None, title: str = ""
) -> None:
    """Rows as a rich table (terminal), CSV or JSON (a list of objects) on stdout."""
    out = fmt or (TableFormat.table if sys.stdout.isatty() else TableFormat.csv)
    if out is TableFormat.json:
        data = [dict(zip(columns, map(_jsonable, row), strict=True)) for row in rows]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif out is TableFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else _jsonable(v) for v in row])
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title or None, show_lines=False)
        for col in columns:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*["" if v is None else str(_jsonable(v)) for v in row])
        Console().print(table)
        if not rows:
            typer.echo("(no rows)", err=True)


def make_filters(
    event: str | None,
    actor_country: str | None,
    recipient_country: str | None,
    since: str | None,
    until: str | None,
    place: str | None,
    source: str | None,
) -> Any:
    """The ``Filters`` of the shared query/export options, dates checked."""
    from .queries import Filters

    return Filters(
        event=event,
        actor_country=actor_country,
        recipient_country=recipient_country,
        since=_check_date(since, "--since"),
        until=_check_date(until, "--until"),
        place=place,
        source=source,
    )


def _open(db: str) -> Any:
    from pathlib import Path

    from . import StoreError, is_postgres, open_store

    if not is_postgres(db) and not Path(db).exists():
        typer.echo(f"error: no store at {db!r} (make one with 'eventcoder ingest')", err=True)
        raise typer.Exit(2)
    try:
        return open_store(db)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def register(app: typer.Typer) -> None:
    query = typer.Typer(
        name="query",
        help="Ask an event store common questions (events, counts, the ingest log).",
        no_args_is_help=True,
    )
    app.add_typer(query, name="query")

    @query.command("events")
    def events_command(
        db: DbOption,
        event: TypeOption = None,
        actor_country: ActorOption = None,
        recipient_country: RecipientOption = None,
        since: SinceOption = None,
        until: UntilOption = None,
        place: PlaceOption = None,
        source: SourceOption = None,
        limit: LimitOption = None,
        fmt: FormatOption = None,
    ) -> None:
        """Events by type, actor/recipient country, date range, place, source."""
        from .queries import events

        filters = make_filters(event, actor_country, recipient_country, since, until, place, source)
        with _open(db) as store:
            cols, rows = events(store, filters, limit)
        print_rows(cols, rows, fmt, title=f"{len(rows)} event(s)")

    @query.command("counts")
    def counts_command(
        db: DbOption,
        by: Annotated[
            list[str],
            typer.Option(
                "--by",
                help="month, day, year, type, quad, actor-country, recipient-country, dyad, "
                "place, source, modality (repeat to cross them).",
            ),
        ],
        event: TypeOption = None,
        actor_country: ActorOption = None,
        recipient_country: RecipientOption = None,
        since: SinceOption = None,
        until: UntilOption = None,
        place: PlaceOption = None,
        source: SourceOption = None,
        limit: LimitOption = None,
        fmt: FormatOption = None,
    ) -> None:
        """Event counts (and the reports behind them) by month, dyad, type, place..."""
        from .queries import GROUPS, counts

        bad = [b for b in by if b not in GROUPS]
        if bad:
            raise typer.BadParameter(
                f"{', '.join(bad)}: choose from {', '.join(GROUPS)}", param_hint="--by"
            )
        filters = make_filters(event, actor_country, recipient_country, since, until, place, source)
        with _open(db) as store:
            cols, rows = counts(store, by, filters, limit)
        print_rows(cols, rows, fmt, title="events by " + " × ".join(by))

    @query.command("errors")
    def errors_command(db: DbOption, limit: LimitOption = None, fmt: FormatOption = None) -> None:
        """The ingest log: every record skipped (and why), failed, or warned about."""
        from .queries import errors

        with _open(db) as store:
            cols, rows = errors(store, limit)
        print_rows(cols, rows, fmt, title="ingest log")

    @query.command("summary")
    def summary_command(db: DbOption, fmt: FormatOption = None) -> None:
        """What the store holds: articles, duplicates, events, log entries, schema version."""
        from .queries import summary

        with _open(db) as store:
            cols, rows = summary(store)
        print_rows(cols, rows, fmt, title=db if "://" not in db else "store")
