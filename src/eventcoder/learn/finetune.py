"""Fine-tuning the top layers of the sentence encoder together with the classifier's head.

all-MiniLM-L6-v2 has six transformer layers. ``--fine-tune-layers N`` trains a copy of the top
N of them and the linear head over the pooled, normalised sentence vector (the logistic
regression's coefficients, from which training starts); the lower layers stay frozen, so
their outputs are computed once per sentence and cached for every epoch and fold. The tuned
layers are saved with the model (``encoder.npz``, plain arrays) and put in place of the
shipped ones when the model codes: the network that runs is the same size, so coding costs
what the frozen classifier costs.

Measured on the development data (``benchmarks/finetune_probe.py``; docs/roles.md, "Fine-tuning
the encoder: measured").
"""

from __future__ import annotations

import copy
import random
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from .model import EventClassifier

#: Tokens read of a sentence while training (longer ones are cut; news sentences rarely are).
MAX_TOKENS = 96


@dataclass(frozen=True)
class Settings:
    """How the layers are trained; defaults chosen on the project's sentences and checked by
    cross-validation on real news (see the module doc)."""

    layers: int = 2
    epochs: int = 3
    lr: float = 5e-5  # the transformer layers
    head_lr: float = 1e-3  # the linear head
    batch: int = 32
    seed: int = 0
    max_tokens: int = MAX_TOKENS


def lower_states(
    transformer: Any, tokenizer: Any, texts: Sequence[str], split: int, max_tokens: int
) -> list[np.ndarray]:
    """Hidden states after layer ``split`` (0: the token embeddings), one (tokens, dim) array
    per text, padding dropped."""
    import torch

    out: list[np.ndarray | None] = [None] * len(texts)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with torch.no_grad():
        for s in range(0, len(order), 64):
            idx = order[s : s + 64]
            enc = tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                            max_length=max_tokens, return_tensors="pt")  # fmt: skip
            hidden = transformer(**enc, output_hidden_states=True).hidden_states[split]
            for row, i in enumerate(idx):
                n = int(enc["attention_mask"][row].sum())
                out[i] = hidden[row, :n].numpy().astype(np.float32)
    return [s for s in out if s is not None]


class TopLayers:
    """The trained part: the encoder's top layers, mean pooling, L2 normalisation and a linear
    head. With the shipped layers and a logistic regression's weights it computes exactly what
    the frozen classifier computes."""

    def __init__(
        self, transformer: Any, split: int, coef: np.ndarray, intercept: np.ndarray
    ) -> None:
        import torch

        self.base = transformer
        self.split = split
        self.layers = torch.nn.ModuleList(copy.deepcopy(transformer.encoder.layer[split:]))
        self.head = torch.nn.Linear(coef.shape[1], coef.shape[0])
        with torch.no_grad():
            self.head.weight.copy_(torch.tensor(coef, dtype=torch.float32))
            self.head.bias.copy_(torch.tensor(intercept, dtype=torch.float32))

    def pooled(self, states: Sequence[np.ndarray]) -> Any:
        import torch

        width = max(len(s) for s in states)
        h = torch.zeros(len(states), width, states[0].shape[1])
        mask = torch.zeros(len(states), width, dtype=torch.long)
        for i, s in enumerate(states):
            h[i, : len(s)] = torch.from_numpy(s)
            mask[i, : len(s)] = 1
        extended = self.base._create_attention_masks(
            attention_mask=mask,
            encoder_attention_mask=None,
            embedding_output=h,
            encoder_hidden_states=None,
            cache=None,
        )[0]
        for layer in self.layers:
            out = layer(h, attention_mask=extended)
            h = out[0] if isinstance(out, tuple) else out
        m = mask.unsqueeze(-1).float()
        pooled = (h * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=-1)

    def _batched(self, states: Sequence[np.ndarray], fn: Any) -> np.ndarray:
        import torch

        self.layers.train(False)
        out = []
        with torch.no_grad():
            for s in range(0, len(states), 64):
                out.append(fn(states[s : s + 64]).numpy())
        return np.concatenate(out).astype(np.float64)

    def embed(self, states: Sequence[np.ndarray]) -> np.ndarray:
        return self._batched(states, self.pooled)

    def predict_proba(self, states: Sequence[np.ndarray]) -> np.ndarray:
        import torch

        return self._batched(states, lambda b: torch.softmax(self.head(self.pooled(b)), -1))

    def state(self) -> dict[str, np.ndarray]:
        """The tuned layers under the names they have in the whole encoder."""
        return {
            f"encoder.layer.{self.split + n}.{name}": value.detach().numpy().copy()
            for n, layer in enumerate(self.layers)
            for name, value in layer.state_dict().items()
        }

    def head_weights(self) -> tuple[np.ndarray, np.ndarray]:
        return (
            self.head.weight.detach().numpy().astype(np.float64),
            self.head.bias.detach().numpy().astype(np.float64),
        )

    def train(
        self,
        states: Sequence[np.ndarray],
        y: Sequence[str],
        labels: Sequence[str],
        weights: np.ndarray | None,
        settings: Settings,
        on_epoch: Any = None,
    ) -> list[dict[str, float]]:
        """Class-balanced (as the logistic regression), sample-weighted cross-entropy; AdamW
        with a linear decay; batches of sentences of similar length in a shuffled order.
        ``on_epoch(epoch)`` is called after each epoch. Returns the loss per epoch."""
        import torch

        torch.manual_seed(settings.seed)
        rng = random.Random(settings.seed)
        yi = torch.tensor([list(labels).index(v) for v in y])
        counts = Counter(y)
        class_w = torch.tensor([len(y) / (len(counts) * counts.get(lab, 1)) for lab in labels])
        w = torch.ones(len(y)) if weights is None else torch.tensor(weights, dtype=torch.float32)
        w = w * class_w[yi]
        opt = torch.optim.AdamW(
            [
                {"params": list(self.layers.parameters()), "lr": settings.lr},
                {"params": list(self.head.parameters()), "lr": settings.head_lr},
            ],
            weight_decay=0.01,
        )
        steps = settings.epochs * -(-len(y) // settings.batch)
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: max(0.0, 1 - s / max(1, steps)))
        params = [*self.layers.parameters(), *self.head.parameters()]
        log: list[dict[str, float]] = []
        for epoch in range(settings.epochs):
            order = list(range(len(y)))
            rng.shuffle(order)
            size = settings.batch
            batches: list[list[int]] = []
            for c in range(0, len(order), size * 8):
                chunk = sorted(order[c : c + size * 8], key=lambda i: len(states[i]))
                batches += [chunk[i : i + size] for i in range(0, len(chunk), size)]
            rng.shuffle(batches)
            self.layers.train(True)
            total = 0.0
            for b in batches:
                logits = self.head(self.pooled([states[i] for i in b]))
                each = torch.nn.functional.cross_entropy(logits, yi[b], reduction="none")
                loss = (each * w[b]).sum() / w[b].sum()
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                opt.step()
                sched.step()
                total += float(loss.detach()) * len(b)
            log.append({"epoch": epoch + 1, "loss": round(total / len(y), 4)})
            if on_epoch is not None:
                on_epoch(epoch + 1)
        return log


