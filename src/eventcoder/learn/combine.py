"""Stage ``combine``: the learned classifier's answer weighed against the rule events.

Runs after ``modality`` (which resolves the rule candidates and the classifier's on their own)
and applies the classifier's policy per sentence (``LearnedDetector.combine``). Without a
classifier (``doc.learned`` is None: no ``--model``) it changes nothing. Imports nothing of the
``ml`` extra: the detector that ``detect`` loaded is on the document.
"""

from __future__ import annotations

from ..document import Document
from ..pipeline import register_stage


@register_stage("combine")
class Combine:
    """Keep, per sentence, what the classifier's policy keeps of the rule and classifier
    events; the result in text order."""

    name = "combine"
    requires = ("candidates", "learned")  # Document fields it reads (checked by Pipeline)
    sets = ()

    def __call__(self, doc: Document) -> Document:
        if doc.learned is None:
            return doc
        doc.candidates = sorted(
            doc.learned.combine(doc.candidates), key=lambda c: (c.sentence.index, c.trigger.i)
        )
        return doc
