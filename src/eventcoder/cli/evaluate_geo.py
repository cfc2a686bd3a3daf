"""``eventcoder evaluate-geo GOLD...``: score places and dates against gold files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..evaluate.geo import GoldError, evaluate_geo, load_all, print_geo_report
from .options import make_coder


def register(app: typer.Typer) -> None:
    @app.command("evaluate-geo")
    def evaluate_geo_command(
        gold: Annotated[
            list[Path],
            typer.Argument(help="Where-and-when gold files (YAML/JSON), or GeoWebNews-style XML."),
        ],
        json_out: Annotated[
            Path | None, typer.Option("--json", help="Write scores as JSON.")
        ] = None,
        show_errors: Annotated[
            bool, typer.Option("--errors", help="List every miss and wrong resolution.")
        ] = False,
        limit: Annotated[
            int | None, typer.Option("--limit", help="XML corpora: only the first N articles.")
        ] = None,
    ) -> None:
        """Score geoparsing, date resolution and event places/dates against gold files."""
        if any(p.suffix.lower() == ".xml" for p in gold):
            _typed_command(gold, json_out, show_errors, limit)
            return
        try:
            articles = load_all(gold)
        except GoldError as exc:
            raise typer.BadParameter(str(exc)) from None
        report = evaluate_geo(make_coder(include_unrealised=True), articles)
        data = report.to_json()
        print_geo_report(data, f"{len(articles)} gold articles from "
                         f"{', '.join(p.name for p in gold)}")  # fmt: skip
        _finish(data, report.errors, gold, show_errors, json_out)


def _typed_command(gold: list[Path], json_out: Path | None, show_errors: bool,
                   limit: int | None) -> None:  # fmt: skip
    """``evaluate-geo CORPUS.xml``: scores per toponym type (see ``geo_types``)."""
    from ..evaluate.geo_types import evaluate_typed, load_typed_xml, print_typed_report

    articles = []
    for path in gold:
        if not path.exists():
            raise typer.BadParameter(f"no such file: {path}")
        try:
            articles += load_typed_xml(path)
        except (ValueError, SyntaxError) as exc:
            raise typer.BadParameter(f"{path}: {exc}") from None
    if limit is not None:
        articles = articles[:limit]
    report = evaluate_typed(make_coder(include_unrealised=True), articles)
    data = report.to_json()
    print_typed_report(data, f"{len(articles)} articles from {', '.join(p.name for p in gold)}")
    _finish(data, report.errors, gold, show_errors, json_out)


def _finish(data: dict, errors: list[str], gold: list[Path], show_errors: bool,
            json_out: Path | None) -> None:  # fmt: skip
    """The misses on stdout (``--errors``) and everything as JSON (``--json``)."""
    if show_errors:
        for line in errors:
            typer.echo(line)
    if json_out is not None:
        data = {"gold": [str(p) for p in gold], **data, "errors": errors}
        json_out.write_text(json.dumps(data, indent=2), encoding="utf-8")
