"""Regenerate the accuracy table of the README: scores on the PLOVER gold records and on the
project's own NONE sentences, written to docs/accuracy.md (and printed).

    python scripts/accuracy_table.py [--gold PATH] [--model DIR]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from eventcoder import Coder
from eventcoder.evaluate import evaluate, load_gold

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt"
NONE = ROOT / "benchmarks" / "data" / "none_sentences.csv"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--model")
    args = parser.parse_args()
    items = load_gold(args.gold) + load_gold(NONE)
    start = time.perf_counter()
    report = evaluate(Coder(model=args.model), items)
    seconds = time.perf_counter() - start
    lines = [
        f"Scores of `eventcoder evaluate {args.gold.name} benchmarks/data/none_sentences.csv`"
        f"{' --model ' + args.model if args.model else ''} ({len(items)} sentences, "
        f"{seconds:.0f} s):",
        "",
        "| type | precision | recall | F1 | gold sentences |",
        "|---|---|---|---|---|",
    ]
    for label, s in sorted(report.per_type.items()):
        lines.append(f"| {label} | {s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} |"
                     f" {int(s['support'])} |")  # fmt: skip
    for name, s in (("**micro**", report.micro), ("**macro**", report.macro)):
        lines.append(f"| {name} | {s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} | |")
    lines += [
        "",
        f"- \"any event found\" recall: **{report.any_event_recall:.2f}**",
        f"- false-event rate on {report.none_sentences} NONE sentences written for the project: "
        f"**{report.false_event_rate:.2f}**",
        "",
        "| gold actors vs coded | gold | span found | country | sector | country+sector |",
        "|---|---|---|---|---|---|",
    ]
    for role, s in report.actors.items():
        lines.append(f"| {role} | {int(s['gold'])} | {s['span_found']:.2f} | {s['country']:.2f} |"
                     f" {s['sector']:.2f} | {s['country_sector']:.2f} |")  # fmt: skip
    text = "\n".join(lines) + "\n"
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "accuracy.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
