"""Stage ``places``: where each event happened."""

from __future__ import annotations

from ..document import Document
from ..pipeline import register_stage


@register_stage("places")
class Geolocate:
    name = "places"

    def __call__(self, doc: Document) -> Document:
        for cand in doc.candidates:
            cand.reasons.setdefault("event_loc", "geolocation not implemented (placeholder stage)")
        return doc
