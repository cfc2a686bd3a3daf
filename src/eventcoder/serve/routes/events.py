"""Reads: events (a page, one with its evidence), actors, places, articles, the overview."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from ...store import aggregates, clustering, reads
from ...store.filters import LEVELS
from ..evidence import evidence_spans
from ..params import FiltersDep, Limit, Offset, check_text, page
from ..service import Service


def router(service: Service) -> APIRouter:
    api = APIRouter()

    @api.get("/api/overview", tags=["store"], summary="Row counts and date range of the store")
    def overview() -> dict:
        out = service.read(reads.overview)
        out["writable"] = service.api_key is not None
        return out

    @api.get("/api/events", tags=["events"], summary="Events matching the filters, one page")
    def events(
        filters: FiltersDep,
        limit: Limit = 50,
        offset: Offset = 0,
        sort: Annotated[
            str, Query(max_length=20, description=f"One of {list(reads.SORTS)}; newest first")
        ] = "-date",
        level: Annotated[
            str,
            Query(
                max_length=10,
                description="event: one row per coded event; mention: one row per sentence "
                "that tells it (its main sentence and those merged into it); report: every "
                "coded event, as event; cluster: one row per event cluster (its "
                "representative), each row with its cluster's reports and sources",
            ),
        ] = "event",
    ) -> dict:
        if level not in LEVELS:
            raise HTTPException(400, f"level: {level!r} is not one of {list(LEVELS)}")
        if sort not in reads.SORTS:
            raise HTTPException(400, f"sort: {sort!r} is not one of {list(reads.SORTS)}")
        if level == "mention":
            total, rows = service.read(
                reads.list_mentions, filters, limit=limit, offset=offset, sort=sort
            )
        else:
            total = service.read(reads.count_events, filters)
            rows = service.read(reads.list_events, filters, limit=limit, offset=offset, sort=sort)
        return {**page(total, limit, offset, level=level), "events": rows}

    @api.get(
        "/api/events/{event_id}",
        tags=["events"],
        summary="One event: its full record, its article, the evidence spans to highlight, "
        "and its event cluster with every report of it (null until clustered)",
    )
    def event(event_id: str) -> dict:
        check_text(event_id, "event_id")
        found = service.read(reads.get_event, event_id)
        if found is None:
            raise HTTPException(404, f"no event with id {event_id!r}")
        record, article = found
        text = article["text"] if article else None
        cluster = service.read(clustering.cluster_of, event_id)
        return {
            "event": record, "article": article, "highlights": evidence_spans(record, text),
            "cluster": cluster,
        }  # fmt: skip

    @api.get(
        "/api/actors",
        tags=["actors"],
        summary="Actors of the selected events, with counts: named actors or country+sector "
        "groups (as the network's nodes); `unnamed`: pronouns and common nouns left out",
    )
    def actors(filters: FiltersDep, limit: Limit = 50, offset: Offset = 0) -> dict:
        total, rows = service.read(aggregates.list_actors, filters, limit=limit, offset=offset)
        unnamed = service.read(aggregates.unnamed_actors, filters)
        return page(total, limit, offset, actors=rows, unnamed=unnamed)

    @api.get("/api/places", tags=["places"], summary="Event places with coordinates and counts")
    def places(filters: FiltersDep, limit: Limit = 500, offset: Offset = 0) -> dict:
        total, rows = service.read(aggregates.list_places, filters, limit=limit, offset=offset)
        return page(total, limit, offset, places=rows)

    @api.get("/api/articles", tags=["articles"], summary="Stored articles")
    def articles(
        q: Annotated[str | None, Query(max_length=200, description="Title or id contains")] = None,
        source: Annotated[str | None, Query(max_length=200)] = None,
        date_from: Annotated[str | None, Query(max_length=10)] = None,
        date_to: Annotated[str | None, Query(max_length=10)] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict:
        for name, value in (("q", q), ("source", source)):
            check_text(value, name)
        total, rows = service.read(
            reads.list_articles, q=q, source=source, date_from=date_from, date_to=date_to,
            limit=limit, offset=offset,
        )  # fmt: skip
        return page(total, limit, offset, articles=rows)

    @api.get("/api/articles/{article_id}", tags=["articles"], summary="One article and its events")
    def article(article_id: str) -> dict:
        check_text(article_id, "article_id")
        found = service.read(reads.get_article, article_id)
        if found is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return found

    return api
