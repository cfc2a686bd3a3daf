"""Training the role tagger (``roles.py``) and choosing its policies by cross-validation.

``train_roles`` is step 5 of ``train.train``: the role-labelled sentences (a ``source`` or
``target`` span) at the main event the probe gives them once the classifier's policy is
applied (``examples``); out-of-fold tagger answers per role (``train_tagger``); the policy with
the best F1 of overlap with the gold spans, scored as ``evaluate`` scores roles (``choose``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..document import ArgumentSpan, Candidate
from ..evaluate.roles import content_words
from .roles import (
    CAUTIOUS,
    HEAD_POS,
    KINDS,
    ROLES,
    SLOTS,
    THRESHOLDS,
    C,
    RolePolicy,
    RoleTagger,
    TokenVectors,
    VectorFn,
    features,
    main_candidates,
    prepositions,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from ..coder import Coder
    from ..document import Document
    from ..evaluate import GoldItem
    from ..knowledge.words import DetectWords
    from .model import EventClassifier


def gold_heads(span: Span, gold: str | None) -> list[int]:
    """Sentence-relative indexes of the head tokens of a gold span (each of its " ; " parts
    found in the sentence; a head: a token of the part whose parse head lies outside it)."""
    if not gold:
        return []
    text, base = span.text, span.start_char
    out: list[int] = []
    for part in gold.split(" ; "):
        part = part.strip()
        at = text.find(part) if part else -1
        if at < 0:
            continue
        lo, hi = base + at, base + at + len(part)
        inside = [t for t in span if t.idx >= lo and t.idx + len(t.text) <= hi]
        ids = {t.i for t in inside}
        heads = [t for t in inside if t.head.i not in ids or t.head.i == t.i]
        heads = [t for t in heads if t.pos_ in HEAD_POS] or heads
        out.extend(t.i - span.start for t in heads[:1])
    return out


# ---------------------------------------------------------------------- choosing a policy
@dataclass
class RoleRow:
    """One training sentence, for choosing the policy: the gold span of a role, the text of
    the rules' span (or None), and the out-of-fold tagger's head phrase and probability."""

    gold: str | None
    rules: str | None
    rules_tokens: set[int]
    tagged: str
    tagged_head: int
    prob: float


def policy_scores(
    rows: list[RoleRow], policy: RolePolicy, stop: frozenset[str]
) -> dict[str, float]:
    """Overlap with gold (content words, as ``evaluate`` scores roles) of the role as the
    policy codes it: recall over gold spans, precision over coded spans, F1."""
    tp = coded = gold = 0
    for r in rows:
        text = r.rules
        if policy.takes(r.prob, text is not None, r.tagged_head in r.rules_tokens):
            text = r.tagged
        gold += r.gold is not None
        coded += text is not None
        tp += bool(r.gold and text and content_words(r.gold, stop) & content_words(text, stop))
    p = tp / coded if coded else 0.0
    rec = tp / gold if gold else 0.0
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    return {"overlap": round(rec, 4), "precision": round(p, 4), "f1": round(f1, 4)}


def choose(
    rows: list[RoleRow], stop: frozenset[str], kinds: Sequence[str] = KINDS
) -> tuple[RolePolicy, dict[str, Any]]:
    """The policy of ``kinds`` with the best F1 (ties: the simpler, then the higher
    threshold)."""
    grid = [RolePolicy()] + [RolePolicy(k, t) for k in kinds if k != "rules" for t in THRESHOLDS]
    best: tuple[tuple, RolePolicy, dict[str, float]] | None = None
    for policy in grid:
        s = policy_scores(rows, policy, stop)
        key = (s["f1"], -KINDS.index(policy.kind), policy.threshold)
        if best is None or key > best[0]:
            best = (key, policy, s)
    assert best is not None
    return best[1], {"rules_alone": policy_scores(rows, RolePolicy(), stop), "chosen": best[2]}


# ---------------------------------------------------------------------- training
@dataclass
class Example:
    """One role-labelled training sentence at its main event."""

    span: Span
    trigger: int
    X: np.ndarray
    y: np.ndarray
    gold: dict[str, str | None]
    rules: dict[str, list[ArgumentSpan]]


def examples(
    items: Sequence[Any],
    docs: Sequence[Any],
    policy: Any,
    vectors: VectorFn | None,
) -> list[Example]:
    """The role-labelled ``items`` (``GoldItem`` with a source or target span) at the main
    event of their processed ``docs`` once the classifier's ``policy`` has combined them, as
    coding would see them."""
    from .detector import combine

    found: list[tuple[Any, Candidate]] = []
    for item, doc in zip(items, docs, strict=True):
        if not (item.source_span or item.target_span):
            continue
        mains = main_candidates(combine(list(doc.candidates), policy))
        if mains:
            found.append((item, mains[0]))
    spans = [cand.sentence.span for _, cand in found]
    preps = prepositions()
    vecs: Sequence[np.ndarray | None] = vectors(spans) if vectors else [None] * len(spans)
    out = []
    for (item, cand), span, vec in zip(found, spans, vecs, strict=True):
        y = np.zeros(len(span), dtype=int)
        for k, role in enumerate(ROLES, 1):
            for h in gold_heads(span, getattr(item, f"{role}_span")):
                y[h] = k
        out.append(Example(
            span, cand.trigger.i, features(span, cand.trigger, cand.event, vec, preps), y,
            {"source": item.source_span, "target": item.target_span},
            {r: list(getattr(cand, SLOTS[r])) for r in ROLES},
        ))  # fmt: skip
    return out


def role_rows(tagger: RoleTagger, exs: Sequence[Example], role: str, words: DetectWords
              ) -> list[RoleRow]:  # fmt: skip
    """What the tagger and the rules give for ``role`` in each example (``choose``'s input)."""
    from ..detect.phrases import spans_for

    out = []
    for ex in exs:
        head, prob = tagger.best(ex.span, tagger.proba(ex.X), role, ex.trigger)
        tagged = " ".join(t.text for a in spans_for(head, role, "", words) for t in a.tokens)
        rules = ex.rules[role]
        out.append(RoleRow(
            ex.gold[role], " ".join(t.text for a in rules for t in a.tokens) or None,
            {t.i for a in rules for t in a.tokens}, tagged, head.i, prob,
        ))  # fmt: skip
    return out


def fit_examples(exs: Sequence[Example], vectors: str, c: float) -> RoleTagger:
    return RoleTagger.fit(np.vstack([e.X for e in exs]), np.concatenate([e.y for e in exs]),
                          vectors, c=c)  # fmt: skip


def train_tagger(
    exs: list[Example],
    words: DetectWords,
    vectors: str,
    folds: int = 5,
    c: float = C,
    seed: int = 0,
    kinds: Sequence[str] = CAUTIOUS,
) -> RoleTagger:
    """Fit the tagger on ``exs`` and choose each role's policy among ``kinds`` by
    ``folds``-fold cross-validation over them (out-of-fold tagger answers, ``choose``)."""
    from ..evaluate.roles import scoring_words

    if len(exs) < max(2, folds):
        raise ValueError(f"the role tagger needs at least {max(2, folds)} role-labelled "
                         f"sentences with an event; got {len(exs)}")  # fmt: skip
    stop = scoring_words()
    order = np.random.default_rng(seed).permutation(len(exs))
    oof: dict[str, list[RoleRow | None]] = {r: [None] * len(exs) for r in ROLES}
    for k in range(folds):
        held = sorted(order[k::folds].tolist())
        rest = set(held)
        part = fit_examples([e for i, e in enumerate(exs) if i not in rest], vectors, c)
        for role in ROLES:
            for i, row in zip(held, role_rows(part, [exs[i] for i in held], role, words),
                              strict=True):  # fmt: skip
                oof[role][i] = row
    tagger = fit_examples(exs, vectors, c)
    cv: dict[str, Any] = {}
    for role in ROLES:
        rows = [r for r in oof[role] if r is not None]
        policy, scores = choose(rows, stop, kinds)
        tagger.policies[role] = policy
        cv[role] = {"policy": policy.describe(), **scores}
    tagger.info = {
        "C": c,
        "sentences": len(exs),
        "tokens": int(sum(len(e.y) for e in exs)),
        "heads": {r: int(sum((e.y == k).sum() for e in exs)) for k, r in enumerate(ROLES, 1)},
        "cv": cv,
        "kinds": list(kinds),
        "policy_chosen_by": f"best F1 of role overlap with gold, {folds}-fold cross-validation "
        "on the role-labelled training sentences",
    }
    return tagger


def train_roles(
    items: list[GoldItem],
    docs: list[Document],
    model: EventClassifier,
    embedder: Any | None,
    folds: int,
    progress: bool,
    coder: Coder | None,
    kind: str = "auto",
) -> RoleTagger:
    """Step 5 (module doc): the role tagger, on the encoder the model codes with (its tuned
    layers put in place); without a real encoder (an ``embed`` function) on parse features
    only. Its policies are chosen among the ``CAUTIOUS`` kinds unless the classifier's ``kind``
    says the user trusts the data to override the rules (``--combine any``)."""
    from ..detect.lexicon import Lexicon
    from .train import probe

    if progress:
        print("training the role tagger", file=sys.stderr)
    if not docs:  # no probe ran (``rules``): the rules' events as they stand
        flat = np.full((len(items), len(model.labels)), 1.0 / len(model.labels))
        probe(items, flat, model, coder=coder, docs=docs)
    vectors = None
    if embedder is not None:
        if model.encoder:
            from .finetune import apply_state

            apply_state(embedder.transformer, model.encoder)
        vectors = TokenVectors(embedder)
    exs = examples(items, docs, model.policy, vectors)
    words = coder.knowledge.detect_words if coder is not None else Lexicon.load(None).words
    name = embedder.name if embedder is not None else ""
    kinds = KINDS if kind in ("any", "override", "union") else CAUTIOUS
    return train_tagger(exs, words, name, folds=folds, kinds=kinds)
