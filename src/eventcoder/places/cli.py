"""``eventcoder places``: every toponym mention with its resolution (geoparsing on its own)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from ..cli import InputFormat, read_articles


def register(app: typer.Typer) -> None:
    @app.command("places")
    def places_command(
        files: Annotated[
            list[str],
            typer.Argument(help="Text files, or JSONL with --input jsonl; '-' for stdin."),
        ],
        input_format: Annotated[InputFormat, typer.Option("--input")] = InputFormat.text,
        date: Annotated[str | None, typer.Option("--date")] = None,
    ) -> None:
        """List every place name with offsets and its GeoNames resolution (JSONL)."""
        from ..coder import Coder

        coder = Coder(stages=["clean", "annotate", "places"])
        errors: list[str] = []
        for article in read_articles(files, input_format, date, errors):
            doc = coder.process(article)
            for place in doc.places:
                row = {"doc_id": article.id, **place.model_dump(mode="json")}
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        for message in errors:
            typer.echo(f"error: {message}", err=True)
