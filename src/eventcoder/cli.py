"""The ``eventcoder`` command line: a thin layer over the Python API.

Each sub-command lives beside the stage or face it drives and registers itself here through
``COMMAND_MODULES`` (a module with a ``register(app)`` function).
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .records import Article, CodedArticle, Event

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


class RecordError(ValueError):
    """One input record could not be read; the message names the record."""


def _err(message: str) -> None:
    typer.echo(message, err=True)


def article_from_json(obj: object, where: str) -> Article:
    """Build an ``Article`` from one JSONL record, naming ``where`` in any error."""
    if not isinstance(obj, dict):
        raise RecordError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    if not isinstance(obj.get("text"), str) or not obj["text"].strip():
        raise RecordError(f"{where}: record {obj.get('id')!r} has no 'text'")
    record_id = obj.get("id")
    if record_id is None or str(record_id).strip() == "":
        raise RecordError(f"{where}: record has no 'id'")
    try:
        return Article(
            id=str(record_id),
            text=obj["text"],
            title=obj.get("title"),
            date=(str(obj["date"])[:10] if obj.get("date") else None),
            source=obj.get("source"),
            url=obj.get("url"),
            language=obj.get("language"),
        )
    except ValueError as exc:
        first = str(exc).splitlines()
        detail = first[-1].strip() if first else str(exc)
        raise RecordError(f"{where}: record {record_id!r}: {detail}") from None


def _open_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    return Path(path).read_text(encoding="utf-8", errors="replace")


def read_articles(
    files: list[str], fmt: InputFormat, date: str | None, errors: list[str]
) -> Iterator[Article]:
    """Articles from plain text files (one article each) or JSONL (one per line)."""
    for path in files:
        if path != "-" and not Path(path).exists():
            raise typer.BadParameter(f"no such file: {path}")
        if fmt is InputFormat.text:
            text = _open_text(path)
            if not text.strip():
                errors.append(f"{path}: empty file")
                continue
            doc_id = "stdin" if path == "-" else Path(path).stem
            yield Article(id=doc_id, text=text, date=date)
            continue
        for lineno, line in _lines(path):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                article = article_from_json(json.loads(line), where)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: not valid JSON ({exc.msg})")
                continue
            except RecordError as exc:
                errors.append(str(exc))
                continue
            if article.date is None and date:
                article = article.model_copy(update={"date": date})
            yield article


def _lines(path: str) -> Iterator[tuple[int, str]]:
    if path == "-":
        yield from enumerate(sys.stdin, 1)
        return
    with Path(path).open(encoding="utf-8", errors="replace") as handle:
        yield from enumerate(handle, 1)


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
) -> None:
    """Code articles into events."""
    from .coder import Coder, _as_date
    from .parallel import CodingFailure, code_in_order

    if date is not None:
        try:
            _as_date(date)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--date") from None
    out_fmt = fmt or (OutputFormat.table if sys.stdout.isatty() else OutputFormat.jsonl)
    options = {
        "include_unrealised": include_unrealised, "main_events_only": main_events_only,
        "model": model,
    }  # fmt: skip
    try:
        coder = Coder(**options)
    except (RuntimeError, OSError, ValueError) as exc:  # --model: missing extra, bad directory
        raise typer.BadParameter(str(exc), param_hint="--model") from None
    errors: list[str] = []
    collected: list[CodedArticle] = []
    all_events: list[Event] = []
    articles = read_articles(files, input_format, date, errors)
    for _article, coded in code_in_order(articles, coder, options, workers):
        if isinstance(coded, CodingFailure):  # one bad article never stops the batch
            errors.append(str(coded))
            continue
        if out_fmt is OutputFormat.jsonl:
            _emit(coded.events, out_fmt)
            sys.stdout.flush()
        else:
            collected.append(coded)
            all_events.extend(coded.events)
    if out_fmt is OutputFormat.json:
        json.dump([ev.to_json() for ev in all_events], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif out_fmt is OutputFormat.table:
        print_table(collected)
    for message in errors:
        _err(f"error: {message}")
    if errors:
        _err(f"{len(errors)} record(s) skipped")


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
