"""Aggregates: counts by time, type and dyad; the actor network."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ...store import aggregates
from ..params import FiltersDep, Level, Limit
from ..service import Service


def router(service: Service) -> APIRouter:
    api = APIRouter()

    @api.get(
        "/api/aggregates/time",
        tags=["aggregates"],
        summary="Event counts by period (day, week or month) and type",
    )
    def by_time(
        filters: FiltersDep,
        interval: Annotated[str, Query(max_length=10, description="day, week or month")] = "month",
        level: Level = "event",
        span: Annotated[
            str,
            Query(
                max_length=10,
                description="bulk: the axis spans the bulk of the dates (within three "
                "interquartile ranges of the middle half), those outside counted in "
                "before/after; all: every date",
            ),
        ] = "bulk",
    ) -> dict:
        return service.read(aggregates.timeline, filters, interval=interval, level=level, span=span)

    @api.get("/api/aggregates/types", tags=["aggregates"], summary="Event counts by type")
    def by_type(filters: FiltersDep, level: Level = "event") -> dict:
        return {"level": level, "types": service.read(aggregates.by_type, filters, level=level)}

    @api.get(
        "/api/aggregates/dyads",
        tags=["aggregates"],
        summary="Actor -> recipient counts (cooperation and conflict)",
    )
    def by_dyad(
        filters: FiltersDep,
        by: Annotated[
            str, Query(max_length=10, description="country, actor or sector")
        ] = "country",
        level: Level = "event",
        limit: Limit = 200,
    ) -> dict:
        rows = service.read(aggregates.dyads, filters, by=by, level=level, limit=limit)
        return {"by": by, "level": level, "dyads": rows}

    @api.get(
        "/api/network",
        tags=["aggregates"],
        summary="Actor network: nodes are named actors or country+sector groups, edges the "
        "events between them",
    )
    def network(filters: FiltersDep, limit: Limit = 150) -> dict:
        return service.read(aggregates.network, filters, limit=limit)

    return api
