"""Assets served from the package: the page, its script, the offline API docs, the basemap."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, Response

from ..basemap import world_geojson

STATIC = Path(str(resources.files("eventcoder.serve") / "static"))
DOCS_STATIC = Path(str(resources.files("fastapi_offline") / "static"))


def router() -> APIRouter:
    api = APIRouter()

    @api.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @api.get("/docs", include_in_schema=False)
    def swagger() -> Response:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventcoder API",
            swagger_js_url="/docs-static/swagger-ui-bundle.js",
            swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/docs-static/favicon.png",
        )

    @api.get("/redoc", include_in_schema=False)
    def redoc() -> Response:
        return get_redoc_html(
            openapi_url="/openapi.json",
            title="eventcoder API",
            redoc_js_url="/docs-static/redoc.standalone.js",
            redoc_favicon_url="/docs-static/favicon.png",
            with_google_fonts=False,
        )

    @api.get("/api/basemap.geojson", tags=["map"], summary="World country outlines (GeoJSON)")
    def basemap() -> Response:
        return Response(
            world_geojson(),
            media_type="application/geo+json",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    return api
