"""The ``eventcoder`` command line: a thin layer over the Python API.

Each sub-command lives beside the stage or face it drives and registers itself here through
``COMMAND_MODULES`` (a module with a ``register(app)`` function).
"""

from __future__ import annotations

import importlib
import io
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .records import Article, CodedArticle, Event

if TYPE_CHECKING:  # pragma: no cover
    from .ingest.readers import Item

app = typer.Typer(
    name="eventcoder",
    help="Code news articles into PLOVER/CAMEO political events, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Modules that add sub-commands (each has ``register(app: typer.Typer) -> None``).
COMMAND_MODULES: tuple[str, ...] = (
    "eventcoder.places.cli",
    "eventcoder.places.gazetteer_cli",
    "eventcoder.evaluate.cli",
    "eventcoder.learn.cli",
    "eventcoder.evaluate.geo",
    "eventcoder.serve.cli",
    "eventcoder.ingest.cli",
    "eventcoder.store.cli",
    "eventcoder.export.cli",
    "eventcoder.actors.cli",
)


class OutputFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"


class InputFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _check_inputs(files: list[str]) -> None:
    """Every input is a file (or '-'), else a usage error naming it, before any work."""
    for path in files:
        if path == "-":
            continue
        p = Path(path)
        if not p.exists():
            raise typer.BadParameter(f"no such file: {path}")
        if p.is_dir():
            raise typer.BadParameter(
                f"{path} is a folder: give the files in it (e.g. {path}/*.txt), or store a "
                f"whole folder with 'eventcoder ingest {path} --db events.duckdb'"
            )


def _stdin_bytes() -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _drafts(path: str, fmt: InputFormat) -> Iterator[Item]:
    """What one input holds, read as ``ingest`` reads it."""
    from .ingest.readers import DEFAULT_FIELDS, Draft, decode_noting, kind_of
    from .ingest.tabular import read_json

    stdin = path == "-"
    name = "stdin" if stdin else Path(path).name
    stem = "stdin" if stdin else Path(path).stem
    data = _stdin_bytes() if stdin else Path(path).read_bytes()
    if fmt is InputFormat.jsonl:
        yield from read_json(path, stem, lambda: io.BytesIO(data), DEFAULT_FIELDS)
        return
    if kind_of(name) == "html" or _looks_like_html(data):
        yield Draft(origin=path, id=stem, html=data)
        return
    text, note = decode_noting(data)
    yield Draft(origin=path, id=stem, text=text, warnings=[note] if note else [])


def read_articles(
    files: list[str],
    fmt: InputFormat,
    date: str | None,
    errors: list[str],
    warnings: list[str] | None = None,
    max_chars: int | None = None,
) -> Iterator[Article]:
    """Articles from text or HTML files (one article each) or JSONL (one per line).

    Every input goes through the preparation ``ingest`` uses (``ingest.prepare``): HTML
    turned into its main text, binary content and over-long articles skipped, bad bytes and
    characters repaired with a warning, a bad date dropped with a warning (the record kept).
    What is not coded is added to ``errors`` by name; warnings to ``warnings``.
    """
    from .ingest.prepare import MAX_CHARS, Skip, prepare
    from .ingest.readers import ReadError

    _check_inputs(files)
    limit = MAX_CHARS if max_chars is None else max_chars
    for path in files:
        try:
            items = list(_drafts(path, fmt))
        except OSError as exc:
            errors.append(f"{path}: cannot read: {exc.strerror or exc}")
            continue
        for item in items:
            if isinstance(item, ReadError):
                errors.append(f"{item.origin}: {item.error}")
                continue
            try:
                prepared = prepare(item, date, max_chars=limit or None)
            except Exception as exc:  # a record the cleaners choke on never stops the batch
                errors.append(f"{item.origin}: cleaning failed: {type(exc).__name__}: {exc}")
                continue
            if isinstance(prepared, Skip):
                errors.append(prepared.detail)
                continue
            if prepared.warning and warnings is not None:
                warnings.append(prepared.warning)
            yield prepared.article


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


@app.command("code")
def code_command(
    files: Annotated[
        list[str], typer.Argument(help="Text files (or JSONL with --input jsonl); '-' reads stdin.")
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
        typer.Option("--input", help="text: one article per file; jsonl: one article per line."),
    ] = InputFormat.text,
    model: Annotated[
        str | None, typer.Option("--model", help="Classifier directory made by 'eventcoder train'.")
    ] = None,
    include_unrealised: Annotated[
        bool,
        typer.Option(
            "--include-unrealised", help="Also output negated, hypothetical and unconfirmed events."
        ),
    ] = False,
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
    max_chars: Annotated[
        int,
        typer.Option(
            "--max-chars",
            min=0,
            help="Skip (and name) articles longer than this many characters (0: no limit).",
        ),
    ] = 200_000,
    time_budget: Annotated[
        float,
        typer.Option(
            "--time-budget",
            min=0,
            help="Seconds one article may take to code; a slower one is named as not coded "
            "and the others go on (a worker still coding it is stopped; 0: no budget).",
        ),
    ] = 300.0,
) -> None:
    """Code articles into events.

    Exits 0 when every record was coded, 1 when some were not (each named on stderr).
    """
    from .coder import Coder, _as_date
    from .parallel import CodingFailure, code_in_order

    if date is not None:
        try:
            date = _as_date(date).isoformat()  # type: ignore[union-attr]
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--date") from None
    _check_inputs(files)
    out_fmt = fmt or (OutputFormat.table if sys.stdout.isatty() else OutputFormat.jsonl)
    options = {
        "include_unrealised": include_unrealised, "main_events_only": main_events_only,
        "model": model, "time_budget": time_budget or None,
    }  # fmt: skip
    try:
        coder = Coder(**options)
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


@app.callback()
def _root() -> None:
    """eventcoder: news text in, PLOVER/CAMEO events out."""


def _register_commands() -> None:
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(app)


def main() -> None:
    _register_commands()
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
