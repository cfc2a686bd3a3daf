"""The FastAPI application: a REST API over the event store and the web app's page.

A thin layer: reads go through ``queries`` (bound parameters only), coding through the same
``Coder`` the CLI uses, writes through ``Store.add_article``. Read-only unless an API key is
configured; every asset (the page, its script, the basemap, the API docs) is served from here.
"""

from __future__ import annotations

import csv
import datetime as dt
import hmac
import io
import json
import threading
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from . import queries
from .basemap import world_geojson
from .queries import Filters, QueryError
from .sample import content_hash  # the ingest's exact-duplicate key

STATIC = Path(str(resources.files("eventcoder.serve") / "static"))
DEFAULT_MAX_BODY = 1_000_000  # bytes of a request body
DEFAULT_MAX_TEXT = 200_000  # characters of a text to code
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; connect-src 'self'; font-src 'self'; "
    "frame-ancestors 'none'"
)


class CodeRequest(BaseModel):
    text: str = Field(description="The text to code (an article or a few sentences).")
    date: str | None = Field(
        None, description="Publication date YYYY-MM-DD; relative dates resolve against it."
    )
    include_unrealised: bool = Field(
        False, description="Also return negated, hypothetical and unconfirmed events."
    )


class ArticleIn(BaseModel):
    text: str
    id: str | None = Field(None, description="Article id; default: a hash of the text.")
    title: str | None = None
    date: str | None = Field(None, description="Publication date YYYY-MM-DD.")
    source: str | None = None
    url: str | None = None
    language: str | None = None


