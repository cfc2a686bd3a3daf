"""Cluster accuracy on retold events coded by the real coder, and clustering speed and memory.

    PYTHONPATH=src python benchmarks/cluster_accuracy.py [--events 60] [--seed 2]
        [--seeds 1,4,5,6,7,8,9,10] [--coded CACHE.jsonl|DIR] [--synthetic 100000] [--threshold T]

1. Generates the retold-events corpus (``make_cluster_corpus.py``), codes every article with
   ``Coder`` (cached in ``--coded`` when given), links near-duplicate articles (MinHash, as
   ingest does), and clusters the coded events in daily batches (publication order) with
   ``ClusterIndex``. Prints pairwise and B-cubed precision/recall/F1 against the gold labels,
   beside two baselines: every report alone, and the usual one-per-dyad-per-day filter
   (type, actor country, recipient country, date).
2. Times clustering ``--synthetic`` coded event records (generated ``Event`` objects, many
   reports per real event, fed in daily batches with a 30-day horizon) on one core and prints
   the live index size and process memory at each quarter: flat when memory does not grow
   with the number of events clustered.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_cluster_corpus import gold_label, make_corpus, synthetic_events  # noqa: E402

from eventcoder.clusters import ClusterIndex, Report  # noqa: E402
from eventcoder.records import Article, Event  # noqa: E402


def pairwise(labels: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 of a clustering against gold (same keys)."""

    def pairs(assign: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for key, label in assign.items():
            groups[label].append(key)
        out: set[tuple[str, str]] = set()
        for members in groups.values():
            out |= set(itertools.combinations(sorted(members), 2))
        return out

    found, true = pairs(labels), pairs(gold)
    p = len(found & true) / len(found) if found else 1.0
    r = len(found & true) / len(true) if true else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed(labels: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    by_label: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for key in labels:
        by_label[labels[key]].add(key)
        by_gold[gold[key]].add(key)
    p = r = 0.0
    for key in labels:
        mine, true = by_label[labels[key]], by_gold[gold[key]]
        both = len(mine & true)
        p += both / len(mine)
        r += both / len(true)
    p, r = p / len(labels), r / len(labels)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def code_corpus(
    records: list[dict], cache: Path | None
) -> tuple[list[tuple[dict, list[Event]]], bool]:
    """Every article coded with ``Coder`` (read back from ``cache`` when it holds them)."""
    if cache is not None and cache.exists():
        coded = [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]
        by_id = {c["id"]: [Event.model_validate(e) for e in c["events"]] for c in coded}
        if set(by_id) == {r["id"] for r in records}:
            return [(r, by_id[r["id"]]) for r in records], True
    from eventcoder import Coder

    coder = Coder()
    out = []
    for rec in records:
        article = Article(id=rec["id"], text=rec["text"], title=rec["title"],
                          date=rec["date"], source=rec["source"])  # fmt: skip
        out.append((rec, coder.code_article(article).events))
    if cache is not None:
        with cache.open("w", encoding="utf-8") as fh:
            for rec, events in out:
                fh.write(json.dumps({"id": rec["id"], "events": [e.to_json() for e in events]}))
                fh.write("\n")
    return out, False


def near_groups(records: list[dict]) -> dict[str, str]:
    """Article id -> the earliest article it near-duplicates (as ingest links them)."""
    from eventcoder.ingest.dedup import NearDuplicateIndex

    index = NearDuplicateIndex()
    groups: dict[str, str] = {}
    for rec in sorted(records, key=lambda r: (r["date"], r["source"], r["id"])):
        sig = index.signature(rec["text"])
        match = index.match(sig)
        groups[rec["id"]] = groups[match[0]] if match else rec["id"]
        index.add(rec["id"], sig)
    return groups


def dyad_day(reports: Iterable[Report]) -> dict[str, str]:
    """The blunt baseline: one event per type, actor/recipient country and date."""
    out = {}
    for r in reports:
        actor = sorted(k for k in r.actors if k.startswith("c:"))[:1]
        recip = sorted(k for k in r.recipients if k.startswith("c:"))[:1]
        out[r.event_id] = f"{r.event}|{actor}|{recip}|{r.date}"
    return out


def accuracy(args: argparse.Namespace) -> tuple[float, float]:
    """Print the accuracy on seed ``args.seed``'s corpus; returns pairwise (P, R)."""
    records = make_corpus(args.events, args.seed)
    t0 = time.perf_counter()
    cache = args.coded
    if cache is not None and cache.is_dir():
        cache = cache / f"seed{args.seed}.jsonl"
    coded, cached = code_corpus(records, cache)
    coding = time.perf_counter() - t0
    groups = near_groups(records)
    reports: list[Report] = []
    gold: dict[str, str] = {}
    planned = 0
    for rec, events in coded:
        for e in events:
            reports.append(Report.from_event(e, pub_date=rec["date"], source=rec["source"],
                                             article_group=groups[rec["id"]]))  # fmt: skip
            gold[e.id] = gold_label(rec, e.event)
            planned += e.event in rec["gold"]
    told = sum(len(r["gold"]) for r in records)
    found = sum(
        1 for rec, events in coded for t in rec["gold"] if any(e.event == t for e in events)
    )
    index = ClusterIndex(threshold=args.threshold)
    by_day: dict[int, list[Report]] = defaultdict(list)
    for r in reports:
        by_day[r.pub_date or 0].append(r)
    t0 = time.perf_counter()
    for day in sorted(by_day):
        index.add(by_day[day])
    clustering = time.perf_counter() - t0
    labels = index.labels()
    print(
        f"corpus: {len(records)} articles (seed {args.seed}), "
        f"{len({r['story'] for r in records})} real-world events; "
        + (f"codes read from {args.coded}" if cached else f"coded in {coding:.1f} s")
    )
    print(
        f"coded events: {len(reports)} ({planned} of the planned types); the coder found "
        f"{found}/{told} planned (article, type) tellings"
    )
    print(
        f"clusters: {len(index)} for {len(set(gold.values()))} gold events; "
        f"clustering took {clustering * 1000:.0f} ms"
    )
    print(f"{'':28} {'precision':>9} {'recall':>7} {'F1':>6}")
    rows = [("event clusters (pairwise)", pairwise(labels, gold)),
            ("event clusters (B-cubed)", bcubed(labels, gold)),
            ("one-per-dyad-day (pairwise)", pairwise(dyad_day(reports), gold)),
            ("every report alone (B-cubed)", bcubed({k: k for k in gold}, gold))]  # fmt: skip
    for name, (p, r, f) in rows:
        print(f"{name:28} {p:9.3f} {r:7.3f} {f:6.3f}")
    twins = {r["story"]: r["lookalike_of"] for r in records if r["lookalike_of"]}
    cross = merged = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        ga, gb = gold[a], gold[b]
        if twins.get(ga) == gb or twins.get(gb) == ga:
            cross += 1
            merged += labels[a] == labels[b]
    print(
        f"look-alikes (same type and country, another city or day): {len(twins)} pairs of "
        f"events; {merged} of {cross} cross report pairs put in one cluster"
    )
    sub = {k for k in gold if "/" not in gold[k]}
    p, r, f = pairwise({k: labels[k] for k in sub}, {k: gold[k] for k in sub})
    print(f"{'planned types only (pairw.)':28} {p:9.3f} {r:7.3f} {f:6.3f}")
    return rows[0][1][0], rows[0][1][1]


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class Tally:
    """Pairwise and B-cubed counts folded in as clusters and gold events become final, so
    scoring a stream keeps no per-event state beyond the horizon (memory stays flat)."""

    def __init__(self) -> None:
        self.n = 0
        self.tp = self.found = self.true = 0
        self.bp = self.br = 0.0
        self.cells: dict[str, list[int]] = defaultdict(list)  # gold id -> its cluster cells
        self.gold_day: dict[str, int] = {}

    def cluster(self, members: list[str], gold: dict[str, str]) -> None:
        counts: dict[str, int] = defaultdict(int)
        for eid in members:
            counts[gold.pop(eid)] += 1
        size = len(members)
        self.n += size
        self.found += size * (size - 1) // 2
        for g, c in counts.items():
            self.tp += c * (c - 1) // 2
            self.bp += c * c / size
            self.cells[g].append(c)

    def close_gold(self, before: int | None) -> None:
        for g in [g for g, d in self.gold_day.items() if before is None or d < before]:
            del self.gold_day[g]
            cells = self.cells.pop(g, [])
            total = sum(cells)
            self.true += total * (total - 1) // 2
            self.br += sum(c * c for c in cells) / total if total else 0.0

    def scores(self) -> tuple[float, float, float, float]:
        return (self.tp / self.found, self.tp / self.true, self.bp / self.n, self.br / self.n)


def timing(args: argparse.Namespace) -> None:
    n = args.synthetic
    index = ClusterIndex(threshold=args.threshold, horizon_days=30)
    gold: dict[str, str] = {}  # live events only: folded into the tally when final
    tally = Tally()
    spent = cpu = 0.0
    done = 0
    marks = {n * q // 4 for q in (1, 2, 3, 4)}
    print(f"\nsynthetic: {n} coded events, daily batches, 30-day horizon, one core")
    print(f"{'events':>8} {'wall s':>8} {'CPU s':>8} {'live clusters':>14} {'live reports':>13} "
          f"{'RSS MB':>7}")  # fmt: skip
    for batch in synthetic_events(n, seed=args.seed):
        for e, pub, _src, g in batch:
            gold[e.id] = g
            tally.gold_day.setdefault(g, pub.toordinal())
        t0, c0 = time.perf_counter(), time.process_time()
        reports = [Report.from_event(e, pub_date=pub, source=src) for e, pub, src, _ in batch]
        index.add(reports)
        spent += time.perf_counter() - t0
        cpu += time.process_time() - c0
        for cluster in index.evicted:
            tally.cluster([r.event_id for r in cluster.members], gold)
        index.evicted = []
        if index.evicted_before is not None:
            tally.close_gold(index.evicted_before - 10)  # every report of these is in
        before = done
        done += len(batch)
        for mark in sorted(marks):
            if before < mark <= done:
                print(f"{done:8d} {spent:8.1f} {cpu:8.1f} {len(index):14d} "
                      f"{len(index.assignments):13d} {_rss_mb():7.0f}")  # fmt: skip
    index.evict(before=10**9)
    for cluster in index.evicted:
        tally.cluster([r.event_id for r in cluster.members], gold)
    tally.close_gold(None)
    p, r, bp, br = tally.scores()
    print(
        f"clustered {done} events in {spent:.1f} s wall, {cpu:.1f} s CPU "
        f"({done / cpu:.0f} events per CPU second); synthetic pairwise P {p:.3f} R {r:.3f}, "
        f"B-cubed P {bp:.3f} R {br:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--seeds", default=None,
                        help="several corpora, e.g. 1,4,5,6,7,8,9,10 (the development seeds): "
                        "each one's figures, then the mean pairwise P and R; --coded a folder")  # fmt: skip
    parser.add_argument("--coded", type=Path, default=None)
    parser.add_argument("--synthetic", type=int, default=100_000)
    parser.add_argument("--threshold", type=float, default=ClusterIndex().threshold)
    parser.add_argument("--skip-accuracy", action="store_true")
    args = parser.parse_args()
    if not args.skip_accuracy and args.seeds:
        scores = []
        for seed in [int(x) for x in args.seeds.split(",")]:
            args.seed = seed
            scores.append(accuracy(args))
            print()
        n = len(scores)
        print(f"seeds {args.seeds}: mean pairwise P {sum(p for p, _ in scores) / n:.3f} "
              f"R {sum(r for _, r in scores) / n:.3f} (lowest P {min(p for p, _ in scores):.3f}, "
              f"lowest R {min(r for _, r in scores):.3f})")  # fmt: skip
    elif not args.skip_accuracy:
        accuracy(args)
    if args.synthetic:
        timing(args)


if __name__ == "__main__":
    main()
