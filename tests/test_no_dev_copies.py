"""No sentence of the development sets is copied or paraphrased into the project.

``plv_train.csv`` and GeoWebNews (``../shared/reference``) may be read to find errors, never
copied: this scans the project's sentences (training rows, benchmark and test data, string
literals in tests and scripts, docs, the data yaml files, examples) with ``tests/dev_overlap.py``
and lists every one whose nearest development sentence scores over the threshold. The scan
skips without ``../shared``; the detector's own tests run on invented sentences everywhere.
"""

from __future__ import annotations

import pytest

from . import dev_overlap
from .dev_overlap import DevIndex, project_sentences, scan

# Invented sentences: a "development" sentence, a copy with its names stripped and a clause
# cut, one with its words swapped for synonyms, and generic news phrasing on the same topic.
DEV = [
    ("dev", "The Ruritanian navy has agreed to let Fredonian aid ships dock at Port Zenda."),
    (
        "dev",
        "Mayor Ilsa Varn on Friday promised to rebuild the flooded Kessel market before the "
        "winter festival, her office said.",
    ),
    ("dev", "Police in Zenda arrested six men on Tuesday after a brawl outside a bar."),
]


def best(sentence: str) -> float:
    match = DevIndex(DEV).best("ours", sentence)
    return 0.0 if match is None else match.score


def test_a_name_stripped_copy_scores_over_the_threshold():
    assert best("The navy agreed to let aid ships dock at the port.") >= dev_overlap.THRESHOLD
    assert (
        best("The mayor promised to rebuild the flooded market before the festival.")
        >= dev_overlap.THRESHOLD
    )


def test_generic_phrasing_on_the_same_topic_stays_under_it():
    assert best("Police arrested three protesters in the capital on Monday.") < 0.3
    assert best("The navy held exercises off the coast for a week.") < 0.3
    assert best("The council voted to rebuild the old bridge.") < dev_overlap.THRESHOLD


def test_swapped_synonyms_and_spelling_do_not_hide_a_copy():
    # "apologise"/"apologize", "rang"/"called", "halted"/"stopped" read as one word
    assert dev_overlap.tokens("rang apologise halted") == dev_overlap.tokens(
        "called apologize stopped"
    )


def test_the_scan_reads_training_rows_test_literals_docs_and_yaml():
    files = {f for f, _ in project_sentences()}
    for wanted in (
        "src/eventcoder/data/training/news_diplomacy.csv",
        "tests/test_roles.py",
        "docs/roles.md",
        "src/eventcoder/data/triggers.yaml",
        "benchmarks/data/heldout_sentences.csv",
    ):
        assert wanted in files
    assert "tests/dev_overlap.py" not in files  # its docstring quotes phrase patterns


def test_no_project_sentence_copies_a_development_sentence():
    if not dev_overlap.PLV.exists() or not dev_overlap.GEO.exists():
        pytest.skip(
            "../shared/reference (plv_train.csv, GeoWebNews.xml) is not beside this checkout"
        )
    found = [m for m in scan() if m.sentence not in dev_overlap.REVIEWED]
    assert not found, "sentences too close to a development sentence (rewrite them):\n" + "\n".join(
        str(m) for m in found
    )


def test_every_reviewed_sentence_is_still_in_the_project():
    """The list of sentences read and judged no copy holds only sentences still there."""
    sentences = {s for _, s in project_sentences()}
    assert sorted(set(dev_overlap.REVIEWED) - sentences) == []


def test_a_planted_copy_is_found(tmp_path):
    """End to end: a development sentence (read at run time, never stored) put into a docs
    page of a scratch tree, and the same with its first words cut, are both reported."""
    dev = [s for origin, s in dev_overlap.dev_sentences() if origin == "plv_train"]
    if not dev:
        pytest.skip("../shared/reference/plv/plv_train.csv is not beside this checkout")
    sentence = max(dev[:50], key=len)
    cut = " ".join(sentence.split()[3:])
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(f"{sentence}\n\n{cut}\n", encoding="utf-8")
    found = {m.sentence for m in scan(tmp_path)}
    assert sentence in found and cut in found
