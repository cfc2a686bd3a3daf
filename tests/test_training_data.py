"""The project's training sentences (``data/training/*.csv``) are well formed: every label a
PLOVER type or NONE, every role span an exact substring of its sentence, no sentence twice,
and the role-labelled news files (``news_*.csv``, ``news2_*.csv``, ``news3_*.csv``) found by
``project_data_files()``."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from eventcoder.learn.train import load_training, project_data_files
from eventcoder.ontology import PLOVER_TYPES

LABELS = set(PLOVER_TYPES) | {"NONE"}


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def span_files() -> list[Path]:
    return [p for p in project_data_files() if p.name.startswith(("news_", "news2_", "news3_"))]


def test_the_news_files_are_training_data():
    names = {p.name for p in span_files()}
    assert {"news2_conflict.csv", "news2_legal.csv", "news2_diplomacy.csv",
            "news2_yield_aid.csv", "news2_none.csv"} <= names  # fmt: skip
    items = load_training(span_files())
    assert sum(1 for i in items if i.source_span or i.target_span) >= 500


@pytest.mark.parametrize("path", span_files(), ids=lambda p: p.name)
def test_every_span_is_in_its_sentence_and_every_label_known(path: Path):
    found = rows(path)
    assert found and list(found[0]) == ["text", "label", "mode", "source", "target"]
    for n, row in enumerate(found, start=2):
        assert row["label"] in LABELS, f"{path.name}:{n}: label {row['label']!r}"
        for role in ("source", "target"):
            span = row[role]
            assert span == span.strip(), f"{path.name}:{n}: {role} has spaces around it"
            assert span in row["text"], f"{path.name}:{n}: {role} {span!r} not in the text"
        if row["label"] == "NONE":
            assert not row["source"] and not row["target"], f"{path.name}:{n}: NONE with roles"


def test_no_sentence_is_in_two_files():
    seen: dict[str, str] = {}
    for path in project_data_files():
        for row in rows(path):
            assert row["text"] not in seen, (
                f"{row['text']!r} in {seen.get(row['text'])} and {path.name}"
            )
            seen[row["text"]] = path.name
