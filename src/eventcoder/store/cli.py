"""``eventcoder query``: common questions of an event store, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import inspect
import json
import sys
from collections.abc import Callable, Sequence
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


def filter_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command every filter of ``VOCABULARY`` as an option (``--type``, ``--date-from``
    or its old spelling ``--since``...); the command receives them as one ``filters``."""
    from .filters import VOCABULARY

    params = [
        p
        for p in inspect.signature(command, eval_str=True).parameters.values()
        if p.name != "filters"
    ]
    for spec in VOCABULARY:
        kind: Any = list[str] | None if spec.multiple else str | None
        hint = spec.help + (" (repeatable)" if spec.multiple else "")
        option = typer.Option(spec.option, *spec.aliases, help=hint, show_default=False)
        params.append(
            inspect.Parameter(
                spec.name, inspect.Parameter.KEYWORD_ONLY, default=None,
                annotation=Annotated[kind, option],
            )
        )  # fmt: skip
    names = {spec.name for spec in VOCABULARY}

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> None:
        from .filters import FilterError, Filters

        values = {k: kwargs.pop(k) for k in list(kwargs) if k in names}
        try:
            filters = Filters.from_params(**values)
        except FilterError as exc:
            raise typer.BadParameter(exc.message, param_hint=_option(exc.param)) from None
        command(filters=filters, **kwargs)

    wrapper.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    return wrapper


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


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


def open_for_query(db: str) -> Any:
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
    @filter_options
    def events_command(
        db: DbOption, filters: Any = None, limit: LimitOption = None, fmt: FormatOption = None
    ) -> None:
        """Events by type, actor/recipient country, date range, place, source..."""
        from .reads import event_table

        with open_for_query(db) as store:
            cols, rows = event_table(store, filters, limit)
        print_rows(cols, rows, fmt, title=f"{len(rows)} event(s)")

    @query.command("counts")
    @filter_options
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
        filters: Any = None,
        limit: LimitOption = None,
        fmt: FormatOption = None,
    ) -> None:
        """Event counts (and the reports behind them) by month, dyad, type, place..."""
        from .aggregates import GROUPS, counts

        bad = [b for b in by if b not in GROUPS]
        if bad:
            raise typer.BadParameter(
                f"{', '.join(bad)}: choose from {', '.join(GROUPS)}", param_hint="--by"
            )
        with open_for_query(db) as store:
            cols, rows = counts(store, by, filters, limit)
        print_rows(cols, rows, fmt, title="events by " + " × ".join(by))

    @query.command("clusters")
    def clusters_command(
        db: DbOption,
        rebuild: Annotated[
            bool,
            typer.Option(
                "--rebuild", help="Forget the stored clusters and cluster every event again first."
            ),
        ] = False,
        limit: LimitOption = None,
        fmt: FormatOption = None,
    ) -> None:
        """Event clusters (one real-world event, many reports), most reports first; events not
        clustered yet are clustered first."""
        from .clustering import cluster_new, cluster_table
        from .clustering import rebuild as rebuild_all

        with open_for_query(db) as store:
            done = rebuild_all(store) if rebuild else cluster_new(store)
            if done.events:
                typer.echo(f"clustered {done.events} event(s) in {done.seconds:.1f} s", err=True)
            cols, rows = cluster_table(store, limit)
        print_rows(cols, rows, fmt, title=f"{len(rows)} event cluster(s)")

    @query.command("errors")
    def errors_command(db: DbOption, limit: LimitOption = None, fmt: FormatOption = None) -> None:
        """The ingest log: every record skipped (and why), failed, or warned about."""
        from .reads import errors

        with open_for_query(db) as store:
            cols, rows = errors(store, limit)
        print_rows(cols, rows, fmt, title="ingest log")

    @query.command("summary")
    def summary_command(db: DbOption, fmt: FormatOption = None) -> None:
        """What the store holds: articles, duplicates, events, log entries, schema version."""
        from .reads import summary

        with open_for_query(db) as store:
            cols, rows = summary(store)
        print_rows(cols, rows, fmt, title=db if "://" not in db else "store")
