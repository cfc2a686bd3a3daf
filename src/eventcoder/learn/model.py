"""The event-type classifier (logistic regression over sentence embeddings) and how it is
combined with the rule detector.

A trained model is a directory of two plain files, no pickle:

- ``model.json``: labels, embedding backend, what it reads of a sentence (``input``), the
  combination policy and its thresholds, the
  cross-validated scores that chose them, and where the training data came from;
- ``weights.npz``: the coefficient matrix and intercepts;
- ``encoder.npz`` (only a model trained with ``--fine-tune-layers``): the encoder's fine-tuned
  top layers, put in place of the shipped ones when the model embeds a sentence
  (``finetune.py``);
- ``roles.npz`` (only a model trained on role-labelled sentences): the role tagger's weights
  (``roles.py``); its policies and cross-validated scores are under ``roles`` in model.json.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from .roles import RoleTagger

NONE = "NONE"
FORMAT = "eventcoder-classifier/1"


@dataclass(frozen=True)
class Policy:
    """How the classifier's answer for a sentence is combined with the rules' events.

    ``kind``:
    - ``rules``: the classifier is ignored;
    - ``fill``: where the rules found no event, the classifier's type is added when its
      probability is at least ``fill``;
    - ``override``: ``fill``, and where the rules found events but none of the classifier's
      type, the classifier's type replaces them when its probability is at least ``override``;
    - ``union``: the classifier's type is added beside the rules' whenever its probability is at
      least ``fill``.
    ``veto`` (any kind but ``rules``): the rules' events in a sentence are dropped when the
    classifier gives NONE at least this probability (1.0 switches it off).
    ``single``: where the rules find several event types in a sentence's main clause, only the
    type the classifier ranks highest is the event the sentence reports; the others are kept as
    ``background`` events (left out by ``--main-events-only`` and ``evaluate``).
    """

    kind: str = "fill"
    fill: float = 0.5
    override: float = 1.0
    veto: float = 1.0
    single: bool = False

    def describe(self) -> str:
        parts = [self.kind]
        if self.kind != "rules":
            parts.append(f"fill>={self.fill:.2f}")
        if self.kind == "override":
            parts.append(f"override>={self.override:.2f}")
        if self.kind != "rules" and self.veto < 1.0:
            parts.append(f"veto NONE>={self.veto:.2f}")
        if self.kind != "rules" and self.single:
            parts.append("one type per sentence")
        return ", ".join(parts)


@dataclass
class Decision:
    drop_rules: bool
    add: bool
    why: str
    keep_only: str | None = None  # keep only the rules' events of this type


def decide(
    policy: Policy,
    rule_types: set[str],
    label: str,
    prob: float,
    p_none: float,
    probs: dict[str, float] | None = None,
) -> Decision:
    """One sentence: keep the rules' events? add the classifier's ``label`` (probability
    ``prob``; ``p_none`` is the probability of no event; ``probs`` every label's)? The same
    function is used when coding and when the policy is chosen by cross-validation, so what
    was measured is what runs."""
    if policy.kind == "rules":
        return Decision(False, False, "rules only")
    decision = _decide(policy, rule_types, label, prob, p_none)
    if policy.single and not decision.drop_rules and len(rule_types) > 1 and not decision.add:
        ranked = max(sorted(rule_types), key=lambda t: (probs or {}).get(t, 0.0))
        decision.keep_only = ranked
        decision.why = f"{decision.why}; one type per sentence: {ranked} ranked first"
    return decision


def _decide(
    policy: Policy, rule_types: set[str], label: str, prob: float, p_none: float
) -> Decision:
    if rule_types and p_none >= policy.veto:
        return Decision(True, False, f"classifier: no event (p={p_none:.2f})")
    if not rule_types:
        if prob >= policy.fill:
            return Decision(False, True, f"classifier: {label} p={prob:.2f}; no rule event")
        return Decision(False, False, "below the classifier's threshold")
    if label in rule_types:
        return Decision(False, False, "rules and classifier agree")
    if policy.kind == "union" and prob >= policy.fill:
        return Decision(False, True, f"classifier: {label} p={prob:.2f}, beside the rules")
    if policy.kind == "override" and prob >= policy.override:
        return Decision(True, True, f"classifier: {label} p={prob:.2f} overrides the rules")
    return Decision(False, False, "rules kept")


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class EventClassifier:
    """Multinomial logistic regression over sentence embeddings; labels are PLOVER types and
    ``NONE``."""

    labels: list[str]
    coef: np.ndarray  # (n_labels, dim)
    intercept: np.ndarray  # (n_labels,)
    backend: str
    policy: Policy = field(default_factory=Policy)
    info: dict[str, Any] = field(default_factory=dict)
    input: str = "sentence"  # what it reads of a sentence: see ``inputs``
    encoder: dict[str, np.ndarray] | None = None  # fine-tuned encoder layers: see ``finetune``
    roles: RoleTagger | None = None  # the role tagger: see ``roles``

    @property
    def tuned_layers(self) -> int:
        """How many of the encoder's top layers this model fine-tuned (0: none)."""
        return len({name.split(".")[2] for name in self.encoder or {}})

    @classmethod
    def fit(
        cls,
        X: np.ndarray,
        y: list[str],
        backend: str,
        c: float = 8.0,
        seed: int = 0,
        weights: np.ndarray | None = None,
    ) -> EventClassifier:
        from sklearn.linear_model import LogisticRegression

        if len(set(y)) < 2:
            raise ValueError("training data needs at least two different labels")
        lr = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=seed)
        lr.fit(X, y, sample_weight=weights)
        coef = np.asarray(lr.coef_, dtype=np.float64)
        intercept = np.asarray(lr.intercept_, dtype=np.float64)
        if coef.shape[0] == 1:  # binary: sklearn keeps one row for the second class
            coef = np.vstack([-coef / 2, coef / 2])
            intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
        return cls([str(x) for x in lr.classes_], coef, intercept, backend, info={"C": c})

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return softmax(X @ self.coef.T + self.intercept)

    def top(self, probs: np.ndarray) -> tuple[str, float, float]:
        """(best event label, its probability, probability of NONE) for one row."""
        p_none = float(probs[self.labels.index(NONE)]) if NONE in self.labels else 0.0
        best = max((i for i, lab in enumerate(self.labels) if lab != NONE), key=lambda i: probs[i])
        return self.labels[best], float(probs[best]), p_none

    # ------------------------------------------------------------------ files
    def save(self, directory: str | Path) -> Path:
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        np.savez(out / "weights.npz", coef=self.coef, intercept=self.intercept)
        encoder = out / "encoder.npz"
        if self.encoder:
            np.savez(encoder, **self.encoder)
        elif encoder.exists():  # a model written over one that had tuned layers
            encoder.unlink()
        meta = {
            "format": FORMAT,
            "labels": self.labels,
            "backend": self.backend,
            "input": self.input,
            "fine_tuned_layers": self.tuned_layers,
            "policy": asdict(self.policy),
            "info": self.info,
        }
        from .roles import RoleTagger

        if self.roles is not None:
            meta["roles"] = self.roles.save(out)
        else:  # a model written over one that had a tagger
            RoleTagger.remove(out)
        (out / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        return out

    @classmethod
    def load(cls, directory: str | Path) -> EventClassifier:
        path = Path(directory)
        meta_path, weights_path = path / "model.json", path / "weights.npz"
        if not meta_path.is_file() or not weights_path.is_file():
            raise FileNotFoundError(
                f"{path} is not a classifier made by 'eventcoder train' "
                "(expected model.json and weights.npz)"
            )
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{meta_path}: unknown format {meta.get('format')!r}")
        with np.load(weights_path) as w:
            coef, intercept = np.asarray(w["coef"]), np.asarray(w["intercept"])
        labels = list(meta["labels"])
        if coef.shape[0] != len(labels) or intercept.shape[0] != len(labels):
            raise ValueError(f"{path}: weights do not match the {len(labels)} labels")
        from .inputs import check

        kind = meta.get("input", "sentence")  # models from before inputs read the sentence
        check(kind)
        encoder = None
        if meta.get("fine_tuned_layers"):
            if not (path / "encoder.npz").is_file():
                raise FileNotFoundError(
                    f"{path}: model.json names {meta['fine_tuned_layers']} fine-tuned encoder "
                    "layers but encoder.npz is missing"
                )
            with np.load(path / "encoder.npz") as e:
                encoder = {name: np.asarray(e[name]) for name in e.files}
        from .roles import RoleTagger

        roles = RoleTagger.load(path, meta["roles"]) if meta.get("roles") else None
        return cls(labels, coef, intercept, meta["backend"], Policy(**meta["policy"]),
                   meta.get("info", {}), kind, encoder, roles)  # fmt: skip
