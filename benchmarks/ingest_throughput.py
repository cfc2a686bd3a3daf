"""Throughput of ``eventcoder ingest`` on a generated corpus: articles/s, peak memory, and the
share of time spent writing to the store.

    python benchmarks/ingest_throughput.py [--n 10000] [--seed 7] [--db STORE] [--corpus FILE]
                                           [--out benchmarks/results/ingest-10000.json]

Generates the corpus with ``benchmarks/make_news_corpus.py`` (unless ``--corpus`` is given),
ingests it into a fresh DuckDB store (or ``--db``, e.g. a ``postgresql://`` DSN whose tables
are empty) and prints a JSON summary; ``--markdown`` also prints the table of docs/batch.md. Coding runs
on one thread (BLAS threads pinned to 1); the store writer is a second thread, free to use
another CPU (``EVENTCODER_BENCH_ONE_CPU=1`` pins the whole process to one CPU). Progress goes
to stderr every 30 s.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")
if os.environ.get("EVENTCODER_BENCH_ONE_CPU") == "1" and hasattr(os, "sched_setaffinity"):
    with contextlib.suppress(OSError):  # everything, store writer included, on one CPU
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="an existing corpus instead of generating")
    parser.add_argument("--db", help="store target (default: a fresh DuckDB file)")
    parser.add_argument("--out", type=Path, help="write the JSON result here too")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument(
        "--write-docs",
        type=Path,
        help="JSON result to put in docs/batch.md (between the ingest-bench markers); no run",
    )
    args = parser.parse_args()
    if args.write_docs:
        update_docs(json.loads(args.write_docs.read_text(encoding="utf-8")), args.write_docs)
        return 0

    from make_news_corpus import generate

    from eventcoder.ingest import ingest
    from eventcoder.store import open_store

    work = Path(tempfile.mkdtemp(prefix="eventcoder-bench-"))
    corpus = args.corpus
    t0 = time.perf_counter()
    if corpus is None:
        corpus = work / f"news-{args.n}.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for record in generate(args.n, args.seed):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    generate_s = time.perf_counter() - t0
    target = args.db or str(work / "events.duckdb")
    usage0 = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = usage0.ru_utime + usage0.ru_stime
    last = [time.monotonic()]

    def progress(summary) -> None:
        now = time.monotonic()
        if now - last[0] >= 30 or summary.read == summary.total:
            last[0] = now
            print(
                f"ingest: {summary.read}/{summary.total} records, {summary.rate:.1f}/s, "
                f"store {summary.store_seconds:.1f} s, peak {_peak_mb():.0f} MB",
                file=sys.stderr,
                flush=True,
            )

    with open_store(target) as store:
        if store.counts()["articles"]:
            print(f"error: store {target} is not empty", file=sys.stderr)
            return 2
        summary = ingest([corpus], store, progress=progress)
        counts = store.counts()
    words = 0
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            words += len((record.get("text") or record.get("html") or "").split())
    seconds = summary.seconds
    work_s = seconds - summary.load_seconds
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu0
    result = {
        "records": summary.read,
        "average_words": round(words / max(1, summary.read)),
        "coded_articles": summary.new,
        "exact_duplicates": summary.exact_duplicates,
        "near_duplicates": summary.near_duplicates,
        "skipped": dict(summary.skipped),
        "events": summary.events,
        "seconds": round(seconds, 1),
        "model_load_seconds": round(summary.load_seconds, 1),
        "records_per_second": round(summary.read / work_s, 2),
        "coded_articles_per_second": round(summary.new / summary.code_seconds, 2),
        "coding_seconds": round(summary.code_seconds, 1),
        "store_write_seconds": round(summary.store_seconds, 1),
        "store_write_share": round(summary.store_seconds / seconds, 4),
        "store_write_cpu_seconds": round(summary.store_cpu_seconds, 1),
        "coding_cpu_seconds": round(summary.code_cpu_seconds, 1),
        "process_cpu_seconds": round(cpu, 1),
        "store_write_cpu_share": round(summary.store_cpu_seconds / cpu, 4),
        "coding_waited_for_store_seconds": round(summary.store_wait_seconds, 1),
        "coding_waited_share": round(summary.store_wait_seconds / seconds, 4),
        "peak_memory_mb": round(_peak_mb()),
        "store_rows": counts,
        "backend": "postgresql" if target.startswith("postgres") else "duckdb",
        "store_file_mb": (
            round(Path(target).stat().st_size / 2**20, 1) if Path(target).exists() else None
        ),
        "corpus_generation_seconds": round(generate_s, 1),
        "machine": f"{platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} CPUs (shared), coding on one thread",
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    if args.markdown:
        print(markdown(result))
    return 0


def markdown(r: dict) -> str:
    skipped = sum(r["skipped"].values())
    return "\n".join(
        [
            "| records | coded | duplicates (exact + near) | skipped | events | records/s "
            "| coded articles/s | store writes: CPU share | store writes: wall time "
            "| peak memory |",
            "|---|---|---|---|---|---|---|---|---|---|",
            f"| {r['records']:,} ({r['average_words']} words avg.) | {r['coded_articles']:,} "
            f"| {r['exact_duplicates']:,} + {r['near_duplicates']:,} | {skipped:,} "
            f"| {r['events']:,} | {r['records_per_second']} | {r['coded_articles_per_second']} "
            f"| {100 * r['store_write_cpu_share']:.1f}% of the process's CPU time "
            f"({r['store_write_cpu_seconds']} of {r['process_cpu_seconds']} s) "
            f"| {r['store_write_seconds']} s in a background thread "
            f"({100 * r['store_write_share']:.1f}% of the run); coding waited for it "
            f"{100 * r['coding_waited_share']:.1f}% "
            f"| {r['peak_memory_mb']} MB |",
        ]
    )


def update_docs(result: dict, source: Path) -> None:
    """Replace the figures between docs/batch.md's ingest-bench markers (nothing else)."""
    page = HERE.parent / "docs" / "batch.md"
    text = page.read_text(encoding="utf-8")
    start, end = "<!-- ingest-bench:start -->", "<!-- ingest-bench:end -->"
    if start not in text or end not in text:
        raise SystemExit(f"{page} has no ingest-bench markers")
    n = result["records"]
    block = "\n".join(
        [
            start,
            f"`python benchmarks/ingest_throughput.py --n {n} --out {source}` "
            f"({result['machine']}; {result['backend']} store):",
            "",
            markdown(result),
            "",
            f"Model load {result['model_load_seconds']} s; coding {result['coding_seconds']} s "
            f"wall, {result['coding_cpu_seconds']} s CPU; the process used "
            f"{result['process_cpu_seconds']} s of CPU in {result['seconds']} s "
            f"({n / result['process_cpu_seconds']:.1f} records per CPU-second: on a shared "
            "machine the wall-clock rates are lower than on a free core); "
            f"{result['store_rows']['events']:,} events, "
            f"{result['store_rows']['entities']:,} actor/recipient rows; store file "
            f"{result['store_file_mb']} MB.",
            end,
        ]
    )
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    page.write_text(head + block + tail, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
