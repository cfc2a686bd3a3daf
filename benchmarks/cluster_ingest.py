"""Cluster accuracy through the real ``eventcoder ingest`` (issue 14), beside the engine figures.

    PYTHONPATH=src python benchmarks/cluster_ingest.py --seeds 1,12 [--mode daily|once]
        [--events 60] [--keep DIR]

For each seed, writes the retold-events corpus of ``make_cluster_corpus.py`` as the files a
user would have: one JSONL file per publication day (``YYYY-MM-DD.jsonl``, fields id, title,
text, date, source; the lines of a day in the order the engine benchmark reads them: source,
id). Then runs the CLI, as a user would, in a subprocess (``python -m eventcoder.cli ingest
FILES --db STORE.duckdb --workers 1 --no-progress --json``; ``--in-process``: the same command
through typer's ``CliRunner``, so the models load once) into a fresh DuckDB store:

- ``daily`` (default, what incremental use is): one ``ingest`` run per publication day, in
  date order, into the same store; each run clusters its new events against the clusters
  already stored (``store.clustering.cluster_new``).
- ``once``: one ``ingest`` run over the whole folder (files read in name order, i.e. date
  order); the run's events are clustered together after they are written.

The stored events' clusters (``events`` joined with ``event_clusters``) are scored against the
gold exactly as ``cluster_accuracy.py`` scores its own coded events: an event of a type the
article was written to tell takes that real-world event's id, any other type is the story's
side event ``STORY/TYPE``. Ingest codes only the first article of a near-duplicate group (the
copies are stored linked to it and have no events of their own), so the stored events are
fewer than the engine benchmark's; the figures are given on the stored events, and again
with every linked copy counted as carrying its head's events in its head's clusters (what the
engine benchmark does when it codes the copy), which is the like-for-like comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_accuracy import bcubed, pairwise  # noqa: E402
from make_cluster_corpus import gold_label, make_corpus  # noqa: E402

FIELDS = ("id", "title", "text", "date", "source")


def write_days(records: list[dict], folder: Path) -> list[Path]:
    """One JSONL file per publication day; returns them in date order."""
    by_day: dict[str, list[dict]] = defaultdict(list)
    for rec in records:
        by_day[rec["date"]].append(rec)
    files = []
    for day in sorted(by_day):
        path = folder / f"{day}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for rec in sorted(by_day[day], key=lambda r: (r["source"], r["id"])):
                fh.write(json.dumps({k: rec[k] for k in FIELDS}) + "\n")
        files.append(path)
    return files


def run_ingest(paths: list[Path], db: Path, in_process: bool = False) -> dict:
    """``eventcoder ingest PATHS --db DB`` in a subprocess (or, ``in_process``, the same
    command through typer's ``CliRunner``: the models load once per benchmark, not once per
    run); returns its JSON summary."""
    argv = ["ingest", *map(str, paths), "--db", str(db), "--workers", "1", "--no-progress",
            "--json"]  # fmt: skip
    if in_process:
        from typer.testing import CliRunner

        from eventcoder import cli
        from eventcoder.cli import ingest as ingest_cli

        if not any(c.name == "ingest" for c in cli.app.registered_commands):
            ingest_cli.register(cli.app)  # what ``eventcoder`` (cli.main) registers
        result = CliRunner().invoke(cli.app, argv)
        if result.exit_code != 0:
            raise SystemExit(f"ingest failed ({result.exit_code}): {result.output[-2000:]}")
        return json.loads(result.stdout)
    cmd = [sys.executable, "-m", "eventcoder.cli", *argv]
    done = subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy(), check=False)
    if done.returncode != 0:
        raise SystemExit(f"ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout)


def stored(db: Path) -> tuple[list[tuple[str, str, str, str]], dict[str, str]]:
    """``(event id, article id, type, cluster id)`` of every stored event, and the linked
    copies: copy article id -> the article it is linked to."""
    from eventcoder.store import open_store

    store = open_store(str(db))
    try:
        rows = store.fetchall(
            "SELECT e.id, e.doc_id, e.event, ec.cluster_id FROM events e "
            "LEFT JOIN event_clusters ec ON ec.event_id = e.id ORDER BY e.id"
        )
        copies = dict(
            store.fetchall(
                "SELECT id, cluster_id FROM articles WHERE cluster_id IS NOT NULL "
                "AND cluster_id <> id AND n_events IS NULL"
            )
        )
    finally:
        store.close()
    return [tuple(r) for r in rows], copies


def score(rows: list[tuple], copies: dict[str, str], by_id: dict[str, dict]) -> dict:
    labels: dict[str, str] = {}
    gold: dict[str, str] = {}
    unclustered = 0
    events_of: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for eid, doc, event, cid in rows:
        if cid is None:
            unclustered += 1
            cid = f"alone:{eid}"
        rec = by_id[doc]
        labels[eid] = cid
        gold[eid] = gold_label(rec, event)
        events_of[doc].append((eid, event, cid))
    out = {"events": len(labels), "unclustered": unclustered, "clusters": len(set(labels.values())),
           "gold": len(set(gold.values())), "pairwise": pairwise(labels, gold),
           "bcubed": bcubed(labels, gold)}  # fmt: skip
    for copy, head in copies.items():  # the copy carries its head's events, as if coded
        rec = by_id[copy]
        for eid, event, cid in events_of.get(head, []):
            key = f"{copy}:{eid}"
            labels[key] = cid
            gold[key] = gold_label(rec, event)
    out["with_copies"] = {"events": len(labels), "pairwise": pairwise(labels, gold),
                          "bcubed": bcubed(labels, gold)}  # fmt: skip
    return out


def measure(seed: int, events: int, mode: str, work: Path, in_process: bool = False) -> dict:
    records = make_corpus(events, seed)
    by_id = {r["id"]: r for r in records}
    folder = work / f"seed{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    files = write_days(records, folder)
    db = work / f"seed{seed}-{mode}.duckdb"
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    t0 = time.perf_counter()
    runs = [[f] for f in files] if mode == "daily" else [[folder]]
    summaries = [run_ingest(paths, db, in_process) for paths in runs]
    out = score(*stored(db), by_id)
    out.update(seed=seed, articles=len(records), runs=len(runs), seconds=time.perf_counter() - t0,
               copies=sum(s["near_duplicates"] + s["exact_duplicates"] for s in summaries),
               skipped=sum(s["skipped_total"] for s in summaries))  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default="1,12")
    parser.add_argument("--events", type=int, default=60)
    parser.add_argument("--mode", choices=("daily", "once"), default="daily")
    parser.add_argument("--keep", type=Path, default=None, help="keep the files and stores here")
    parser.add_argument("--in-process", action="store_true",
                        help="run the CLI command through typer's CliRunner, not a subprocess")  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        print(f"{'seed':>4} {'mode':>5} {'runs':>4} {'articles':>8} {'copies':>6} {'events':>6} "
              f"{'clusters/gold':>13} {'pw P':>6} {'pw R':>6} {'B3 P':>6} {'B3 R':>6} "
              f"{'+copies pw P':>12} {'pw R':>6} {'s':>5}")  # fmt: skip
        for seed in [int(s) for s in args.seeds.split(",")]:
            m = measure(seed, args.events, args.mode, work, args.in_process)
            (p, r, _), (bp, br, _) = m["pairwise"], m["bcubed"]
            cp, cr, _ = m["with_copies"]["pairwise"]
            print(f"{seed:4d} {args.mode:>5} {m['runs']:4d} {m['articles']:8d} {m['copies']:6d} "
                  f"{m['events']:6d} {m['clusters']:>6}/{m['gold']:<6} {p:6.3f} {r:6.3f} "
                  f"{bp:6.3f} {br:6.3f} {cp:12.3f} {cr:6.3f} {m['seconds']:5.0f}"
                  + (f"  ({m['skipped']} articles skipped)" if m["skipped"] else "")
                  + (f"  ({m['unclustered']} events without a cluster)" if m["unclustered"]
                     else ""), flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
