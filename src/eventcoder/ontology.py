"""PLOVER ontology: event types, modes, quad classes, scores and CAMEO codes.

Read from ``data/plover.yaml`` (the project's own table). One place to look a type up.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .resources import load_yaml


@dataclass(frozen=True)
class EventType:
    name: str
    quad_code: int
    quad_class: str
    score: float
    requires_recipient: bool
    cameo: str
    modes: dict[str, dict]

    def cameo_for(self, mode: str | None) -> str:
        if mode and mode in self.modes:
            return str(self.modes[mode]["cameo"])
        return self.cameo

    def score_for(self, mode: str | None) -> float:
        if mode and mode in self.modes:
            return float(self.modes[mode]["score"])
        return self.score


@lru_cache(maxsize=1)
def event_types() -> dict[str, EventType]:
    data = load_yaml("plover.yaml")
    quads = {int(k): v for k, v in data["quad_classes"].items()}
    out: dict[str, EventType] = {}
    for name, spec in data["types"].items():
        out[name] = EventType(
            name=name,
            quad_code=int(spec["quad"]),
            quad_class=quads[int(spec["quad"])],
            score=float(spec["score"]),
            requires_recipient=bool(spec["requires_recipient"]),
            cameo=str(spec["cameo"]),
            modes=dict(spec.get("modes") or {}),
        )
    return out


PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

#: Older PLOVER 0.5 labels (used by the PLOVER gold-standard records) and their 16-type names.
LEGACY_LABELS: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}


def get(name: str) -> EventType:
    try:
        return event_types()[name]
    except KeyError:
        raise KeyError(f"{name!r} is not a PLOVER event type; known: {PLOVER_TYPES}") from None


def normalise_label(label: str) -> tuple[str, str | None]:
    """Map a gold label (16-type or legacy 0.5) to ``(type, mode)``; ``NONE`` stays ``NONE``."""
    label = label.strip().upper()
    if label in LEGACY_LABELS:
        return LEGACY_LABELS[label]
    return label, None
