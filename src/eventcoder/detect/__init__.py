"""Stages ``detect`` and ``modality``.

``detect`` runs the detectors (the rule detector by default; a learned classifier can sit
beside it, see ``eventcoder.learn``) and puts ``Candidate`` events on the document.
``modality`` decides whether each one happened, and folds requested events into their calls.
"""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..pipeline import register_stage
from .lexicon import Lexicon, Sense
from .modality import ModalityResolver
from .rules import RuleDetector

__all__ = ["Detect", "Lexicon", "Modality", "RuleDetector", "Sense"]


@register_stage("detect")
class Detect:
    """Propose events. ``lexicon``: a user trigger file merged over the shipped one."""

    name = "detect"

    def __init__(self, lexicon: str | Path | Lexicon | None = None) -> None:
        self.lexicon = lexicon if isinstance(lexicon, Lexicon) else Lexicon.load(lexicon)
        self.detectors = [RuleDetector(self.lexicon)]

    def __call__(self, doc: Document) -> Document:
        for detector in self.detectors:
            doc.candidates.extend(detector(doc))
        doc.user_data["lexicon"] = self.lexicon
        return doc


@register_stage("modality")
class Modality:
    """Set each candidate's modality; fold requested events into their REQUEST."""

    name = "modality"

    def __init__(self, lexicon: str | Path | Lexicon | None = None) -> None:
        self._lexicon = lexicon if isinstance(lexicon, Lexicon) else None
        self._path = None if isinstance(lexicon, Lexicon) else lexicon

    def __call__(self, doc: Document) -> Document:
        lexicon = self._lexicon or doc.user_data.get("lexicon") or Lexicon.load(self._path)
        assert isinstance(lexicon, Lexicon)
        resolved = ModalityResolver(lexicon)(doc.candidates)
        doc.candidates = [c for c in resolved if "drop" not in c.notes]
        return doc
