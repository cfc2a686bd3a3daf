"""The API's coding slots (issue 15, case 8): one long coding request never makes readers or
other coders wait; a full queue is a 503 with Retry-After at once; a request over the time
budget is a 422 and its worker is killed and replaced. Ordering is asserted, not wall-clock
thresholds: the long request is a stage that never ends (``test_sleepy``), so the short
requests finish first whatever the load on the machine."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future

import pytest
from fastapi.testclient import TestClient

from eventcoder.serve import create_app
from eventcoder.serve.sample import build_sample_store, sample_articles
from eventcoder.store import open_store
from eventcoder.worker import WORKER_CODERS, coder_for

from .test_budget import SLEEPY, STALL, _ForkedPool
from .test_parallel import _articles

KEY = "s3cret-key-123"
BUDGET = 15.0


def _in_thread(fn) -> Future:
    done: Future = Future()

    def run() -> None:
        try:
            done.set_result(fn())
        except BaseException as exc:  # handed to the test
            done.set_exception(exc)

    threading.Thread(target=run, daemon=True).start()
    return done


def _until(condition, what: str, limit: float = 120.0) -> None:
    """Wait for a state of the server (not a timing assertion: the limit only stops a hang)."""
    end = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < end, f"never happened: {what}"
        time.sleep(0.02)


@pytest.mark.slow
def test_a_long_request_never_makes_readers_or_other_coders_wait(tmp_path, coded_once, monkeypatch):
    options = {**SLEEPY, "include_unrealised": False, "time_budget": BUDGET}
    coder_for(options).code_article(_articles(1)[0])  # loaded here, lent to forked workers
    monkeypatch.setattr("eventcoder.parallel.CodingPool", _ForkedPool)
    store = open_store(str(tmp_path / "s.duckdb"))
    build_sample_store(store, coded_once, sample_articles(2), duplicate=False)
    app = create_app(
        store, api_key=KEY, coders=2, queue=1, time_budget=BUDGET, coder_options=SLEEPY
    )
    service = app.state.service
    short = [a.text for a in _articles(4)]
    try:
        with TestClient(app, raise_server_exceptions=False) as c:
            assert c.post("/api/code", json={"text": short[0]}).status_code == 200  # warm
            pool = service._pools[False]
            long = _in_thread(lambda: c.post("/api/code", json={"text": f"{short[1]} {STALL}"}))
            _until(lambda: len(pool._busy) == 1, "the long request is being coded")
            # other coders and readers are answered while it is coded
            for text in short[1:]:
                answer = c.post("/api/code", json={"text": text})
                assert answer.status_code == 200 and answer.json()["events"], answer.text
                assert not long.done()
            for url in ("/api/events?limit=5", "/api/overview", "/api/articles?limit=5"):
                assert c.get(url).status_code == 200, url
                assert not long.done()
            # both coders stuck (a long post and a long article), one short request queued:
            # the next is told to come back, at once
            stuck = _in_thread(
                lambda: c.post(
                    "/api/articles", json={"id": "stuck", "text": f"{short[2]} {STALL}"},
                    headers={"X-API-Key": KEY},
                )
            )  # fmt: skip
            _until(lambda: len(pool._busy) == 2, "both coders are busy")
            queued = _in_thread(lambda: c.post("/api/code", json={"text": short[3]}))
            _until(lambda: service._admitted == 3, "the short request waits in the queue")
            busy = c.post("/api/code", json={"text": short[0]})
            assert busy.status_code == 503 and busy.headers["Retry-After"].isdigit()
            assert "busy" in busy.json()["detail"]
            assert c.get("/api/overview").status_code == 200  # readers still answered
            assert not long.done() and not queued.done()
            # over the budget: the workers are killed and replaced, the requests get a 422
            over = long.result(timeout=300)
            assert over.status_code == 422 and "time budget" in over.json()["detail"]
            skipped = stuck.result(timeout=300)
            assert skipped.status_code == 422 and "time budget" in skipped.json()["detail"]
            assert queued.result(timeout=300).status_code == 200  # coded by a new worker
            assert pool.stopped == 2 and len(pool._idle) == 2
            assert c.post("/api/code", json={"text": short[0]}).status_code == 200
            (logged,) = store.fetchall(
                "SELECT kind, error FROM ingest_errors WHERE article_id = 'stuck'"
            )
            assert logged[0] == "skipped" and "time budget" in logged[1]
    finally:
        service.close()
        store.close()
        WORKER_CODERS.clear()
