"""Training: labelled sentences -> embeddings -> logistic regression, and the choice, by
cross-validation, of how the classifier is combined with the rules.

0. Each sentence is read as ``inputs`` says (by default with its named entities masked).
1. Out-of-fold class probabilities for every training sentence (stratified k-fold).
2. One "probe" run of the pipeline (clean, annotate, detect, modality) over every training
   sentence with the rules and a classifier candidate carrying that sentence's out-of-fold
   answer: what the rules keep, and what becomes of the classifier's candidate (negated,
   turned into a threat...).
3. Every policy on a grid (``rules``, ``fill``, ``override``, ``union``; thresholds; veto) is
   applied with ``model.decide`` — the function used when coding — and scored like
   ``eventcoder evaluate`` scores gold files; the best macro-F1 wins (ties: the simpler policy).
4. The classifier is refitted on all sentences and saved with the policy and the scores.
5. Where sentences carry ``source`` / ``target`` spans, the role tagger (``roles.py``) is
   trained on them at the main event the probe of step 2 gives them once the chosen policy is
   applied, and its policy per role chosen by cross-validation over them.

With ``fine_tune_layers`` N (opt-in), the encoder's top N layers are trained with the head
(``finetune.py``), both in every fold of step 1 and for the model saved in step 4.
"""

from __future__ import annotations

import hashlib
import itertools
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..detect.salience import BACKGROUND
from ..evaluate import GoldItem, load_gold, type_scores
from ..records import UNREALISED_MODALITIES
from .finetune import Settings as FineTune
from .inputs import MASKED, from_texts
from .model import NONE, EventClassifier, Policy, decide

if TYPE_CHECKING:  # pragma: no cover
    from ..coder import Coder
    from ..document import Document

KINDS = ("rules", "fill", "override", "union")
#: What ``auto`` chooses among: the classifier adds an event where the rules found none, never
#: removes or replaces a rule event. Cross-validation on the training sentences favours letting
#: it override the rules, but those sentences were written in the classifier's own domain; on
#: real news (the PLOVER gold sentences) the classifier alone reaches macro-F1 0.56 where the
#: rules reach 0.81, and the override policy chosen on the training data lost 0.05 there
#: (src/eventcoder/data/README.md). ``any`` searches every kind, for training data from the
#: user's own domain.
CAUTIOUS_KINDS = ("rules", "fill")
GRID = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
VETO = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0]


def project_data_files() -> list[Path]:
    from ..resources import data_path

    return sorted(data_path("training").glob("*.csv"))


def load_training(paths: Iterable[str | Path]) -> list[GoldItem]:
    """Labelled sentences (CSV ``text,label[,mode]`` or JSONL); labels PLOVER types or NONE."""
    items: list[GoldItem] = []
    for path in paths:
        if not Path(path).is_file():
            raise FileNotFoundError(f"no such file: {path}")
        items.extend(load_gold(path))
    return items


def data_digest(items: list[GoldItem]) -> str:
    h = hashlib.sha256()
    for item in items:
        h.update(f"{item.label}\t{item.text}\n".encode())
    return h.hexdigest()[:16]


@dataclass
class Probe:
    """What the pipeline makes of one sentence, for the policy search."""

    label: str  # gold
    rule_types: set[str]  # realised rule events
    learned: str  # the classifier candidate's type after modality
    learned_realised: bool
    prob: float
    p_none: float
    probs: dict[str, float]


class _FixedClassifier:
    """Stands in for a classifier during the probe: answers with preset probabilities."""

    def __init__(self, model: EventClassifier) -> None:
        self.labels = model.labels
        self.top = model.top
        self.backend = model.backend
        self.input = model.input
        self.row: np.ndarray | None = None

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        assert self.row is not None
        return np.tile(self.row, (len(X), 1))


