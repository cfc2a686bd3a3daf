"""Two writers of one store at once (issue 15, cases 5 and 10): on PostgreSQL two ``ingest``
runs of the same corpus both finish and every article is stored exactly once; one text posted
or ingested by two processes at once is coded once (exactly once by content hash); DuckDB
keeps its clear lock error for a second process."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventcoder.ingest import ingest
from eventcoder.store import open_store

from .news_corpus import write_corpus
from .stores import fresh_target

KEY = "s3cret-key-123"


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
            (dup_events,) = store.fetchall("SELECT count(*) - count(DISTINCT id) FROM events")[0]
            assert dup_events == 0
        # both runs finished; between them each article was written once
        assert sum(s.new for s in summaries) >= alone.new
        assert all(not s.interrupted for s in summaries)


class _SlowCoder(_SharedCoder):
    """One article at a time, each taking a while: the window in which two writers that do
    not wait for each other would both find the story new and both code it."""

    def code_article(self, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            time.sleep(0.3)
            return self._coder.code_article(*args, **kwargs)


@pytest.mark.postgres
def test_two_servers_posting_one_story_code_it_once(tmp_path, coder):
    """Two API processes (two apps, two connections) on one PostgreSQL store, ten posts of
    one text with different ids between them: one coded article, nine linked to it (posts
    of one text take an advisory lock on its content hash)."""
    from eventcoder.serve import create_app

    from .news_corpus import PROTEST

    slow = _SlowCoder(coder)
    for target in fresh_target("postgresql", tmp_path):
        stores = [open_store(target), open_store(target)]
        try:
            clients = [
                TestClient(create_app(s, api_key=KEY, coder_factory=lambda **kw: slow, queue=10))
                for s in stores
            ]

            def post(i: int, clients: list = clients) -> Any:
                body = {"id": f"wire-{i}", "text": PROTEST, "date": "2019-10-04"}
                return clients[i % 2].post("/api/articles", json=body, headers={"X-API-Key": KEY})

            with ThreadPoolExecutor(10) as pool:
                answers = list(pool.map(post, range(10)))
            assert [a.status_code for a in answers] == [201] * 10, [a.text for a in answers]
            heads = [a.json()["id"] for a in answers if a.json()["duplicate_of"] is None]
            assert len(heads) == 1
            assert {a.json()["duplicate_of"] for a in answers} == {None, heads[0]}
            _assert_one_story(stores[0], heads[0], 10)
        finally:
            for s in stores:
                s.close()


@pytest.mark.postgres
def test_two_writers_racing_past_the_duplicate_check_store_one_coded_article(tmp_path, coder):
    """Two ingest processes (two sessions, two connections) that both found a text new and
    both coded it: the unique index on coded articles' content hash lets one write it coded;
    the other is stored as an exact duplicate linked to it, its events not written."""
    from eventcoder.ingest import IngestSession, Known, ingest_one
    from eventcoder.ingest.readers import Draft
    from eventcoder.ingest.writer import StoreWriter

    from .news_corpus import PROTEST

    barrier = threading.Barrier(2)

    class _Together(_SharedCoder):  # both have passed the duplicate check before coding
        def code_article(self, *args: Any, **kwargs: Any) -> Any:
            barrier.wait(timeout=60)
            return super().code_article(*args, **kwargs)

    together = _Together(coder)
    for target in fresh_target("postgresql", tmp_path):
        stores = [open_store(target), open_store(target)]
        try:

            def run(i: int, stores: list = stores) -> Any:
                store = stores[i]
                session = IngestSession(
                    store, StoreWriter(threaded=False, linger=0), Known.load(store, 0.8),
                    lambda: together, live=True,
                )  # fmt: skip
                draft = Draft(origin="race", id=f"race-{i}", text=PROTEST, date="2019-10-04")
                return ingest_one(draft, session)

            with ThreadPoolExecutor(2) as pool:
                outcomes = list(pool.map(run, range(2)))
            assert [o.kind for o in outcomes] == ["coded", "coded"]  # both coded it...
            (head,) = stores[0].fetchall(
                "SELECT id FROM articles WHERE n_events IS NOT NULL AND id LIKE ?", ["race-%"]
            )[0]
            _assert_one_story(stores[0], head, 2)  # ...one was stored coded
        finally:
            for s in stores:
                s.close()


def _assert_one_story(store: Any, head: str, copies: int) -> None:
    rows = store.fetchall(
        "SELECT id, cluster_id, duplicate_kind, n_events, reports FROM articles ORDER BY id"
    )
    assert len(rows) == copies
    coded = [r for r in rows if r[3] is not None]
    assert [r[0] for r in coded] == [head] and coded[0][3] > 0 and coded[0][4] == copies
    assert {(r[1], r[2]) for r in rows if r[0] != head} == {(head, "exact")}
    (docs,) = store.fetchall("SELECT count(DISTINCT doc_id) FROM events")[0]
    assert docs == 1
