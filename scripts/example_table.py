"""Regenerate the tables of events coded from the example articles (markdown).

    python scripts/example_table.py            # rewrite the README's and docs/examples.md's blocks
    python scripts/example_table.py PATH [--date D]   # print the table of any article

The README's block codes the article that ships in ``examples/`` (written for the project); the
block of docs/examples.md codes the Kurdistan 24 report in ``../shared/examples`` when that
folder is beside the checkout (a news site's article cannot ship with the project).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from eventcoder import Coder

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "examples" / "fuel-tax-strike-call.txt"
KURDISTAN24 = ROOT.parent / "shared" / "examples" / "kurdistan24-sadr-march.txt"
START, END = "<!-- example-table:start -->", "<!-- example-table:end -->"


def who(entities) -> str:
    parts = []
    for e in entities:
        code = " ".join(x for x in (e.code, e.sector) if x)
        parts.append(f"{e.name or e.entity_text}" + (f" ({code})" if code else ""))
    return "; ".join(parts) or "–"


def table(coder: Coder, path: Path, date: str) -> str:
    events = coder.code(path.read_text(encoding="utf-8"), date=date, doc_id=path.stem)
    rows = [
        "| # | event (mode) | CAMEO | modality | actor | recipient | where | when | trigger |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for n, ev in enumerate(events, 1):
        kind = ev.event + (f" ({ev.mode})" if ev.mode else "")
        loc = ev.event_loc
        where = (loc.resolved_place or loc.extracted_place or "") if loc else ""
        if loc and loc.country_code and where:
            where += f", {loc.country_code}"
        when = ev.date or "–"
        if ev.date_info.precision and ev.date_info.precision != "day":
            when += f" ({ev.date_info.precision})"
        trig = " ".join(ev.event_text)
        told = f" ×{ev.mentions}" if ev.mentions > 1 else ""
        rows.append(
            f"| {n} | {kind} | {ev.cameo} | {ev.modality} | {who(ev.actor)} | {who(ev.recipient)}"
            f" | {where or '–'} | {when} | {trig}{told} |"
        )
    return "\n".join(rows) + "\n"


def publication_date(path: Path) -> str:
    """The ``date`` of the article's metadata file beside it (``NAME.json``)."""
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return str(meta["date"])[:10]


def write_block(page: Path, text: str) -> None:
    old = page.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    if not pattern.search(old):
        raise SystemExit(f"{page} has no example-table markers")
    page.write_text(pattern.sub(lambda _: f"{START}\n{text}{END}", old), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--date")
    args = parser.parse_args()
    coder = Coder()
    if args.path:
        print(table(coder, args.path, args.date or publication_date(args.path)), end="")
        return
    write_block(ROOT / "README.md", table(coder, SHIPPED, publication_date(SHIPPED)))
    if KURDISTAN24.exists():
        write_block(
            ROOT / "docs" / "examples.md", table(coder, KURDISTAN24, publication_date(KURDISTAN24))
        )


if __name__ == "__main__":
    main()
