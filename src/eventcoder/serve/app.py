"""The FastAPI application: a REST API over the event store and the web app's page.

A thin layer over the library: reads through ``store.reads`` and ``store.aggregates`` (bound
parameters only, filters from the one vocabulary ``store.filters``), exports through
``eventcoder.export`` (the same bytes as ``eventcoder export``), coding through the same
``Coder`` the CLI uses, writes through ``ingest.ingest_one`` (the same path as
``eventcoder ingest``). Read-only unless an API key is configured; every asset (the page, its
script, the basemap, the API docs) is served from here. Routes: :mod:`.routes`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from ..store.filters import FilterError
from .middleware import CSP, BodyLimit, HostCheck, security_headers
from .routes import aggregates, assets, clusters, coding, events, export
from .service import DEFAULT_MAX_BODY, DEFAULT_MAX_TEXT, DEFAULT_TIME_BUDGET, Service

__all__ = ["CSP", "DEFAULT_MAX_BODY", "DEFAULT_MAX_TEXT", "Service", "create_app"]


def create_app(
    store: Any,
    *,
    api_key: str | None = None,
    coder_factory: Callable[..., Any] | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    max_text: int = DEFAULT_MAX_TEXT,
    allowed_hosts: tuple[str, ...] | None = None,
    port: int | None = None,
    coders: int = 0,
    queue: int | None = None,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    coder_options: dict[str, Any] | None = None,
) -> FastAPI:
    """The app over an open ``Store``. ``api_key`` enables the write endpoint;
    ``allowed_hosts`` (e.g. ``LOOPBACK_HOSTS``): other ``Host`` headers get a 400, and with
    ``port`` (the port served) a ``Host`` naming another port too. ``coders``: worker
    processes that code posted text (0: in this process, one text at a time), ``queue``:
    coding requests that may wait for one (more get a 503), ``time_budget``: seconds one
    text may take (see :mod:`.service`), ``coder_options``: the workers' other ``Coder``
    options. ``app.state.service.close()`` stops the workers."""
    service = Service(
        store, api_key=api_key, coder_factory=coder_factory, max_text=max_text,
        coders=coders, queue=queue, time_budget=time_budget, coder_options=coder_options,
    )  # fmt: skip
    app = FastAPI(
        title="eventcoder",
        summary="PLOVER/CAMEO political events coded from news, with their evidence.",
        description=(
            "Read the event store (filters, pagination, aggregates, exports), code posted text, "
            "and (with an API key) ingest articles. Every filter value is bound as a query "
            "parameter. Bad parameters get a 400 or 422 naming the parameter."
        ),
        version="1",
        docs_url=None,
        redoc_url=None,
    )
    app.state.service = service
    app.add_middleware(BodyLimit, limit=max_body)
    if allowed_hosts:
        app.add_middleware(HostCheck, allowed=tuple(allowed_hosts), port=port)
    app.middleware("http")(security_headers)
    app.add_exception_handler(FilterError, _filter_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.mount("/static", StaticFiles(directory=assets.STATIC), name="static")
    app.mount("/docs-static", StaticFiles(directory=assets.DOCS_STATIC), name="docs-static")
    app.include_router(assets.router())
    for module in (events, clusters, aggregates, export, coding):
        app.include_router(module.router(service))
    return app


async def _filter_error(_request: Request, exc: FilterError) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=400)


async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body"))
        problems.append(f"{where or 'request'}: {err.get('msg')}")
    return JSONResponse({"detail": "; ".join(problems), "errors": problems}, status_code=422)