class BodyLimit:
    """Pure ASGI middleware: a request body over ``limit`` bytes gets a 413, whether it
    announces its length or streams it in chunks."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.limit
            except ValueError:
                await self._reply(send, 400, "invalid Content-Length header")
                return
            if too_big:
                await self._reply(send, 413, f"request body larger than {self.limit} bytes")
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.limit:
                await self._reply(send, 413, f"request body larger than {self.limit} bytes")
                return
            chunks.append(body)
            more = message.get("more_body", False)
        replay = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def replay_receive() -> dict:
            if replay:
                return replay.pop()
            return await receive()

        await self.app(scope, replay_receive, send)

    @staticmethod
    async def _reply(send: Callable, status: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())],
            }
        )  # fmt: skip
        await send({"type": "http.response.body", "body": body})


class Service:
    """The store, the lazily loaded coder and the configuration one app serves."""

    def __init__(
        self,
        store: Any,
        *,
        api_key: str | None = None,
        coder_factory: Callable[..., Any] | None = None,
        max_text: int = DEFAULT_MAX_TEXT,
    ) -> None:
        self.store = store
        self.api_key = api_key or None
        self.max_text = max_text
        self._coder_factory = coder_factory
        self._coders: dict[bool, Any] = {}
        self.store_lock = threading.Lock()  # one connection: one statement at a time
        self.coder_lock = threading.Lock()

    def read(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self.store_lock:
            return fn(self.store, *args, **kwargs)

    def coder(self, include_unrealised: bool = False) -> Any:
        with self.coder_lock:
            if include_unrealised not in self._coders:
                base = self._coders.get(not include_unrealised)
                if self._coder_factory is not None:
                    made = self._coder_factory(include_unrealised=include_unrealised)
                else:
                    from ..coder import Coder

                    made = Coder(
                        include_unrealised=include_unrealised,
                        nlp=base.nlp if base is not None else None,
                    )
                self._coders[include_unrealised] = made
            return self._coders[include_unrealised]

    def iterate(self, items: Iterator[str], chunk: int = 500) -> Iterator[str]:
        """Pull text from a store-reading generator ``chunk`` pieces at a time (one response
        chunk each), holding the lock while pulling only."""
        while True:
            with self.store_lock:
                pieces = []
                for item in items:
                    pieces.append(item)
                    if len(pieces) >= chunk:
                        break
            if not pieces:
                return
            yield "".join(pieces)


def _bad(exc: Exception, param: str | None = None) -> HTTPException:
    return HTTPException(status_code=400, detail=str(exc) if param is None else f"{param}: {exc}")


Text = Annotated[str | None, Query(max_length=200)]


def filters_dep(
    type: Annotated[
        str | None, Query(max_length=300, description="Event type(s), comma-separated: ASSAULT,PROTEST")
    ] = None,
    mode: Annotated[str | None, Query(max_length=50, description="PLOVER mode, e.g. demo")] = None,
    modality: Annotated[
        str | None, Query(max_length=200, description="Modality(ies): asserted,called-for,...")
    ] = None,
    quad: Annotated[str | None, Query(max_length=20, description="Quad class(es) 1-4")] = None,
    actor: Annotated[
        str | None, Query(max_length=200, description="Actor or recipient name contains this")
    ] = None,
    country: Annotated[
        str | None, Query(max_length=10, description="Actor/recipient country code (IRQ)")
    ] = None,
    sector: Annotated[
        str | None, Query(max_length=10, description="Actor/recipient sector (GOV, MIL...)")
    ] = None,
    role: Annotated[
        str | None,
        Query(max_length=10, description="Where actor/country/sector apply: any, actor, recipient"),
    ] = None,
    place: Annotated[str | None, Query(max_length=200, description="Place name contains this")] = None,
    place_country: Annotated[
        str | None, Query(max_length=10, description="Country code of the event's place")
    ] = None,
    bbox: Annotated[
        str | None, Query(max_length=100, description="min_lon,min_lat,max_lon,max_lat")
    ] = None,
    date_from: Annotated[
        str | None, Query(max_length=10, description="First day (YYYY-MM-DD, YYYY-MM or YYYY)")
    ] = None,
    date_to: Annotated[str | None, Query(max_length=10, description="Last day")] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Text search in sentence and trigger")
    ] = None,
    doc_id: Annotated[str | None, Query(max_length=300, description="Article id")] = None,
) -> Filters:
    values = locals().copy()
    for name, value in values.items():
        if isinstance(value, str) and "\x00" in value:
            raise HTTPException(400, f"{name}: NUL characters are not allowed")
    try:
        return Filters.from_params(**values)
    except QueryError as exc:
        raise _bad(exc) from None


FiltersDep = Annotated[Filters, Depends(filters_dep)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Page size (1-1000)")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")]
Level = Annotated[
    str, Query(max_length=10, description="event (each event once) or mention (every telling)")
]


def _check_text(value: str | None, name: str) -> None:
    if isinstance(value, str) and "\x00" in value:
        raise HTTPException(400, f"{name}: NUL characters are not allowed")


def _parse_date(value: str | None, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise HTTPException(400, f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def create_app(
    store: Any,
    *,
    api_key: str | None = None,
    coder_factory: Callable[..., Any] | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    max_text: int = DEFAULT_MAX_TEXT,
) -> FastAPI:
    """The app over an open ``Store``. ``api_key`` enables the write endpoint."""
    service = Service(store, api_key=api_key, coder_factory=coder_factory, max_text=max_text)
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

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @app.exception_handler(QueryError)
    async def query_error(_request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body"))
            problems.append(f"{where or 'request'}: {err.get('msg')}")
        return JSONResponse({"detail": "; ".join(problems), "errors": problems}, status_code=422)

    # ------------------------------------------------------------------ assets
    docs_static = Path(str(resources.files("fastapi_offline") / "static"))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs-static", StaticFiles(directory=docs_static), name="docs-static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> Response:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventcoder API",
            swagger_js_url="/docs-static/swagger-ui-bundle.js",
            swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/docs-static/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> Response:
        return get_redoc_html(
            openapi_url="/openapi.json",
            title="eventcoder API",
            redoc_js_url="/docs-static/redoc.standalone.js",
            redoc_favicon_url="/docs-static/favicon.png",
            with_google_fonts=False,
        )

    @app.get("/api/basemap.geojson", tags=["map"], summary="World country outlines (GeoJSON)")
    def basemap() -> Response:
        return Response(
            world_geojson(),
            media_type="application/geo+json",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    # ------------------------------------------------------------------ reads
    @app.get("/api/overview", tags=["store"], summary="Row counts and date range of the store")
    def overview() -> dict:
        out = service.read(queries.overview)
        out["writable"] = service.api_key is not None
        return out

    @app.get("/api/events", tags=["events"], summary="Events matching the filters, one page")
    def events(
        filters: FiltersDep,
        limit: Limit = 50,
        offset: Offset = 0,
        sort: Annotated[str, Query(max_length=20, description=f"One of {list(queries.SORTS)}")] = "date",
        level: Annotated[
            str,
            Query(
                max_length=10,
                description="event: one row per coded event; mention: one row per sentence "
                "that tells it (its main sentence and those merged into it)",
            ),
        ] = "event",
    ) -> dict:
        if level not in queries.LEVELS:
            raise HTTPException(400, f"level: {level!r} is not one of {list(queries.LEVELS)}")
        if sort not in queries.SORTS:
            raise HTTPException(400, f"sort: {sort!r} is not one of {list(queries.SORTS)}")
        if level == "mention":
            total, rows = service.read(
                queries.list_mentions, filters, limit=limit, offset=offset, sort=sort
            )
        else:
            total = service.read(queries.count_events, filters)
            rows = service.read(queries.list_events, filters, limit=limit, offset=offset, sort=sort)
        return {"total": total, "limit": limit, "offset": offset, "level": level, "events": rows}

    @app.get(
        "/api/events/{event_id}",
        tags=["events"],
        summary="One event: its full record, its article, and the evidence spans to highlight",
    )
    def event(event_id: str) -> dict:
        _check_text(event_id, "event_id")
        found = service.read(queries.get_event, event_id)
        if found is None:
            raise HTTPException(404, f"no event with id {event_id!r}")
        return found

    @app.get("/api/actors", tags=["actors"], summary="Actors of the selected events, with counts")
    def actors(filters: FiltersDep, limit: Limit = 50, offset: Offset = 0) -> dict:
        total, rows = service.read(queries.list_actors, filters, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "actors": rows}

    @app.get("/api/places", tags=["places"], summary="Event places with coordinates and counts")
    def places(filters: FiltersDep, limit: Limit = 500, offset: Offset = 0) -> dict:
        total, rows = service.read(queries.list_places, filters, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "places": rows}

    @app.get("/api/articles", tags=["articles"], summary="Stored articles")
    def articles(
        q: Annotated[str | None, Query(max_length=200, description="Title or id contains")] = None,
        source: Annotated[str | None, Query(max_length=200)] = None,
        date_from: Annotated[str | None, Query(max_length=10)] = None,
        date_to: Annotated[str | None, Query(max_length=10)] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict:
        for name, value in (("q", q), ("source", source)):
            _check_text(value, name)
        total, rows = service.read(
            queries.list_articles, q=q, source=source, date_from=date_from, date_to=date_to,
            limit=limit, offset=offset,
        )  # fmt: skip
        return {"total": total, "limit": limit, "offset": offset, "articles": rows}

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="One article and its events")
    def article(article_id: str) -> dict:
        _check_text(article_id, "article_id")
        found = service.read(queries.get_article, article_id)
        if found is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return found

    @app.get(
        "/api/aggregates/time",
        tags=["aggregates"],
        summary="Event counts by period (day, week or month) and type",
    )
    def by_time(
        filters: FiltersDep,
        interval: Annotated[str, Query(max_length=10, description="day, week or month")] = "month",
        level: Level = "event",
    ) -> dict:
        return service.read(queries.timeline, filters, interval=interval, level=level)

    @app.get("/api/aggregates/types", tags=["aggregates"], summary="Event counts by type")
    def by_type(filters: FiltersDep, level: Level = "event") -> dict:
        return {"level": level, "types": service.read(queries.by_type, filters, level=level)}

    @app.get(
        "/api/aggregates/dyads",
        tags=["aggregates"],
        summary="Actor -> recipient counts (cooperation and conflict)",
    )
    def by_dyad(
        filters: FiltersDep,
        by: Annotated[str, Query(max_length=10, description="country, actor or sector")] = "country",
        level: Level = "event",
        limit: Limit = 200,
    ) -> dict:
        rows = service.read(queries.dyads, filters, by=by, level=level, limit=limit)
        return {"by": by, "level": level, "dyads": rows}

    @app.get(
        "/api/network",
        tags=["aggregates"],
        summary="Actor network: nodes are actors, edges the events between them",
    )
    def network(filters: FiltersDep, limit: Limit = 150) -> dict:
        return service.read(queries.network, filters, limit=limit)

    @app.get(
        "/api/export",
        tags=["export"],
        summary="Every selected event as CSV or PLOVER JSONL (streamed)",
        response_class=StreamingResponse,
    )
    def export(
        filters: FiltersDep,
        format: Annotated[str, Query(max_length=20, description="csv or plover-jsonl")] = "csv",
    ) -> StreamingResponse:
        if format == "csv":
            return StreamingResponse(
                service.iterate(_csv_lines(queries.export_rows(service.store, filters))),
                media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": 'attachment; filename="events.csv"'},
            )
        if format in ("plover-jsonl", "jsonl"):
            return StreamingResponse(
                service.iterate(r + "\n" for r in queries.export_records(service.store, filters)),
                media_type="application/x-ndjson; charset=utf-8",
                headers={"Content-Disposition": 'attachment; filename="events.jsonl"'},
            )
        raise HTTPException(400, f"format: {format!r} is not one of ['csv', 'plover-jsonl']")

    # ------------------------------------------------------------------ coding
    @app.post(
        "/api/code",
        tags=["code"],
        summary="Code a posted text; returns its events and their evidence (nothing is stored)",
    )
    def code(body: CodeRequest) -> dict:
        _check_text(body.text, "text")
        if not body.text.strip():
            raise HTTPException(400, "text: empty")
        if len(body.text) > service.max_text:
            raise HTTPException(413, f"text: longer than {service.max_text} characters")
        date = _parse_date(body.date, "date")
        from ..records import Article

        coder = service.coder(body.include_unrealised)
        with service.coder_lock:
            coded = coder.code_article(Article(id="posted", text=body.text, date=date))
        events = [ev.to_json() for ev in coded.events]
        return {
            "text": body.text,
            "date": date.isoformat() if date else None,
            "events": events,
            "highlights": {ev["id"]: queries.evidence_spans(ev, body.text) for ev in events},
            "dropped": [span.model_dump() for span in coded.dropped],
        }

    # ------------------------------------------------------------------ writes
    def require_key(
        x_api_key: Annotated[str | None, Header(description="The server's API key")] = None,
        authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
    ) -> None:
        if service.api_key is None:
            raise HTTPException(
                403,
                "this server is read-only: start it with --api-key (or EVENTCODER_API_KEY) to "
                "enable writes",
            )
        given = x_api_key
        if given is None and authorization and authorization.lower().startswith("bearer "):
            given = authorization[7:].strip()
        if not given or not hmac.compare_digest(given.encode(), service.api_key.encode()):
            raise HTTPException(
                401, "missing or wrong API key (X-API-Key header)",
                headers={"WWW-Authenticate": "Bearer"},
            )  # fmt: skip

    @app.post(
        "/api/articles",
        tags=["articles"],
        status_code=201,
        summary="Ingest one article: code it and store it (needs the API key)",
        dependencies=[Depends(require_key)],
    )
    def ingest(body: ArticleIn) -> dict:
        for name in ("text", "id", "title", "source", "url", "language"):
            _check_text(getattr(body, name), name)
        if not body.text.strip():
            raise HTTPException(400, "text: empty")
        if len(body.text) > service.max_text:
            raise HTTPException(413, f"text: longer than {service.max_text} characters")
        date = _parse_date(body.date, "date")
        digest = content_hash(body.text)
        article_id = body.id or f"posted-{digest[:16]}"
        from ..records import Article

        try:
            article = Article(
                id=article_id, text=body.text, title=body.title, date=date, source=body.source,
                url=body.url, language=body.language,
            )  # fmt: skip
        except ValueError as exc:
            raise HTTPException(400, f"article: {exc}") from None
        with service.store_lock:
            if service.store.fetchall("SELECT 1 FROM articles WHERE id = ?", [article_id]):
                raise HTTPException(409, f"an article with id {article_id!r} is already stored")
            same = service.store.fetchall(
                "SELECT id, cluster_id FROM articles WHERE content_hash = ? LIMIT 1", [digest]
            )
        if same:
            original = same[0][1] or same[0][0]
            with service.store_lock:
                service.store.add_article(None, article, digest, original)
            return {"id": article_id, "events": 0, "duplicate_of": original}
        coder = service.coder(False)
        with service.coder_lock:
            coded = coder.code_article(article)
        with service.store_lock:
            if service.store.fetchall("SELECT 1 FROM articles WHERE id = ?", [article_id]):
                raise HTTPException(409, f"an article with id {article_id!r} is already stored")
            n = service.store.add_article(coded, article, digest, None)
        return {
            "id": article_id,
            "events": n,
            "duplicate_of": None,
            "event_ids": [ev.id for ev in coded.events],
        }

    return app


def _csv_lines(rows: Iterator[dict]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(queries.CSV_COLUMNS), extrasaction="ignore")
    writer.writeheader()
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        yield buffer.getvalue()
