from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "kurdistan24-sadr-march.txt"
#: The example article that ships in the repository (written for the project).
SHIPPED_EXAMPLE = ROOT / "examples" / "fuel-tax-strike-call.txt"
PLOVER_GOLD = SHARED / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt"

#: In CI (EVENTCODER_REQUIRE_SERVICES=1) a missing service is a failure, not a skip.
REQUIRE_SERVICES = os.environ.get("EVENTCODER_REQUIRE_SERVICES") == "1"


def need_module(name: str):
    """Import an optional dependency; skip without it, except in CI where it must be there."""
    if REQUIRE_SERVICES:
        return importlib.import_module(name)
    return pytest.importorskip(name)


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not present (../shared is not beside this checkout)")
    return path


@pytest.fixture(scope="session")
def coder():
    from eventcoder import Coder

    return Coder()


class CodedOnce:
    """A stand-in for a ``Coder`` that codes each distinct article once per pytest session:
    ``code_article`` answers from a cache keyed by the article (all its fields), and every
    answer is a deep copy, so no test can change another's data. Tests that build sample
    stores (``build_sample_store``) code the same generated articles many times."""

    def __init__(self, coder: Any) -> None:
        self.coder = coder
        self.options = coder.options
        self._coded: dict[str, Any] = {}  # one coder: its articles are the key

    def code_article(self, article: Any) -> Any:
        key = article.model_dump_json()
        if key not in self._coded:
            self._coded[key] = self.coder.code_article(article)
        return self._coded[key].model_copy(deep=True)


class MainEventsOnly:
    """What ``coder.variant(main_events_only=True)`` answers, read from a ``CodedOnce`` of the
    coder without that option: its coding with the events that are not ``main`` left out, as
    the ``finalize`` stage (the only stage the option reaches) leaves them out. The events and
    scores are the same; only the ``#n`` of an id shared by two events may be numbered apart.
    The held-out accuracy test reads the sentences the behaviour lock codes, coded once."""

    def __init__(self, coded: CodedOnce) -> None:
        assert not coded.options["main_events_only"], "the coder already keeps main events only"
        self.coded = coded

    def code_article(self, article: Any) -> Any:
        out = self.coded.code_article(article)
        return out.model_copy(update={"events": [e for e in out.events if e.salience == "main"]})


@pytest.fixture(scope="session")
def coded_once(coder) -> CodedOnce:
    """The session coder behind a session-wide cache of coded articles (``CodedOnce``)."""
    return CodedOnce(coder)


@pytest.fixture(scope="session")
def example_text() -> str:
    return need_shared(EXAMPLE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_events(coder, example_text):
    return coder.code(example_text, date="2020-01-14", doc_id="kurdistan24-sadr-march")


@pytest.fixture(scope="session")
def run_cli(coder):
    """Run an ``eventcoder`` command in this process (typer's CliRunner) with the session coder
    as the context object: commands code with its variants (``Coder.variant``), no second
    spaCy load. (tests/test_cli_package.py runs the installed command as a process.)"""
    from typer.testing import CliRunner

    from eventcoder.cli import _register_commands, app

    _register_commands()
    runner = CliRunner()

    def invoke(*args: object, input: str | None = None, fresh: bool = False):
        """``fresh``: the command builds its own coder (one that reads the environment)."""
        loaded = None if fresh else coder
        return runner.invoke(
            app, [str(a) for a in args], input=input, catch_exceptions=False, obj=loaded
        )

    return invoke
