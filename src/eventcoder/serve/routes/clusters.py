"""Event clusters: one real-world event and every report that tells it (docs/clusters.md)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from ...store import clustering
from ..params import check_text
from ..service import Service


def router(service: Service) -> APIRouter:
    api = APIRouter()

    @api.get(
        "/api/clusters/{cluster_id}",
        tags=["events"],
        summary="One event cluster: its summary and every report of it (article, source, "
        "date, sentence), in publication order",
    )
    def cluster(cluster_id: str) -> dict:
        check_text(cluster_id, "cluster_id")
        found = service.read(clustering.get_cluster, cluster_id)
        if found is None:
            raise HTTPException(404, f"no event cluster with id {cluster_id!r}")
        return found

    return api
