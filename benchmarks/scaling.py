"""How the cost of cleaning and of place resolution grows with an article's length.

    python benchmarks/scaling.py [--sizes 100000,200000,400000,800000] [--stages clean,places]
                                 [--shape paragraphs|one-paragraph] [--markdown]

Articles of the given lengths (characters) are made of sentences written for this script
(actors x actions x places x days, seeded, so every paragraph differs), in paragraphs of four
sentences (``--shape paragraphs``) or all in one paragraph (``one-paragraph``: the shape that
used to make place resolution quadratic). For each size it times the ``clean`` stage alone and
the ``places`` stage alone (after the stages before it have run), and the whole coding time
with ``--stages all``. Times are CPU seconds of this process (``time.process_time``: steady
on a machine shared with other work; wall-clock seconds are in the JSON as ``*_wall``).
Prints one JSON line per size, and a Markdown table with --markdown. Linear growth shows as a
constant time per 100k characters.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ACTORS = [
    "Police", "Soldiers", "Protesters", "The interior ministry", "Rebel fighters",
    "Opposition leaders", "The army", "Local officials", "Striking workers", "Students",
]  # fmt: skip
ACTIONS = [
    "marched through the streets", "arrested dozens of people", "shelled the outskirts",
    "held talks with tribal elders", "blocked the main highway", "clashed with security forces",
    "demanded the release of detainees", "signed a ceasefire agreement",
]  # fmt: skip
PLACES = [
    "Baghdad", "Mosul", "Lagos", "Kano", "Caracas", "Maracaibo", "Kabul", "Herat",
    "Aleppo", "Homs", "Nairobi", "Mombasa", "Karachi", "Lahore", "Mandalay", "Yangon",
]  # fmt: skip
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "late on Thursday", "on Friday", "overnight"]
SOURCES = ["witnesses said", "a spokesman said", "state media reported", "officials said"]


def sentence(rng: random.Random, n: int) -> str:
    return (
        f"{rng.choice(ACTORS)} {rng.choice(ACTIONS)} in {rng.choice(PLACES)} "
        f"{rng.choice(DAYS)}, {rng.choice(SOURCES)}, the {n}th such report this year."
    )


def make_article(chars: int, shape: str = "paragraphs", seed: int = 7) -> str:
    """An article of about ``chars`` characters (see the module docstring)."""
    rng = random.Random(seed)
    parts: list[str] = []
    size, n = 0, 0
    while size < chars:
        n += 1
        para = " ".join(sentence(rng, n * 4 + k) for k in range(4))
        parts.append(para)
        size += len(para) + 2
    joiner = "\n\n" if shape == "paragraphs" else " "
    return joiner.join(parts)[:chars]


def measure(coder, text: str, stages: set[str]) -> dict[str, float]:
    from eventcoder.document import Document
    from eventcoder.records import Article

    article = Article(id="scaling", text=text, date="2024-03-01")
    out: dict[str, float] = {}
    doc = Document(article=article)
    t_all, c_all = time.perf_counter(), time.process_time()
    for stage in coder.pipeline:
        t0, c0 = time.perf_counter(), time.process_time()
        doc = stage(doc)
        if stage.name in stages:
            out[stage.name] = round(time.process_time() - c0, 3)
            out[f"{stage.name}_wall"] = round(time.perf_counter() - t0, 3)
        if "all" not in stages and stage.name == "places":
            break
    if "all" in stages:
        out["all"] = round(time.process_time() - c_all, 2)
        out["all_wall"] = round(time.perf_counter() - t_all, 2)
        out["events"] = len(doc.events)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,200000,400000,800000")
    parser.add_argument("--stages", default="clean,places")
    parser.add_argument("--shape", default="paragraphs", choices=["paragraphs", "one-paragraph"])
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    stages = set(args.stages.split(","))
    from eventcoder import Coder

    coder = Coder()
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        text = make_article(size, args.shape)
        got = measure(coder, text, stages)
        row = {"chars": len(text), "shape": args.shape, **got}
        rows.append(row)
        print(json.dumps(row), flush=True)
    if args.markdown:
        cols = [c for c in ("clean", "annotate", "places", "all") if c in stages]
        print("\n| characters | " + " | ".join(f"{c} (CPU s)" for c in cols) + " |")
        print("|---:|" + "---:|" * len(cols))
        for row in rows:
            print(f"| {row['chars']:,} | " + " | ".join(str(row.get(c, "")) for c in cols) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
