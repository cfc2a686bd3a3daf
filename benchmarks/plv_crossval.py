"""K-fold cross-validation of a model a user trains on their own labelled news sentences,
with the project's commands only: for each fold, ``eventcoder train`` on the other folds
(plus ``--with-project-data`` and the other options given) and ``eventcoder evaluate
--model`` on the held fold. No sentence is scored by a model that learned from it.

    python benchmarks/plv_crossval.py ../shared/reference/plv/plv_train.csv \\
        [--folds 5] [--seed 0] [--only-fold K] [--ablate-roles] [--out results.json]
        [-- TRAIN OPTIONS...]

Train options default to ``--with-project-data --combine any``. The folds are a seeded
shuffle of the rows (same command, same folds). Printed and written, per fold and pooled (every
sentence scored once, by the model of the fold that held it out; macro-F1 is the mean of the
folds'): the one-type-per-sentence accuracy and macro-F1 as ``evaluate`` scores them, source
and target overlap, and the rate of recipients coded where gold has one; beside them, the
rules alone and ``--model builtin`` on the same file. With ``--ablate-roles``, each fold's model
is also scored with its role tagger taken out (same classifier, same folds): the figures
``without_roles`` beside it. Needs the ``ml`` extra; a few minutes of CPU per fold.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

DEFAULT_TRAIN = ["--with-project-data", "--combine", "any"]


def _run(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "eventcoder.cli", *args], capture_output=True, text=True
    )
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"failed: eventcoder {' '.join(args)}")


def _evaluate(gold: Path, out: Path, model: str | None) -> dict[str, Any]:
    _run(["evaluate", str(gold), "--json", str(out), *(["--model", model] if model else [])])
    return json.loads(out.read_text(encoding="utf-8"))


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def _figures(report: dict[str, Any]) -> dict[str, float]:
    s = report["sentence"]
    return {
        "sentences": s["sentences"],
        "accuracy": round(s["accuracy"], 3),
        "macro_f1": round(s["macro_f1"], 3),
        "source_overlap": round(s["source"]["overlap"], 3),
        "target_overlap": round(s["target"]["overlap"], 3),
        "recipient_coded": round(s["recipient_rate"]["coded"], 3),
    }


def _pooled(folds: list[dict[str, Any]]) -> dict[str, float]:
    """Sentence-weighted means of the fold figures; macro-F1 is the mean of the folds'."""
    n = sum(f["figures"]["sentences"] for f in folds)
    pooled: dict[str, float] = {"sentences": n}
    for key in ("accuracy", "source_overlap", "target_overlap", "recipient_coded"):
        pooled[key] = round(
            sum(f["figures"][key] * f["figures"]["sentences"] for f in folds) / n, 3
        )
    pooled["macro_f1"] = round(sum(f["figures"]["macro_f1"] for f in folds) / len(folds), 3)
    return pooled


def _without_roles(model: Path, out: Path) -> Path:
    """A copy of ``model`` with its role tagger taken out."""
    shutil.copytree(model, out)
    meta_path = out / "model.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.pop("roles", None)
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (out / "roles.npz").unlink(missing_ok=True)
    return out


def main() -> None:
    argv = sys.argv[1:]
    train_options = DEFAULT_TRAIN
    if "--" in argv:
        cut = argv.index("--")
        argv, train_options = argv[:cut], argv[cut + 1 :]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="CSV with text,label[,source,target,marked]")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="write every figure as JSON")
    parser.add_argument("--no-baselines", action="store_true", help="skip rules/builtin rows")
    parser.add_argument(
        "--ablate-roles", action="store_true", help="also score each model without its tagger"
    )
    parser.add_argument(
        "--only-fold", type=int, action="append", help="run only these folds (repeatable)"
    )
    args = parser.parse_args(argv)

    with args.gold.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    order = list(range(len(rows)))
    random.Random(args.seed).shuffle(order)
    results: dict[str, Any] = {
        "gold": args.gold.name,
        "folds": args.folds,
        "seed": args.seed,
        "train_options": train_options,
        "per_fold": [],
    }
    with tempfile.TemporaryDirectory(prefix="plv-cv-") as tmp_name:
        tmp = Path(tmp_name)
        folds: list[dict[str, Any]] = []
        for k in args.only_fold or range(args.folds):
            held = {i for j, i in enumerate(order) if j % args.folds == k}
            train_file, test_file = tmp / f"train{k}.csv", tmp / f"test{k}.csv"
            _write(train_file, header, [r for i, r in enumerate(rows) if i not in held])
            _write(test_file, header, [r for i, r in enumerate(rows) if i in held])
            model = tmp / f"model{k}"
            _run(["train", str(train_file), "-o", str(model), *train_options])
            report = _evaluate(test_file, tmp / f"eval{k}.json", str(model))
            fold = {"fold": k, "figures": _figures(report), "report": report}
            meta = json.loads((model / "model.json").read_text(encoding="utf-8"))
            if "roles" in meta:  # the tagger's policies as train chose them
                fold["figures"]["roles"] = {
                    r: p["kind"] + (f" p>={p['threshold']}" if p["kind"] != "rules" else "")
                    for r, p in meta["roles"]["policies"].items()
                }
            folds.append(fold)
            print(f"fold {k}: {fold['figures']}", flush=True)
            if args.ablate_roles:
                bare = _without_roles(model, tmp / f"bare{k}")
                fold["bare"] = _figures(_evaluate(test_file, tmp / f"bare{k}.json", str(bare)))
                print(f"fold {k} without roles: {fold['bare']}", flush=True)
        results["per_fold"] = [{"fold": f["fold"], **f["figures"]} for f in folds]
        results["cross_validated"] = _pooled(folds)
        if args.ablate_roles:
            results["per_fold_without_roles"] = [{"fold": f["fold"], **f["bare"]} for f in folds]
            results["without_roles"] = _pooled([{"figures": f["bare"]} for f in folds])
        if not args.no_baselines:
            for name, model_name in (("rules", None), ("builtin", "builtin")):
                report = _evaluate(args.gold, tmp / f"{name}.json", model_name)
                results[name] = _figures(report)
    for name in ("rules", "builtin", "without_roles", "cross_validated"):
        if name in results:
            print(f"{name:>16}: {results[name]}")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
