"""A learned role tagger: which token heads an event's source (actor) and target (recipient).

Trained by ``eventcoder train`` on role-labelled sentences (``source`` / ``target`` spans), it
reads each spaCy token of a sentence as

- the encoder's contextual vector for it (MiniLM's last layer, mean over its wordpieces; the
  same encoder the classifier reads, run on the sentence as it stands), and
- a few parse features: its dependency label, part of speech and entity type, how it hangs on
  the event's trigger (subject, object, which preposition's object, by-agent...), on which side
  of the trigger it stands and how far,

and a multinomial logistic regression gives each token P(source head), P(target head) and
P(neither). For an event, the best noun, name or pronoun per role is the head and its phrase is
built as the rules build theirs (``detect.phrases.spans_for``: coordinated members apart,
relative clauses and loose prepositional phrases left out).

How its answer is combined with the rules' arguments is a ``RolePolicy`` per role, chosen by
cross-validation on the training rows (``roles_train``): ``rules`` (ignored), ``fill`` (the tagger's
span where the event has none and P >= threshold) or ``override`` (also replaces the rules'
span where P >= threshold and its head is not among the rules' tokens). Every span it adds
carries its reason. ``override`` is searched only with ``train --combine any`` (``CAUTIOUS``).
Saved with the classifier (``roles`` in model.json, and ``roles.npz``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..detect.salience import reporting_rank
from ..document import ArgumentSpan, Candidate

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from ..knowledge.words import DetectWords

FORMAT = "eventcoder-role-tagger/1"
ROLES = ("source", "target")  # index 1 and 2 of the tagger's classes; 0 is neither
SLOTS = {"source": "actor_args", "target": "recipient_args"}
SLOT_NAMES = {"source": "actor", "target": "recipient"}
KINDS = ("rules", "fill", "override")
#: What the policy is chosen among unless the user trusts their data more (``train --combine
#: any``): the tagger adds a span where the rules found none, never replaces one. A tagger
#: trained on the project's written sentences chose ``override`` by cross-validation on them
#: but lost target overlap on real news by replacing right recipients (docs/roles.md).
CAUTIOUS = ("rules", "fill")
THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
#: Parts of speech a role head can have.
HEAD_POS = frozenset({"NOUN", "PROPN", "PRON"})
#: Regularisation of the logistic regression (chosen on the development data, roles_probe.py).
C = 0.1

DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "dative", "compound", "poss", "appos", "conj",
        "amod", "attr", "npadvmod", "ROOT", "nmod", "agent", "pcomp", "ccomp", "xcomp")  # fmt: skip
POS = ("NOUN", "PROPN", "PRON", "VERB", "ADJ", "NUM", "DET", "ADP")
ENTS = ("PERSON", "NORP", "ORG", "GPE", "LOC", "FAC")
#: The event-type columns: the 16 types and NONE. A tagger keeps the list it was trained with.
EVENTS = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
          "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT",
          "THREATEN", "NONE")  # fmt: skip
#: The columns of taggers saved before the list was recorded: three names no event carries.
LEGACY_EVENTS = (*EVENTS[:-1], "DISAPPROVE", "ENGAGE", "MILITARY", "NONE")
RELATIONS = ("subject", "passive-subject", "object", "dative", "agent", "prep-object",
             "trigger", "in-trigger-subtree", "governs-trigger", "subject-of-governor",
             "object-of-governor")  # fmt: skip
DISTANCES = ((-99, -6), (-5, -3), (-2, -1), (1, 2), (3, 5), (6, 99))


def _onehot(value: str, vocab: Sequence[str]) -> list[float]:
    return [1.0 if value == v else 0.0 for v in vocab]


def relations(tok: Token, trigger: Token) -> list[str]:
    """How ``tok`` stands to the trigger in the parse (names of ``RELATIONS``)."""
    out: list[str] = []
    if tok.i == trigger.i:
        return ["trigger"]
    head = tok.head
    if head.i == trigger.i:
        out.append({"nsubj": "subject", "nsubjpass": "passive-subject", "dobj": "object",
                    "dative": "dative"}.get(tok.dep_, ""))  # fmt: skip
    if tok.dep_ == "pobj" and head.head.i == trigger.i:
        out.append("agent" if head.dep_ == "agent" else "prep-object")
    if trigger.head.i != trigger.i and head.i == trigger.head.i:
        if tok.dep_ in ("nsubj", "nsubjpass"):
            out.append("subject-of-governor")
        elif tok.dep_ in ("dobj", "dative"):
            out.append("object-of-governor")
    if trigger.is_ancestor(tok):
        out.append("in-trigger-subtree")
    if tok.is_ancestor(trigger):
        out.append("governs-trigger")
    return [r for r in out if r]


def prepositions() -> tuple[str, ...]:
    """The prepositions whose objects are told apart (``data/role_tagger.yaml``); a tagger
    keeps the list it was trained with."""
    from ..resources import load_yaml

    return tuple(str(w) for w in load_yaml("role_tagger.yaml")["prepositions"])


def parse_features(
    tok: Token, trigger: Token, event: str, preps: Sequence[str], events: Sequence[str] = EVENTS
) -> list[float]:
    """The cheap features of one token for an event with this trigger and type."""
    rel = relations(tok, trigger)
    prep = tok.head.lower_ if tok.dep_ == "pobj" else ""
    d = tok.i - trigger.i
    feats = _onehot(tok.dep_, DEPS) + _onehot(tok.pos_, POS) + _onehot(tok.ent_type_, ENTS)
    feats += [1.0 if r in rel else 0.0 for r in RELATIONS]
    feats += _onehot(prep, preps) + _onehot(event, events)
    feats += [1.0 if lo <= d <= hi else 0.0 for lo, hi in DISTANCES]
    feats += [float(tok.is_title), float(tok.pos_ in HEAD_POS)]
    return feats


def n_parse_features(preps: Sequence[str], events: Sequence[str] = EVENTS) -> int:
    return (len(DEPS) + len(POS) + len(ENTS) + len(RELATIONS) + len(preps) + len(events)
            + len(DISTANCES) + 2)  # fmt: skip


class TokenVectors:
    """MiniLM's last-layer vector for each spaCy token of a sentence (mean over the token's
    wordpieces; zeros for a token the tokenizer drops), from an embedder's transformer."""

    def __init__(self, embedder: Any, max_tokens: int = 128) -> None:
        self.transformer = embedder.transformer
        self.tokenizer = embedder.tokenizer
        self.dim = int(embedder.dim)
        self.max_tokens = max_tokens

    def __call__(self, spans: Sequence[Span]) -> list[np.ndarray]:
        import torch

        out: list[np.ndarray] = []
        for s in range(0, len(spans), 32):
            batch = spans[s : s + 32]
            enc = self.tokenizer([sp.text for sp in batch], padding=True, truncation=True,
                                 max_length=self.max_tokens, return_offsets_mapping=True,
                                 return_tensors="pt")  # fmt: skip
            offsets = enc.pop("offset_mapping").numpy()
            with torch.no_grad():
                hidden = self.transformer(**enc).last_hidden_state.numpy()
            for row, sp in enumerate(batch):
                out.append(self._pool(sp, hidden[row], offsets[row]))
        return out

    def _pool(self, span: Span, hidden: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        vecs = np.zeros((len(span), self.dim), dtype=np.float32)
        base = span.start_char
        starts = [t.idx - base for t in span]
        ends = [t.idx - base + len(t.text) for t in span]
        sums: dict[int, list[int]] = {}
        j = 0
        for w, (a, b) in enumerate(offsets):
            if b <= a:
                continue  # special tokens and padding
            while j < len(span) and ends[j] <= a:
                j += 1
            if j < len(span) and starts[j] < b:
                sums.setdefault(j, []).append(w)
        for j, rows in sums.items():
            vecs[j] = hidden[rows].mean(axis=0)
        return vecs


VectorFn = Callable[[Sequence["Span"]], list[np.ndarray]]


def features(
    span: Span,
    trigger: Token,
    event: str,
    vectors: np.ndarray | None,
    preps: Sequence[str],
    events: Sequence[str] = EVENTS,
) -> np.ndarray:
    """One row per token of the sentence ``span``."""
    rows = []
    for n, tok in enumerate(span):
        row = parse_features(tok, trigger, event, preps, events)
        if vectors is not None:
            rows.append(np.concatenate([vectors[n], np.asarray(row, dtype=np.float32)]))
        else:
            rows.append(np.asarray(row, dtype=np.float32))
    width = n_parse_features(preps, events)
    return np.vstack(rows) if rows else np.zeros((0, width), dtype=np.float32)


@dataclass(frozen=True)
class RolePolicy:
    """How the tagger's span for one role is combined with the rules' (see the module doc)."""

    kind: str = "rules"
    threshold: float = 1.0

    def describe(self) -> str:
        return self.kind if self.kind == "rules" else f"{self.kind} p>={self.threshold:.2f}"

    def takes(self, prob: float, has_rules: bool, agrees: bool) -> bool:
        """Whether the tagger's span (probability ``prob``) is coded; ``has_rules``: the rules
        have a span for the role; ``agrees``: the tagger's head is one of its tokens."""
        if self.kind == "rules" or prob < self.threshold:
            return False
        return not has_rules or (self.kind == "override" and not agrees)


@dataclass
class RoleTagger:
    """Logistic regression over token features: classes neither / source head / target head."""

    coef: np.ndarray  # (3, dim)
    intercept: np.ndarray  # (3,)
    mean: np.ndarray  # (dim,) feature standardisation
    scale: np.ndarray
    vectors: str  # the encoder whose token vectors it reads, or "" (parse features only)
    policies: dict[str, RolePolicy] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    preps: tuple[str, ...] = field(default_factory=prepositions)  # its feature columns
    events: tuple[str, ...] = EVENTS  # its event-type columns

    @classmethod
    def fit(cls, X: np.ndarray, y: np.ndarray, vectors: str, c: float = 0.5) -> RoleTagger:
        from sklearn.linear_model import LogisticRegression

        mean, scale = X.mean(axis=0), X.std(axis=0) + 1e-6
        lr = LogisticRegression(C=c, max_iter=2000, random_state=0)
        lr.fit((X - mean) / scale, y)
        coef = np.zeros((3, X.shape[1]))
        intercept = np.full(3, -30.0)  # a class never seen is never predicted
        for row, k in enumerate(lr.classes_):
            if len(lr.classes_) == 2:  # binary: sklearn keeps one row for the second class
                sign = 1.0 if row == 1 else -1.0
                coef[int(k)], intercept[int(k)] = (
                    sign * lr.coef_[0] / 2,
                    sign * lr.intercept_[0] / 2,
                )
            else:
                coef[int(k)], intercept[int(k)] = lr.coef_[row], lr.intercept_[row]
        return cls(coef, intercept, mean, scale, vectors, info={"C": c})

    def proba(self, X: np.ndarray) -> np.ndarray:
        from .model import softmax

        return softmax(((X - self.mean) / self.scale) @ self.coef.T + self.intercept)

    def best(self, span: Span, probs: np.ndarray, role: str, skip: int) -> tuple[Token, float]:
        """The likeliest head token for ``role`` (a noun, name or pronoun; not the trigger)."""
        col = 1 + ROLES.index(role)
        ok = [n for n, t in enumerate(span) if t.pos_ in HEAD_POS and t.i != skip]
        if not ok:
            return span[0], 0.0
        n = max(ok, key=lambda k: probs[k, col])
        return span[n], float(probs[n, col])

    # ------------------------------------------------------------------ files
    def save(self, directory: str | Path) -> dict[str, Any]:
        """Write ``roles.npz`` in ``directory``; returns what goes under ``roles`` in the
        model's model.json."""
        np.savez(Path(directory) / "roles.npz", coef=self.coef, intercept=self.intercept,
                 mean=self.mean, scale=self.scale)  # fmt: skip
        return {
            "format": FORMAT,
            "vectors": self.vectors,
            "prepositions": list(self.preps),
            "events": list(self.events),
            "policies": {r: asdict(p) for r, p in self.policies.items()},
            "info": self.info,
        }

    @classmethod
    def load(cls, directory: str | Path, meta: dict[str, Any]) -> RoleTagger:
        """The tagger of a model directory, from its model.json's ``roles`` entry."""
        path = Path(directory) / "roles.npz"
        if meta.get("format") != FORMAT:
            raise ValueError(f"{directory}: unknown role tagger format {meta.get('format')!r}")
        if not path.is_file():
            raise FileNotFoundError(f"{directory}: model.json names a role tagger but roles.npz "
                                    "is missing")  # fmt: skip
        with np.load(path) as w:
            arrays = {k: np.asarray(w[k]) for k in ("coef", "intercept", "mean", "scale")}
        policies = {r: RolePolicy(**p) for r, p in meta.get("policies", {}).items()}
        return cls(**arrays, vectors=meta["vectors"], policies=policies, info=meta.get("info", {}),
                   preps=tuple(meta["prepositions"]),
                   events=tuple(meta.get("events", LEGACY_EVENTS)))  # fmt: skip

    @staticmethod
    def remove(directory: str | Path) -> None:
        (Path(directory) / "roles.npz").unlink(missing_ok=True)


# ---------------------------------------------------------------------- applying it
def main_candidates(candidates: list[Candidate]) -> list[Candidate]:
    """Per sentence, the event ``evaluate`` scores: main before background, then confidence,
    then text order."""
    by_sentence: dict[int, list[Candidate]] = {}
    for cand in candidates:
        if cand.drop_reason is None:
            by_sentence.setdefault(id(cand.sentence), []).append(cand)
    return [
        min(cands, key=lambda c: (*reporting_rank(c.salience, c.confidence), c.trigger.i))
        for cands in by_sentence.values()
    ]


def apply(
    cand: Candidate,
    role: str,
    policy: RolePolicy,
    head: Token,
    prob: float,
    words: DetectWords,
) -> bool:
    """Put the tagger's span (headed by ``head``, probability ``prob``) in ``cand``'s slot for
    ``role`` where ``policy`` says; True if it did. The reason goes in ``cand.reasons``."""
    from ..detect.phrases import spans_for

    slot = SLOTS[role]
    current: list[ArgumentSpan] = getattr(cand, slot)
    if not policy.takes(prob, bool(current), any(head in a.tokens for a in current)):
        return False
    name = SLOT_NAMES[role]
    if current:
        was = " ".join(t.text for t in sorted(current[0].tokens, key=lambda t: t.i))
        why = f"{name} from the learned role tagger, p={prob:.2f}; it replaces the rules' '{was}'"
    else:
        why = f"{name} from the learned role tagger, p={prob:.2f}; the rules found none"
    spans = spans_for(head, name, why, words)
    if not spans:
        return False
    setattr(cand, slot, spans)
    cand.reasons[name] = why
    return True


def tag(
    tagger: RoleTagger,
    candidates: list[Candidate],
    words: DetectWords,
    vectors: VectorFn | None,
) -> None:
    """Apply the tagger's policies to the main event of each sentence (see ``apply``). Only
    events it could change are read (under ``fill``, those with an empty slot), so a text whose
    events all have their parties costs no encoder pass."""
    todo: list[tuple[Candidate, list[str]]] = []
    for cand in main_candidates(candidates):
        wanted = [
            role
            for role in ROLES
            if tagger.policies.get(role, RolePolicy()).kind == "override"
            or (tagger.policies.get(role, RolePolicy()).kind == "fill"
                and not getattr(cand, SLOTS[role]))
        ]  # fmt: skip
        if wanted:
            todo.append((cand, wanted))
    if not todo:
        return
    spans = [cand.sentence.span for cand, _ in todo]
    vecs = vectors(spans) if vectors is not None and tagger.vectors else [None] * len(spans)
    for (cand, wanted), span, vec in zip(todo, spans, vecs, strict=True):
        probs = tagger.proba(
            features(span, cand.trigger, cand.event, vec, tagger.preps, tagger.events)
        )
        for role in wanted:
            head, prob = tagger.best(span, probs, role, cand.trigger.i)
            apply(cand, role, tagger.policies[role], head, prob, words)
