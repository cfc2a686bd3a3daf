"""``/api/export``: the same exporters as ``eventcoder export``, streamed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import StreamingResponse

from ...export import MEDIA_TYPES, ExportFormat, lines
from ..params import FiltersDep
from ..service import Service

#: What a client may ask for ("jsonl": an older name of plover-jsonl).
FORMATS: dict[str, ExportFormat] = {
    **{str(fmt): fmt for fmt in MEDIA_TYPES},
    "jsonl": ExportFormat.plover_jsonl,
}


def router(service: Service) -> APIRouter:
    api = APIRouter()

    @api.get(
        "/api/export",
        tags=["export"],
        summary="Every selected event as CSV, PLOVER JSONL or POLECAT TSV (streamed); the "
        "same bytes as `eventcoder export`",
        response_class=StreamingResponse,
    )
    def export(
        filters: FiltersDep,
        format: Annotated[
            str, Query(max_length=20, description="csv, plover-jsonl or polecat-tsv")
        ] = "csv",
    ) -> StreamingResponse:
        fmt = FORMATS.get(format)
        if fmt is None:
            known = [str(f) for f in MEDIA_TYPES]
            raise HTTPException(400, f"format: {format!r} is not one of {known}")
        media, suffix = MEDIA_TYPES[fmt]
        return StreamingResponse(
            service.iterate(lines(service.store, fmt, filters)),
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="events.{suffix}"'},
        )

    return api
