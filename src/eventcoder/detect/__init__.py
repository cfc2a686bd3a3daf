"""Stages ``detect`` and ``modality``: event triggers, types, modes, arguments, modality."""

from __future__ import annotations

from ..document import Document
from ..pipeline import register_stage


@register_stage("detect")
class Detect:
    name = "detect"

    def __call__(self, doc: Document) -> Document:
        return doc


@register_stage("modality")
class Modality:
    name = "modality"

    def __call__(self, doc: Document) -> Document:
        return doc
