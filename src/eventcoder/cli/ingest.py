"""``eventcoder ingest PATH... --db STORE``: the batch path from raw news to the event store."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from typing import Annotated, Any

import typer

from .options import (
    IncludeUnrealisedOption,
    MaxCharsOption,
    ModelOption,
    TimeBudgetOption,
    make_coder,
)


def _progress_printer(stream: Any, every: float = 10.0) -> tuple[Any, Any]:
    """A progress callback and a closer: a rich bar in a terminal, else a line every ``every`` s."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    console = Console(file=stream)
    if not console.is_terminal:
        last = [0.0]

        def plain(summary: Any) -> None:
            now = time.monotonic()
            if now - last[0] < every and summary.read != summary.total:
                return
            last[0] = now
            total = summary.total
            eta = ""
            busy = summary.seconds - summary.load_seconds
            rate = summary.read / busy if busy > 0 else 0.0
            if total and rate:
                eta = f", ETA {max(0, total - summary.read) / rate:.0f} s"
            stream.write(
                f"ingest: {summary.read}/{total if total is not None else '?'} records, "
                f"{rate:.1f} articles/s{eta}\n"
            )
            stream.flush()

        return plain, lambda: None

    class Rate(ProgressColumn):
        """Records per second since the run began (model loading left out)."""

        def render(self, task: Any) -> Text:
            rate = task.fields.get("rate")
            return Text(f"{rate:.1f} articles/s" if rate else "– articles/s", style="cyan")

    bar = Progress(
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )
    bar.start()
    task = bar.add_task("ingest", total=None)

    def fancy(summary: Any) -> None:
        busy = summary.seconds - summary.load_seconds
        rate = summary.read / busy if busy > 0 else None
        bar.update(task, completed=summary.read, total=summary.total, rate=rate)

    return fancy, bar.stop


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_command(
        paths: Annotated[
            list[str],
            typer.Argument(
                help="Files or folders: .txt, .html, .jsonl/.json, .csv/.tsv, .rss/.atom/.xml, "
                ".warc(.gz), and .gz/.zip of these."
            ),
        ],
        db: Annotated[
            str,
            typer.Option(
                "--db",
                envvar="EVENTCODER_DB",
                help="Store: a DuckDB file (created if missing) or a postgresql:// DSN.",
            ),
        ],
        field: Annotated[
            list[str] | None,
            typer.Option(
                "--field",
                help="JSONL/CSV field mapping FIELD=NAME (repeatable), e.g. --field text=body "
                "--field date=meta.published. Fields: id text html title url date source "
                "author language.",
            ),
        ] = None,
        date: Annotated[
            str | None,
            typer.Option("--date", help="Publication date (YYYY-MM-DD) for records without one."),
        ] = None,
        near: Annotated[
            float,
            typer.Option(
                "--near-threshold",
                help="Estimated Jaccard similarity (word 3-grams) at which two articles are "
                "one story.",
            ),
        ] = 0.8,
        include_unrealised: IncludeUnrealisedOption = False,
        model: ModelOption = None,
        limit: Annotated[
            int | None, typer.Option("--limit", help="Stop after this many records.")
        ] = None,
        progress: Annotated[
            bool, typer.Option("--progress/--no-progress", help="Show progress on stderr.")
        ] = True,
        commit_every: Annotated[
            float,
            typer.Option(
                "--commit-every",
                help="Seconds of coded articles per store transaction (0: one article each). "
                "A killed run loses at most this much work; the next run redoes it.",
            ),
        ] = 2.0,
        dask: Annotated[
            str | None,
            typer.Option(
                "--dask",
                help="Code on a Dask cluster (scheduler address, e.g. tcp://host:8786; needs "
                "the 'dask' extra); this process reads, deduplicates and writes.",
            ),
        ] = None,
        workers: Annotated[
            int | None,
            typer.Option(
                "--workers",
                min=1,
                help="Processes that code articles, each loading the model once (default: "
                "the number of CPUs; 1 codes in this process). This process reads, "
                "deduplicates and writes in reading order: the store is the same for any "
                "number. Not used with --dask.",
            ),
        ] = None,
        log_every: Annotated[
            float,
            typer.Option(
                "--log-every",
                help="Outside a terminal: print a progress line every this many seconds.",
            ),
        ] = 10.0,
        json_summary: Annotated[
            bool, typer.Option("--json", help="Print the summary as JSON on stdout.")
        ] = False,
        max_chars: MaxCharsOption = 200_000,
        time_budget: TimeBudgetOption = 300.0,
    ) -> None:
        """Read, clean, deduplicate and code a corpus into an event store (resumable)."""
        from ..ingest import IngestError, IngestOptions, ingest, parse_fields
        from ..parallel import PoolError, default_workers
        from ..store import StoreError, open_store

        try:
            fields = parse_fields(field or [])
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--field") from None
        if date is not None:
            try:
                date = dt.date.fromisoformat(date).isoformat()
            except ValueError:
                raise typer.BadParameter(
                    f"publication date {date!r} is not an ISO date (YYYY-MM-DD)",
                    param_hint="--date",
                ) from None
        try:
            store = open_store(db)
        except StoreError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None

        def coder_here() -> Any:
            return make_coder(
                include_unrealised=include_unrealised, model=model, time_budget=time_budget or None
            )

        shown, close = (
            _progress_printer(sys.stderr, log_every) if progress else (None, lambda: None)
        )
        latest: list[Any] = []

        def callback(running: Any) -> None:
            if not latest:
                latest.append(running)
            if shown is not None:
                shown(running)

        try:
            options = IngestOptions(
                fields=fields, default_date=date, near_threshold=near, limit=limit,
                commit_every=commit_every, dask=dask, workers=workers or default_workers(),
                coder_options={
                    "include_unrealised": include_unrealised, "model": model,
                    "time_budget": time_budget or None,
                },
                max_chars=max_chars or None,
                echo=lambda kind, message: typer.echo(f"{kind}: {message}", err=True),
            )  # fmt: skip
            summary = ingest(paths, store, coder=coder_here, options=options, progress=callback)
        except (IngestError, PoolError) as exc:
            close()
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            close()
            if latest:
                typer.echo(latest[0].render(), err=True)
            typer.echo(
                "interrupted: every article written so far is complete; run the same "
                "command again to resume",
                err=True,
            )
            raise typer.Exit(130) from None
        finally:
            store.close()
        close()
        if json_summary:
            json.dump(summary.to_dict(), sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            typer.echo(summary.render())
