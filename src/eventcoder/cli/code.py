"""``eventcoder code FILE...``: code articles into events, as a table, JSONL or JSON."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from ..records import CodedArticle, Event
from .inputs import InputFormat, check_inputs, read_articles
from .options import (
    IncludeUnrealisedOption,
    MaxCharsOption,
    ModelOption,
    TimeBudgetOption,
    make_coder,
)


class OutputFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _entities(ents: list) -> str:
    parts = []
    for e in ents:
        code = " ".join(x for x in (e.code, e.sector) if x) or "?"
        parts.append(f"{e.name or e.entity_text} [{code}]")
    return "; ".join(parts)


def print_table(coded: list[CodedArticle]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for item in coded:
        table = Table(
            title=f"{item.article.id} ({item.article.date or 'no date'}): {len(item.events)} events",
            show_lines=True,
            expand=True,
        )
        for col in ("date", "event", "modality", "actor", "recipient", "place", "trigger"):
            table.add_column(col, overflow="fold")
        for ev in item.events:
            place = (
                ev.event_loc.resolved_place or ev.event_loc.extracted_place if ev.event_loc else ""
            )
            kind = ev.event + (f" ({ev.mode})" if ev.mode else "") + f"\nCAMEO {ev.cameo}"
            table.add_row(
                ev.date or "",
                kind,
                ev.modality,
                _entities(ev.actor),
                _entities(ev.recipient),
                place or "",
                " ".join(ev.event_text),
            )
        console.print(table)


def _emit(events: list[Event], fmt: OutputFormat) -> None:
    if fmt is OutputFormat.jsonl:
        for ev in events:
            sys.stdout.write(json.dumps(ev.to_json(), ensure_ascii=False) + "\n")


def register(app: typer.Typer) -> None:
    @app.command("code")
    def code_command(
        files: Annotated[
            list[str],
            typer.Argument(help="Text files (or JSONL with --input jsonl); '-' reads stdin."),
        ],
        date: Annotated[
            str | None,
            typer.Option(
                "--date", help="Publication date YYYY-MM-DD (relative dates resolve against it)."
            ),
        ] = None,
        fmt: Annotated[
            OutputFormat | None,
            typer.Option(
                "--format",
                "-f",
                help="table (default in a terminal), jsonl (default in a pipe) or json.",
            ),
        ] = None,
        input_format: Annotated[
            InputFormat,
            typer.Option(
                "--input", help="text: one article per file; jsonl: one article per line."
            ),
        ] = InputFormat.text,
        model: ModelOption = None,
        include_unrealised: IncludeUnrealisedOption = False,
        main_events_only: Annotated[
            bool,
            typer.Option(
                "--main-events-only",
                help="Only the event(s) each sentence reports in its main clause, not those it "
                "tells as background (salience); one event per sentence, as sentence-coded "
                "datasets label them.",
            ),
        ] = False,
        workers: Annotated[
            int | None,
            typer.Option(
                "--workers",
                min=1,
                help="Processes that code articles, sharing the loaded model (default: the number "
                "of CPUs when there are more than a handful of articles, else 1). The output is in "
                "input order whatever the number.",
            ),
        ] = None,
        max_chars: MaxCharsOption = 200_000,
        time_budget: TimeBudgetOption = 300.0,
    ) -> None:
        """Code articles into events.

        Exits 0 when every record was coded, 1 when some were not (each named on stderr).
        """
        from ..coder import as_date
        from ..parallel import CodingFailure, code_in_order

        if date is not None:
            try:
                date = as_date(date).isoformat()  # type: ignore[union-attr]
            except ValueError as exc:
                raise typer.BadParameter(str(exc), param_hint="--date") from None
        check_inputs(files)
        out_fmt = fmt or (OutputFormat.table if sys.stdout.isatty() else OutputFormat.jsonl)
        options = {
            "include_unrealised": include_unrealised, "main_events_only": main_events_only,
            "model": model, "time_budget": time_budget or None,
        }  # fmt: skip
        try:
            coder = make_coder(**options)
        except (RuntimeError, OSError, ValueError) as exc:  # --model: missing extra, bad directory
            raise typer.BadParameter(str(exc), param_hint="--model") from None
        errors: list[str] = []
        notes: list[str] = []
        collected: list[CodedArticle] = []
        all_events: list[Event] = []
        coded_count = 0
        articles = read_articles(files, input_format, date, errors, notes, max_chars)
        for _article, coded in code_in_order(articles, coder, options, workers):
            for note in notes:
                _err(f"warning: {note}")
            notes.clear()
            if isinstance(coded, CodingFailure):  # one bad article never stops the batch
                errors.append(str(coded))
                continue
            coded_count += 1
            if out_fmt is OutputFormat.jsonl:
                _emit(coded.events, out_fmt)
                sys.stdout.flush()
            else:
                collected.append(coded)
                all_events.extend(coded.events)
        for note in notes:
            _err(f"warning: {note}")
        if out_fmt is OutputFormat.json:
            json.dump([ev.to_json() for ev in all_events], sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        elif out_fmt is OutputFormat.table:
            print_table(collected)
        for message in errors:
            _err(f"error: {message}")
        if errors:
            _err(f"{len(errors)} record(s) not coded (named above); {coded_count} coded")
            raise typer.Exit(1)