def probe(
    items: list[GoldItem],
    probs: np.ndarray,
    model: EventClassifier,
    progress: bool = False,
    coder: Coder | None = None,
    docs: list[Document] | None = None,
) -> list[Probe]:
    """Run the rules' stages over ``items`` beside a classifier answering ``probs``; with a
    loaded ``coder``, a variant of it (its spaCy pipeline and tables) runs them. ``docs``:
    a list the processed documents are appended to (for the role tagger)."""
    from ..coder import Coder
    from ..detect.lexicon import Lexicon
    from ..records import Article
    from .detector import DETECTOR, LearnedDetector

    fixed = _FixedClassifier(model)
    detector = LearnedDetector(
        fixed,  # type: ignore[arg-type]
        Lexicon.load(None),
        embed=lambda texts: np.zeros((len(texts), 1)),
        policy=Policy(kind="union", fill=0.0),
    )
    detector.combine = lambda cands: cands  # type: ignore[method-assign]
    options: dict[str, Any] = {
        "stages": ("clean", "annotate", "detect", "modality"),
        "config": {"detect": {"learned": detector}},
    }
    rules = coder.variant(**options) if coder is not None else Coder(**options)
    out: list[Probe] = []
    for n, (item, row) in enumerate(zip(items, probs, strict=True)):
        fixed.row = row
        doc = rules.process(Article(id=item.id, text=item.text))
        if docs is not None:
            docs.append(doc)
        rule_types = {  # what the sentence reports, as combine() weighs it
            c.event
            for c in doc.candidates
            if c.detector != DETECTOR
            and c.modality not in UNREALISED_MODALITIES
            and c.salience != BACKGROUND
        }
        learned = [c for c in doc.candidates if c.detector == DETECTOR]
        label, prob, p_none = model.top(row)
        probs = dict(zip(model.labels, map(float, row), strict=True))
        if learned:
            cand = learned[0]
            out.append(Probe(item.label, rule_types, cand.event,
                             cand.modality not in UNREALISED_MODALITIES, prob, p_none, probs))  # fmt: skip
        else:
            out.append(Probe(item.label, rule_types, label, False, prob, p_none, probs))
        if progress and (n + 1) % 100 == 0:
            print(f"  probed {n + 1}/{len(items)} sentences", file=sys.stderr)
    return out


def apply_policy(policy: Policy, probes: list[Probe]) -> list[tuple[str, set[str]]]:
    pairs = []
    for p in probes:
        d = decide(policy, p.rule_types, p.learned, p.prob, p.p_none, p.probs)
        predicted = set() if d.drop_rules else set(p.rule_types)
        if d.keep_only is not None:
            predicted = {d.keep_only}
        if d.add and p.learned_realised:
            predicted.add(p.learned)
        pairs.append((p.label, predicted))
    return pairs


def policies() -> list[Policy]:
    out = [Policy("rules")]
    for fill, veto, single in itertools.product(GRID, VETO, (False, True)):
        out.append(Policy("fill", fill=fill, veto=veto, single=single))
        out.append(Policy("union", fill=fill, veto=veto, single=single))
        for over in GRID:
            if over >= fill:
                out.append(Policy("override", fill=fill, override=over, veto=veto, single=single))
    return out


#: The false-event rate a chosen policy may reach on the training NONE sentences.
MAX_FALSE_EVENT_RATE = 0.10


def choose_policy(
    probes: list[Probe], candidates: list[Policy] | None = None
) -> tuple[Policy, dict[str, float]]:
    """The policy with the best macro-F1 on the probes among those whose false-event rate stays
    within ``MAX_FALSE_EVENT_RATE`` (or that of rules alone, if higher); ties go to the simpler
    policy."""
    limit = max(
        MAX_FALSE_EVENT_RATE,
        type_scores(apply_policy(Policy("rules"), probes))["false_event_rate"],
    )
    best: tuple[tuple, Policy, dict[str, float]] | None = None
    for policy in candidates or policies():
        scores = type_scores(apply_policy(policy, probes))
        if scores["false_event_rate"] > limit + 1e-9 and policy.kind != "rules":
            continue
        simplicity = (-KINDS.index(policy.kind), -policy.single, -(policy.veto < 1.0), policy.fill)
        key = (round(scores["macro_f1"], 4), simplicity)
        if best is None or key > best[0]:
            best = (key, policy, scores)
    assert best is not None
    return best[1], best[2]


