"""``eventcoder query``: common questions of an event store, as a table, CSV or JSON."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .options import DbOption, FormatOption, LimitOption, filter_options, open_for_query, print_rows


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
        from ..store.reads import event_table

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
        from ..store.aggregates import GROUPS, counts

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
        from ..store.clustering import cluster_new, cluster_table
        from ..store.clustering import rebuild as rebuild_all

        with open_for_query(db) as store:
            done = rebuild_all(store) if rebuild else cluster_new(store)
            if done.events:
                typer.echo(f"clustered {done.events} event(s) in {done.seconds:.1f} s", err=True)
            cols, rows = cluster_table(store, limit)
        print_rows(cols, rows, fmt, title=f"{len(rows)} event cluster(s)")

    @query.command("errors")
    def errors_command(db: DbOption, limit: LimitOption = None, fmt: FormatOption = None) -> None:
        """The ingest log: every record skipped (and why), failed, or warned about."""
        from ..store.reads import errors

        with open_for_query(db) as store:
            cols, rows = errors(store, limit)
        print_rows(cols, rows, fmt, title="ingest log")

    @query.command("summary")
    def summary_command(db: DbOption, fmt: FormatOption = None) -> None:
        """What the store holds: articles, duplicates, events, log entries, schema version."""
        from ..store.reads import summary

        with open_for_query(db) as store:
            cols, rows = summary(store)
        print_rows(cols, rows, fmt, title=db if "://" not in db else "store")
