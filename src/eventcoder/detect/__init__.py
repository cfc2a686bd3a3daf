"""Stages ``detect`` and ``modality``.

``detect`` runs the detectors (the rule detector by default; a learned classifier can sit
beside it, see ``eventcoder.learn``) and puts ``Candidate`` events on the document.
``modality`` decides whether each one happened, and folds requested events into their calls.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..document import Document
from ..knowledge import Knowledge
from ..pipeline import register_stage
from .lexicon import Lexicon, Sense
from .modality import ModalityResolver
from .rules import RuleDetector
from .salience import mark_salience

if TYPE_CHECKING:  # pragma: no cover
    from ..learn.detector import LearnedDetector

__all__ = ["Detect", "Lexicon", "Modality", "RuleDetector", "Sense"]


@register_stage("detect")
class Detect:
    """Propose events. ``lexicon``: a user trigger file merged over the shipped one;
    ``model``: a classifier directory from ``eventcoder train`` (or ``builtin``), run beside the
    rules (needs the ``ml`` extra), or a loaded ``LearnedDetector`` whose classifier and embedder
    to share (with this stage's lexicon); ``learned``: a ready ``LearnedDetector`` instead;
    ``knowledge``: the coder's tables (its ``detect_words`` go into the lexicon)."""

    name = "detect"
    requires = ("sentences",)  # Document fields it reads (checked by Pipeline)
    sets = ("candidates", "lexicon", "learned")

    def __init__(
        self,
        lexicon: str | Path | Lexicon | None = None,
        model: str | Path | LearnedDetector | None = None,
        learned: Any | None = None,
        knowledge: Knowledge | None = None,
    ) -> None:
        if isinstance(lexicon, Lexicon):
            self.lexicon = lexicon
        else:
            words = knowledge.detect_words if knowledge is not None else None
            self.lexicon = Lexicon.load(lexicon, words)
        self.detectors: list[Any] = [RuleDetector(self.lexicon)]
        if learned is None and model is not None:
            from ..learn.detector import LearnedDetector  # the "ml" extra: imported only here

            if isinstance(model, LearnedDetector):
                learned = model.with_lexicon(self.lexicon)
            else:
                learned = LearnedDetector.load(model, self.lexicon)
        self.learned = learned
        if learned is not None:
            self.detectors.append(learned)

    def __call__(self, doc: Document) -> Document:
        for detector in self.detectors:
            doc.candidates.extend(detector(doc))
        doc.lexicon = self.lexicon
        doc.learned = self.learned
        return doc


@register_stage("modality")
class Modality:
    """Set each candidate's modality; fold requested events into their REQUEST; mark which
    events a sentence reports and which it tells as background (``salience``)."""

    name = "modality"
    requires = ("candidates", "lexicon")  # Document fields it reads (checked by Pipeline)
    sets = ()

    def __init__(
        self, lexicon: str | Path | Lexicon | None = None, knowledge: Knowledge | None = None
    ) -> None:
        self._lexicon = lexicon if isinstance(lexicon, Lexicon) else None
        self._path = None if isinstance(lexicon, Lexicon) else lexicon
        self._words = knowledge.detect_words if knowledge is not None else None

    def __call__(self, doc: Document) -> Document:
        lexicon = self._lexicon or doc.lexicon or Lexicon.load(self._path, self._words)
        assert isinstance(lexicon, Lexicon)
        marks = lexicon.words.temporal_marks
        learned = doc.learned
        if learned is None:
            resolved = ModalityResolver(lexicon)(doc.candidates)
            doc.candidates = mark_salience([c for c in resolved if c.drop_reason is None], marks)
            return doc
        # The classifier's candidates are resolved on their own (they never host or fold into
        # a rule event); the stage ``combine`` (eventcoder.learn.combine) then applies the
        # model's policy per sentence.
        name = getattr(learned, "name", "classifier")
        rules = [c for c in doc.candidates if c.detector != name]
        resolver = ModalityResolver(lexicon)
        resolved = mark_salience([c for c in resolver(rules) if c.drop_reason is None], marks)
        for cand in doc.candidates:
            if cand.detector == name:
                resolved += [c for c in resolver([cand]) if c.drop_reason is None]
        doc.candidates = resolved
        return doc
