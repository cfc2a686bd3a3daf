"""``eventcoder evaluate``: scores against gold files, printed and written as JSON."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

from .options import make_coder

SHORT = {"AGREE": "AGR", "CONSULT": "CSL", "SUPPORT": "SUP", "CONCEDE": "CNC", "COOPERATE": "COO",
         "AID": "AID", "RETREAT": "RET", "REQUEST": "REQ", "ACCUSE": "ACC", "REJECT": "REJ",
         "THREATEN": "THR", "PROTEST": "PRO", "SANCTION": "SAN", "MOBILIZE": "MOB",
         "COERCE": "COE", "ASSAULT": "ASL", "NONE": "none"}  # fmt: skip


def print_report(report, title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(Console().width, 150))
    table = Table(title=title)
    for col in ("type", "precision", "recall", "F1", "support"):
        table.add_column(col, justify="right" if col != "type" else "left")
    for label, s in sorted(report.per_type.items()):
        table.add_row(label, f"{s['precision']:.2f}", f"{s['recall']:.2f}", f"{s['f1']:.2f}",
                      str(int(s["support"])))  # fmt: skip
    for name, s in (("micro", report.micro), ("macro", report.macro)):
        table.add_row(name, f"{s['precision']:.2f}", f"{s['recall']:.2f}", f"{s['f1']:.2f}", "",
                      style="bold")  # fmt: skip
    console.print(table)
    console.print(f"any-event recall: {report.any_event_recall:.2f}")
    if report.false_event_rate is not None:
        console.print(
            f"false-event rate on {report.none_sentences} NONE sentences: "
            f"{report.false_event_rate:.2f}"
        )
    actors = Table(title="actors (gold source/target vs coded actor/recipient)")
    for col in ("role", "gold", "span found", "country", "sector", "country+sector"):
        actors.add_column(col)
    for role, s in report.actors.items():
        actors.add_row(role, str(int(s["gold"])), f"{s['span_found']:.2f}", f"{s['country']:.2f}",
                       f"{s['sector']:.2f}", f"{s['country_sector']:.2f}")  # fmt: skip
    console.print(actors)
    from ..evaluate.actors import confusion_rows

    rows = confusion_rows(getattr(report, "actor_confusion", {}) or {})
    if rows:
        conf_a = Table(title="actor country confusion (gold vs coded; - = none)")
        for col in ("gold", "n", "right", "coded instead"):
            conf_a.add_column(col)
        for r in rows:
            instead = ", ".join(f"{c} {k}" for c, k in r["coded_instead"].items())
            conf_a.add_row(r["gold"], str(r["n"]), str(r["right"]), instead)
        console.print(conf_a)
    labels = sorted(report.confusion)
    predicted = sorted({p for row in report.confusion.values() for p in row})
    conf = Table(title="confusion (rows gold, columns first predicted type)")
    conf.add_column("gold")
    for p in predicted:
        conf.add_column(SHORT.get(p, p[:3]), justify="right")
    for g in labels:
        conf.add_row(g, *[str(report.confusion[g].get(p, "")) for p in predicted])
    console.print(conf)
    print_sentence_scores(console, report.sentence)


def print_sentence_scores(console, s: dict) -> None:
    """One type per sentence (accuracy, macro-F1) and the roles against gold spans."""
    from rich.table import Table

    if not s or not s.get("sentences"):
        return
    note = " (YIELD = a coded CONCEDE or RETREAT)" if s.get("yield_is_concede_or_retreat") else ""
    console.print(
        f"one type per sentence (first event: main before background, then by confidence; "
        f"no event = miss){note}: accuracy {s['accuracy']:.2f}, "
        f"macro-F1 {s['macro_f1']:.2f} over {len(s['per_type'])} types"
    )
    src, tgt = s["source"], s["target"]
    if not src["gold"] and not tgt["gold"]:
        return
    table = Table(title="roles vs gold spans (coded event of the gold type; overlap = a shared "
                  "word; head = the gold head word)")  # fmt: skip
    for col in ("type", "sentence F1", "n", "source overlap", "source head", "target n",
                "target overlap", "target head"):  # fmt: skip
        table.add_column(col, justify="left" if col == "type" else "right")

    def cell(role: dict, t: str | None, key: str) -> str:
        row = role if t is None else role["per_type"].get(t)
        return f"{row[key]:.2f}" if row and row["gold"] else ""

    for t, ts in s["per_type"].items():
        table.add_row(t, f"{ts['f1']:.2f}", str(int(ts["support"])), cell(src, t, "overlap"),
                      cell(src, t, "head_match"), str(tgt["per_type"].get(t, {}).get("gold", "")),
                      cell(tgt, t, "overlap"), cell(tgt, t, "head_match"))  # fmt: skip
    table.add_row("all", f"{s['macro_f1']:.2f}", str(s["sentences"]), cell(src, None, "overlap"),
                  cell(src, None, "head_match"), str(tgt["gold"]), cell(tgt, None, "overlap"),
                  cell(tgt, None, "head_match"), style="bold")  # fmt: skip
    console.print(table)
    rr = s["recipient_rate"]
    console.print(
        f"source overlap {src['overlap']:.2f} (head {src['head_match']:.2f}); target overlap "
        f"{tgt['overlap']:.2f} (head {tgt['head_match']:.2f}); recipient coded where gold has "
        f"one: {rr['coded']:.2f} of {rr['gold_targets']}"
    )


def print_misses(misses: list[dict]) -> None:
    """Every miss, one block each: gold vs coded type, source, target."""
    for m in misses:
        typer.echo(
            f"[{m['id']}] missed {'+'.join(m['missed'])}: gold {m['gold']} coded {m['coded']}"
            f" (trigger {', '.join(m['coded_trigger']) or '-'})\n"
            f"  source: gold {m['gold_source'] or '-'!r} | coded {m['coded_actor']}\n"
            f"  target: gold {m['gold_target'] or '-'!r} | coded {m['coded_recipient']}\n"
            f"  {m['text']}"
        )


def register(app: typer.Typer) -> None:
    @app.command("evaluate")
    def evaluate_command(
        gold: Annotated[
            list[Path], typer.Argument(help="Gold files: PLOVER records JSON, CSV or JSONL.")
        ],
        json_out: Annotated[
            Path | None, typer.Option("--json", help="Write the scores as JSON.")
        ] = None,
        model: Annotated[
            str | None, typer.Option("--model", help="Classifier from 'eventcoder train'.")
        ] = None,
        all_events: Annotated[
            bool,
            typer.Option(
                "--all-events",
                help="Score every event coded from a sentence, also those it tells as "
                "background in a subordinate clause (default: the events each sentence "
                "reports, as gold coded one event per sentence labels them).",
            ),
        ] = False,
        errors: Annotated[
            bool,
            typer.Option("--errors", help="List every miss: gold vs coded type, source, target."),
        ] = False,
        lowercase: Annotated[
            bool,
            typer.Option(
                "--lowercase", help="Code each sentence lower-cased (text without capitals)."
            ),
        ] = False,
    ) -> None:
        """Score the coder: P/R/F1 per PLOVER type, confusion, actor country/sector accuracy;
        one type per sentence (accuracy, macro-F1) and, for role-labelled gold (source/target
        spans or the <s>/<t> marked form), source/target overlap, head match and recipient rate.

        Each gold sentence is coded as a small article. By default the coder runs with
        main_events_only (the 'code --main-events-only' output): gold sets label a sentence
        with the one event it reports; --all-events scores the default 'code' output instead."""
        from ..evaluate import evaluate, load_gold

        items = []
        for path in gold:
            if not path.exists():
                raise typer.BadParameter(f"no such file: {path}")
            try:
                items.extend(load_gold(path))
            except ValueError as exc:
                raise typer.BadParameter(str(exc)) from None
        try:
            coder = make_coder(model=model, main_events_only=not all_events)
        except (RuntimeError, OSError, ValueError) as exc:  # --model: missing extra, bad dir
            raise typer.BadParameter(str(exc), param_hint="--model") from None
        start = time.perf_counter()
        report = evaluate(coder, items, lowercase=lowercase, parse=coder.nlp)
        seconds = time.perf_counter() - start
        if errors:
            print_misses(report.misses)
        print_report(report, f"{len(items)} gold sentences from {', '.join(p.name for p in gold)}")
        typer.echo(f"coded in {seconds:.1f} s")
        if json_out is not None:
            data = {
                "gold": [str(p) for p in gold],
                "seconds": round(seconds, 2),
                "events_scored": "all" if all_events else "main",
                "lowercase": lowercase,
                **report.to_json(),
            }
            json_out.write_text(json.dumps(data, indent=2), encoding="utf-8")
