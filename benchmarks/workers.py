"""Scaling of ``eventcoder ingest`` with local worker processes: the same generated corpus
ingested with 1 and with 2 workers in one run; articles/s, speed-up, CPU-seconds per article,
and whether the two stores are identical.

    python benchmarks/workers.py [--n 200] [--seed 7] [--workers 1 2] [--out FILE.json]

The corpus comes from ``benchmarks/make_news_corpus.py`` (seeded: the same command, the same
corpus). Each run ingests it into a fresh DuckDB store; model loading is left out of the
rates; BLAS runs on one thread in every process (as in a worker). CPU-seconds per article (coding CPU in whichever process codes, plus this process's own
reading, deduplication and writing) do not depend on what else the machine runs; the
wall-clock rates do, so the script prints the load average and flags a run whose machine was
busy (the speed-up is then not the code's but the machine's).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one BLAS thread, as in a worker: one core per coder

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _tables(store: Any) -> dict[str, list]:
    """Every table's rows (timestamps left out), sorted, and the articles' writing order."""
    out: dict[str, list] = {}
    for (name,) in store.fetchall("SELECT table_name FROM duckdb_tables() ORDER BY 1"):
        cols = store.fetchall(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
            "AND data_type NOT LIKE 'TIMESTAMP%' ORDER BY column_index",
            [name],
        )
        listed = ", ".join(f'"{c}"' for (c,) in cols)
        out[name] = store.fetchall(f"SELECT {listed} FROM {name} ORDER BY ALL")
    out["writing order"] = store.fetchall("SELECT id FROM articles ORDER BY ingested_at, rowid")
    return out


def run(corpus: Path, workers: int, work: Path) -> tuple[dict[str, Any], dict[str, list]]:
    import eventcoder.ingest.run as ingest_run
    from eventcoder.ingest import IngestOptions, ingest
    from eventcoder.parallel import CodingPool
    from eventcoder.store import open_store

    pools: list[CodingPool] = []

    class Recorded(CodingPool):  # keeps the run's pool at hand for its figures
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            pools.append(self)

    ingest_run.CodingPool = Recorded  # type: ignore[misc]

    target = str(work / f"events-{workers}.duckdb")
    coder = None
    if workers == 1:  # load and warm the coder as a worker's is (eventcoder.warm), untimed
        from eventcoder.parallel import coder_for

        coder = coder_for({})
        coder.code("Police arrested ten protesters in Delhi on Monday.", date="2020-01-06")
    load0 = os.getloadavg()[0]
    cpu0, t0 = _cpu(), time.perf_counter()
    with open_store(target) as store:
        options = IngestOptions(workers=workers)
        summary = ingest([corpus], store, coder=coder, options=options)
        tables = _tables(store)
    wall = time.perf_counter() - t0
    main_cpu = _cpu() - cpu0  # this process: reading, dedup, writing (+ coding with 1 worker)
    work_s = summary.seconds - summary.load_seconds
    coding_cpu = summary.code_cpu_seconds
    # wall time spent coding: the share of a core coding got (1.0 on a free machine) and how
    # much of the run the workers were coding (not waiting for work)
    coding_wall = pools[0].busy_seconds if pools else summary.code_seconds
    other_cpu = main_cpu - (coding_cpu if workers == 1 else 0.0)
    return {
        "workers": workers,
        "records": summary.read,
        "coded_articles": summary.new,
        "events": summary.events,
        "seconds": round(wall, 1),
        "load_seconds": round(summary.load_seconds, 1),
        "articles_per_second": round(summary.read / work_s, 2),
        "coding_cpu_seconds_per_coded_article": round(coding_cpu / max(1, summary.new), 3),
        "main_process_cpu_seconds_per_record": round(other_cpu / max(1, summary.read), 4),
        "store_writer_cpu_seconds_per_record": round(
            summary.store_cpu_seconds / max(1, summary.read), 4
        ),
        "coding_core_share": round(coding_cpu / max(1e-9, coding_wall), 3),
        "worker_busy_share": round(coding_wall / (workers * work_s), 3),
        "load_average_at_start": round(load0, 2),
        "load_average_at_end": round(os.getloadavg()[0], 2),
    }, tables


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--out", type=Path, help="write the JSON result here too")
    args = parser.parse_args()

    from make_news_corpus import generate

    work = Path(tempfile.mkdtemp(prefix="eventcoder-workers-"))
    corpus = work / f"news-{args.n}.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for record in generate(args.n, args.seed):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    runs, stores = [], []
    cpus = os.cpu_count() or 1
    for workers in args.workers:
        result, tables = run(corpus, workers, work)
        print(json.dumps(result), file=sys.stderr, flush=True)
        runs.append(result)
        stores.append(tables)
    base = runs[0]
    busiest = max(max(r["load_average_at_start"], r["load_average_at_end"]) for r in runs)
    for r in runs:
        r["speed_up"] = round(r["articles_per_second"] / base["articles_per_second"], 2)
        # what the CPU figures allow on free cores. One worker: coding and reading/dedup on
        # one thread, the store writer on another core (when there is one). More: all the
        # CPU work (coding in the workers, this process's reading, dedup, unpickling and
        # writing) spread over the machine's cores, and never faster than this process alone.
        coding = r["coding_cpu_seconds_per_coded_article"] * r["coded_articles"] / r["records"]
        main_s = r["main_process_cpu_seconds_per_record"]
        store_s = r["store_writer_cpu_seconds_per_record"]
        if r["workers"] == 1:
            per_record = coding + main_s if cpus == 1 else max(coding + main_s - store_s, store_s)
        else:
            cores = min(r["workers"] + 1, cpus)
            per_record = max((coding + main_s) / cores, coding / r["workers"], main_s)
        r["cpu_bound_articles_per_second"] = round(1 / per_record, 2)
    for r in runs:
        r["cpu_bound_speed_up"] = round(
            r["cpu_bound_articles_per_second"] / base["cpu_bound_articles_per_second"], 2
        )
    result = {
        "command": f"python benchmarks/workers.py --n {args.n} --seed {args.seed}",
        "runs": runs,
        "stores_identical": all(s == stores[0] for s in stores[1:]),
        "machine": f"{platform.machine()}, Python {platform.python_version()}, {cpus} CPUs",
        "max_load_average": busiest,
        "wall_clock_contaminated": busiest > cpus * 0.75,
    }
    text = json.dumps(result, indent=2)
    print(text)
    for r in runs:
        print(
            f"{r['workers']} worker(s): {r['articles_per_second']} articles/s "
            f"(speed-up {r['speed_up']}x); coding {r['coding_cpu_seconds_per_coded_article']} "
            f"CPU-s per coded article, main process {r['main_process_cpu_seconds_per_record']} "
            f"CPU-s per record; CPU-bound estimate {r['cpu_bound_articles_per_second']} "
            f"articles/s ({r['cpu_bound_speed_up']}x)",
            file=sys.stderr,
        )
    if result["wall_clock_contaminated"]:
        print(
            f"note: load average reached {busiest} on {cpus} CPUs: the machine was busy, the "
            "wall-clock rates and speed-up are contaminated; the CPU figures are not",
            file=sys.stderr,
        )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0 if result["stores_identical"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
