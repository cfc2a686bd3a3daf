"""``eventcoder places``: every toponym mention with its resolution (geoparsing on its own)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from .inputs import InputFormat, read_articles
from .options import make_coder


class PlacesFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"


def register(app: typer.Typer) -> None:
    @app.command("places")
    def places_command(
        files: Annotated[
            list[str],
            typer.Argument(help="Text files, or JSONL with --input jsonl; '-' for stdin."),
        ],
        input_format: Annotated[InputFormat, typer.Option("--input")] = InputFormat.text,
        date: Annotated[str | None, typer.Option("--date")] = None,
        fmt: Annotated[
            PlacesFormat, typer.Option("--format", "-f", help="jsonl (one mention a line) or json.")
        ] = PlacesFormat.jsonl,
    ) -> None:
        """List every place name with offsets and its GeoNames resolution (JSONL)."""
        coder = make_coder(stages=["clean", "annotate", "places"])
        errors: list[str] = []
        rows = []
        for article in read_articles(files, input_format, date, errors):
            try:
                doc = coder.process(article)
            except Exception as exc:  # one bad article never stops the batch
                errors.append(f"article {article.id!r}: {type(exc).__name__}: {exc}")
                continue
            for place in doc.places:
                row = {"doc_id": article.id, **place.model_dump(mode="json")}
                if fmt is PlacesFormat.jsonl:
                    sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
                else:
                    rows.append(row)
        if fmt is PlacesFormat.json:
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        for message in errors:
            typer.echo(f"error: {message}", err=True)
