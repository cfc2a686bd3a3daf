"""``eventcoder train``: fit an event-type classifier on labelled sentences."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .options import loaded_coder


class Combine(StrEnum):
    auto = "auto"
    any = "any"
    rules = "rules"
    fill = "fill"
    override = "override"
    union = "union"


class Reads(StrEnum):
    masked = "entities-masked"
    sentence = "sentence"


def _source(path: Path) -> str:
    """A data file's name as recorded in the model: package-relative for the project's own."""
    parts = path.resolve().parts
    if "eventcoder" in parts and "data" in parts:
        return "eventcoder/" + "/".join(parts[parts.index("data") :])
    return path.name


def register(app: typer.Typer) -> None:
    @app.command("train")
    def train_command(
        data: Annotated[
            list[Path] | None,
            typer.Argument(
                help="Labelled sentences: CSV text,label[,mode] (or JSONL); label = a "
                "PLOVER type or NONE."
            ),
        ] = None,
        out: Annotated[
            Path, typer.Option("--out", "-o", help="Directory to write the model to.")
        ] = Path("model"),
        with_project_data: Annotated[
            bool,
            typer.Option("--with-project-data", help="Add eventcoder's own training sentences."),
        ] = False,
        combine: Annotated[
            Combine,
            typer.Option(
                "--combine",
                help="How to combine with the rules. auto: the classifier fills sentences "
                "where the rules find nothing (threshold by cross-validation); any: the best "
                "cross-validated macro-F1 of every kind (for in-domain training data).",
            ),  # fmt: skip
        ] = Combine.auto,
        all_types: Annotated[
            bool,
            typer.Option(
                "--all-types",
                help="Never reduce what a sentence reports to one type (with one type per "
                "sentence, the other rule types of its main clause become background events).",
            ),
        ] = False,
        folds: Annotated[int, typer.Option("--folds", min=2, help="Cross-validation folds.")] = 5,
        c: Annotated[float, typer.Option("--C", min=1e-4, help="Inverse regularisation.")] = 8.0,
        reads: Annotated[
            Reads,
            typer.Option(
                "--input",
                help="What the classifier reads: the sentence with its named entities masked "
                "(default), or the sentence as it stands.",
            ),
        ] = Reads.masked,
        tune_on: Annotated[
            Path | None,
            typer.Option(
                "--tune-on",
                help="Labelled development sentences (CSV/JSONL, role-labelled gold welcome) "
                "to choose the combination policy on (among the kinds --combine allows); no "
                "weights are learnt from them.",
            ),
        ] = None,
        own_weight: Annotated[
            float,
            typer.Option(
                "--own-weight",
                min=0.01,
                help="With --with-project-data: how much each of your sentences counts against "
                "one of the project's (3 chose best by cross-validation on real news).",
            ),
        ] = 3.0,
        fine_tune_layers: Annotated[
            int,
            typer.Option(
                "--fine-tune-layers",
                min=0,
                max=6,
                help="Also train the top N of MiniLM's 6 layers with the classifier (opt-in; "
                "0: frozen encoder). 2 gained about 0.05 accuracy on real news; training takes "
                "minutes of CPU, coding costs the same.",
            ),
        ] = 0,
        epochs: Annotated[
            int, typer.Option("--epochs", min=1, help="Passes over the data when fine-tuning.")
        ] = 3,
        roles: Annotated[
            bool,
            typer.Option(
                "--roles/--no-roles",
                help="Where the data has source/target spans, "
                "also train the role tagger (default: yes).",
            ),
        ] = True,
    ) -> None:
        """Train a classifier for 'eventcoder code --model DIR' (needs the "ml" extra)."""
        from ..learn.embed import MLUnavailable
        from ..learn.finetune import Settings
        from ..learn.report import summary
        from ..learn.train import load_training, project_data_files, train

        paths = list(data or [])
        for path in paths:
            if not path.is_file():
                raise typer.BadParameter(f"no such file: {path}")
        if not paths and not with_project_data:
            raise typer.BadParameter("give a labelled CSV, or --with-project-data")
        try:
            items = load_training(paths)
            own = len(items)
            if with_project_data:
                paths += project_data_files()
                items += load_training(project_data_files())
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
        if not items:
            raise typer.BadParameter("no labelled sentences in the training data")
        dev = None
        if tune_on is not None:
            try:
                dev = load_training([tune_on])
            except (OSError, ValueError) as exc:
                raise typer.BadParameter(str(exc), param_hint="--tune-on") from None
        start = time.perf_counter()
        try:
            model = train(items, folds=folds, c=c, kind=combine.value, all_types=all_types, progress=True,
                          sources=[_source(p) for p in paths], reads=reads.value,
                          tune_on=dev, tune_name=tune_on.name if tune_on else "",
                          weights=[own_weight] * own + [1.0] * (len(items) - own),
                          coder=loaded_coder(),
                          fine_tune=Settings(layers=fine_tune_layers, epochs=epochs)
                          if fine_tune_layers else None, roles=roles)  # fmt: skip
        except MLUnavailable as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
        model.save(out)
        typer.echo(summary(model))
        typer.echo(f"model written to {out} ({time.perf_counter() - start:.0f} s)")
