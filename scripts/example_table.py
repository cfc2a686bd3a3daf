"""Print the README's table of events coded from the example article (markdown).

python scripts/example_table.py [PATH] [--date 2020-01-14]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eventcoder import Coder

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "examples" / "kurdistan24-sadr-march.txt"


def who(entities) -> str:
    parts = []
    for e in entities:
        code = " ".join(x for x in (e.code, e.sector) if x)
        parts.append(f"{e.name or e.entity_text}" + (f" ({code})" if code else ""))
    return "; ".join(parts) or "–"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--date", default="2020-01-14")
    args = parser.parse_args()
    events = Coder().code(
        args.path.read_text(encoding="utf-8"), date=args.date, doc_id=args.path.stem
    )
    print("| # | event (mode) | CAMEO | modality | actor | recipient | where | when | trigger |")
    print("|---|---|---|---|---|---|---|---|---|")
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
        print(
            f"| {n} | {kind} | {ev.cameo} | {ev.modality} | {who(ev.actor)} | {who(ev.recipient)}"
            f" | {where or '–'} | {when} | {trig}{told} |"
        )


if __name__ == "__main__":
    main()
