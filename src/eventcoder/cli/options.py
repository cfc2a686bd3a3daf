"""Option sets several commands share: the store (``--db``), the coder (``--model``,
``--include-unrealised``, ``--max-chars``, ``--time-budget``), the filters of
``store.filters.VOCABULARY`` (``--type``, ``--date-from``...), the table output format, and
opening a store for reading with a clear error."""

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
ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="Classifier directory made by 'eventcoder train'."),
]
MaxCharsOption = Annotated[
    int,
    typer.Option(
        "--max-chars",
        min=0,
        help="Skip (and name) articles longer than this many characters (0: no limit).",
    ),
]
TimeBudgetOption = Annotated[
    float,
    typer.Option(
        "--time-budget",
        min=0,
        help="Seconds one article may take to code; a slower one is named as not coded and "
        "the others go on (a worker still coding it is stopped; 0: no budget).",
    ),
]
IncludeUnrealisedOption = Annotated[
    bool,
    typer.Option(
        "--include-unrealised",
        help="Also code negated, hypothetical and unconfirmed events (labelled).",
    ),
]


def filter_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command every filter of ``VOCABULARY`` as an option (``--type``, ``--date-from``
    or its old spelling ``--since``...); the command receives them as one ``filters``."""
    from ..store.filters import VOCABULARY

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
        from ..store.filters import FilterError, Filters

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

    from ..store import StoreError, is_postgres, open_store

    if not is_postgres(db) and not Path(db).exists():
        typer.echo(f"error: no store at {db!r} (make one with 'eventcoder ingest')", err=True)
        raise typer.Exit(2)
    try:
        return open_store(db)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def loaded_coder() -> Any:
    """The loaded ``Coder`` a program running the command line in its own process handed it
    as the context object (``app(obj=coder)``, ``CliRunner().invoke(app, args, obj=coder)``),
    or None (the command line run as a command)."""
    import click

    context = click.get_current_context(silent=True)
    obj = context.find_root().obj if context is not None else None
    return obj if callable(getattr(obj, "variant", None)) else None


def make_coder(**options: Any) -> Any:
    """The ``Coder(**options)`` a command codes with; ``loaded_coder().variant(**options)``
    when there is a loaded coder: the same output (it codes with the tables that coder
    loaded, under the environment it was made in), without loading spaCy again."""
    from ..coder import Coder

    loaded = loaded_coder()
    return loaded.variant(**options) if loaded is not None else Coder(**options)
