"""The ``eventcoder`` command line: a thin layer over the Python API.

This package is the only one that imports typer: the library (``eventcoder.coder``,
``store``, ``ingest``, ``export``, ``serve.app``...) can be imported without the command line.
One module per command group, each with a ``register(app)`` function listed in
``COMMAND_MODULES``; option sets several commands share are in ``options`` (store, filters,
output format) and ``inputs`` (reading articles from files, JSONL or stdin).
"""

from __future__ import annotations

import importlib

import typer

from . import code

app = typer.Typer(
    name="eventcoder",
    help="Code news articles into PLOVER/CAMEO political events, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Modules that add further sub-commands (each has ``register(app: typer.Typer) -> None``);
#: ``code``, the main command, is there as soon as this package is imported.
COMMAND_MODULES: tuple[str, ...] = (
    "eventcoder.cli.places",
    "eventcoder.cli.gazetteer",
    "eventcoder.cli.evaluate",
    "eventcoder.cli.learn",
    "eventcoder.cli.evaluate_geo",
    "eventcoder.cli.serve",
    "eventcoder.cli.ingest",
    "eventcoder.cli.store",
    "eventcoder.cli.export",
    "eventcoder.cli.kb",
)


code.register(app)


@app.callback()
def _root() -> None:
    """eventcoder: news text in, PLOVER/CAMEO events out."""


def _register_commands() -> None:
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(app)


def main() -> None:
    _register_commands()
    app()
