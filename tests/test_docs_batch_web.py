"""docs/batch-and-web.md lists what the code does: the filters, the export columns, the API."""

from __future__ import annotations

import re
from pathlib import Path

from eventcoder.export import COLUMNS, snake
from eventcoder.export.formats import TYPED
from eventcoder.serve import create_app
from eventcoder.store.filters import VOCABULARY

DOC = Path(__file__).resolve().parents[1] / "docs" / "batch-and-web.md"


def _section(title: str) -> list[list[str]]:
    """The rows of the first table under the heading ``title`` (cells stripped of backticks)."""
    text = DOC.read_text(encoding="utf-8")
    body = text.split(f"\n{title}\n", 1)[1]
    rows = []
    for line in body.splitlines():
        if line.startswith("|"):
            rows.append([c.strip().strip("`") for c in line.strip().strip("|").split("|")])
        elif rows:
            break
    return rows[2:]  # no header, no rule


def test_the_filter_table_is_the_vocabulary():
    rows = _section("## Filters")
    assert [r[0] for r in rows] == [s.name for s in VOCABULARY]
    for row, spec in zip(rows, VOCABULARY, strict=True):
        options = {o.strip().strip("`") for o in row[1].split(",")}
        assert options == {spec.option, *spec.aliases}, spec.name
        assert (row[2] == "yes") == spec.multiple, spec.name


def test_the_column_table_is_the_export_columns():
    rows = _section("The columns, in order (TSV name, CSV and Parquet name, Parquet type):")
    expected = [[c, snake(c), TYPED.get(c, "string")] for c in COLUMNS]
    assert rows == expected


def test_the_endpoint_table_is_the_api():
    spec = create_app(None).openapi()
    served = {(method.upper(), path) for path, ops in spec["paths"].items() for method in ops}
    rows = _section("## REST API")
    assert {(r[0], r[1]) for r in rows} == served
    names = {s.name for s in VOCABULARY}
    for method, path, _what, filters in rows:
        params = {p["name"] for p in spec["paths"][path][method.lower()].get("parameters", [])}
        assert (filters == "yes") == (names <= params), path
    assert re.search(r"`--api-key`", DOC.read_text(encoding="utf-8"))
