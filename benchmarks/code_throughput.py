"""Throughput of ``eventcoder code``: articles per second on one core.

    python benchmarks/code_throughput.py [--repeat 30] [--file ARTICLE.txt --date YYYY-MM-DD]
                                         [--model builtin|DIR]

Uses the example article from ../shared when present, else the project's own sample article.
Pins the process to one thread (and one CPU where the OS allows it) before importing spaCy.
Prints a JSON line and, with --markdown, the table row of docs/speed.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")
if hasattr(os, "sched_setaffinity"):
    with contextlib.suppress(OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent.parent / "shared" / "examples" / "kurdistan24-sadr-march.txt"
SAMPLE = HERE / "data" / "sample_article.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--file", type=Path)
    parser.add_argument("--date")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--model", help="code with a learned model too (e.g. builtin)")
    args = parser.parse_args()
    path = args.file or (EXAMPLE if EXAMPLE.exists() else SAMPLE)
    date = args.date or ("2020-01-14" if path == EXAMPLE else "2024-03-12")
    text = path.read_text(encoding="utf-8")

    from eventcoder import Coder

    t0 = time.perf_counter()
    coder = Coder(model=args.model)
    load_s = time.perf_counter() - t0
    coder.code(text, date=date)  # warm caches (gazetteer, KB)
    times, stages = [], {}
    for _ in range(args.repeat):
        t = time.perf_counter()
        events = coder.code(text, date=date)
        times.append(time.perf_counter() - t)
    # per-stage time on one more run
    from eventcoder.document import Document
    from eventcoder.records import Article

    doc = Document(article=Article(id="bench", text=text, date=date))
    for stage in coder.pipeline:
        t = time.perf_counter()
        doc = stage(doc)
        stages[stage.name] = round((time.perf_counter() - t) * 1000, 2)
    tokens = sum(len(s.doc) for s in doc.segments if s.doc is not None)
    median = statistics.median(times)
    result = {
        "article": path.name,
        "model": args.model,
        "chars": len(text),
        "tokens_parsed": tokens,
        "events": len(events),
        "repeat": args.repeat,
        "median_s": round(median, 4),
        "articles_per_s": round(1 / median, 2),
        "tokens_per_s": round(tokens / median),
        "load_s": round(load_s, 2),
        "stage_ms": stages,
        "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
    }
    print(json.dumps(result))
    if args.markdown:
        print(
            f"| {path.name} | {tokens} | {result['articles_per_s']} | {result['tokens_per_s']} |"
            f" {result['load_s']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
