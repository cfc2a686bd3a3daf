"""The coder's output is locked (``tests/data/coder_lock.json``): a refactoring that should
change nothing must leave every record's output byte-identical. After a deliberate change,
rewrite the lock with ``python scripts/lock_coder_output.py --update`` (docs/extending.md)."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from .conftest import ROOT, need_shared

pytestmark = pytest.mark.slow


def _lock_module():
    path = ROOT / "scripts" / "lock_coder_output.py"
    spec = importlib.util.spec_from_file_location("lock_coder_output", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


LOCK = _lock_module()


def _check(coder, names: tuple[str, ...]) -> None:
    old = LOCK.load_lock()
    for name in names:
        assert old.get(name), f"{name} missing from {LOCK.LOCK}: run the script with --update"
    new, _ = LOCK.compute(coder, names)
    changes = LOCK.diff(old, new)
    assert not changes, (
        "the coder's output changed (run scripts/lock_coder_output.py --update if deliberate):\n"
        + "\n".join(changes)
    )


def test_shipped_inputs_code_as_locked(coded_once):
    # the session coder, each article coded once a session (the held-out accuracy test in
    # tests/test_evaluate.py reads the same held-out sentences)
    _check(coded_once, LOCK.SHIPPED)


def test_plover_gold_codes_as_locked(coded_once):
    need_shared(LOCK.PLOVER_GOLD)
    _check(coded_once, LOCK.SHARED)


def test_diff_names_the_changed_record_and_events():
    old = {"s": {"a": {"sha256": "1", "events": ["PROTEST x"]}, "b": {"sha256": "2", "events": []}}}
    new = {"s": {"a": {"sha256": "3", "events": ["ASSAULT y"]}, "b": {"sha256": "2", "events": []}}}
    assert LOCK.diff(old, new) == ["s/a:", "  - PROTEST x", "  + ASSAULT y"]
    new["s"]["b"] = {"sha256": "4", "events": []}
    assert LOCK.diff(old, new)[-1] == "s/b: same events, other fields changed (see --jsonl)"