def out_of_fold(
    X: np.ndarray,
    y: list[str],
    backend: str,
    folds: int,
    c: float,
    seed: int = 0,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    from sklearn.model_selection import StratifiedKFold

    counts = Counter(y)
    k = max(2, min(folds, min(counts.values())))
    labels = sorted(counts)
    probs = np.zeros((len(y), len(labels)))
    ya = np.array(y)
    for train, test in StratifiedKFold(k, shuffle=True, random_state=seed).split(X, ya):
        w = None if weights is None else weights[train]
        model = EventClassifier.fit(X[train], list(ya[train]), backend, c=c, seed=seed, weights=w)
        p = model.predict_proba(X[test])
        for j, lab in enumerate(model.labels):
            probs[np.ix_(test, [labels.index(lab)])] = p[:, [j]]
    return probs


def train(
    items: list[GoldItem],
    *,
    embed: Callable[[list[str]], np.ndarray] | None = None,
    backend: str | None = None,
    folds: int = 5,
    c: float = 8.0,
    kind: str = "auto",
    all_types: bool = False,
    progress: bool = False,
    sources: list[str] | None = None,
    reads: str = MASKED,
    tune_on: list[GoldItem] | None = None,
    tune_name: str = "",
    weights: list[float] | None = None,
    coder: Coder | None = None,
    fine_tune: FineTune | None = None,
    roles: bool = True,
) -> EventClassifier:
    """Fit a classifier on ``items`` and choose its combination with the rules (see module);
    with ``tune_on`` (labelled development sentences) the policy is chosen on those instead
    (``tune``); no weight is learnt from them. ``coder``: a loaded coder whose spaCy pipeline
    the rules' runs share (default: one is loaded). ``fine_tune``: train the encoder's top
    layers too (``finetune.py``; needs the real encoder, not an ``embed`` function).
    ``roles``: train the role tagger where the data has role spans (step 5)."""
    embedder = None
    if embed is None or fine_tune is not None:
        from .embed import load_embedder

        embedder = load_embedder()
        embed, backend = embedder.encode, embedder.name
    depth = len(embedder.transformer.encoder.layer) if embedder is not None else 0
    if fine_tune is not None and not 1 <= fine_tune.layers <= depth:
        raise ValueError(f"the encoder has {depth} layers: fine-tune between 1 and {depth}")
    assert backend is not None
    labels = Counter(item.label for item in items)
    if NONE not in labels:
        raise ValueError(
            "training data has no NONE sentences: add sentences that report no event "
            "(or train with the project's data, --with-project-data)"
        )
    if len(labels) < 3:
        raise ValueError(
            f"training data needs NONE and at least two event types; got {dict(labels)}"
        )
    if "YIELD" in labels and not {"CONCEDE", "RETREAT"} <= set(labels):
        raise ValueError(
            "labels YIELD need CONCEDE and RETREAT examples to be split into (add "
            "--with-project-data)"
        )
    rare = [lab for lab, n in labels.items() if n < 2]
    if rare:
        raise ValueError(f"each label needs at least 2 sentences; too few for {rare}")
    if progress:
        print(f"reading and embedding {len(items)} sentences ({reads})", file=sys.stderr)
    texts = from_texts([i.text for i in items], reads)
    X = embed(texts)
    items, resolved = resolve_older_roots(items, X, backend, c)
    labels = Counter(item.label for item in items)
    y = [i.label for i in items]
    w = None if weights is None or len(set(weights)) == 1 else np.asarray(weights, dtype=float)
    model = EventClassifier.fit(X, y, backend, c=c, weights=w)
    model.input = reads
    tuned: dict[str, Any] = {}
    if fine_tune is not None:
        assert embedder is not None
        from .finetune import fine_tune_model

        if progress:
            print(f"fine-tuning the top {fine_tune.layers} encoder layers", file=sys.stderr)
        states, embed, tuned = fine_tune_model(model, embedder, texts, y, w, fine_tune)
    info: dict[str, Any] = {
        "C": c,
        "input": reads,
        "sentences": len(items),
        "per_label": dict(sorted(labels.items())),
        "data_sha256_16": data_digest(items),
        "sources": sources or [],
    }
    if resolved:
        info["older_roots_resolved"] = resolved
    if tuned:
        info["fine_tuned"] = tuned
    docs: list[Document] = []
    if kind == "rules":
        model.policy = Policy("rules")
    else:
        if progress:
            print(f"{folds}-fold cross-validation", file=sys.stderr)
        if fine_tune is not None:
            assert embedder is not None
            from .finetune import out_of_fold_tuned

            oof = out_of_fold_tuned(states, X, y, backend, folds, c, embedder.transformer,
                                    fine_tune, weights=w, progress=progress)  # fmt: skip
        else:
            oof = out_of_fold(X, y, backend, folds, c, weights=w)
        oof_labels = sorted(labels)
        # reorder the out-of-fold columns to the final model's label order
        oof = oof[:, [oof_labels.index(lab) for lab in model.labels]]
        alone = [
            (lab, {model.labels[int(np.argmax(r))]} - {NONE}) for lab, r in zip(y, oof, strict=True)
        ]
        info["cv_classifier_alone"] = type_scores(alone)
        if progress:
            print("probing the pipeline (rules + out-of-fold classifier)", file=sys.stderr)
        probes = probe(items, oof, model, progress=progress, coder=coder, docs=docs)
        info["cv_rules_alone"] = type_scores(apply_policy(Policy("rules"), probes))
        grid = [p for p in policies() if not (all_types and p.single)]
        if kind == "auto":
            grid = [p for p in grid if p.kind in CAUTIOUS_KINDS and p.veto >= 1.0]
        elif kind != "any":
            grid = [p for p in grid if p.kind == kind]
        policy, scores = choose_policy(probes, grid)
        model.policy = policy
        info["cv_combined"] = scores
        info["policy_chosen_by"] = (
            f"best macro-F1, {folds}-fold cross-validation on the training data"
        )
        if tune_on:
            from .tune import tune

            if progress:
                print(f"choosing the policy on {len(tune_on)} development sentences",
                      file=sys.stderr)  # fmt: skip
            dev_probs = model.predict_proba(embed(from_texts([i.text for i in tune_on], reads)))
            dev_probes = probe(tune_on, dev_probs, model, progress=progress, coder=coder)
            model.policy, tuned = tune(dev_probes, probes, folds=folds, candidates=grid)
            info["cv_combined"] = type_scores(apply_policy(model.policy, probes))
            info["tuned_on"] = {"file": tune_name, "sentences": len(tune_on), **tuned}
            info["policy_chosen_by"] = (
                f"best one-type macro-F1 on {tune_name or 'the development sentences'} "
                f"(policy only, no weights learnt from them), false-event rate on the training "
                f"NONE sentences within {MAX_FALSE_EVENT_RATE}"
            )
    if roles and any(i.source_span or i.target_span for i in items):
        from .roles_train import train_roles

        model.roles = train_roles(items, docs, model, embedder, folds, progress, coder, kind)
        info["roles"] = model.roles.info
    model.info = info
    return model


def resolve_older_roots(
    items: list[GoldItem], X: np.ndarray, backend: str, c: float
) -> tuple[list[GoldItem], dict[str, int]]:
    """Sentences labelled with the older root YIELD get CONCEDE or RETREAT, whichever a model
    fitted on the other sentences ranks higher for them (PLOVER 1.0 splits YIELD in two)."""
    from dataclasses import replace

    older = [n for n, item in enumerate(items) if item.label == "YIELD"]
    if not older:
        return items, {}
    rest = [n for n in range(len(items)) if n not in set(older)]
    first = EventClassifier.fit(X[rest], [items[n].label for n in rest], backend, c=c)
    probs = first.predict_proba(X[older])
    ic, ir = first.labels.index("CONCEDE"), first.labels.index("RETREAT")
    out = list(items)
    counts: Counter[str] = Counter()
    for row, n in zip(probs, older, strict=True):
        label = "CONCEDE" if row[ic] >= row[ir] else "RETREAT"
        out[n] = replace(items[n], label=label)
        counts[f"YIELD->{label}"] += 1
    return out, dict(sorted(counts.items()))
