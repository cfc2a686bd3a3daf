"""``eventcoder serve``: the REST API and the web app on one local port."""

from __future__ import annotations

import os
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_command(
        db: Annotated[
            str, typer.Option("--db", help="DuckDB file or postgresql:// DSN of the event store.")
        ],
        host: Annotated[
            str, typer.Option("--host", help="Interface to listen on (loopback by default).")
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
        api_key: Annotated[
            str | None,
            typer.Option(
                "--api-key",
                envvar="EVENTCODER_API_KEY",
                help="Enable the write endpoint (POST /api/articles) for clients sending this "
                "key in X-API-Key. Without it the server is read-only.",
                show_envvar=True,
            ),
        ] = None,
        max_body: Annotated[
            int, typer.Option("--max-body", min=1_000, help="Largest request body, bytes.")
        ] = 1_000_000,
        max_text: Annotated[
            int, typer.Option("--max-text", min=100, help="Longest text to code, characters.")
        ] = 200_000,
        coders: Annotated[
            int | None,
            typer.Option(
                "--coders",
                min=0,
                help="Worker processes that code posted text, one text each at a time, so a "
                "long text never makes other callers wait (default: the number of CPUs; 0: "
                "code in the server's process, one text at a time).",
            ),
        ] = None,
        queue: Annotated[
            int | None,
            typer.Option(
                "--queue",
                min=0,
                help="Coding requests that may wait for a free coder (default: 4 per coder); "
                "beyond that a request gets a 503 with Retry-After at once.",
            ),
        ] = None,
        time_budget: Annotated[
            float,
            typer.Option(
                "--time-budget",
                min=0,
                help="Seconds one posted text may take to code; the worker coding a slower "
                "one is stopped and replaced, and the request gets a 422 (0: no budget).",
            ),
        ] = 120.0,
    ) -> None:
        """Serve the event store: web app at /, REST API at /api, API docs at /docs."""
        import uvicorn

        from ..redact import redact_dsn
        from ..serve import ServeError, create_app, open_for_serving
        from ..store import StoreError

        if api_key is not None and len(api_key) < 8:
            raise typer.BadParameter(
                "use an API key of at least 8 characters", param_hint="--api-key"
            )
        try:
            store = open_for_serving(db, writable=api_key is not None)
        except (ServeError, StoreError) as exc:
            typer.echo(f"error: {redact_dsn(str(exc))}", err=True)
            raise typer.Exit(2) from None
        from ..parallel import default_workers
        from ..serve.middleware import LOOPBACK_HOSTS

        loopback = host in ("127.0.0.1", "localhost", "::1")
        application = create_app(
            store, api_key=api_key, max_body=max_body, max_text=max_text,
            allowed_hosts=LOOPBACK_HOSTS if loopback else None, port=port,
            coders=default_workers() if coders is None else coders, queue=queue,
            time_budget=time_budget or None,
        )  # fmt: skip
        mode = "read-write (API key set)" if api_key else "read-only"
        typer.echo(
            f"eventcoder serve: {redact_dsn(db)} ({mode}) at http://{host}:{port}/  (API docs: /docs)"
        )
        if not loopback and not os.environ.get("CI"):
            typer.echo(
                "warning: listening beyond loopback; anyone who can reach it can read", err=True
            )
        try:
            uvicorn.run(application, host=host, port=port, log_level="warning")
        finally:
            service = getattr(getattr(application, "state", None), "service", None)
            if service is not None:  # stop the coding workers
                service.close()
            store.close()
