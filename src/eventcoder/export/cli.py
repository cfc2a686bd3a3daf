"""``eventcoder export --db STORE --format FORMAT [-o FILE]``."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..store.cli import (
    ActorOption,
    DbOption,
    PlaceOption,
    RecipientOption,
    SinceOption,
    SourceOption,
    TypeOption,
    UntilOption,
    _open,
    make_filters,
)
from . import TEXT_FORMATS, ExportFormat


def register(app: typer.Typer) -> None:
    @app.command("export")
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
        event: TypeOption = None,
        actor_country: ActorOption = None,
        recipient_country: RecipientOption = None,
        since: SinceOption = None,
        until: UntilOption = None,
        place: PlaceOption = None,
        source: SourceOption = None,
    ) -> None:
        """Write the store's events as PLOVER JSONL, POLECAT TSV, CSV or Parquet."""
        from ..store.queries import where
        from . import write_parquet, write_text

        if fmt not in TEXT_FORMATS and output is None:
            raise typer.BadParameter(f"{fmt} is binary: give a file with -o", param_hint="-o")
        cond, params = where(
            make_filters(event, actor_country, recipient_country, since, until, place, source)
        )
        with _open(db) as store:
            try:
                if fmt is ExportFormat.parquet:
                    n = write_parquet(store, output, cond, params)  # type: ignore[arg-type]
                elif output is None:
                    n = write_text(store, fmt, sys.stdout, cond, params)
                else:
                    with open(output, "w", encoding="utf-8", newline="") as fh:
                        n = write_text(store, fmt, fh, cond, params)
            except OSError as exc:
                typer.echo(f"error: cannot write {output}: {exc}", err=True)
                raise typer.Exit(1) from None
        if output is not None:
            typer.echo(f"{n} event(s) written to {output} ({fmt})", err=True)
