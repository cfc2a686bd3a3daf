"""The offline world basemap: country outlines from the pinned ``countryinfo`` package.

countryinfo ships one JSON file per country with a ``geoJSON`` outline. They are merged into
one GeoJSON FeatureCollection, coordinates rounded to 0.01 degree (about 1 km, ample for a
world map) to keep the payload small, and served by the app itself: no tile server, no CDN.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


def _round_ring(ring: list, digits: int) -> list:
    out: list[list[float]] = []
    for point in ring:
        p = [round(float(point[0]), digits), round(float(point[1]), digits)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def _round_geometry(geometry: dict, digits: int) -> dict | None:
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        rings = [r for r in (_round_ring(ring, digits) for ring in coords) if len(r) >= 4]
        return {"type": kind, "coordinates": rings} if rings else None
    if kind == "MultiPolygon":
        polys = []
        for poly in coords:
            rings = [r for r in (_round_ring(ring, digits) for ring in poly) if len(r) >= 4]
            if rings:
                polys.append(rings)
        return {"type": kind, "coordinates": polys} if polys else None
    return None


@lru_cache(maxsize=1)
def world_geojson(digits: int = 2) -> bytes:
    """All country outlines as one GeoJSON FeatureCollection (UTF-8 bytes)."""
    features = []
    seen: set[str] = set()
    data = resources.files("countryinfo") / "data"
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        try:
            info = json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso = (info.get("ISO") or {}).get("alpha3")
        for feature in (info.get("geoJSON") or {}).get("features") or []:
            geometry = _round_geometry(feature.get("geometry") or {}, digits)
            if geometry is None:
                continue
            key = iso or feature.get("id") or info.get("name")
            if key in seen:
                continue
            seen.add(key)
            features.append(
                {
                    "type": "Feature",
                    "id": key,
                    "properties": {"name": info.get("name"), "iso3": iso},
                    "geometry": geometry,
                }
            )
    collection = {
        "type": "FeatureCollection",
        "source": "countryinfo (PyPI) country outlines, rounded to 0.01 degree",
        "features": features,
    }
    return json.dumps(collection, separators=(",", ":")).encode("utf-8")