def apply_state(transformer: Any, state: dict[str, np.ndarray]) -> None:
    """Put tuned layers (``TopLayers.state``) in place in an encoder."""
    import torch

    own = transformer.state_dict()
    unknown = sorted(set(state) - set(own))
    if unknown:
        raise ValueError(f"tuned encoder weights do not fit this encoder: {unknown[:3]}")
    for name, value in state.items():
        if tuple(own[name].shape) != tuple(value.shape):
            raise ValueError(f"tuned encoder weight {name} has shape {value.shape}")
    transformer.load_state_dict({k: torch.from_numpy(np.asarray(v)) for k, v in state.items()},
                                strict=False)  # fmt: skip


def fine_tune_model(
    model: EventClassifier,
    embedder: Any,
    texts: list[str],
    y: list[str],
    weights: np.ndarray | None,
    settings: Settings,
) -> tuple[list[np.ndarray], Callable[[list[str]], np.ndarray], dict[str, Any]]:
    """Fine-tune ``model`` (a frozen classifier fitted on ``texts``) in place: its head and the
    encoder's top layers. Returns the lower layers' states of ``texts``, an embedding function
    with the tuned layers (as coding runs them) and what to record in the model's info."""
    transformer, tokenizer = embedder.transformer, embedder.tokenizer
    split = len(transformer.encoder.layer) - settings.layers
    states = lower_states(transformer, tokenizer, texts, split, settings.max_tokens)
    tuner = TopLayers(transformer, split, model.coef, model.intercept)
    log = tuner.train(states, y, model.labels, weights, settings)
    model.coef, model.intercept = tuner.head_weights()
    model.encoder = tuner.state()

    def embed(more: list[str]) -> np.ndarray:
        return tuner.embed(lower_states(transformer, tokenizer, more, split, settings.max_tokens))

    return states, embed, {**asdict(settings), "loss_by_epoch": [e["loss"] for e in log]}


def out_of_fold_tuned(
    states: list[np.ndarray],
    X: np.ndarray,
    y: list[str],
    backend: str,
    folds: int,
    c: float,
    transformer: Any,
    settings: Settings,
    weights: np.ndarray | None = None,
    progress: bool = False,
) -> np.ndarray:
    """``out_of_fold`` with the encoder's top layers fine-tuned in each fold (from the frozen
    classifier fitted on that fold's training part)."""
    from sklearn.model_selection import StratifiedKFold

    counts = Counter(y)
    k = max(2, min(folds, min(counts.values())))
    labels = sorted(counts)
    probs = np.zeros((len(y), len(labels)))
    ya = np.array(y)
    split = len(transformer.encoder.layer) - settings.layers
    for n, (train, test) in enumerate(
        StratifiedKFold(k, shuffle=True, random_state=settings.seed).split(X, ya)
    ):
        if progress:
            print(f"  fine-tuning fold {n + 1}/{k}", file=sys.stderr)
        w = None if weights is None else weights[train]
        first = EventClassifier.fit(X[train], list(ya[train]), backend, c=c, weights=w)
        tuner = TopLayers(transformer, split, first.coef, first.intercept)
        tuner.train([states[i] for i in train], list(ya[train]), first.labels, w, settings)
        p = tuner.predict_proba([states[i] for i in test])
        for j, lab in enumerate(first.labels):
            probs[np.ix_(test, [labels.index(lab)])] = p[:, [j]]
    return probs
