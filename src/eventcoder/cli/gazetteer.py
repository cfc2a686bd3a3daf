"""``eventcoder gazetteer``: import full GeoNames dumps, look names up, show what is loaded."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

gazetteer_app = typer.Typer(
    name="gazetteer",
    help="The offline gazetteer: import GeoNames dumps, look names up.",
    no_args_is_help=True,
)


@gazetteer_app.command("import")
def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="GeoNames tables (allCountries.zip, cities500.zip, XX.zip or .txt) and "
            "optionally alternateNamesV2.zip (or .txt)."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write the user gazetteer (default: $EVENTCODER_GAZETTEER or "
            "$EVENTCODER_CACHE/user-gazetteer.sqlite, which the places stage reads).",
        ),
    ] = None,
    feature_classes: Annotated[
        str, typer.Option("--feature-classes", help="GeoNames feature classes to keep.")
    ] = "PA",
    min_population: Annotated[
        int,
        typer.Option(
            "--min-population",
            help="Skip places below this population (countries are always kept); with "
            "allCountries.zip, 1000 keeps the index to a few hundred MB of memory.",
        ),
    ] = 0,
) -> None:
    """Stream GeoNames dumps into a user gazetteer merged over the shipped one."""
    from ..knowledge.geonames import ImportFormatError, import_geonames, user_gazetteer_path

    for path in paths:
        if not path.exists():
            raise typer.BadParameter(f"no such file: {path}")
    start = time.perf_counter()
    target = output or user_gazetteer_path()
    try:
        user = import_geonames(
            paths,
            target,
            feature_classes=feature_classes.upper(),
            min_population=min_population,
            progress=lambda msg: typer.echo(msg, err=True),
        )
    except ImportFormatError as exc:
        raise typer.BadParameter(str(exc)) from None
    typer.echo(
        f"{user.places:,} places under {user.names:,} names from "
        f"{', '.join(Path(s).name for s in user.sources)} -> {target} "
        f"({time.perf_counter() - start:.1f} s)"
    )


@gazetteer_app.command("lookup")
def lookup_command(
    names: Annotated[list[str], typer.Argument(help="Place names.")],
    limit: Annotated[int, typer.Option("--limit", help="Places per name.")] = 5,
) -> None:
    """Every place of a name, best-ranked first (JSONL)."""
    from dataclasses import asdict

    from ..knowledge.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    for name in names:
        for place in gaz.lookup(name)[:limit]:
            row = {"query": name, **asdict(place), "precision": place.precision}
            typer.echo(json.dumps(row, ensure_ascii=False))


@gazetteer_app.command("info")
def info_command() -> None:
    """Sizes of the loaded gazetteer and where the user gazetteer is."""
    from ..knowledge.gazetteer import load_gazetteer
    from ..knowledge.geonames import UserGazetteer, user_gazetteer_path

    gaz = load_gazetteer()
    user = user_gazetteer_path()
    info: dict[str, object] = {
        "names": len(gaz.index),
        "places": len(gaz),
        "countries": len(gaz.countries),
        "user_gazetteer": str(user) if user.exists() else None,
    }
    if user.exists():
        loaded = UserGazetteer(user)
        info["user_sources"] = loaded.sources
        info["user_places"] = loaded.places
        info["user_names"] = loaded.names
    typer.echo(json.dumps(info, indent=2))


def register(app: typer.Typer) -> None:
    app.add_typer(gazetteer_app, name="gazetteer")
