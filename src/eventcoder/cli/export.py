"""``eventcoder export --db STORE --format FORMAT [-o FILE] [filters]``."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from ..export.formats import TEXT_FORMATS, ExportFormat
from .options import DbOption, filter_options, open_for_query


def register(app: typer.Typer) -> None:
    @app.command("export")
    @filter_options
    def export_command(
        db: DbOption,
        fmt: Annotated[
            ExportFormat,
            typer.Option(
                "--format",
                "-f",
                help="plover-jsonl, polecat-tsv (POLECAT's columns), csv or parquet.",
            ),
        ],
        output: Annotated[
            str | None,
            typer.Option("--output", "-o", help="Output file (text formats: stdout if none)."),
        ] = None,
        filters: Any = None,
    ) -> None:
        """Write the store's events as PLOVER JSONL, POLECAT TSV, CSV or Parquet."""
        from ..export.writers import write_parquet, write_text

        if fmt not in TEXT_FORMATS and output is None:
            raise typer.BadParameter(f"{fmt} is binary: give a file with -o", param_hint="-o")
        with open_for_query(db) as store:
            try:
                if fmt is ExportFormat.parquet:
                    n = write_parquet(store, output, filters)  # type: ignore[arg-type]
                elif output is None:
                    n = write_text(store, fmt, sys.stdout, filters)
                else:
                    with open(output, "w", encoding="utf-8", newline="") as fh:
                        n = write_text(store, fmt, fh, filters)
            except OSError as exc:
                typer.echo(f"error: cannot write {output}: {exc}", err=True)
                raise typer.Exit(1) from None
        if output is not None:
            typer.echo(f"{n} event(s) written to {output} ({fmt})", err=True)
