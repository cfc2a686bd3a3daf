"""A cheap probe of the learned role tagger (``learn/roles.py``) against the rules' roles.

The rules code every sentence of a role-labelled gold file (stages up to ``combine``, no
classifier); the main event of each sentence (the one ``evaluate`` scores) gives the trigger,
and the token features are computed once. Then, per fold of the same seeded 5-fold split as
``plv_crossval.py``, a tagger is trained on the project's role-labelled sentences plus the other
folds and scored on the held fold: the rules' span, the tagger's alone, and each combination
policy (the one chosen by cross-validation inside the training rows, as ``train`` chooses it,
and the fixed grid for reference). Overlap = a content word shared with the gold span, counted
where the main event has the gold type (as ``evaluate`` counts it) and over all sentences.

    python benchmarks/roles_probe.py ../shared/reference/plv/plv_train.csv [--out FILE]

Development figures only (phrases before the ``actors`` stage codes them).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from eventcoder.coder import Coder
from eventcoder.evaluate.roles import YIELD_SPLIT, content_words, scoring_words
from eventcoder.learn import roles, roles_train
from eventcoder.learn.train import load_training, project_data_files
from eventcoder.records import Article


def encode(items: list[Any], coder: Coder, vectors: roles.TokenVectors) -> list[dict[str, Any]]:
    from eventcoder.detect.lexicon import Lexicon

    words = Lexicon.load(None).words
    out: list[dict[str, Any]] = []
    for n, item in enumerate(items):
        doc = coder.process(Article(id=item.id, text=item.text))
        mains = roles.main_candidates(doc.candidates)
        row: dict[str, Any] = {"label": item.label, "source": item.source_span,
                               "target": item.target_span, "event": None}  # fmt: skip
        if mains:
            cand = mains[0]
            span = cand.sentence.span
            row.update(event=cand.event, span=span, trigger=cand.trigger, cand=cand)
            row["y"] = np.zeros(len(span), dtype=int)
            for k, role in enumerate(roles.ROLES, 1):
                for h in roles_train.gold_heads(span, getattr(item, f"{role}_span")):
                    row["y"][h] = k
        out.append(row)
        if n % 200 == 0:
            print(f"  parsed {n}/{len(items)}", file=sys.stderr, flush=True)
    spans = [r for r in out if r["event"]]
    vecs = vectors([r["span"] for r in spans])
    for r, v in zip(spans, vecs, strict=True):
        r["X"] = roles.features(r["span"], r["trigger"], r["event"], v, roles.prepositions())
        cand = r["cand"]
        for role in roles.ROLES:
            args = getattr(cand, roles.SLOTS[role])
            r[f"rules_{role}"] = " ".join(t.text for a in args for t in a.tokens) or None
            r[f"rules_{role}_ids"] = {t.i for a in args for t in a.tokens}
        r["words"] = words
    return out


def role_rows(rows: list[dict[str, Any]], tagger: roles.RoleTagger, role: str) -> list[Any]:
    from eventcoder.detect.phrases import phrase

    out = []
    for r in rows:
        if not r["event"]:
            out.append(None)
            continue
        probs = tagger.proba(r["X"])
        head, prob = tagger.best(r["span"], probs, role, r["trigger"].i)
        tagged = " ".join(t.text for t in phrase(head, r["words"]))
        out.append(roles_train.RoleRow(r[role], r[f"rules_{role}"], r[f"rules_{role}_ids"], tagged,
                                 head.i, prob))  # fmt: skip
    return out


def fit(rows: list[dict[str, Any]], c: float) -> roles.RoleTagger:
    with_event = [r for r in rows if r["event"]]
    X = np.vstack([r["X"] for r in with_event])
    y = np.concatenate([r["y"] for r in with_event])
    return roles.RoleTagger.fit(X, y, "probe", c=c)


def typed(r: dict[str, Any]) -> bool:
    ev = r["event"]
    return bool(ev) and (ev == r["label"] or YIELD_SPLIT.get(ev) == r["label"])


def scores(rows: list[dict[str, Any]], rr: list[Any], role: str, policy: roles.RolePolicy,
           stop: frozenset[str]) -> dict[str, float]:  # fmt: skip
    gold = [i for i, r in enumerate(rows) if r[role]]
    hit_all = hit_typed = coded_typed = 0
    for i in gold:
        x = rr[i]
        if x is None:
            continue
        text = x.rules
        if policy.takes(x.prob, text is not None, x.tagged_head in x.rules_tokens):
            text = x.tagged
        ok = bool(text and content_words(x.gold, stop) & content_words(text, stop))
        hit_all += ok
        if typed(rows[i]):
            hit_typed += ok
            coded_typed += text is not None
    n = len(gold)
    return {"overlap_typed": round(hit_typed / n, 4), "overlap_any_type": round(hit_all / n, 4),
            "coded_typed": round(coded_typed / n, 4)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--c", type=float, default=roles.C)
    parser.add_argument(
        "--no-inner", action="store_true", help="skip choosing the policy inside each fold"
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    from eventcoder.learn.embed import load_embedder

    t0 = time.time()
    stop = scoring_words()
    coder = Coder(stages=("clean", "annotate", "detect", "modality", "combine"))
    vectors = roles.TokenVectors(load_embedder())
    project = [i for i in load_training(project_data_files()) if i.source_span or i.target_span]
    gold = load_training([args.gold])
    print(f"{len(project)} project role rows, {len(gold)} gold rows", file=sys.stderr)
    proj_rows = encode(project, coder, vectors)
    gold_rows = encode(gold, coder, vectors)
    print(f"features in {time.time() - t0:.0f}s", file=sys.stderr)
    order = list(range(len(gold_rows)))
    random.Random(args.seed).shuffle(order)
    grid = [roles.RolePolicy()] + [
        roles.RolePolicy(k, t) for k in roles.KINDS[1:] for t in roles.THRESHOLDS
    ]
    held_rr: dict[str, list[Any]] = {r: [None] * len(gold_rows) for r in roles.ROLES}
    chosen_rr: dict[str, list[Any]] = {r: [None] * len(gold_rows) for r in roles.ROLES}
    per_fold = []
    for k in range(args.folds):
        held = [i for j, i in enumerate(order) if j % args.folds == k]
        hs = set(held)
        train_rows = proj_rows + [r for i, r in enumerate(gold_rows) if i not in hs]
        # the policy as train chooses it: out-of-fold over the training rows
        inner = list(range(len(train_rows)))
        random.Random(args.seed).shuffle(inner)
        oof: dict[str, list[Any]] = {r: [None] * len(train_rows) for r in roles.ROLES}
        for m in range(0 if args.no_inner else args.folds):
            ih = {i for j, i in enumerate(inner) if j % args.folds == m}
            t = fit([r for i, r in enumerate(train_rows) if i not in ih], args.c)
            part = [train_rows[i] for i in sorted(ih)]
            for role in roles.ROLES:
                for i, x in zip(sorted(ih), role_rows(part, t, role), strict=True):
                    oof[role][i] = x
        tagger = fit(train_rows, args.c)
        fold: dict[str, Any] = {"fold": k, "sentences": len(held)}
        held_rows = [gold_rows[i] for i in held]
        for role in roles.ROLES:
            policy, cv = roles_train.choose([x for x in oof[role] if x is not None], stop)
            if args.no_inner:
                policy, cv = roles.RolePolicy(), {}
            rr = role_rows(held_rows, tagger, role)
            for i, x in zip(held, rr, strict=True):
                held_rr[role][i] = x
                chosen_rr[role][i] = (x, policy)
            fold[role] = {
                "chosen": policy.describe(),
                "cv_on_training_rows": cv,
                "rules": scores(held_rows, rr, role, roles.RolePolicy(), stop),
                "with_chosen": scores(held_rows, rr, role, policy, stop),
            }
        per_fold.append(fold)
        print(json.dumps(fold), flush=True)
    pooled: dict[str, Any] = {}
    for role in roles.ROLES:
        pooled[role] = {p.describe(): scores(gold_rows, held_rr[role], role, p, stop)
                        for p in grid}  # fmt: skip
        pooled[role]["tagger alone"] = scores(
            gold_rows, held_rr[role], role, roles.RolePolicy("override", 0.0), stop
        )
        # the policy chosen in each fold applied to its own held rows
        hit = {"overlap_typed": 0.0, "overlap_any_type": 0.0, "coded_typed": 0.0}
        for k in range(args.folds):
            held = [i for j, i in enumerate(order) if j % args.folds == k]
            rows = [gold_rows[i] for i in held]
            rr = [chosen_rr[role][i][0] for i in held]
            s = scores(rows, rr, role, chosen_rr[role][held[0]][1], stop)
            n = sum(bool(r[role]) for r in rows)
            for key in hit:
                hit[key] += s[key] * n
        n_all = sum(bool(r[role]) for r in gold_rows)
        pooled[role]["chosen per fold"] = {k: round(v / n_all, 4) for k, v in hit.items()}
    result = {"gold": args.gold.name, "folds": args.folds, "seed": args.seed, "C": args.c,
              "per_fold": per_fold, "pooled": pooled,
              "seconds": round(time.time() - t0)}  # fmt: skip
    for role in roles.ROLES:
        print(role)
        for name, s in pooled[role].items():
            print(f"  {name:>22}: {s}")
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
