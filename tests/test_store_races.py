"""Two writers of one store at once (issue 15, case 10): on PostgreSQL two ``ingest`` runs of
the same corpus both finish and every article is stored exactly once; DuckDB keeps its clear
lock error for a second process."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from eventcoder.ingest import ingest
from eventcoder.store import open_store

from .news_corpus import write_corpus
from .stores import fresh_target


class _SharedCoder:
    """One coder for two threads: coding one article at a time (the runs still interleave)."""

    def __init__(self, coder: Any) -> None:
        self._coder = coder
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._coder, name)

    def code_article(self, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return self._coder.code_article(*args, **kwargs)


@pytest.mark.postgres
def test_two_ingests_into_one_postgresql_store_store_each_article_once(tmp_path, coder):
    corpus = write_corpus(tmp_path / "corpus")
    shared = _SharedCoder(coder)
    with open_store(str(tmp_path / "alone.duckdb")) as reference:  # one run alone
        alone = ingest([corpus], reference, coder=coder)
        expected = reference.counts()
        ids = sorted(r[0] for r in reference.fetchall("SELECT id FROM articles"))
    for target in fresh_target("postgresql", tmp_path):  # a new schema: both runs create it
        barrier = threading.Barrier(2)

        def run(_: int, barrier: threading.Barrier = barrier, target: str = target) -> Any:
            barrier.wait(timeout=60)  # both open (and create) the store at once
            with open_store(target) as store:
                return ingest([corpus], store, coder=shared)

        with ThreadPoolExecutor(2) as pool:
            summaries = list(pool.map(run, range(2)))
        with open_store(target) as store:
            rows = store.fetchall("SELECT id, count(*) FROM articles GROUP BY id ORDER BY id")
            assert [r[0] for r in rows] == ids and {r[1] for r in rows} == {1}
            counts = store.counts()
            assert counts["articles"] == expected["articles"]
            assert counts["events"] == expected["events"] > 0
            (dup_events,) = store.fetchall(
                "SELECT count(*) - count(DISTINCT id) FROM events"
            )[0]
            assert dup_events == 0
        # both runs finished; between them each article was written once
        assert sum(s.new for s in summaries) >= alone.new
        assert all(not s.interrupted for s in summaries)
