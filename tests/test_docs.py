"""The documentation is checked against the code: commands, options and links."""

from __future__ import annotations

import re
from functools import cache

import pytest

from .conftest import ROOT

DOCS = ROOT / "docs"


@cache
def leaf_commands() -> dict[str, set[str]]:
    """(full name, long options) of every ``eventcoder`` command."""
    import typer

    from eventcoder.cli import _register_commands, app

    _register_commands()

    def walk(command, prefix):
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                yield from walk(sub, [*prefix, name])
        else:
            options = {
                opt
                for param in command.params
                for opt in (*param.opts, *param.secondary_opts)
                if opt.startswith("--") and opt != "--help"
            }
            yield " ".join(prefix), options

    return dict(walk(typer.main.get_command(app), []))


def sections(page: str) -> dict[str, str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    parts = re.split(r"^## `eventcoder ([a-z -]+)`\s*$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_command_has_a_section_and_every_section_a_command():
    documented = sections("command-line.md")
    assert set(documented) == set(leaf_commands())


@pytest.mark.parametrize("name", sorted(leaf_commands()))
def test_every_option_is_named_in_its_section(name):
    section = sections("command-line.md")[name]
    missing = sorted(o for o in leaf_commands()[name] if o not in section)
    assert not missing, f"docs/command-line.md, `eventcoder {name}`: {missing} not documented"


def test_links_in_readme_and_docs_point_to_files():
    pages = [ROOT / "README.md", *DOCS.glob("*.md")]
    for page in pages:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name}: broken link {target}"


def test_readme_is_a_front_door():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 170
    assert not any(re.search(r"\bissue \d+|\bcommit [0-9a-f]{7}", line) for line in lines)
