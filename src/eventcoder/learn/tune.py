"""Choosing the combination policy on a development set of the user's (``train --tune-on``).

The classifier's weights are learnt from the training sentences only. Sentences written for
training are easier than real news, so the policy chosen by cross-validation on them can be the
wrong one for real news (``train.CAUTIOUS_KINDS``). With a labelled development set of real
sentences, the policy (its kind and thresholds: a handful of numbers, no weights) is chosen on
that set instead:

1. the trained classifier answers for every development sentence, and the pipeline is probed
   with the rules and that answer (``train.probe``), as in training;
2. every policy of the grid is scored on those probes one type per sentence, as ``evaluate``
   scores them (accuracy, macro-F1; the older root YIELD is matched by CONCEDE or RETREAT);
   policies whose false-event rate on the *training* NONE sentences exceeds
   ``train.MAX_FALSE_EVENT_RATE`` are left out (a development set of news reports seldom holds
   sentences without an event);
3. the best macro-F1 wins; ``folds``-fold cross-validation over the development sentences
   (choose on the other folds, score the held-out one) reports how well the choice itself
   generalises, since the score of the policy chosen on all sentences is optimistic.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..evaluate import prf
from ..evaluate.roles import YIELD_SPLIT
from .model import NONE, Policy
from .train import KINDS, MAX_FALSE_EVENT_RATE, Probe, apply_policy, policies


def one_type(policy: Policy, probes: list[Probe]) -> list[tuple[str, str]]:
    """(gold, the sentence's one coded type or NONE) per probe; where the policy leaves more
    than one type, the one the classifier ranks first (as ``single`` would)."""
    out = []
    for (gold, predicted), p in zip(apply_policy(policy, probes), probes, strict=True):
        merge = gold == "YIELD"
        coded = {YIELD_SPLIT.get(t, t) if merge else t for t in predicted}
        if not coded:
            out.append((gold, NONE))
            continue
        best = max(
            sorted(coded),
            key=lambda t: p.probs.get(
                t, max((p.probs.get(k, 0.0) for k, v in YIELD_SPLIT.items() if v == t), default=0.0)
            ),
        )
        out.append((gold, best))
    return out


def sentence_scores(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Accuracy and macro-F1 over the gold types (no event = a miss), as ``evaluate`` prints
    them for one type per sentence."""
    events = [(g, c) for g, c in pairs if g != NONE]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, coded in events:
        if gold == coded:
            tp[gold] += 1
        else:
            fn[gold] += 1
            if coded != NONE:
                fp[coded] += 1
    types = sorted({g for g, _ in events})
    f1s = [prf(tp[t], fp[t], fn[t])[2] for t in types]
    return {
        "accuracy": sum(tp.values()) / len(events) if events else 0.0,
        "macro_f1": sum(f1s) / len(f1s) if f1s else 0.0,
        "no_event": sum(c == NONE for _, c in events) / len(events) if events else 0.0,
    }


def allowed(train_probes: list[Probe], grid: list[Policy]) -> list[Policy]:
    """The policies whose false-event rate on the training NONE sentences stays within
    ``MAX_FALSE_EVENT_RATE`` (or that of the rules alone, if higher)."""
    nones = [p for p in train_probes if p.label == NONE]
    if not nones:
        return grid

    def rate(policy: Policy) -> float:
        return sum(bool(pred) for _, pred in apply_policy(policy, nones)) / len(nones)

    limit = max(MAX_FALSE_EVENT_RATE, rate(Policy("rules")))
    return [p for p in grid if p.kind == "rules" or rate(p) <= limit + 1e-9]


def best(probes: list[Probe], grid: list[Policy]) -> tuple[Policy, dict[str, float]]:
    chosen: tuple[tuple, Policy, dict[str, float]] | None = None
    for policy in grid:
        scores = sentence_scores(one_type(policy, probes))
        simplicity = (-KINDS.index(policy.kind), -policy.single, -(policy.veto < 1.0), policy.fill)
        key = (round(scores["macro_f1"], 4), round(scores["accuracy"], 4), simplicity)
        if chosen is None or key > chosen[0]:
            chosen = (key, policy, scores)
    assert chosen is not None
    return chosen[1], chosen[2]


def tune(
    dev_probes: list[Probe],
    train_probes: list[Probe],
    folds: int = 5,
    seed: int = 0,
    candidates: list[Policy] | None = None,
) -> tuple[Policy, dict[str, Any]]:
    """The policy among ``candidates`` (default: every policy) with the best one-type macro-F1
    on ``dev_probes`` (see the module doc), and the scores: rules alone, the chosen policy on
    all of the set, and by cross-validation."""
    import numpy as np

    grid = allowed(train_probes, candidates or policies())
    policy, scores = best(dev_probes, grid)
    order = np.random.default_rng(seed).permutation(len(dev_probes))
    pairs: list[tuple[str, str]] = [("", "")] * len(dev_probes)
    for k in range(folds):
        held = set(order[k::folds].tolist())
        chosen, _ = best([p for i, p in enumerate(dev_probes) if i not in held], grid)
        held_probes = [dev_probes[i] for i in sorted(held)]
        for i, pair in zip(sorted(held), one_type(chosen, held_probes), strict=True):
            pairs[i] = pair
    return policy, {
        "rules_alone": sentence_scores(one_type(Policy("rules"), dev_probes)),
        "chosen_on_all": scores,
        f"cross_validated_{folds}_fold": sentence_scores(pairs),
        "policies_allowed": len(grid),
    }
