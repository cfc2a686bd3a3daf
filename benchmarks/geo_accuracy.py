"""Where and when: geoparsing and date scores on the project's gold articles, and the share of
the coder's time spent on place lookup.

    python benchmarks/geo_accuracy.py [--repeat 5] [--json OUT] [--typed GeoWebNews.xml]

Scores each half of the gold set (``benchmarks/data/geo_gold_dev.yaml``, used to develop the
rules, and ``geo_gold_test.yaml``, held out) with ``eventcoder.evaluate.geo`` and prints the
Markdown table of docs/places-and-dates.md. Time per stage is measured on one
thread over the gold articles and the example article (when ../shared is present).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")
if hasattr(os, "sched_setaffinity"):
    with contextlib.suppress(OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

HERE = Path(__file__).resolve().parent
HALVES = {"dev": HERE / "data" / "geo_gold_dev.yaml", "test": HERE / "data" / "geo_gold_test.yaml"}
EXAMPLE = HERE.parent.parent / "shared" / "examples" / "kurdistan24-sadr-march.txt"


def stage_times(coder, articles, repeat: int) -> dict[str, float]:
    """Median over ``repeat`` rounds of the total ms per stage over all ``articles``."""
    from eventcoder.document import Document

    rounds: list[dict[str, float]] = []
    for _ in range(repeat):
        totals: dict[str, float] = {}
        for article in articles:
            doc = Document(article=article)
            for stage in coder.pipeline:
                t = time.perf_counter()
                doc = stage(doc)
                totals[stage.name] = totals.get(stage.name, 0.0) + (time.perf_counter() - t) * 1000
        rounds.append(totals)
    return {name: statistics.median(r[name] for r in rounds) for name in rounds[0]}


def fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--typed", type=Path, metavar="CORPUS.xml",
        help="also score a GeoWebNews-style corpus per toponym type (development data)",
    )  # fmt: skip
    args = parser.parse_args()

    from eventcoder import Coder
    from eventcoder.evaluate.geo import evaluate_geo, load_geo_gold
    from eventcoder.records import Article

    coder = Coder(include_unrealised=True)
    scores = {}
    gold_articles = []
    for half, path in HALVES.items():
        arts = load_geo_gold(path)
        gold_articles += [Article(id=a.id, text=a.text, date=a.date) for a in arts]
        scores[half] = evaluate_geo(coder, arts).to_json()
    timed = list(gold_articles)
    if EXAMPLE.exists():
        timed.append(Article(id="example", text=EXAMPLE.read_text(encoding="utf-8"),
                             date="2020-01-14"))  # fmt: skip
    times = stage_times(coder, timed, args.repeat)
    total = sum(times.values())
    share = times.get("places", 0.0) / total
    rest = total - times.get("places", 0.0)

    rows = [
        ("articles", "articles", None),
        ("toponyms in gold", "toponyms.gold", None),
        ("toponym precision (exact offsets)", "toponyms.precision", 0.85),
        ("toponym recall (exact offsets)", "toponyms.recall", 0.85),
        ("resolved toponyms: right country", "resolution.country_of_resolved", 0.95),
        ("found toponyms: right country (unresolved count as wrong)", "resolution.country", None),
        ("found toponyms: within 161 km", "resolution.within_161km", 0.85),
        ("found toponyms: exact GeoNames id (where gold has one)", "resolution.exact_id", None),
        ("demonyms, organisation names, acting governments tagged as places",
         "toponyms.hard_negatives_tagged", None),
        ("adjectival place mentions (not toponyms by this gold's rules), of them on hard "
         "negatives", "toponyms.adjectival_reported", None),
        ("temporal expressions in gold", "dates.gold", None),
        ("temporal expressions found (recall)", "dates.recall", None),
        ("date values exact", "dates.exact", None),
        ("date values within precision", "dates.within_precision", None),
        ("gold events the coder found", "events.matched", None),
        ("event place: right country", "events.loc_country", 0.95),
        ("event place: within 161 km", "events.loc_within_161km", 0.85),
        ("event date: exact", "events.date_exact", None),
    ]  # fmt: skip

    def get(data: dict, dotted: str):
        for part in dotted.split("."):
            data = data[part]
        return data

    lines = [
        "| measure | dev (rules developed on it) | test (held out) | goal |",
        "|---|---|---|---|",
    ]
    for label, key, goal in rows:
        cells = []
        for half in HALVES:
            value = get(scores[half], key)
            if key == "toponyms.hard_negatives_tagged":
                value = f"{value} of {scores[half]['toponyms']['hard_negatives']}"
            elif key == "toponyms.adjectival_reported":
                value = f"{value}, {scores[half]['toponyms']['adjectival_on_hard_negatives']}"
            elif key == "events.matched":
                value = f"{value} of {scores[half]['events']['gold']}"
            elif isinstance(value, float) or value is None:
                value = fmt(value)
            cells.append(str(value))
        goal_text = f"≥ {goal:.2f}" if goal else ""
        lines.append(f"| {label} | {' | '.join(cells)} | {goal_text} |")
    lines += [
        "",
        f"Place lookup (`places` stage) over the {len(timed)} articles: "
        f"{times.get('places', 0.0):.1f} ms of {total:.0f} ms, **{share:.1%}** of the coder's "
        f"time (adds {times.get('places', 0.0) / rest:.1%} to the other stages; goal < 10%); "
        f"dates {times.get('dates', 0.0):.1f} ms.",
    ]
    if args.typed is not None:
        from eventcoder.evaluate.geo_types import evaluate_typed, load_typed_xml, markdown_table

        typed = evaluate_typed(coder, load_typed_xml(args.typed)).to_json()
        scores["typed"] = typed
        lines += ["", f"{args.typed.name}, {typed['articles']} articles:", "",
                  markdown_table(typed)]  # fmt: skip
    text = "\n".join(lines)
    print(text)
    if args.json:
        args.json.write_text(
            json.dumps({"scores": scores, "stage_ms": times, "places_share": share}, indent=2),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
