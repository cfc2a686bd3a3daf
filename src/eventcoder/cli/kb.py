"""``eventcoder kb``: the actor knowledge base from the command line.

- ``kb import DUMP --out FILE`` builds a user KB from a Wikidata JSON dump (streaming);
- ``kb check FILE`` reads a user KB file and names any bad record;
- ``kb lookup TEXT`` shows how a bare mention is coded (and the KB entry behind it).
"""

from __future__ import annotations

import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class KBFormat(StrEnum):
    yaml = "yaml"
    csv = "csv"


kb_app = typer.Typer(help="The actor knowledge base: import from Wikidata, check, look up.")


@kb_app.command("import")
def import_command(
    dump: Annotated[Path, typer.Argument(help="Wikidata JSON dump (.json, .json.gz, .json.bz2).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="KB file to write.")] = Path(
        "wikidata-kb.yaml"
    ),
    fmt: Annotated[KBFormat | None, typer.Option("--format", help="yaml or csv.")] = None,
    lang: Annotated[str, typer.Option(help="Language of names and aliases.")] = "en",
    min_sitelinks: Annotated[
        int, typer.Option(help="Keep only entities with at least this many sitelinks.")
    ] = 0,
) -> None:
    """Build a knowledge base from a Wikidata JSON dump, streaming; use it with $EVENTCODER_KB."""
    from ..actors.wikidata import DumpError, WikidataImporter, entities, open_dump, write_kb

    if not dump.exists():
        raise typer.BadParameter(f"no such file: {dump}")
    fmt = fmt or (KBFormat.csv if out.suffix.lower() == ".csv" else KBFormat.yaml)
    importer = WikidataImporter(lang=lang, min_sitelinks=min_sitelinks)
    start = time.perf_counter()

    def progress(stats) -> None:
        typer.echo(
            f"  {stats.lines:,} entities read, {len(importer.pending):,} kept so far "
            f"({time.perf_counter() - start:.0f} s)",
            err=True,
        )

    try:
        with open_dump(dump) as fh:
            importer.read(entities(fh, str(dump)), progress=progress)
    except DumpError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except (OSError, EOFError) as exc:
        typer.echo(f"error: {dump}: cannot read the dump ({exc})", err=True)
        raise typer.Exit(1) from None
    n = write_kb(importer.records(), out, fmt.value)
    s = importer.stats
    typer.echo(
        f"{out}: {n:,} actors ({s.people:,} people, {s.organisations:,} organisations; "
        f"{s.without_country:,} without a country) from {s.lines:,} entities, "
        f"{len(importer.iso):,} countries known, {time.perf_counter() - start:.1f} s"
    )


@kb_app.command("check")
def check_command(
    files: Annotated[list[Path], typer.Argument(help="Your KB files (YAML or CSV).")],
) -> None:
    """Read KB files as the coder would and report the first bad record of each."""
    from ..knowledge.actor_kb import read_kb_file

    bad = False
    for path in files:
        try:
            records = read_kb_file(path)
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            bad = True
            continue
        typer.echo(f"{path}: {len(records):,} actors, all valid")
    if bad:
        raise typer.Exit(1)


@kb_app.command("lookup")
def lookup_command(
    text: Annotated[str, typer.Argument(help="A mention: 'Iraqi police', 'the Pentagon'.")],
    kb: Annotated[
        list[Path] | None, typer.Option("--kb", help="Your KB file(s), over the shipped one.")
    ] = None,
    year: Annotated[int | None, typer.Option(help="Year of the event (dated roles).")] = None,
) -> None:
    """Code one bare mention and print the actor record as JSON."""
    from ..actors import code_mention
    from ..actors.resolve import ActorCoder
    from ..knowledge.actor_kb import KnowledgeBase

    coder = None
    if kb:
        try:
            coder = ActorCoder(kb=KnowledgeBase.load(list(kb)))
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
    entity = code_mention(text, year=year, coder=coder)
    json.dump(entity.model_dump(mode="json"), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")
